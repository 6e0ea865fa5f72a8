/**
 * @module adapters/duckdb/migrations
 * The schema migrations of the DuckDB file, in order. Append a new file here to change the schema; never edit or
 * remove a published one (docs/storage.md, "Schema migrations").
 */
import type { Migration } from './migration.ts';
import { initialSchema } from './0001-initial-schema.ts';
import { registeredClients } from './0002-registered-clients.ts';
import { statistics } from './0003-statistics.ts';
import { protectedDailyClients } from './0004-protected-daily-clients.ts';

export const MIGRATIONS: readonly Migration[] = [initialSchema, registeredClients, statistics, protectedDailyClients];

/** The schema version this code writes and reads: the last migration's. */
export const SCHEMA_VERSION = MIGRATIONS.length;

export type { Migration } from './migration.ts';
export { migrate, type Migrated } from './migrate.ts';
