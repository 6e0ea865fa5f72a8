/**
 * @module adapters/postgres/postgres-accounts-repository
 * Accounts and sessions on PostgreSQL (tables auth_accounts, auth_sessions; schema migration 1): the shared SQL
 * implementation (sql-schema/sql-accounts-repository.ts) over the pool, so every hub instance reads the same sessions.
 */
import { SqlAccountRepository } from '../sql-schema/sql-accounts-repository.ts';
import { writeFailed, type PostgresDatabase } from './postgres-database.ts';

export class PostgresAccountRepository extends SqlAccountRepository {
  constructor(db: PostgresDatabase) {
    super({
      async rows(sql, params = []) {
        return (await db.query(sql, params)).rows;
      },
      async write(what, sql, params) {
        try {
          return (await db.query(sql, params)).rowCount;
        } catch (cause) {
          throw writeFailed(what, cause);
        }
      },
    });
  }
}
