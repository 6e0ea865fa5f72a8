// Every repository port the composition root builds, on PostgreSQL: the same conformance suites as the DuckDB adapters,
// against a real server started for this test process (test/postgres-server.ts), a fresh database per case.
import { after } from 'node:test';
import { accountRepositoryConformance } from '../../ports/account-repository.case.ts';
import { clientRepositoryConformance } from '../../ports/client-repository.case.ts';
import { consentRepositoryConformance } from '../../ports/consent-repository.case.ts';
import { releaseLedgerConformance } from '../../ports/release-ledger.case.ts';
import { usagePointRepositoryConformance } from '../../ports/usage-point-repository.case.ts';
import type { StorageRepositories } from '../../ports/repositories.ts';
import { startPostgres } from '../../../test/postgres-server.ts';
import { PostgresDatabase } from './postgres-database.ts';
import { postgresRepositories } from './postgres-repositories.ts';

const server = await startPostgres();
after(() => server.stop());

/** A fresh database, a repository of it, and `reopen`: the pool closed and a new one opened on the same database. */
async function fresh<R>(pick: (r: StorageRepositories) => Promise<R>) {
  const url = await server.createDatabase();
  let db = await PostgresDatabase.open({ url });
  const repoOf = (d: PostgresDatabase) => pick(postgresRepositories(d));
  return {
    db: () => db,
    repo: await repoOf(db),
    reopen: async () => {
      await db.close();
      db = await PostgresDatabase.open({ url });
      return repoOf(db);
    },
    close: () => db.close(),
  };
}

consentRepositoryConformance('PostgreSQL', () => fresh((r) => r.consent()));
accountRepositoryConformance('PostgreSQL', () => fresh((r) => r.accounts()));
usagePointRepositoryConformance('PostgreSQL', () => fresh((r) => r.profiles()));
clientRepositoryConformance('PostgreSQL', () => fresh((r) => r.clients()));
releaseLedgerConformance('PostgreSQL', async () => {
  const f = await fresh((r) => r.releases());
  return {
    ledger: f.repo,
    tamper: async (id, body) => {
      await f.db().query('UPDATE stats_releases SET body = $1 WHERE release_id = $2', [body, id]);
    },
    close: f.close,
  };
});
