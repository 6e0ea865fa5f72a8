/**
 * @module adapters/postgres/migrations/migrate
 * Brings a PostgreSQL database to the code's schema version when it opens, before any repository touches a table.
 *
 * The version is the `schema_version` row of `store_meta` (a database without it is at version 0). The pending
 * migrations and the new version are applied in one transaction, under the migrations advisory lock so that two
 * instances starting at once do not both migrate: a failure leaves the database exactly as it was (PostgreSQL runs DDL
 * in the transaction). A database whose version is above the code's is refused untouched.
 */
import type { PoolClient } from 'pg';
import { CourantError } from '../../../core/errors.ts';
import { LOCKS, LOCK_SQL } from '../postgres-locks.ts';
import type { Migration } from './migration.ts';

export const VERSION_KEY = 'schema_version';

export interface Migrated {
  /** Version found in the database (0: new). */
  readonly from: number;
  /** Version of the database now: the code's. */
  readonly to: number;
}

const firstLine = (e: unknown): string => String((e as Error)?.message ?? e).split('\n')[0]!;

function checkList(migrations: readonly Migration[]): void {
  migrations.forEach((m, i) => {
    if (m.version !== i + 1)
      throw new Error(`schema migration "${m.name}" at position ${i + 1} is numbered ${m.version}`);
  });
}

async function databaseVersion(client: PoolClient, where: string): Promise<number> {
  await client.query('CREATE TABLE IF NOT EXISTS store_meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)');
  const r = await client.query<{ value: string }>('SELECT value FROM store_meta WHERE key = $1', [VERSION_KEY]);
  if (r.rows.length === 0) return 0;
  const text = r.rows[0]!.value;
  if (!/^[1-9]\d{0,8}$/.test(text))
    throw new CourantError(
      'STORE_UNREADABLE',
      `database ${where}: store_meta.${VERSION_KEY} is ${JSON.stringify(text)}, not a schema version`,
    );
  return Number(text);
}

/** Apply the migrations the database at `client` lacks, in one transaction. `where` names the database in errors. */
export async function migrate(client: PoolClient, where: string, migrations: readonly Migration[]): Promise<Migrated> {
  checkList(migrations);
  const latest = migrations.length;
  await client.query('BEGIN');
  let from: number;
  try {
    await client.query(LOCK_SQL, [LOCKS.migrations]);
    from = await databaseVersion(client, where);
  } catch (cause) {
    await client.query('ROLLBACK').catch(() => undefined);
    if (cause instanceof CourantError) throw cause;
    throw new CourantError(
      'STORE_UNREADABLE',
      `database ${where}: the schema version cannot be read: ${firstLine(cause)}`,
      {
        cause,
      },
    );
  }
  if (from > latest) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw new CourantError(
      'STORE_SCHEMA_TOO_NEW',
      `database ${where} has schema version ${from}, newer than this courant's (${latest}): a newer release wrote it. Run that release (or a later one); the database was left untouched`,
      { details: { fileVersion: from, codeVersion: latest } },
    );
  }
  let step = '';
  try {
    for (const m of migrations.slice(from)) {
      step = `migration ${m.version} (${m.name})`;
      await m.up(client);
    }
    step = `recording schema version ${latest}`;
    if (latest > from)
      await client.query(
        'INSERT INTO store_meta (key, value) VALUES ($1, $2) ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value',
        [VERSION_KEY, String(latest)],
      );
    step = 'commit';
    await client.query('COMMIT');
    return { from, to: latest };
  } catch (cause) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw new CourantError(
      'STORE_MIGRATION_FAILED',
      `database ${where}: upgrading the schema from version ${from} to ${latest} failed at ${step}: ${firstLine(cause)}; everything was rolled back, the database is unchanged at version ${from}`,
      { cause, details: { fileVersion: from, codeVersion: latest, failedAt: step } },
    );
  }
}
