// The DuckDB adapter of registered clients, codes and tokens passes the port's conformance suite on a real file.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { clientRepositoryConformance } from '../../ports/client-repository.case.ts';
import { openStorage } from '../../backend/open-storage.ts';

clientRepositoryConformance('DuckDB file', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'courant-clients-'));
  const storage = await openStorage({ dataDir: dir, threads: 1 });
  return {
    repo: await storage.repositories.clients(),
    close: async () => {
      await storage.store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
});
