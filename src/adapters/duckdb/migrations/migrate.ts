/**
 * @module adapters/duckdb/migrations/migrate
 * Brings a DuckDB file to the code's schema version when it opens, before any repository touches a table.
 *
 * The version is the `schema_version` row of `store_meta`. A file without it (new, or written before the schema was
 * versioned) is at version 0: migration 1 creates what is missing, so a file holding today's tables is recognised as
 * version 1 with its data as it was. The pending migrations and the new version are applied in one transaction: a
 * failure leaves the file exactly as it was. A file whose version is above the code's is refused untouched: a newer
 * release wrote it, and this one would misread it.
 */
import type { DuckDBConnection } from '@duckdb/node-api';
import { CourantError } from '../../../core/errors.ts';
import type { Migration } from './migration.ts';

export const VERSION_KEY = 'schema_version';

export interface Migrated {
  /** Version found in the file (0: new file, or written before versioning). */
  readonly from: number;
  /** Version of the file now: the code's. */
  readonly to: number;
}

const firstLine = (e: unknown): string => String((e as Error)?.message ?? e).split('\n')[0]!;

/** The migrations must be numbered 1, 2, 3… in order: a gap or a duplicate is a programming error. */
function checkList(migrations: readonly Migration[]): void {
  migrations.forEach((m, i) => {
    if (m.version !== i + 1)
      throw new Error(`schema migration "${m.name}" at position ${i + 1} is numbered ${m.version}`);
  });
}

/** The file's schema version, read inside the open transaction. */
async function fileVersion(conn: DuckDBConnection, where: string): Promise<number> {
  const meta = await conn.runAndReadAll(
    "SELECT count(*) AS n FROM duckdb_tables() WHERE database_name = current_database() AND schema_name = 'main' AND table_name = 'store_meta'",
  );
  if (Number(meta.getRows()[0]![0] as bigint) === 0) return 0;
  const rows = (await conn.runAndReadAll('SELECT value FROM store_meta WHERE key = $1', [VERSION_KEY])).getRows();
  if (rows.length === 0) return 0;
  const text = String(rows[0]![0]);
  if (!/^[1-9]\d{0,8}$/.test(text)) {
    throw new CourantError(
      'STORE_UNREADABLE',
      `database ${where}: store_meta.${VERSION_KEY} is ${JSON.stringify(text)}, not a schema version`,
    );
  }
  return Number(text);
}

/**
 * Apply the migrations `migrations` lacks in the file on `conn` (a connection nothing else uses meanwhile), in one
 * transaction. `where` names the file in errors.
 */
export async function migrate(
  conn: DuckDBConnection,
  where: string,
  migrations: readonly Migration[],
): Promise<Migrated> {
  checkList(migrations);
  const latest = migrations.length;
  await conn.run('BEGIN TRANSACTION');
  let from: number;
  try {
    from = await fileVersion(conn, where);
  } catch (cause) {
    await conn.run('ROLLBACK').catch(() => undefined);
    if (cause instanceof CourantError) throw cause;
    throw new CourantError(
      'STORE_UNREADABLE',
      `database ${where}: the schema version cannot be read: ${firstLine(cause)}`,
      { cause },
    );
  }
  if (from > latest) {
    await conn.run('ROLLBACK').catch(() => undefined);
    throw new CourantError(
      'STORE_SCHEMA_TOO_NEW',
      `database ${where} has schema version ${from}, newer than this courant's (${latest}): a newer release wrote it. Run that release (or a later one); the file was left untouched`,
      { details: { fileVersion: from, codeVersion: latest } },
    );
  }
  let step = '';
  try {
    for (const m of migrations.slice(from)) {
      step = `migration ${m.version} (${m.name})`;
      await m.up(conn);
    }
    step = `recording schema version ${latest}`;
    if (latest > from)
      await conn.run('INSERT OR REPLACE INTO store_meta (key, value) VALUES ($1, $2)', [VERSION_KEY, String(latest)]);
    step = 'commit';
    await conn.run('COMMIT');
    return { from, to: latest };
  } catch (cause) {
    await conn.run('ROLLBACK').catch(() => undefined);
    throw new CourantError(
      'STORE_MIGRATION_FAILED',
      `database ${where}: upgrading the schema from version ${from} to ${latest} failed at ${step}: ${firstLine(cause)}; everything was rolled back, the file is unchanged at version ${from}`,
      { cause, details: { fileVersion: from, codeVersion: latest, failedAt: step } },
    );
  }
}
