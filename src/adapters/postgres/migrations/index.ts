/**
 * @module adapters/postgres/migrations
 * The schema migrations of the PostgreSQL database, in order. Append a new file here to change the schema; never edit
 * or remove a published one (docs/storage.md, "PostgreSQL repositories").
 */
import type { Migration } from './migration.ts';
import { repositories } from './0001-repositories.ts';

export const PG_MIGRATIONS: readonly Migration[] = [repositories];

/** The schema version this code writes and reads: the last migration's. */
export const PG_SCHEMA_VERSION = PG_MIGRATIONS.length;

export type { Migration } from './migration.ts';
export { migrate, type Migrated } from './migrate.ts';
