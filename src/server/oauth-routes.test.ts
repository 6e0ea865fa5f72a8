// The third-party channel's authorisation server over HTTP: a client registered by the operator, a household that
// grants one box on its consent screen, the code exchanged with PKCE, client credentials sent as Enedis clients send
// them, and every way it must refuse: unknown redirect URI (never redirected to), replayed code, wrong verifier,
// revoked token, withdrawn consent.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { openSecurityHub, OWNER_PRM, type SecurityHub } from './test-hub.ts';
import {
  authorizationCodeFlow,
  basic,
  clientCredentials,
  injectSend,
  registerClient,
  type Registered,
  type Send,
} from './oauth-test-support.ts';

let h: SecurityHub;
let send: Send;
let client: Registered;

before(async () => {
  h = await openSecurityHub();
  send = injectSend(h.app);
  client = await registerClient(send, h.headers('local'), { clientId: 'ecowatt-conseil', finestStep: 'PT30M' });
});
after(() => h.close());

const form = (o: Record<string, string>) => new URLSearchParams(o).toString();

test('the operator registers a client; the secret is shown once and the list never shows it; bad input names the field', async () => {
  const list = await send({ method: 'GET', url: '/api/admin/clients', headers: h.headers('local') });
  assert.equal(list.status, 200);
  assert.ok(list.text.includes('ecowatt-conseil') && !list.text.includes(client.secret));
  const again = await send({
    method: 'POST',
    url: '/api/admin/clients',
    headers: { ...h.headers('local'), 'content-type': 'application/json' },
    body: JSON.stringify({
      clientId: 'ecowatt-conseil',
      name: 'x',
      legalIdentity: 'x',
      contact: 'x',
      redirectUris: ['https://x.invalid/cb'],
      purposes: ['personalised-advice'],
      retentionMonths: 12,
    }),
  });
  assert.equal(JSON.parse(again.text).error.code, 'CLIENT_EXISTS');
  const bad = await send({
    method: 'POST',
    url: '/api/admin/clients',
    headers: { ...h.headers('local'), 'content-type': 'application/json' },
    body: JSON.stringify({
      clientId: 'plain-http',
      name: 'x',
      legalIdentity: 'x',
      contact: 'x',
      redirectUris: ['http://example.org/cb'],
      purposes: ['personalised-advice'],
      retentionMonths: 12,
    }),
  });
  assert.equal(bad.status, 400);
  assert.match(JSON.parse(bad.text).error.message, /^client\.redirectUris: .*https/);
  for (const who of ['alice', 'recipient', 'none'] as const) {
    const r = await send({ method: 'GET', url: '/api/admin/clients', headers: h.headers(who) });
    assert.ok(r.status === 403 || r.status === 401, `${who}: ${r.status}`);
  }
});

