/**
 * The ClientRepository conformance suite: what every storage adapter of registered clients, authorisation codes and
 * access tokens must do, run against a real database. Adapters call `clientRepositoryConformance(name, open)` from
 * their own *.test.ts. Each case uses its own ids, so cases pass alone and in any order on one database.
 */
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import type { StoredClient } from '../oauth/clients.ts';
import type { ClientRepository, StoredCode, StoredToken } from './client-repository.ts';

export type OpenClientRepository = () => Promise<{ repo: ClientRepository; close(): Promise<void> }>;

const client = (id: string): StoredClient => ({
  clientId: id,
  name: `Client ${id}`,
  legalIdentity: `${id} SAS, SIRET 000 000 000 00000`,
  contact: `dpo@${id}.invalid`,
  role: 'service',
  redirectUris: [`https://${id}.invalid/cb`, 'http://127.0.0.1:8080/cb'],
  purposes: ['personalised-advice', 'billing'],
  finestStep: 'PT30M',
  retentionMonths: 6,
  secretHash: '$argon2id$v=19$m=19456,t=2,p=1$c2FsdA$aGFzaA',
  createdAt: Date.UTC(2026, 0, 1),
  disabled: false,
});
const code = (hash: string, over: Partial<StoredCode> = {}): StoredCode => ({
  codeHash: hash,
  clientId: 'c-code',
  subject: 'household-1',
  prms: ['09000000000001'],
  consentIds: ['consent-1', 'consent-2'],
  redirectUri: 'https://c-code.invalid/cb',
  codeChallenge: 'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM',
  expiresAt: Date.UTC(2026, 0, 1, 0, 1),
  ...over,
});
const token = (hash: string, over: Partial<StoredToken> = {}): StoredToken => ({
  tokenHash: hash,
  tokenId: `id-${hash}`,
  clientId: 'c-token',
  subject: 'household-1',
  prms: ['09000000000001'],
  consentIds: ['consent-a'],
  issuedAt: Date.UTC(2026, 0, 1),
  expiresAt: Date.UTC(2026, 0, 1, 1),
  revokedAt: null,
  ...over,
});

export function clientRepositoryConformance(name: string, open: OpenClientRepository): void {
  describe(`ClientRepository conformance: ${name}`, () => {
    let repo: ClientRepository;
    let close: () => Promise<void>;
    before(async () => ({ repo, close } = await open()));
    after(() => close());

    test('a registered client reads back field for field; a taken id is refused with CLIENT_EXISTS', async () => {
      await repo.insertClient(client('c-one'));
      assert.deepEqual(
        (await repo.clients()).find((c) => c.clientId === 'c-one'),
        client('c-one'),
      );
      await assert.rejects(repo.insertClient({ ...client('c-one'), name: 'Other' }), { code: 'CLIENT_EXISTS' });
      assert.equal((await repo.clients()).find((c) => c.clientId === 'c-one')!.name, 'Client c-one');
    });

    test('a new secret hash and the disabled flag are kept; nothing else changes', async () => {
      await repo.insertClient(client('c-two'));
      await repo.updateClient('c-two', { secretHash: 'new-hash', disabled: true });
      assert.deepEqual(
        (await repo.clients()).find((c) => c.clientId === 'c-two'),
        { ...client('c-two'), secretHash: 'new-hash', disabled: true },
      );
    });

    test('a code is taken once: the second take, even concurrent, gets nothing', async () => {
      await repo.insertCode(code('code-1'));
      const [a, b] = await Promise.all([repo.takeCode('code-1'), repo.takeCode('code-1')]);
      assert.deepEqual([a, b].filter(Boolean), [code('code-1')]);
      assert.equal(await repo.takeCode('code-1'), null);
      assert.equal(await repo.takeCode('never-issued'), null);
      await repo.insertCode(code('code-2', { codeChallenge: null }));
      assert.equal((await repo.takeCode('code-2'))!.codeChallenge, null);
    });

    test('tokens read back; revocation by hash, client, consent or subject touches only those, and counts live ones', async () => {
      const at = Date.UTC(2026, 0, 1, 0, 30);
      await repo.insertToken(token('t-1'));
      await repo.insertToken(token('t-2', { consentIds: ['consent-b', 'consent-c'] }));
      await repo.insertToken(token('t-3', { clientId: 'c-other', subject: null, prms: null, consentIds: [] }));
      assert.deepEqual(
        await repo.token('t-3'),
        token('t-3', { clientId: 'c-other', subject: null, prms: null, consentIds: [] }),
      );
      assert.equal(await repo.token('unknown'), null);
      assert.equal(await repo.revokeTokens({ consentId: 'consent-c' }, at), 1);
      assert.equal((await repo.token('t-2'))!.revokedAt, at);
      assert.equal((await repo.token('t-1'))!.revokedAt, null);
      assert.equal(await repo.revokeTokens({ consentId: 'consent-c' }, at + 1), 0, 'already revoked');
      assert.equal(await repo.revokeTokens({ clientId: 'c-token', subject: 'household-1' }, at), 1);
      assert.equal((await repo.token('t-3'))!.revokedAt, null, 'another client is untouched');
      assert.equal(await repo.revokeTokens({}, at), 0, 'no condition revokes nothing');
      assert.equal(await repo.revokeTokens({ tokenHash: 't-3' }, at), 1);
    });

    test('expired codes and tokens are forgotten; live ones stay', async () => {
      const t = Date.UTC(2030, 0, 1);
      await repo.insertCode(code('code-old', { expiresAt: t - 1 }));
      await repo.insertCode(code('code-live', { expiresAt: t + 60_000 }));
      await repo.insertToken(token('t-old', { expiresAt: t - 1, tokenId: 'x-old' }));
      await repo.insertToken(token('t-live', { expiresAt: t + 3_600_000, tokenId: 'x-live' }));
      assert.ok((await repo.deleteExpired(t)) >= 2);
      assert.equal(await repo.token('t-old'), null);
      assert.notEqual(await repo.token('t-live'), null);
      assert.notEqual(await repo.takeCode('code-live'), null);
    });
  });
}
