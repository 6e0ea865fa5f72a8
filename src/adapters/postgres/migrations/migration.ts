/**
 * @module adapters/postgres/migrations/migration
 * What a schema migration of the PostgreSQL database is. Migration N takes a database at schema version N − 1 to
 * version N; the runner (migrate.ts) applies the pending ones in order, all in one transaction, when the database
 * opens. The numbering is the PostgreSQL adapter's own: it is not the DuckDB file's.
 */
import type { PoolClient } from 'pg';

export interface Migration {
  /** Schema version this migration produces: 1, 2, 3… without gaps, in list order. */
  readonly version: number;
  /** Short description, named in errors and in docs/storage.md. */
  readonly name: string;
  /** Change the schema (and move data) on `client`, inside the runner's transaction: no BEGIN or COMMIT here. */
  up(client: PoolClient): Promise<void>;
}

/** A migration made of SQL statements run in order. */
export function sqlMigration(version: number, name: string, statements: readonly string[]): Migration {
  return {
    version,
    name,
    async up(client) {
      for (const sql of statements) await client.query(sql);
    },
  };
}