test('code + PKCE: the household ticks one box, the client gets code, state and usage point, then a token bound to them', async () => {
  const f = await authorizationCodeFlow(send, h.headers('alice'), client, { steps: ['P1D'], state: 'abc' });
  assert.equal(f.redirect.origin + f.redirect.pathname, client.redirectUri);
  assert.equal(f.redirect.searchParams.get('state'), 'abc');
  assert.equal(f.redirect.searchParams.get('usage_point_id'), OWNER_PRM);
  assert.deepEqual(
    f.screen.boxes.map((b) => b.step),
    ['PT30M', 'P1D'],
    'only the steps this client may ask for, each its own box',
  );
  assert.equal(f.consentIds.length, 1);
  assert.equal(f.token.token_type, 'Bearer');
  assert.ok(f.token.expires_in > 0 && f.token.expires_in <= 3600);
  const claims = JSON.parse(Buffer.from(f.token.access_token.split('.')[1]!, 'base64url').toString()) as {
    sub: string[];
  };
  assert.deepEqual(claims.sub, [OWNER_PRM], 'the usage points are in the token, as conso-api tokens carry them');
  const caller = await h.hub.oauth.authenticate(f.token.access_token);
  assert.equal(caller.clientId, 'ecowatt-conseil');
  assert.deepEqual([...caller.prms!], [OWNER_PRM]);
  // the ledger holds the consent, naming the client, with a receipt
  const rec = h.hub.consent.ledger.state.consents.get(f.consentIds[0]!)!;
  assert.equal(rec.terms.recipient, 'ecowatt-conseil');
  assert.equal(rec.terms.step, 'P1D');

  // the code is single-use
  const replay = await send({
    method: 'POST',
    url: '/oauth2/v3/token',
    headers: { authorization: basic(client), 'content-type': 'application/x-www-form-urlencoded' },
    body: form({ grant_type: 'authorization_code', code: f.code, code_verifier: f.verifier }),
  });
  assert.equal(replay.status, 400);
  assert.equal(JSON.parse(replay.text).error, 'invalid_grant');

  // withdrawing in the secure space kills the token at the next request
  const w = await send({
    method: 'POST',
    url: `/api/consents/${f.consentIds[0]}/withdraw`,
    headers: { ...h.headers('alice'), 'content-type': 'application/json' },
    body: '{}',
  });
  assert.equal(w.status, 200, w.text);
  await assert.rejects(h.hub.oauth.authenticate(f.token.access_token), { code: 'OAUTH_TOKEN_INVALID' });
});

test('a wrong or missing PKCE verifier, another client or an expired code get invalid_grant; nothing is issued', async () => {
  const f = await authorizationCodeFlow(send, h.headers('alice'), client, { steps: ['P1D'] }).catch((e) => e);
  assert.ok(!(f instanceof Error), String(f));
  // a second flow, intercepting the code before the exchange
  const other = await registerClient(send, h.headers('local'), { clientId: 'autre-client' });
  const params = new URLSearchParams({
    client_id: client.clientId,
    response_type: 'code',
    state: 's',
    code_challenge: 'A'.repeat(43),
    code_challenge_method: 'S256',
  });
  const a = await send({ method: 'GET', url: `/dataconnect/v1/oauth2/authorize?${params}` });
  const q = String(a.headers.location).split('?')[1]!;
  const d = await send({
    method: 'POST',
    url: '/api/oauth/authorization',
    headers: { ...h.headers('alice'), 'content-type': 'application/json' },
    body: JSON.stringify({
      request: Object.fromEntries(new URLSearchParams(q)),
      decision: 'grant',
      ticked: ['personalised-advice:P1D'],
    }),
  });
  const code = new URL(JSON.parse(d.text).redirect).searchParams.get('code')!;
  for (const [why, headers, body] of [
    ['another client', basic(other), { grant_type: 'authorization_code', code, code_verifier: 'w'.repeat(43) }],
    ['no verifier', basic(client), { grant_type: 'authorization_code', code }],
    ['wrong verifier', basic(client), { grant_type: 'authorization_code', code, code_verifier: 'w'.repeat(43) }],
  ] as const) {
    const r = await send({
      method: 'POST',
      url: '/oauth2/v3/token',
      headers: { authorization: headers, 'content-type': 'application/x-www-form-urlencoded' },
      body: form(body),
    });
    assert.equal(r.status, 400, why);
    assert.equal(JSON.parse(r.text).error, 'invalid_grant', why);
  }
});

