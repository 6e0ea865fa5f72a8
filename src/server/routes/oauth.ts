/**
 * @module server/routes/oauth
 * The third-party channel's authorisation server, on Enedis Data Connect's paths so that existing clients only change
 * their base URL: the household is sent to `/dataconnect/v1/oauth2/authorize`, which checks the client and its
 * redirect URI (never redirecting to one that is not registered) and opens the consent screen of the dashboard; the
 * screen reads and answers `/api/oauth/authorization` with the household's session; the client then uses
 * `POST /oauth2/v3/token` (authorisation code with PKCE, or client credentials) and `POST /oauth2/v3/revoke`.
 * Client credentials are accepted in HTTP Basic, the form body or the query string, as Enedis clients send them.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import fastifyFormbody from '@fastify/formbody';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { CourantError, isCourantError, type ErrorCode } from '../../core/errors.ts';
import { PURPOSES, isPurpose } from '../../consent/model.ts';
import { revealsOf, stepWords } from '../../consent/notices.ts';
import { PROTECTED_STEP_WORDS, protectedReveals, protectionOf } from '../../consent/protection.ts';
import type { Prm } from '../../core/prm.ts';
import { ownMonthlyWh, protectedPreview } from '../../use-cases/protected-preview.ts';
import { AUTHORIZE_PARAMS, type AuthorizeRequest } from '../../oauth/authorize.ts';
import type { Hub } from '../../use-cases/hub.ts';
import type { PresentedCredentials } from '../../use-cases/oauth/oauth-service.ts';
import { oauthResponses as answer } from '../contract/oauth.ts';
import { validationError } from '../errors.ts';
import { authOf } from '../auth/auth-plugin.ts';
import { lang } from '../schemas.ts';

/** RFC 6749 error names of the catalogue codes these endpoints raise. */
const OAUTH_NAMES: Partial<Record<ErrorCode, string>> = {
  OAUTH_INVALID_REQUEST: 'invalid_request',
  OAUTH_INVALID_CLIENT: 'invalid_client',
  OAUTH_INVALID_GRANT: 'invalid_grant',
  OAUTH_UNSUPPORTED_GRANT_TYPE: 'unsupported_grant_type',
  INPUT_INVALID: 'invalid_request',
  HTTP_BAD_REQUEST: 'invalid_request',
  HTTP_BODY_TOO_LARGE: 'invalid_request',
};

const authorizeQuery = z.strictObject(
  Object.fromEntries(AUTHORIZE_PARAMS.map((k) => [k, z.string().max(2048).optional()])) as Record<
    (typeof AUTHORIZE_PARAMS)[number],
    z.ZodOptional<z.ZodString>
  >,
);
const field = z.string().max(4096).optional();
/** Token and revocation parameters (RFC 6749 §4.1.3, §4.4.2; RFC 7009 §2.1), anywhere a client may put them. */
const tokenParams = z.strictObject({
  grant_type: field,
  code: field,
  code_verifier: field,
  redirect_uri: field,
  client_id: field,
  client_secret: field,
  scope: field,
  token: field,
  token_type_hint: field,
});

function basicOf(req: FastifyRequest): PresentedCredentials['basic'] {
  const m = /^Basic ([A-Za-z0-9+/=]+)$/i.exec(req.headers.authorization ?? '');
  if (!m) return undefined;
  const raw = Buffer.from(m[1]!, 'base64').toString('utf8');
  const i = raw.indexOf(':');
  if (i < 0) return undefined;
  // RFC 6749 §2.3.1: both parts are form-urlencoded before base64
  const dec = (s: string) => {
    try {
      return decodeURIComponent(s.replace(/\+/g, ' '));
    } catch {
      return s;
    }
  };
  return { id: dec(raw.slice(0, i)), secret: dec(raw.slice(i + 1)) };
}

const credentials = (req: FastifyRequest): PresentedCredentials => ({
  basic: basicOf(req),
  body: (req.body as Record<string, unknown> | null | undefined) ?? {},
  query: (req.query as Record<string, unknown> | undefined) ?? {},
});

/** The household behind a session (the consent screen is the household's own decision, never the CLI's token). */
function household(req: FastifyRequest) {
  const a = authOf(req);
  if (a.via !== 'session' || a.actor.kind !== 'household')
    throw new CourantError('AUTH_FORBIDDEN', 'only a household, signed in, answers a consent request');
  return a.actor;
}

