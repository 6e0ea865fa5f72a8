/**
 * @module adapters/sql-schema/client-rows
 * Rows of the OAuth tables (oauth_clients, oauth_codes, oauth_tokens) as both SQL engines store them (DuckDB and
 * PostgreSQL share the schema and its column names): one mapping from a row to the port's records, whatever numeric
 * type the driver hands back (DuckDB's BIGINT arrives as a bigint, PostgreSQL's as a number or a string).
 */
import type { LadderStep, PurposeId } from '../../consent/model.ts';
import type { ClientRole, StoredClient } from '../../oauth/clients.ts';
import type { StoredCode, StoredToken } from '../../ports/client-repository.ts';

/** A row as a driver returns it: column name → value. */
export type SqlRow = Readonly<Record<string, unknown>>;

/** A JSON array of strings stored as text. */
export const textList = (v: unknown): string[] => JSON.parse(String(v)) as string[];

export const toClient = (x: SqlRow): StoredClient => ({
  clientId: String(x.client_id),
  name: String(x.name),
  legalIdentity: String(x.legal_identity),
  contact: String(x.contact),
  role: String(x.role) as ClientRole,
  redirectUris: textList(x.redirect_uris),
  purposes: textList(x.purposes) as PurposeId[],
  finestStep: String(x.finest_step) as LadderStep,
  retentionMonths: Number(x.retention_months),
  secretHash: String(x.secret_hash),
  createdAt: Number(x.created_ms),
  disabled: Boolean(x.disabled),
  ...(x.accepts_protected_daily ? { acceptsProtectedDaily: true } : {}),
});

export const toCode = (x: SqlRow): StoredCode => ({
  codeHash: String(x.code_hash),
  clientId: String(x.client_id),
  subject: String(x.subject),
  prms: textList(x.prms),
  consentIds: textList(x.consent_ids),
  redirectUri: String(x.redirect_uri),
  codeChallenge: x.code_challenge == null ? null : String(x.code_challenge),
  expiresAt: Number(x.expires_ms),
});

export const toToken = (x: SqlRow): StoredToken => ({
  tokenHash: String(x.token_hash),
  tokenId: String(x.token_id),
  clientId: String(x.client_id),
  subject: x.subject == null ? null : String(x.subject),
  prms: x.prms == null ? null : textList(x.prms),
  consentIds: textList(x.consent_ids),
  issuedAt: Number(x.issued_ms),
  expiresAt: Number(x.expires_ms),
  revokedAt: x.revoked_ms == null ? null : Number(x.revoked_ms),
});
