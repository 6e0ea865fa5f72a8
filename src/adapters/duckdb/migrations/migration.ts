/**
 * @module adapters/duckdb/migrations/migration
 * What a schema migration of the DuckDB file is. Migration N takes a file at schema version N − 1 to version N; the
 * runner (migrate.ts) applies the pending ones in order, all in one transaction, when the database opens.
 */
import type { DuckDBConnection } from '@duckdb/node-api';

export interface Migration {
  /** Schema version this migration produces: 1, 2, 3… without gaps, in list order. */
  readonly version: number;
  /** Short description, named in errors and in docs/storage.md. */
  readonly name: string;
  /**
   * Change the schema (and move data) on `conn`, inside the runner's transaction: no BEGIN, COMMIT or CHECKPOINT here.
   * A thrown error rolls back every migration of this open.
   */
  up(conn: DuckDBConnection): Promise<void>;
}

/** A migration made of SQL statements run in order. */
export function sqlMigration(version: number, name: string, statements: readonly string[]): Migration {
  return {
    version,
    name,
    async up(conn) {
      for (const sql of statements) await conn.run(sql);
    },
  };
}
