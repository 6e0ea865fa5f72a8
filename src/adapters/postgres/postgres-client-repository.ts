/**
 * @module adapters/postgres/postgres-client-repository
 * Registered clients, authorisation codes and access tokens on PostgreSQL (tables oauth_clients, oauth_codes,
 * oauth_tokens; schema migration 1). A code is taken by one UPDATE … RETURNING, so two concurrent exchanges of the same
 * code (from any hub instance) cannot both succeed; a client id is claimed by INSERT … ON CONFLICT DO NOTHING, so two
 * registrations of one id cannot both succeed either.
 */
import { CourantError } from '../../core/errors.ts';
import type { StoredClient } from '../../oauth/clients.ts';
import type { ClientRepository, StoredCode, StoredToken } from '../../ports/client-repository.ts';
import { toClient, toCode, toToken } from '../sql-schema/client-rows.ts';
import { writeFailed, type Params, type PostgresDatabase } from './postgres-database.ts';

type Row = Record<string, unknown>;

export class PostgresClientRepository implements ClientRepository {
  /** Every hub instance on the database registers, disables and revokes in the same tables. */
  readonly sharedByInstances = true;

  constructor(private readonly db: PostgresDatabase) {}

  private async rows(sql: string, params: Params = []): Promise<Row[]> {
    return (await this.db.query(sql, params)).rows;
  }

  private async write(what: string, sql: string, params: Params): Promise<{ rows: Row[]; rowCount: number }> {
    try {
      return await this.db.query(sql, params);
    } catch (cause) {
      throw writeFailed(what, cause);
    }
  }

  async insertClient(c: StoredClient): Promise<void> {
    const r = await this.write(
      'client',
      `INSERT INTO oauth_clients VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)
       ON CONFLICT (client_id) DO NOTHING`,
      [
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
      ],
    );
    if (r.rowCount === 0)
      throw new CourantError('CLIENT_EXISTS', `client.clientId: ${JSON.stringify(c.clientId)} is already registered`, {
        details: { where: 'client.clientId' },
      });
  }

  async clients(): Promise<StoredClient[]> {
    return (await this.rows('SELECT * FROM oauth_clients ORDER BY created_ms, client_id')).map(toClient);
  }

  async updateClient(clientId: string, change: Partial<Pick<StoredClient, 'secretHash' | 'disabled'>>): Promise<void> {
    const cols: [string, unknown][] = [];
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
    return r.rows[0] ? toCode(r.rows[0]) : null;
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
    const params: unknown[] = [at];
    const add = (sql: string, v: string) => {
      params.push(v);
      conds.push(sql.replace('?', `$${params.length}`));
    };
    if (where.tokenHash !== undefined) add('token_hash = ?', where.tokenHash);
    if (where.clientId !== undefined) add('client_id = ?', where.clientId);
    if (where.subject !== undefined) add('subject = ?', where.subject);
    if (where.consentId !== undefined) add('consent_ids::jsonb @> jsonb_build_array(?::text)', where.consentId);
    if (conds.length === 1) return 0; // never revoke everything by accident
    const r = await this.write(
      'token revocation',
      `UPDATE oauth_tokens SET revoked_ms = $1 WHERE ${conds.join(' AND ')}`,
      params,
    );
    return r.rowCount;
  }

  async deleteExpired(before: number): Promise<number> {
    const a = await this.write('expired codes', 'DELETE FROM oauth_codes WHERE expires_ms < $1', [before]);
    const b = await this.write('expired tokens', 'DELETE FROM oauth_tokens WHERE expires_ms < $1', [before]);
    return a.rowCount + b.rowCount;
  }
}
