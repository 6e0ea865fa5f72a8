/**
 * @module adapters/duckdb/duckdb-accounts-repository
 * Accounts and sessions on DuckDB, in their own tables (auth_accounts, auth_sessions; created by the schema
 * migrations).
 * Sessions are stored by the SHA-256 of their token, so a copy of the database does not give working session cookies.
 */
import type { DuckDBConnection, DuckDBValue } from '@duckdb/node-api';
import { CourantError } from '../../core/errors.ts';
import type { Account, Role, Session } from '../../accounts/accounts.ts';
import type { AccountRepository } from '../../ports/account-repository.ts';

type Row = Record<string, DuckDBValue>;
const toAccount = (x: Row): Account => ({
  accountId: String(x.account_id),
  username: String(x.username),
  role: String(x.role) as Role,
  displayName: String(x.display_name),
  email: x.email == null ? null : String(x.email),
  passwordHash: String(x.password_hash),
  createdAt: Number(x.created_ms as bigint),
  disabled: Boolean(x.disabled),
});

export class DuckDbAccountRepository implements AccountRepository {
  constructor(private readonly conn: DuckDBConnection) {}

  private async rows(sql: string, params: DuckDBValue[] = []): Promise<Row[]> {
    return (await this.conn.runAndReadAll(sql, params)).getRowObjects() as Row[];
  }

  private async write(what: string, sql: string, params: DuckDBValue[]): Promise<void> {
    try {
      await this.conn.run(sql, params);
    } catch (cause) {
      throw new CourantError('STORE_WRITE_FAILED', `${what}: ${(cause as Error).message.split('\n')[0]}`, { cause });
    }
  }

  /** Nothing to prepare: the tables are created by the schema migrations when the database opens (migrations/). */
  async init(): Promise<void> {}

  insert(a: Account): Promise<void> {
    return this.write('account', 'INSERT INTO auth_accounts VALUES ($1, $2, $3, $4, $5, $6, $7, $8)', [
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
    const r = await this.rows('SELECT * FROM auth_accounts WHERE username = $1', [username]);
    return r[0] ? toAccount(r[0]) : null;
  }

  async byId(accountId: string): Promise<Account | null> {
    const r = await this.rows('SELECT * FROM auth_accounts WHERE account_id = $1', [accountId]);
    return r[0] ? toAccount(r[0]) : null;
  }

  async update(
    accountId: string,
    change: Partial<Pick<Account, 'displayName' | 'email' | 'passwordHash' | 'disabled'>>,
  ): Promise<void> {
    const cols: [string, DuckDBValue][] = [];
    if (change.displayName !== undefined) cols.push(['display_name', change.displayName]);
    if (change.email !== undefined) cols.push(['email', change.email]);
    if (change.passwordHash !== undefined) cols.push(['password_hash', change.passwordHash]);
    if (change.disabled !== undefined) cols.push(['disabled', change.disabled]);
    if (cols.length === 0) return;
    const set = cols.map(([c], i) => `${c} = $${i + 2}`).join(', ');
    await this.write('account update', `UPDATE auth_accounts SET ${set} WHERE account_id = $1`, [
      accountId,
      ...cols.map(([, v]) => v),
    ]);
  }

  async first(role: Role): Promise<Account | null> {
    const r = await this.rows('SELECT * FROM auth_accounts WHERE role = $1 ORDER BY created_ms, account_id LIMIT 1', [
      role,
    ]);
    return r[0] ? toAccount(r[0]) : null;
  }

  async count(role?: Role): Promise<number> {
    const r = role
      ? await this.rows('SELECT count(*) AS n FROM auth_accounts WHERE role = $1', [role])
      : await this.rows('SELECT count(*) AS n FROM auth_accounts');
    return Number(r[0]!.n as bigint);
  }

  insertSession(s: Session): Promise<void> {
    return this.write('session', 'INSERT INTO auth_sessions VALUES ($1, $2, $3, $4, $5)', [
      s.tokenHash,
      s.accountId,
      s.csrf,
      s.createdAt,
      s.expiresAt,
    ]);
  }

  async session(tokenHash: string): Promise<Session | null> {
    const r = await this.rows('SELECT * FROM auth_sessions WHERE token_hash = $1', [tokenHash]);
    const x = r[0];
    return x
      ? {
          tokenHash: String(x.token_hash),
          accountId: String(x.account_id),
          csrf: String(x.csrf),
          createdAt: Number(x.created_ms as bigint),
          expiresAt: Number(x.expires_ms as bigint),
        }
      : null;
  }

  deleteSession(tokenHash: string): Promise<void> {
    return this.write('session delete', 'DELETE FROM auth_sessions WHERE token_hash = $1', [tokenHash]);
  }

  deleteSessionsOf(accountId: string, except?: string): Promise<void> {
    return except
      ? this.write('session delete', 'DELETE FROM auth_sessions WHERE account_id = $1 AND token_hash <> $2', [
          accountId,
          except,
        ])
      : this.write('session delete', 'DELETE FROM auth_sessions WHERE account_id = $1', [accountId]);
  }

  async deleteExpiredSessions(now: number): Promise<number> {
    const r = await this.conn.run('DELETE FROM auth_sessions WHERE expires_ms <= $1', [now]);
    return Number(r.rowsChanged);
  }
}
