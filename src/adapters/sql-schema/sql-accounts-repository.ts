/**
 * @module adapters/sql-schema/sql-accounts-repository
 * Accounts and sessions in the tables both SQL engines share (auth_accounts, auth_sessions): one implementation of the
 * port over a small statement runner each engine provides (DuckDB connection, PostgreSQL pool). Sessions are stored by
 * the SHA-256 of their token, so a copy of the database does not give working session cookies.
 */
import type { Account, Role, Session } from '../../accounts/accounts.ts';
import type { AccountRepository } from '../../ports/account-repository.ts';
import type { SqlRow } from './client-rows.ts';

/** What an engine gives the shared SQL repositories: its queries with `$n` parameters. */
export interface SqlRunner {
  rows(sql: string, params?: readonly unknown[]): Promise<SqlRow[]>;
  /** Runs a statement and returns the number of rows it changed; a failure is STORE_WRITE_FAILED naming `what`. */
  write(what: string, sql: string, params: readonly unknown[]): Promise<number>;
}

const toAccount = (x: SqlRow): Account => ({
  accountId: String(x.account_id),
  username: String(x.username),
  role: String(x.role) as Role,
  displayName: String(x.display_name),
  email: x.email == null ? null : String(x.email),
  passwordHash: String(x.password_hash),
  createdAt: Number(x.created_ms),
  disabled: Boolean(x.disabled),
});

export class SqlAccountRepository implements AccountRepository {
  constructor(private readonly sql: SqlRunner) {}

  /** Nothing to prepare: the tables are created by the schema migrations when the database opens. */
  async init(): Promise<void> {}

  async insert(a: Account): Promise<void> {
    await this.sql.write('account', 'INSERT INTO auth_accounts VALUES ($1, $2, $3, $4, $5, $6, $7, $8)', [
      a.accountId,
      a.username,
      a.role,
      a.displayName,
      a.email,
      a.passwordHash,
      a.createdAt,
      a.disabled,
    ]);
  }

  async byUsername(username: string): Promise<Account | null> {
    const r = await this.sql.rows('SELECT * FROM auth_accounts WHERE username = $1', [username]);
    return r[0] ? toAccount(r[0]) : null;
  }

  async byId(accountId: string): Promise<Account | null> {
    const r = await this.sql.rows('SELECT * FROM auth_accounts WHERE account_id = $1', [accountId]);
    return r[0] ? toAccount(r[0]) : null;
  }

  async update(
    accountId: string,
    change: Partial<Pick<Account, 'displayName' | 'email' | 'passwordHash' | 'disabled'>>,
  ): Promise<void> {
    const cols: [string, unknown][] = [];
    if (change.displayName !== undefined) cols.push(['display_name', change.displayName]);
    if (change.email !== undefined) cols.push(['email', change.email]);
    if (change.passwordHash !== undefined) cols.push(['password_hash', change.passwordHash]);
    if (change.disabled !== undefined) cols.push(['disabled', change.disabled]);
    if (cols.length === 0) return;
    const set = cols.map(([c], i) => `${c} = $${i + 2}`).join(', ');
    await this.sql.write('account update', `UPDATE auth_accounts SET ${set} WHERE account_id = $1`, [
      accountId,
      ...cols.map(([, v]) => v),
    ]);
  }

  async first(role: Role): Promise<Account | null> {
    const r = await this.sql.rows(
      'SELECT * FROM auth_accounts WHERE role = $1 ORDER BY created_ms, account_id LIMIT 1',
      [role],
    );
    return r[0] ? toAccount(r[0]) : null;
  }

  async count(role?: Role): Promise<number> {
    const r = role
      ? await this.sql.rows('SELECT count(*) AS n FROM auth_accounts WHERE role = $1', [role])
      : await this.sql.rows('SELECT count(*) AS n FROM auth_accounts');
    return Number(r[0]!.n);
  }

  async insertSession(s: Session): Promise<void> {
    await this.sql.write('session', 'INSERT INTO auth_sessions VALUES ($1, $2, $3, $4, $5)', [
      s.tokenHash,
      s.accountId,
      s.csrf,
      s.createdAt,
      s.expiresAt,
    ]);
  }

  async session(tokenHash: string): Promise<Session | null> {
    const x = (await this.sql.rows('SELECT * FROM auth_sessions WHERE token_hash = $1', [tokenHash]))[0];
    return x
      ? {
          tokenHash: String(x.token_hash),
          accountId: String(x.account_id),
          csrf: String(x.csrf),
          createdAt: Number(x.created_ms),
          expiresAt: Number(x.expires_ms),
        }
      : null;
  }

  async deleteSession(tokenHash: string): Promise<void> {
    await this.sql.write('session delete', 'DELETE FROM auth_sessions WHERE token_hash = $1', [tokenHash]);
  }

  async deleteSessionsOf(accountId: string, except?: string): Promise<void> {
    if (except)
      await this.sql.write('session delete', 'DELETE FROM auth_sessions WHERE account_id = $1 AND token_hash <> $2', [
        accountId,
        except,
      ]);
    else await this.sql.write('session delete', 'DELETE FROM auth_sessions WHERE account_id = $1', [accountId]);
  }

  deleteExpiredSessions(now: number): Promise<number> {
    return this.sql.write('expired sessions', 'DELETE FROM auth_sessions WHERE expires_ms <= $1', [now]);
  }
}