test('an unknown client or redirect URI is never redirected to; other errors go back to the client with state', async () => {
  const evil = new URLSearchParams({
    client_id: client.clientId,
    response_type: 'code',
    state: 's',
    redirect_uri: 'https://evil.invalid/cb',
  });
  const r1 = await send({ method: 'GET', url: `/dataconnect/v1/oauth2/authorize?${evil}` });
  assert.equal(r1.status, 302);
  assert.equal(r1.headers.location, '/#/authorize?error=invalid_redirect_uri');
  const unknown = await send({ method: 'GET', url: '/dataconnect/v1/oauth2/authorize?client_id=nobody&state=s' });
  assert.equal(unknown.headers.location, '/#/authorize?error=invalid_client');
  const long = new URLSearchParams({ client_id: client.clientId, response_type: 'code', state: 's', duration: 'P4Y' });
  const r2 = await send({ method: 'GET', url: `/dataconnect/v1/oauth2/authorize?${long}` });
  const back = new URL(String(r2.headers.location));
  assert.equal(back.origin + back.pathname, client.redirectUri);
  assert.equal(back.searchParams.get('error'), 'invalid_request');
  assert.equal(back.searchParams.get('state'), 's');
  const plain = new URLSearchParams({
    client_id: client.clientId,
    response_type: 'code',
    state: 's',
    code_challenge: 'abc',
    code_challenge_method: 'plain',
  });
  const r3 = await send({ method: 'GET', url: `/dataconnect/v1/oauth2/authorize?${plain}` });
  assert.equal(new URL(String(r3.headers.location)).searchParams.get('error'), 'invalid_request');
});

test('client credentials: query string + empty form body, form body or Basic; wrong secret is invalid_client; revoke works', async () => {
  const q = await clientCredentials(send, client);
  assert.equal(q.status, 200, JSON.stringify(q.body));
  assert.equal(q.body.token_type, 'Bearer');
  assert.equal(typeof q.body.scope, 'string');
  const caller = await h.hub.oauth.authenticate(String(q.body.access_token));
  assert.equal(caller.prms, null, 'any usage point with a live consent for this client, as Enedis does');
  const viaForm = await send({
    method: 'POST',
    url: '/oauth2/v3/token',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: form({ grant_type: 'client_credentials', client_id: client.clientId, client_secret: client.secret }),
  });
  assert.equal(viaForm.status, 200, viaForm.text);
  const wrong = await clientCredentials(send, { ...client, secret: 'not-the-secret' });
  assert.equal(wrong.status, 401);
  assert.equal(wrong.body.error, 'invalid_client');
  const grant = await send({
    method: 'POST',
    url: '/oauth2/v3/token',
    headers: { authorization: basic(client), 'content-type': 'application/x-www-form-urlencoded' },
    body: form({ grant_type: 'password' }),
  });
  assert.equal(JSON.parse(grant.text).error, 'unsupported_grant_type');
  const revoked = await send({
    method: 'POST',
    url: '/oauth2/v3/revoke',
    headers: { authorization: basic(client), 'content-type': 'application/x-www-form-urlencoded' },
    body: form({ token: String(q.body.access_token) }),
  });
  assert.equal(revoked.status, 200, revoked.text);
  await assert.rejects(h.hub.oauth.authenticate(String(q.body.access_token)), { code: 'OAUTH_TOKEN_INVALID' });
});

test('a disabled client can no longer authenticate and its tokens stop at once', async () => {
  const c = await registerClient(send, h.headers('local'), { clientId: 'a-desactiver' });
  const t = await clientCredentials(send, c);
  assert.equal(t.status, 200);
  const off = await send({
    method: 'POST',
    url: '/api/admin/clients/a-desactiver/disable',
    headers: { ...h.headers('local'), 'content-type': 'application/json' },
    body: '{}',
  });
  assert.equal(off.status, 200, off.text);
  await assert.rejects(h.hub.oauth.authenticate(String(t.body.access_token)), { code: 'OAUTH_TOKEN_INVALID' });
  assert.equal((await clientCredentials(send, c)).status, 401);
});

test('a flood of client authentications queues (two argon2id at a time) and overflows into invalid_client; a good one passes after', async () => {
  const flood = await Promise.allSettled(
    Array.from({ length: 80 }, () => h.hub.consent.clients.authenticate(client.clientId, 'wrong secret')),
  );
  assert.ok(
    flood.every((r) => r.status === 'rejected' && (r.reason as { code: string }).code === 'OAUTH_INVALID_CLIENT'),
  );
  assert.equal((await h.hub.consent.clients.authenticate(client.clientId, client.secret)).clientId, client.clientId);
});
