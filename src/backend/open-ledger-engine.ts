/**
 * @module backend/open-ledger-engine
 * The repositories besides readings on the engine `ledger.engine` names. "duckdb" (the default) keeps them in the
 * reading store's database file (open-storage.ts); "postgres" opens the PostgreSQL database of `ledger.postgresUrl`
 * once at start, so a wrong address or password stops the start with STORE_UNAVAILABLE naming the setting (never the
 * password).
 */
import { CourantError, isCourantError } from '../core/errors.ts';
import type { StorageRepositories } from '../ports/repositories.ts';
import { describeUrl, PostgresDatabase } from '../adapters/postgres/postgres-database.ts';
import { postgresRepositories } from '../adapters/postgres/postgres-repositories.ts';

export interface LedgerEngineOptions {
  readonly engine: 'duckdb' | 'postgres';
  readonly postgresUrl?: string | undefined;
}

const SETTING = 'ledger.postgresUrl (COURANT_LEDGER_POSTGRES_URL)';

/** The PostgreSQL repositories and the closing of their pool; the error of a failed open names the setting. */
export async function openPostgresLedger(
  url: string | undefined,
): Promise<{ repositories: StorageRepositories; close(): Promise<void> }> {
  if (!url)
    throw new CourantError('CONFIG_INVALID', `ledger.engine is "postgres": set ${SETTING}`, {
      details: { where: 'ledger.postgresUrl' },
    });
  let db: PostgresDatabase;
  try {
    db = await PostgresDatabase.open({ url });
  } catch (cause) {
    if (!isCourantError(cause)) throw cause;
    throw new CourantError(cause.code, `${SETTING}: ${cause.message}`, {
      cause,
      details: { ...(cause.details as object | undefined), where: 'ledger.postgresUrl', database: describeUrl(url) },
    });
  }
  return { repositories: postgresRepositories(db), close: () => db.close() };
}
