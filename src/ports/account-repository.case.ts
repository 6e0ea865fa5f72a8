/**
 * The AccountRepository conformance suite: what every storage adapter of accounts and sessions must do, run against a
 * real database. Adapters call `accountRepositoryConformance(name, open)` from their own *.test.ts; `open` gives a
 * fresh, empty database per case, and `reopen` a new repository on the same database.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Account } from '../accounts/accounts.ts';
import { isCourantError } from '../core/errors.ts';
import type { AccountRepository } from './account-repository.ts';

export type OpenAccountRepository = () => Promise<{
  repo: AccountRepository;
  /** Close the current repository's storage and open a new repository on the same database. */
  reopen(): Promise<AccountRepository>;
  close(): Promise<void>;
}>;

const T = Date.UTC(2026, 0, 1);
const account = (id: string, over: Partial<Account> = {}): Account => ({
  accountId: id,
  username: `user-${id}`,
  role: 'household',
  displayName: `Foyer ${id}`,
  email: null,
  passwordHash: `$argon2id$hash-${id}`,
  createdAt: T,
  disabled: false,
  ...over,
});

export function accountRepositoryConformance(name: string, open: OpenAccountRepository): void {
  describe(`AccountRepository conformance: ${name}`, () => {
    test('accounts: insert, look up, update, count and first by role; a taken username is refused; survives reopen', async () => {
      const store = await open();
      try {
        let repo = store.repo;
        await repo.init();
        await repo.init(); // idempotent
        assert.equal(await repo.count(), 0);
        assert.equal(await repo.first('household'), null);
        await repo.insert(account('b', { createdAt: T + 2 }));
        await repo.insert(account('a', { createdAt: T + 2, email: 'a@example.org' }));
        await repo.insert(account('op', { role: 'operator', createdAt: T }));
        await assert.rejects(
          repo.insert(account('c', { username: 'user-a' })),
          (e) => isCourantError(e) && e.code === 'STORE_WRITE_FAILED',
        );
        assert.equal(await repo.byId('c'), null, 'nothing of the refused account stored');
        await repo.update('a', { displayName: "Foyer l'« Été »", email: null, disabled: true });
        await repo.update('b', {}); // nothing to change
        repo = await store.reopen();
        assert.deepEqual(
          await repo.byUsername('user-a'),
          account('a', { createdAt: T + 2, displayName: "Foyer l'« Été »", email: null, disabled: true }),
        );
        assert.deepEqual(await repo.byId('b'), account('b', { createdAt: T + 2 }));
        assert.equal(await repo.byUsername('nobody'), null);
        assert.equal(await repo.count(), 3);
        assert.equal(await repo.count('household'), 2);
        assert.equal(await repo.count('operator'), 1);
        assert.equal((await repo.first('household'))?.accountId, 'a', 'earliest, then by id');
        assert.equal((await repo.first('operator'))?.accountId, 'op');
      } finally {
        await store.close();
      }
    });

    test('sessions: stored by token hash, deleted one by one, per account except one, and when expired', async () => {
      const store = await open();
      try {
        let repo = store.repo;
        await repo.insert(account('a'));
        await repo.insert(account('b'));
        const session = (tokenHash: string, accountId: string, expiresAt: number) => ({
          tokenHash,
          accountId,
          csrf: `csrf-${tokenHash}`,
          createdAt: T,
          expiresAt,
        });
        for (const s of [
          session('h1', 'a', T + 10),
          session('h2', 'a', T + 20),
          session('h3', 'a', T + 30),
          session('h4', 'b', T + 5),
          session('h5', 'b', T + 40),
        ])
          await repo.insertSession(s);
        await assert.rejects(repo.insertSession(session('h1', 'b', T)), { code: 'STORE_WRITE_FAILED' });
        repo = await store.reopen();
        assert.deepEqual(await repo.session('h2'), session('h2', 'a', T + 20));
        assert.equal(await repo.session('unknown'), null);
        await repo.deleteSession('h2');
        assert.equal(await repo.session('h2'), null);
        await repo.deleteSessionsOf('a', 'h3');
        assert.equal(await repo.session('h1'), null);
        assert.notEqual(await repo.session('h3'), null, 'the session kept');
        assert.equal(await repo.deleteExpiredSessions(T + 30), 2, 'h3 (expires at the instant) and h4');
        assert.equal(await repo.session('h4'), null);
        assert.notEqual(await repo.session('h5'), null);
        await repo.deleteSessionsOf('b');
        assert.equal(await repo.session('h5'), null);
        assert.equal(await repo.deleteExpiredSessions(T + 1000), 0);
      } finally {
        await store.close();
      }
    });
  });
}
