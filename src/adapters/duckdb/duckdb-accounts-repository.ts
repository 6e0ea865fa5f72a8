/**
 * @module adapters/duckdb/duckdb-accounts-repository
 * Accounts and sessions on DuckDB (tables auth_accounts, auth_sessions; created by the schema migrations): the shared
 * SQL implementation (sql-schema/sql-accounts-repository.ts) over one DuckDB connection.
 */
import type { DuckDBConnection, DuckDBValue } from '@duckdb/node-api';
import { CourantError } from '../../core/errors.ts';
import { SqlAccountRepository } from '../sql-schema/sql-accounts-repository.ts';
import type { SqlRow } from '../sql-schema/client-rows.ts';

export class DuckDbAccountRepository extends SqlAccountRepository {
  constructor(conn: DuckDBConnection) {
    super({
      async rows(sql, params = []) {
        return (await conn.runAndReadAll(sql, params as DuckDBValue[])).getRowObjects() as SqlRow[];
      },
      async write(what, sql, params) {
        try {
          return Number((await conn.run(sql, params as DuckDBValue[])).rowsChanged);
        } catch (cause) {
          throw new CourantError('STORE_WRITE_FAILED', `${what}: ${(cause as Error).message.split('\n')[0]}`, {
            cause,
          });
        }
      },
    });
  }
}
