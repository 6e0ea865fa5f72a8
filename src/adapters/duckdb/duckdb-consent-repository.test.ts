// The DuckDB consent repository passes the port's conformance suite on a real file in a temp dir (reopen: the
// database closed and opened again).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { consentRepositoryConformance } from '../../ports/consent-repository.case.ts';
import { DuckDbDatabase } from './duckdb-database.ts';
import { DuckDbConsentRepository } from './duckdb-consent-repository.ts';

consentRepositoryConformance('DuckDB file', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'courant-consent-repo-'));
  const path = join(dir, 'c.duckdb');
  let db = await DuckDbDatabase.open({ path });
  const repoOf = async (d: DuckDbDatabase) => new DuckDbConsentRepository(await d.connect(), () => d.connect());
  return {
    repo: await repoOf(db),
    reopen: async () => {
      await db.close();
      db = await DuckDbDatabase.open({ path });
      return repoOf(db);
    },
    close: async () => {
      await db.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
});
