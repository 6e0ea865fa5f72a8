/**
 * @module backend/open-storage
 * Opens the configured reading store and the repositories sharing its database, or, with `ledger.engine: postgres`,
 * the repositories of the PostgreSQL database (open-ledger-engine.ts); with `storage.engine: clickhouse`, readings on
 * a ClickHouse cluster (open-reading-engine.ts). With backend/open-backend.ts (the composition
 * root, the only caller outside tests and benchmarks), the only place that names an engine adapter.
 */
import { join } from 'node:path';
import type { ReadingStore } from '../ports/reading-store.ts';
import { DuckDbDatabase } from '../adapters/duckdb/duckdb-database.ts';
import { DuckDbReadingStore } from '../adapters/duckdb/duckdb-store.ts';
import { DuckDbConsentRepository } from '../adapters/duckdb/duckdb-consent-repository.ts';
import { DuckDbAccountRepository } from '../adapters/duckdb/duckdb-accounts-repository.ts';
import { DuckDbClientRepository } from '../adapters/duckdb/duckdb-client-repository.ts';
import { DuckDbUsagePointRepository } from '../adapters/duckdb/duckdb-usage-point-repository.ts';
import { DuckDbReleaseLedger } from '../adapters/duckdb/duckdb-release-ledger.ts';
import type { StorageRepositories } from '../ports/repositories.ts';
import { SOLE_LEASE } from '../ports/leader-lease.ts';
import { secureDataDir } from './data-dir.ts';
import { openPostgresLedger, type LedgerEngineOptions } from './open-ledger-engine.ts';
import { openClickHouseReadings, type ReadingEngineOptions } from './open-reading-engine.ts';

export const DATABASE_FILE = 'courant.duckdb';

export interface OpenedStore {
  readonly store: ReadingStore;
  /** The DuckDB database, shared with other DuckDB-backed repositories (consent ledger, accounts). */
  readonly db: DuckDbDatabase;
  /** Paths of the data dir that were readable by others and have been tightened (or could not be): for the hub log. */
  readonly modeWarnings: readonly string[];
  /** The other repositories of the same database (tables created), each on its own connection. */
  readonly repositories: StorageRepositories;
}

/** Engine-neutral openers of the repositories that share the reading store's database. */
export type { StorageRepositories };

function repositoriesOf(db: DuckDbDatabase, dataDir: string): StorageRepositories {
  return {
    async consent() {
      const repo = new DuckDbConsentRepository(await db.connect(), () => db.connect());
      await repo.init();
      return repo;
    },
    async accounts() {
      const repo = new DuckDbAccountRepository(await db.connect());
      await repo.init();
      return repo;
    },
    async clients() {
      return new DuckDbClientRepository(await db.connect());
    },
    profiles: () => DuckDbUsagePointRepository.open(db),
    async releases() {
      return new DuckDbReleaseLedger(await db.connect(), dataDir);
    },
    // one process opens the file: it runs the live sources
    liveLease: () => SOLE_LEASE,
  };
}

/** Closing the store closes `close` too (the PostgreSQL pool of the repositories, when they live there). */
function closingAlso(store: ReadingStore, close: () => Promise<void>): ReadingStore {
  return new Proxy(store, {
    get(target, p) {
      if (p === 'close')
        return async () => {
          try {
            await target.close();
          } finally {
            await close();
          }
        };
      const v: unknown = Reflect.get(target, p, target);
      return typeof v === 'function' ? (v as (...a: unknown[]) => unknown).bind(target) : v;
    },
  });
}

export async function openStorage(opts: {
  dataDir: string;
  threads?: number | undefined;
  memoryLimit?: string | undefined;
  /** Where the repositories besides readings live (config `ledger`); DuckDB's file when absent. */
  ledger?: LedgerEngineOptions | undefined;
  /** Where readings live (config `storage`); DuckDB's file when absent. */
  readings?: ReadingEngineOptions | undefined;
}): Promise<OpenedStore> {
  const modeWarnings = secureDataDir(opts.dataDir);
  // opened first: a wrong address or password stops the start before anything else is opened
  const pg = opts.ledger?.engine === 'postgres' ? await openPostgresLedger(opts.ledger.postgresUrl) : undefined;
  const db = await DuckDbDatabase.open({
    path: opts.dataDir === ':memory:' ? ':memory:' : join(opts.dataDir, DATABASE_FILE),
    threads: opts.threads,
    memoryLimit: opts.memoryLimit,
  }).catch(async (e: unknown) => {
    await pg?.close();
    throw e;
  });
  try {
    const repositories = pg ? pg.repositories : repositoriesOf(db, opts.dataDir);
    if (opts.readings?.engine === 'clickhouse') {
      // readings on the cluster; the DuckDB file keeps what ledger.engine leaves in it, and closes with the store
      const store = await openClickHouseReadings(opts.readings);
      return {
        store: closingAlso(store, async () => {
          try {
            await db.close();
          } finally {
            await pg?.close();
          }
        }),
        db,
        modeWarnings,
        repositories,
      };
    }
    const store = await DuckDbReadingStore.create(db);
    if (!pg) return { store, db, modeWarnings, repositories };
    return { store: closingAlso(store, pg.close), db, modeWarnings, repositories };
  } catch (e) {
    await db.close();
    await pg?.close();
    throw e;
  }
}

/** Convenience for tools that need only readings. Closing the store closes the database. */
export async function openReadingStore(opts: {
  dataDir: string;
  threads?: number | undefined;
  memoryLimit?: string | undefined;
}): Promise<ReadingStore> {
  return (await openStorage(opts)).store;
}