export async function oauthRoutes(api: FastifyInstance, hub: Hub): Promise<void> {
  const oauth = hub.consent.oauth;
  const log = hub.log.child('oauth');

  // The Enedis-compatible endpoints: their own scope, form bodies and RFC 6749 error bodies.
  await api.register(async function enedisOAuth(scope) {
    await scope.register(fastifyFormbody, { bodyLimit: 16_384 });
    scope.setErrorHandler((err, req, reply) => {
      const e = isCourantError(err)
        ? err
        : (err as { validation?: unknown }).validation
          ? validationError(err as never)
          : new CourantError('HTTP_BAD_REQUEST', (err as Error).message);
      const name = OAUTH_NAMES[e.code];
      log.warn(`${req.method} ${req.url.split('?')[0]} from ${req.ip}: ${e.code}`);
      if (!name) {
        log.error(`${req.method} ${req.url.split('?')[0]}: ${e.code} ${e.message}`);
        return reply
          .status(500)
          .send({ error: 'server_error', error_description: 'internal error (logged on the hub)' });
      }
      if (name === 'invalid_client' && basicOf(req)) reply.header('www-authenticate', 'Basic realm="courant"');
      return reply.status(e.status).send({ error: name, error_description: e.message });
    });
    const app = scope.withTypeProvider<ZodTypeProvider>();

    app.get(
      '/dataconnect/v1/oauth2/authorize',
      { config: { public: true }, schema: { querystring: authorizeQuery, response: answer.authorize } },
      async (req, reply) => {
        await oauth.clients.refresh(); // registrations made on another hub instance sharing the database
        const r = oauth.request(req.query);
        if ('kind' in r && r.kind === 'page') {
          // never redirect to a URI that is not registered: the household's own page says what went wrong
          log.warn(`authorisation request refused on the page: ${r.error}`);
          return reply.redirect(`/#/authorize?error=${encodeURIComponent(r.error)}`, 302);
        }
        if ('kind' in r) {
          const back = new URL(r.redirectUri);
          back.searchParams.set('error', r.error);
          back.searchParams.set('error_description', r.description);
          if (r.state !== undefined) back.searchParams.set('state', r.state);
          return reply.redirect(back.toString(), 302);
        }
        const q = new URLSearchParams(req.query as Record<string, string>).toString();
        return reply.redirect(`/#/authorize?${q}`, 302);
      },
    );

    app.post(
      '/oauth2/v3/token',
      {
        config: { public: true },
        schema: { querystring: tokenParams, body: tokenParams.nullish(), response: answer.token },
      },
      async (_req, reply) => {
        reply.header('cache-control', 'no-store').header('pragma', 'no-cache');
        return oauth.token(credentials(_req));
      },
    );

    app.post(
      '/oauth2/v3/revoke',
      {
        config: { public: true },
        schema: { querystring: tokenParams, body: tokenParams.nullish(), response: answer.revoke },
      },
      async (req) => {
        const c = credentials(req);
        await oauth.revoke(c, c.body.token ?? c.query.token);
        return {};
      },
    );
  });

  const app = api.withTypeProvider<ZodTypeProvider>();
  const request = async (q: Record<string, string | undefined>): Promise<AuthorizeRequest> => {
    await oauth.clients.refresh(); // registrations made on another hub instance sharing the database
    const r = oauth.request(q);
    if ('kind' in r) throw new CourantError('OAUTH_INVALID_REQUEST', `authorisation request: ${r.description}`);
    return r;
  };

  app.get(
    '/api/oauth/authorization',
    { schema: { querystring: authorizeQuery.extend({ lang: lang.optional() }), response: answer.screen } },
    async (req) => {
      const actor = household(req);
      const { lang: l = 'fr', ...params } = req.query;
      const s = await oauth.screen(actor, await request(params), l);
      // the household's own monthly consumption, for the bill cost of a protected box (its first usage point)
      const prm = s.prms[0] as Prm | undefined;
      const monthly =
        prm && s.boxes.some((b) => b.protection)
          ? await ownMonthlyWh(hub.store, prm, hub.consent.ledger.clock.now())
          : undefined;
      return {
        ...s,
        expiresAt: new Date(s.expiresAt).toISOString(),
        boxes: s.boxes.map((b) => {
          const p = b.protection ? protectionOf(b.protection) : undefined;
          const preview = p ? protectedPreview(p, monthly, l) : undefined;
          return {
            key: b.key,
            purpose: b.purpose,
            purposeText: isPurpose(b.purpose) ? PURPOSES[b.purpose][l] : b.purpose,
            step: b.step,
            stepText: p ? PROTECTED_STEP_WORDS[l] : stepWords(b.step, l),
            reveals: p ? protectedReveals(p)[l] : revealsOf(b.step)[l],
            categories: b.categories,
            text: b.text,
            ...(p && preview ? { protection: p.level, preview: { reveals: preview.reveals, bill: preview.bill } } : {}),
          };
        }),
      };
    },
  );

  app.post(
    '/api/oauth/authorization',
    {
      schema: {
        querystring: z.strictObject({}),
        body: z.strictObject({
          request: authorizeQuery,
          decision: z.enum(['grant', 'deny']),
          /** Which of the household's usage points to share (default its first); the ledger refuses any other. */
          usagePoint: z.string().optional(),
          ticked: z.array(z.string().max(100)).max(50).default([]),
          lang: lang.default('fr'),
        }),
        response: answer.decision,
      },
    },
    async (req) => {
      const actor = household(req);
      const r = await request(req.body.request);
      if (req.body.decision === 'deny') return { redirect: oauth.deny(r), consentIds: [] };
      await hub.consent.ledger.catchUp(); // the usage points it occupies, as recorded on any hub instance
      const prm = req.body.usagePoint ?? hub.consent.ledger.state.prmsOf(actor.id)[0];
      if (!prm) throw new CourantError('CONSENT_NOT_SUBJECT', 'you occupy no usage point to share');
      return oauth.grant(actor, r, { prm, ticked: req.body.ticked, lang: req.body.lang });
    },
  );
}
