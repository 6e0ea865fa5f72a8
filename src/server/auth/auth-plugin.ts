/**
 * @module server/auth/auth-plugin
 * Deny by default at the HTTP edge: every API route needs a session, except the routes declared with
 * `config: { public: true }` (health, login, set-up, public transparency report). The check is a hook of the scope
 * that holds the API routes (see app.ts), so it runs for every request that reaches one of them, whatever spelling of
 * the path the router accepted; it runs at `onRequest`, before any body is read or parsed. State-changing methods need
 * the session's CSRF token in `x-csrf-token`. The local CLI may instead present the per-start token of
 * `<data-dir>/hub.json` as `authorization: Bearer …`, from loopback only (see docs/security.md).
 *
 * Session cookie: httpOnly, SameSite=Strict, path /, Secure when the request came over https. Login and set-up take
 * JSON bodies only (no form parser on the API), so a cross-site form cannot post them (login CSRF).
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { CourantError } from '../../core/errors.ts';
import { sessionCookieOptions, timingSafeEqualStr } from '../../accounts/accounts.ts';
import type { Actor } from '../../consent/model.ts';
import type { Authenticated } from '../../use-cases/accounts/accounts-service.ts';
import type { Hub } from '../../use-cases/hub.ts';

export const SESSION_COOKIE = 'courant_session';
const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
const LOOPBACK = new Set(['127.0.0.1', '::1', '::ffff:127.0.0.1']);

/** Who is calling. `local`: the CLI's token; it acts as the owner household when there is one, else as installer. */
export interface RequestAuth {
  readonly actor: Actor;
  readonly via: 'session' | 'local';
  readonly session?: Authenticated;
}

declare module 'fastify' {
  interface FastifyRequest {
    auth?: RequestAuth;
  }
  interface FastifyContextConfig {
    public?: boolean;
  }
}

/** The installer actor of the local token before any account exists: it may read only unoccupied usage points. */
export const LOCAL_INSTALLER: Actor = Object.freeze({ kind: 'operator', id: 'local-installer' });

export function isPublic(req: FastifyRequest): boolean {
  return req.routeOptions.config?.public === true;
}

/** The owner household (first household account), when set up: the local token acts as it. Cached once found. */
const owners = new WeakMap<Hub, Actor>();
async function ownerActor(hub: Hub): Promise<Actor | null> {
  const known = owners.get(hub);
  if (known) return known;
  const owner = await hub.consent.accounts.owner();
  if (owner) owners.set(hub, owner);
  return owner;
}

async function authenticate(hub: Hub, req: FastifyRequest): Promise<RequestAuth> {
  const bearer = /^Bearer (\S+)$/.exec(req.headers.authorization ?? '')?.[1];
  if (bearer) {
    if (!timingSafeEqualStr(bearer, hub.localToken))
      throw new CourantError('AUTH_SESSION_INVALID', 'unknown API token');
    if (!LOOPBACK.has(req.socket.remoteAddress ?? ''))
      throw new CourantError('AUTH_LOCAL_ONLY', 'the local API token is accepted from the hub machine only');
    return { actor: (await ownerActor(hub)) ?? LOCAL_INSTALLER, via: 'local' };
  }
  const session = await hub.consent.accounts.authenticate(req.cookies[SESSION_COOKIE]);
  return { actor: session.actor, via: 'session', session };
}

/** preHandler for routes that need a session (the global hook already does it for every non-public /api/ route). */
export async function requireAuth(req: FastifyRequest): Promise<RequestAuth> {
  if (!req.auth) throw new CourantError('AUTH_SESSION_INVALID', 'not logged in');
  return req.auth;
}

export function authOf(req: FastifyRequest): RequestAuth {
  if (!req.auth) throw new CourantError('AUTH_SESSION_INVALID', 'not logged in');
  return req.auth;
}

export function setSessionCookie(req: FastifyRequest, reply: FastifyReply, token: string): void {
  reply.setCookie(SESSION_COOKIE, token, sessionCookieOptions(req.protocol === 'https'));
}

export function clearSessionCookie(req: FastifyRequest, reply: FastifyReply): void {
  reply.clearCookie(SESSION_COOKIE, { ...sessionCookieOptions(req.protocol === 'https'), maxAge: 0 });
}

/** Adds the authentication and CSRF hook to the scope holding the API routes (every route registered in it). */
export function authHooks(scope: FastifyInstance, hub: Hub): void {
  const log = hub.log.child('auth');
  scope.addHook('onRequest', async (req) => {
    if (isPublic(req)) return;
    try {
      req.auth = await authenticate(hub, req);
      if (UNSAFE.has(req.method) && req.auth.via === 'session')
        hub.consent.accounts.checkCsrf(req.auth.session!, req.headers['x-csrf-token']);
    } catch (e) {
      log.warn(`${req.method} ${req.url.split('?')[0]} from ${req.ip}: ${(e as { code?: string }).code ?? 'error'}`);
      throw e;
    }
  });
}
