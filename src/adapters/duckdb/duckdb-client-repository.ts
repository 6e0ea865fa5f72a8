/**
 * @module adapters/duckdb/duckdb-client-repository
 * Registered clients, authorisation codes and access tokens on DuckDB (tables oauth_clients, oauth_codes,
 * oauth_tokens; created by schema migration 2). One connection: a code is taken by one UPDATE … RETURNING, so two
 * concurrent exchanges of the same code cannot both succeed.
 */
import type { DuckDBConnection, DuckDBValue } from '@duckdb/node-api';
import { CourantError } from '../../core/errors.ts';
import type { StoredClient } from '../../oauth/clients.ts';
import type { ClientRepository, StoredCode, StoredToken } from '../../ports/client-repository.ts';
import { toClient, toCode, toToken } from '../sql-schema/client-rows.ts';

type Row = Record<string, DuckDBValue>;

export class DuckDbClientRepository implements ClientRepository {
  /** One process opens a DuckDB file. */
  readonly sharedByInstances = false;

  constructor(private readonly conn: DuckDBConnection) {}

  private async rows(sql: string, params: DuckDBValue[] = []): Promise<Row[]> {
    return (await this.conn.runAndReadAll(sql, params)).getRowObjects() as Row[];
  }

  private async write(what: string, sql: string, params: DuckDBValue[]): Promise<Row[]> {
    try {
      return (await this.conn.runAndReadAll(sql, params)).getRowObjects() as Row[];
    } catch (cause) {
      throw new CourantError('STORE_WRITE_FAILED', `${what}: ${(cause as Error).message.split('\n')[0]}`, { cause });
    }
  }

  async insertClient(c: StoredClient): Promise<void> {
    const taken = await this.rows('SELECT 1 FROM oauth_clients WHERE client_id = $1', [c.clientId]);
    if (taken.length) {
      throw new CourantError('CLIENT_EXISTS', `client.clientId: ${JSON.stringify(c.clientId)} is already registered`, {
        details: { where: 'client.clientId' },
      });
    }
    const sql = 'INSERT INTO oauth_clients VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)';
    await this.write('client', sql, [
      c.clientId,
      c.name,
      c.legalIdentity,
      c.contact,
      c.role,
      JSON.stringify(c.redirectUris),
      JSON.stringify(c.purposes),
      c.finestStep,
      c.retentionMonths,
      c.secretHash,
      c.createdAt,
      c.disabled,
      c.acceptsProtectedDaily === true,
    ]);
  }

  async clients(): Promise<StoredClient[]> {
    return (await this.rows('SELECT * FROM oauth_clients ORDER BY created_ms, client_id')).map(toClient);
  }

  async updateClient(clientId: string, change: Partial<Pick<StoredClient, 'secretHash' | 'disabled'>>): Promise<void> {
    const cols: [string, DuckDBValue][] = [];
    if (change.secretHash !== undefined) cols.push(['secret_hash', change.secretHash]);
    if (change.disabled !== undefined) cols.push(['disabled', change.disabled]);
    if (!cols.length) return;
    const set = cols.map(([c], i) => `${c} = $${i + 2}`).join(', ');
    await this.write('client update', `UPDATE oauth_clients SET ${set} WHERE client_id = $1`, [
      clientId,
      ...cols.map(([, v]) => v),
    ]);
  }

  async insertCode(c: StoredCode): Promise<void> {
    await this.write('authorisation code', 'INSERT INTO oauth_codes VALUES ($1, $2, $3, $4, $5, $6, $7, $8, false)', [
      c.codeHash,
      c.clientId,
      c.subject,
      JSON.stringify(c.prms),
      JSON.stringify(c.consentIds),
      c.redirectUri,
      c.codeChallenge,
      c.expiresAt,
    ]);
  }

  async takeCode(codeHash: string): Promise<StoredCode | null> {
    const r = await this.write(
      'authorisation code',
      'UPDATE oauth_codes SET used = true WHERE code_hash = $1 AND NOT used RETURNING *',
      [codeHash],
    );
    return r[0] ? toCode(r[0]) : null;
  }

  async insertToken(t: StoredToken): Promise<void> {
    await this.write('access token', 'INSERT INTO oauth_tokens VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)', [
      t.tokenHash,
      t.tokenId,
      t.clientId,
      t.subject,
      t.prms === null ? null : JSON.stringify(t.prms),
      JSON.stringify(t.consentIds),
      t.issuedAt,
      t.expiresAt,
      t.revokedAt,
    ]);
  }

  async token(tokenHash: string): Promise<StoredToken | null> {
    const r = await this.rows('SELECT * FROM oauth_tokens WHERE token_hash = $1', [tokenHash]);
    return r[0] ? toToken(r[0]) : null;
  }

  async revokeTokens(
    where: { tokenHash?: string; clientId?: string; consentId?: string; subject?: string },
    at: number,
  ): Promise<number> {
    const conds: string[] = ['revoked_ms IS NULL'];
    const params: DuckDBValue[] = [at];
    const add = (sql: string, v: string) => {
      params.push(v);
      conds.push(sql.replace('?', `$${params.length}`));
    };
    if (where.tokenHash !== undefined) add('token_hash = ?', where.tokenHash);
    if (where.clientId !== undefined) add('client_id = ?', where.clientId);
    if (where.subject !== undefined) add('subject = ?', where.subject);
    if (where.consentId !== undefined)
      add("list_contains(CAST(json_extract_string(consent_ids, '$[*]') AS VARCHAR[]), ?)", where.consentId);
    if (conds.length === 1) return 0; // never revoke everything by accident
    const r = await this.write(
      'token revocation',
      `UPDATE oauth_tokens SET revoked_ms = $1 WHERE ${conds.join(' AND ')} RETURNING token_id`,
      params,
    );
    return r.length;
  }

  async deleteExpired(before: number): Promise<number> {
    const a = await this.write('expired codes', 'DELETE FROM oauth_codes WHERE expires_ms < $1 RETURNING 1', [before]);
    const b = await this.write('expired tokens', 'DELETE FROM oauth_tokens WHERE expires_ms < $1 RETURNING 1', [
      before,
    ]);
    return a.length + b.length;
  }
}
