// The bearer check hashes a token once, not at every read, and that memory never lets a dead token through: after a
// revocation, a withdrawn consent or a disabled client the same token is refused at the next read.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { openSecurityHub, type SecurityHub } from './test-hub.ts';
import {
  authorizationCodeFlow,
  basic,
  clientCredentials,
  injectSend,
  registerClient,
  type Send,
} from './oauth-test-support.ts';

let h: SecurityHub;
let send: Send;

before(async () => {
  h = await openSecurityHub();
  send = injectSend(h.app);
});
after(() => h.close());

/** Counts SHA-256 digests while `fn` runs. */
async function digests(fn: () => Promise<unknown>): Promise<number> {
  const subtle = globalThis.crypto.subtle;
  const digest = subtle.digest.bind(subtle);
  let n = 0;
  Object.defineProperty(subtle, 'digest', {
    configurable: true,
    value: (...a: Parameters<SubtleCrypto['digest']>) => (n++, digest(...a)),
  });
  try {
    await fn();
  } finally {
    delete (subtle as { digest?: unknown }).digest;
  }
  return n;
}

const refused = (token: string) => assert.rejects(h.hub.oauth.authenticate(token), { code: 'OAUTH_TOKEN_INVALID' });

test('a token that authenticated is not hashed again; revoked, it is refused at the next read', async () => {
  const client = await registerClient(send, h.headers('local'), { clientId: 'memo-revoke' });
  const token = String((await clientCredentials(send, client)).body.access_token);
  assert.equal(await digests(() => h.hub.oauth.authenticate(token)), 1);
  assert.equal(
    await digests(async () => {
      for (let i = 0; i < 100; i++) await h.hub.oauth.authenticate(token);
    }),
    0,
  );
  const r = await send({
    method: 'POST',
    url: '/oauth2/v3/revoke',
    headers: { authorization: basic(client), 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ token }).toString(),
  });
  assert.equal(r.status, 200, r.text);
  await refused(token);
  await refused(token);
  assert.equal(await digests(() => refused(token)), 1, 'a refused token is hashed at each attempt, never remembered');
  assert.equal(await digests(() => refused(token + 'x')), 1);
});

test('a remembered token stops at once when its consent is withdrawn or its client disabled', async () => {
  const client = await registerClient(send, h.headers('local'), { clientId: 'memo-consent', finestStep: 'PT30M' });
  const f = await authorizationCodeFlow(send, h.headers('alice'), client, { steps: ['P1D'] });
  const token = f.token.access_token;
  await h.hub.oauth.authenticate(token);
  await h.hub.oauth.authenticate(token);
  const w = await send({
    method: 'POST',
    url: `/api/consents/${f.consentIds[0]}/withdraw`,
    headers: { ...h.headers('alice'), 'content-type': 'application/json' },
    body: '{}',
  });
  assert.equal(w.status, 200, w.text);
  await refused(token);

  const other = await registerClient(send, h.headers('local'), { clientId: 'memo-disabled' });
  const t2 = String((await clientCredentials(send, other)).body.access_token);
  await h.hub.oauth.authenticate(t2);
  const off = await send({
    method: 'POST',
    url: '/api/admin/clients/memo-disabled/disable',
    headers: { ...h.headers('local'), 'content-type': 'application/json' },
    body: '{}',
  });
  assert.equal(off.status, 200, off.text);
  await refused(t2);
});
