// The DuckDB accounts repository passes the port's conformance suite on a real file in a temp dir (reopen: the
// database closed and opened again).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { accountRepositoryConformance } from '../../ports/account-repository.case.ts';
import { DuckDbDatabase } from './duckdb-database.ts';
import { DuckDbAccountRepository } from './duckdb-accounts-repository.ts';

accountRepositoryConformance('DuckDB file', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'courant-accounts-repo-'));
  const path = join(dir, 'a.duckdb');
  let db = await DuckDbDatabase.open({ path });
  return {
    repo: new DuckDbAccountRepository(await db.connect()),
    reopen: async () => {
      await db.close();
      db = await DuckDbDatabase.open({ path });
      return new DuckDbAccountRepository(await db.connect());
    },
    close: async () => {
      await db.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
});
