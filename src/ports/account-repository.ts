/**
 * @module ports/account-repository
 * Storage port for accounts and sessions (DuckDB adapter: src/adapters/duckdb/duckdb-accounts-repository.ts).
 */
import type { Account, Role, Session } from '../accounts/accounts.ts';

export interface AccountRepository {
  init(): Promise<void>;
  insert(a: Account): Promise<void>;
  byUsername(username: string): Promise<Account | null>;
  byId(accountId: string): Promise<Account | null>;
  update(
    accountId: string,
    change: Partial<Pick<Account, 'displayName' | 'email' | 'passwordHash' | 'disabled'>>,
  ): Promise<void>;
  count(role?: Role): Promise<number>;
  /** The earliest created account of a role (the owner household of a single-household installation). */
  first(role: Role): Promise<Account | null>;
  insertSession(s: Session): Promise<void>;
  session(tokenHash: string): Promise<Session | null>;
  deleteSession(tokenHash: string): Promise<void>;
  deleteSessionsOf(accountId: string, except?: string): Promise<void>;
  deleteExpiredSessions(now: number): Promise<number>;
}
