// The DuckDB usage-point repository passes the port's conformance suite on a real file in a temp dir (reopen: the
// database closed and opened again).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { usagePointRepositoryConformance } from '../../ports/usage-point-repository.case.ts';
import { DuckDbDatabase } from './duckdb-database.ts';
import { DuckDbUsagePointRepository } from './duckdb-usage-point-repository.ts';

usagePointRepositoryConformance('DuckDB file', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'courant-up-repo-'));
  const path = join(dir, 'u.duckdb');
  let db = await DuckDbDatabase.open({ path });
  return {
    repo: await DuckDbUsagePointRepository.open(db),
    reopen: async () => {
      await db.close();
      db = await DuckDbDatabase.open({ path });
      return DuckDbUsagePointRepository.open(db);
    },
    close: async () => {
      await db.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
});
