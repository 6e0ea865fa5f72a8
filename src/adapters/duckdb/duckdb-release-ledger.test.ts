// The DuckDB release ledger passes the port's conformance suite on a real file and folder.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { releaseLedgerConformance } from '../../ports/release-ledger.case.ts';
import { openStorage } from '../../backend/open-storage.ts';

releaseLedgerConformance('DuckDB file', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'courant-releases-'));
  const storage = await openStorage({ dataDir: dir, threads: 1 });
  const side = await storage.db.connect();
  return {
    ledger: await storage.repositories.releases(),
    tamper: async (id, body) => {
      await side.run('UPDATE stats_releases SET body = $1 WHERE release_id = $2', [body, id]);
    },
    close: async () => {
      await storage.store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
});
