import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { readingStoreConformance, readingStoreConformanceShuffled } from '../../ports/reading-store.case.ts';
import { openReadingStore, DATABASE_FILE } from '../../backend/open-storage.ts';
import { CourantError } from '../../core/errors.ts';

const duckdb = {
  async create() {
    const dataDir = mkdtempSync(join(tmpdir(), 'courant-duck-'));
    return { store: await openReadingStore({ dataDir }), reopen: () => openReadingStore({ dataDir }) };
  },
};
readingStoreConformance('duckdb (file)', duckdb);
// A new order each run (the seed is in the suite's name); COURANT_TEST_SEED replays one.
readingStoreConformanceShuffled(
  'duckdb (file)',
  duckdb,
  Number(process.env.COURANT_TEST_SEED ?? Math.floor(Math.random() * 2 ** 31)),
);

test('duckdb: an unreadable database file is reported as STORE_UNREADABLE naming the file', async () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'courant-duck-bad-'));
  mkdirSync(dataDir, { recursive: true });
  writeFileSync(join(dataDir, DATABASE_FILE), 'this is not a database, just text '.repeat(200));
  await assert.rejects(
    openReadingStore({ dataDir }),
    (e: unknown) => e instanceof CourantError && e.code === 'STORE_UNREADABLE' && e.message.includes(DATABASE_FILE),
  );
});
