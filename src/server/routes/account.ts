/**
 * Accounts at the HTTP edge: first-start set-up, login/logout, who am I, rectification, password change.
 * `GET /api/auth/state`, `POST /api/auth/setup`, `POST /api/auth/login` are public; the rest needs a session.
 */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { emptyBody, noQuery } from '../schemas.ts';
import { accountResponses as answer } from '../contract/account.ts';
import { CourantError } from '../../core/errors.ts';
import type { Hub } from '../../use-cases/hub.ts';
import { authOf, clearSessionCookie, SESSION_COOKIE, setSessionCookie } from '../auth/auth-plugin.ts';
import { checkSetupToken, setupOwner } from '../auth/setup.ts';

const PUBLIC = { config: { public: true } };
const text = z.string().optional();
const setupBody = z.strictObject({ token: text, username: text, password: text, displayName: text, email: text });
const loginBody = z.strictObject({ username: text, password: text });

export async function accountRoutes(root: FastifyInstance, hub: Hub): Promise<void> {
  const app = root.withTypeProvider<ZodTypeProvider>();
  const accounts = hub.consent.accounts;

  // Public: lets the dashboard choose between set-up, login and the secure space without a 401 in the console.
  app.get('/api/auth/state', { ...PUBLIC, schema: { querystring: noQuery, response: answer.state } }, async (req) => {
    const authenticated = await accounts.authenticate(req.cookies[SESSION_COOKIE]).then(
      () => true,
      () => false,
    );
    return { setupNeeded: await accounts.needsSetup(), authenticated };
  });

  app.post(
    '/api/auth/setup',
    { ...PUBLIC, schema: { querystring: noQuery, body: setupBody, response: answer.setup } },
    async (req, reply) => {
      const b = req.body;
      if (!(await accounts.needsSetup())) throw new CourantError('AUTH_SETUP_DONE', 'the owner account already exists');
      checkSetupToken(hub, b.token);
      const { prms } = await setupOwner(hub, {
        username: b.username,
        password: b.password,
        displayName: b.displayName,
        email: b.email,
      });
      const login = await accounts.login(b.username, b.password, req.ip);
      setSessionCookie(req, reply, login.token);
      return reply.status(201).send({ actor: login.actor, csrf: login.csrf, usagePoints: prms });
    },
  );

  app.post(
    '/api/auth/login',
    { ...PUBLIC, schema: { querystring: noQuery, body: loginBody, response: answer.login } },
    async (req, reply) => {
      const b = req.body;
      const login = await accounts.login(b.username, b.password, req.ip);
      setSessionCookie(req, reply, login.token);
      return { actor: login.actor, csrf: login.csrf, expiresAt: new Date(login.expiresAt).toISOString() };
    },
  );

  app.post(
    '/api/auth/logout',
    { schema: { querystring: noQuery, body: emptyBody, response: answer.logout } },
    async (req, reply) => {
      const token = req.cookies[SESSION_COOKIE];
      if (token) await accounts.logout(token);
      clearSessionCookie(req, reply);
      return { ok: true };
    },
  );

  app.get('/api/auth/me', { schema: { querystring: noQuery, response: answer.me } }, async (req) => {
    const auth = authOf(req);
    const a = auth.session?.account;
    return {
      actor: auth.actor,
      via: auth.via,
      account: a
        ? {
            username: a.username,
            role: a.role,
            displayName: a.displayName,
            email: a.email,
            createdAt: new Date(a.createdAt).toISOString(),
          }
        : null,
      csrf: auth.session?.session.csrf ?? null,
      usagePoints: auth.actor.kind === 'household' ? hub.consent.ledger.state.prmsOf(auth.actor.id) : [],
    };
  });

  app.patch(
    '/api/account',
    {
      schema: {
        querystring: noQuery,
        body: z.strictObject({ displayName: text, email: z.string().nullable().optional() }),
        response: answer.rectify,
      },
    },
    async (req) => {
      const auth = authOf(req);
      if (!auth.session) return { ok: false as const };
      await accounts.rectify(auth.session, { displayName: req.body?.displayName, email: req.body?.email });
      const fresh = await accounts.authenticate(req.cookies[SESSION_COOKIE]);
      return { displayName: fresh.account.displayName, email: fresh.account.email };
    },
  );

  app.post(
    '/api/account/password',
    {
      schema: {
        querystring: noQuery,
        body: z.strictObject({ oldPassword: text, newPassword: text }),
        response: answer.password,
      },
    },
    async (req) => {
      const auth = authOf(req);
      if (auth.session) await accounts.changePassword(auth.session, req.body?.oldPassword, req.body?.newPassword);
      return { ok: true };
    },
  );
}
