/**
 * @module server/dataconnect-test-support
 * For tests and benches that drive a hub running in another process: the household signs in over HTTP, the operator
 * (the local token the hub wrote to `hub.json`) registers a client, the household grants it the 30-minute load curve
 * on its consent screen, and the client gets its bearer token. Everything goes through the hub's own routes.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { HUB_FILE } from '../backend/data-dir.ts';
import { authorizationCodeFlow, registerClient, type Registered, type Send } from './oauth-test-support.ts';

/** Session headers (cookie and CSRF token) of an account, signed in through `POST /api/auth/login`. */
export async function signInOver(
  send: Send,
  user: { username: string; password: string },
): Promise<Record<string, string>> {
  const r = await send({
    method: 'POST',
    url: '/api/auth/login',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: user.username, password: user.password }),
  });
  assert.equal(r.status, 200, r.text);
  const cookie = /courant_session=[^;,\s]+/.exec(String(r.headers['set-cookie']))?.[0];
  assert.ok(cookie, `a session cookie: ${String(r.headers['set-cookie'])}`);
  return { cookie, 'x-csrf-token': (JSON.parse(r.text) as { csrf: string }).csrf };
}

/** The local (operator) token of the hub whose data dir is `dataDir`, as it wrote it at start. */
export function localTokenOf(dataDir: string): Record<string, string> {
  const { token } = JSON.parse(readFileSync(join(dataDir, HUB_FILE), 'utf8')) as { token: string };
  return { authorization: `Bearer ${token}` };
}

/**
 * A client registered by the operator, granted the household's 30-minute load curve (personalised advice) through
 * the authorisation-code flow, and its access token.
 */
export async function loadCurveReader(
  send: Send,
  o: { dataDir: string; owner: { username: string; password: string }; clientId: string },
): Promise<{ client: Registered; accessToken: string }> {
  const client = await registerClient(send, localTokenOf(o.dataDir), { clientId: o.clientId, finestStep: 'PT30M' });
  const household = await signInOver(send, o.owner);
  const f = await authorizationCodeFlow(send, household, client, { steps: ['PT30M'] });
  return { client, accessToken: f.token.access_token };
}
