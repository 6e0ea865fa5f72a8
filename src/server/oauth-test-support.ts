/**
 * @module server/oauth-test-support
 * For tests: drive the third-party channel as a real client and household do, over any transport (`app.inject` or a
 * real socket): register a client as the operator, send the household through the authorisation request, tick boxes
 * on its consent screen, exchange the code with PKCE, or ask a client_credentials token.
 */
import assert from 'node:assert/strict';
import type { FastifyInstance } from 'fastify';
import { challengeOf } from '../oauth/pkce.ts';

export interface Sent {
  readonly status: number;
  readonly headers: Record<string, string | number | string[] | undefined>;
  readonly text: string;
}
/** One HTTP exchange; `url` is a path (with query) on the hub. */
export type Send = (o: {
  method: string;
  url: string;
  headers?: Record<string, string>;
  body?: string;
}) => Promise<Sent>;

export const injectSend =
  (app: FastifyInstance): Send =>
  async (o) => {
    const r = await app.inject({
      method: o.method as 'GET',
      url: o.url,
      headers: o.headers ?? {},
      ...(o.body !== undefined ? { payload: o.body } : {}),
    });
    return { status: r.statusCode, headers: r.headers, text: r.body };
  };

export const fetchSend =
  (origin: string): Send =>
  async (o) => {
    const r = await fetch(origin + o.url, {
      method: o.method,
      headers: o.headers ?? {},
      redirect: 'manual',
      ...(o.body !== undefined ? { body: o.body } : {}),
    });
    return { status: r.status, headers: Object.fromEntries(r.headers), text: await r.text() };
  };

export interface Registered {
  readonly clientId: string;
  readonly secret: string;
  readonly redirectUri: string;
}

/** Register a client as the operator (`operator` = headers of an operator session or the local token). */
export async function registerClient(
  send: Send,
  operator: Record<string, string>,
  o: { clientId: string; name?: string; purposes?: string[]; finestStep?: string; redirectUri?: string },
): Promise<Registered> {
  const redirectUri = o.redirectUri ?? `https://${o.clientId}.invalid/callback`;
  const r = await send({
    method: 'POST',
    url: '/api/admin/clients',
    headers: { ...operator, 'content-type': 'application/json' },
    body: JSON.stringify({
      clientId: o.clientId,
      name: o.name ?? 'Conseil Énergie Test',
      legalIdentity: 'Conseil Énergie Test SAS, SIRET 000 000 000 00000',
      contact: `dpo@${o.clientId}.invalid`,
      redirectUris: [redirectUri],
      purposes: o.purposes ?? ['personalised-advice'],
      finestStep: o.finestStep ?? 'PT30M',
      retentionMonths: 12,
    }),
  });
  assert.equal(r.status, 201, r.text);
  return { clientId: o.clientId, secret: (JSON.parse(r.text) as { secret: string }).secret, redirectUri };
}

export const basic = (c: Registered) =>
  `Basic ${Buffer.from(`${encodeURIComponent(c.clientId)}:${encodeURIComponent(c.secret)}`).toString('base64')}`;

/**
 * The whole authorisation-code flow: the household (its session headers, with CSRF) is sent to the authorisation
 * endpoint, reads the screen, ticks the boxes whose step is in `steps`, and the client exchanges the code with its PKCE
 * verifier. Returns the token answer, the redirect the client received and the consents written.
 */
export async function authorizationCodeFlow(
  send: Send,
  household: Record<string, string>,
  client: Registered,
  o: { steps: string[]; duration?: string; state?: string },
) {
  const verifier = 'v'.repeat(20) + globalThis.crypto.randomUUID() + 'x'.repeat(10);
  const params = new URLSearchParams({
    client_id: client.clientId,
    response_type: 'code',
    state: o.state ?? 'etat-42',
    duration: o.duration ?? 'P1Y',
    redirect_uri: client.redirectUri,
    code_challenge: await challengeOf(verifier),
    code_challenge_method: 'S256',
  });
  const a = await send({ method: 'GET', url: `/dataconnect/v1/oauth2/authorize?${params}` });
  assert.equal(a.status, 302, a.text);
  const screenQuery = String(a.headers.location).split('/#/authorize?')[1]!;
  assert.ok(screenQuery, `sent to the consent screen: ${String(a.headers.location)}`);
  const s = await send({ method: 'GET', url: `/api/oauth/authorization?${screenQuery}&lang=fr`, headers: household });
  assert.equal(s.status, 200, s.text);
  const screen = JSON.parse(s.text) as { boxes: { key: string; step: string }[]; prms: string[] };
  const ticked = screen.boxes.filter((b) => o.steps.includes(b.step)).map((b) => b.key);
  const request = Object.fromEntries(new URLSearchParams(screenQuery));
  const d = await send({
    method: 'POST',
    url: '/api/oauth/authorization',
    headers: { ...household, 'content-type': 'application/json' },
    body: JSON.stringify({ request, decision: 'grant', ticked, lang: 'fr' }),
  });
  assert.equal(d.status, 200, d.text);
  const decision = JSON.parse(d.text) as { redirect: string; consentIds: string[] };
  const back = new URL(decision.redirect);
  const code = back.searchParams.get('code');
  assert.ok(code, `the client got a code: ${decision.redirect}`);
  const t = await send({
    method: 'POST',
    url: '/oauth2/v3/token',
    headers: { authorization: basic(client), 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({
      grant_type: 'authorization_code',
      code,
      code_verifier: verifier,
      redirect_uri: client.redirectUri,
    }).toString(),
  });
  assert.equal(t.status, 200, t.text);
  return {
    token: JSON.parse(t.text) as { access_token: string; token_type: string; expires_in: number; scope: string },
    redirect: back,
    consentIds: decision.consentIds,
    code,
    verifier,
    screen,
  };
}

/** A client_credentials token, credentials in the query string and an empty form body (as Enedis clients send). */
export async function clientCredentials(send: Send, client: Registered) {
  const q = new URLSearchParams({ client_id: client.clientId, client_secret: client.secret });
  const t = await send({
    method: 'POST',
    url: `/oauth2/v3/token?${q}`,
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: 'grant_type=client_credentials',
  });
  return { status: t.status, body: JSON.parse(t.text) as Record<string, unknown> };
}
