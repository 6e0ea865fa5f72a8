// The DuckDB release ledger passes the port's conformance suite on a real file and folder, and clears files a stopped
// process left staged when it opens.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
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

test('files a stopped process left staged are removed when the ledger opens; published files stay', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'courant-releases-staged-'));
  try {
    const staging = join(dir, 'releases', '.staging');
    mkdirSync(staging, { recursive: true });
    writeFileSync(join(staging, 'rel-killed.csv.tmp'), 'area,bucket\n');
    writeFileSync(join(dir, 'releases', 'rel-kept.csv'), 'area,bucket\n');
    const storage = await openStorage({ dataDir: dir, threads: 1 });
    try {
      await storage.repositories.releases();
      assert.equal(existsSync(join(staging, 'rel-killed.csv.tmp')), false);
      assert.equal(existsSync(join(dir, 'releases', 'rel-kept.csv')), true);
    } finally {
      await storage.store.close();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
