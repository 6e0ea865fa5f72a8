/**
 * @module store/open
 * Opens the configured reading store. The only place that maps a configuration to an engine adapter.
 */
import { join } from 'node:path';
import type { ReadingStore } from './reading-store.ts';
import { DuckDbDatabase } from './duckdb/duckdb-database.ts';
import { DuckDbReadingStore } from './duckdb/duckdb-store.ts';
import { secureDataDir } from './data-dir.ts';

export const DATABASE_FILE = 'courant.duckdb';

export interface OpenedStore {
  readonly store: ReadingStore;
  /** The DuckDB database, shared with other DuckDB-backed repositories (consent ledger, accounts). */
  readonly db: DuckDbDatabase;
  /** Paths of the data dir that were readable by others and have been tightened (or could not be): for the hub log. */
  readonly modeWarnings: readonly string[];
}

export async function openStorage(opts: { dataDir: string; threads?: number | undefined; memoryLimit?: string | undefined }): Promise<OpenedStore> {
  const modeWarnings = secureDataDir(opts.dataDir);
  const db = await DuckDbDatabase.open({ path: opts.dataDir === ':memory:' ? ':memory:' : join(opts.dataDir, DATABASE_FILE), threads: opts.threads, memoryLimit: opts.memoryLimit });
  try {
    const store = await DuckDbReadingStore.create(db);
    return { store, db, modeWarnings };
  } catch (e) {
    await db.close();
    throw e;
  }
}

/** Convenience for tools that need only readings. Closing the store closes the database. */
export async function openReadingStore(opts: { dataDir: string; threads?: number | undefined; memoryLimit?: string | undefined }): Promise<ReadingStore> {
  return (await openStorage(opts)).store;
}
