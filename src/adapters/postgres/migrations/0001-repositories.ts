/**
 * @module adapters/postgres/migrations/0001-repositories
 * Schema version 1 of the PostgreSQL database: the repositories the composition root builds besides the reading store
 * (consent ledger and logs, accounts and sessions, registered clients with codes and tokens, usage-point profiles and
 * areas, the release ledger with its spend and files), mirroring the DuckDB schema at its version 4. Lists are JSON
 * text, as in DuckDB. Release files live in the database (`stats_release_files`, `stats_release_staging`) so every
 * hub instance on the database serves the same bytes.
 *
 * Published: never edit.
 */
import { sqlMigration } from './migration.ts';

/** The ledger table as this schema defines it; re-created by postgres-consent-ledger.ts when a damaged one is set
 * aside. */
export const PG_LEDGER_DDL = `CREATE TABLE consent_ledger (
     seq BIGINT PRIMARY KEY, event_id TEXT NOT NULL UNIQUE, at_ms BIGINT NOT NULL,
     actor_kind TEXT NOT NULL, actor_id TEXT NOT NULL, type TEXT NOT NULL,
     prm TEXT, consent_id TEXT, body TEXT NOT NULL,
     prev_hash TEXT NOT NULL, hash TEXT NOT NULL, receipt TEXT)`;

export const repositories = sqlMigration(1, 'repositories of consent, accounts, clients, profiles and releases', [
  PG_LEDGER_DDL,
  `CREATE TABLE consent_access_log (
     entry_id TEXT PRIMARY KEY, at_ms BIGINT NOT NULL, actor_kind TEXT NOT NULL, actor_id TEXT NOT NULL,
     prm TEXT NOT NULL, range_from BIGINT NOT NULL, range_to BIGINT NOT NULL, step TEXT NOT NULL,
     purpose TEXT NOT NULL, category TEXT NOT NULL, allowed BOOLEAN NOT NULL, basis TEXT NOT NULL,
     n BIGINT GENERATED ALWAYS AS IDENTITY)`,
  `CREATE INDEX consent_access_log_prm ON consent_access_log (prm, at_ms)`,
  `CREATE TABLE consent_legal_requests (
     request_id TEXT PRIMARY KEY, reference TEXT NOT NULL, authority_id TEXT NOT NULL, authority_type TEXT NOT NULL,
     legal_basis TEXT NOT NULL, prms TEXT NOT NULL, range_from BIGINT NOT NULL, range_to BIGINT NOT NULL,
     secret BOOLEAN NOT NULL, received_at BIGINT NOT NULL, outcome TEXT NOT NULL,
     decided_at BIGINT, valid_until BIGINT, decided_by TEXT)`,
  `CREATE TABLE consent_deletions (
     record_id TEXT PRIMARY KEY, at_ms BIGINT NOT NULL, prm TEXT NOT NULL, reason TEXT NOT NULL, what TEXT NOT NULL,
     range_from BIGINT, range_to BIGINT, deleted BIGINT NOT NULL, actor_id TEXT NOT NULL)`,
  `CREATE TABLE auth_accounts (
     account_id TEXT PRIMARY KEY, username TEXT NOT NULL UNIQUE, role TEXT NOT NULL, display_name TEXT NOT NULL,
     email TEXT, password_hash TEXT NOT NULL, created_ms BIGINT NOT NULL, disabled BOOLEAN NOT NULL)`,
  `CREATE TABLE auth_sessions (
     token_hash TEXT PRIMARY KEY, account_id TEXT NOT NULL, csrf TEXT NOT NULL, created_ms BIGINT NOT NULL,
     expires_ms BIGINT NOT NULL)`,
  `CREATE TABLE oauth_clients (
     client_id TEXT PRIMARY KEY, name TEXT NOT NULL, legal_identity TEXT NOT NULL, contact TEXT NOT NULL,
     role TEXT NOT NULL, redirect_uris TEXT NOT NULL, purposes TEXT NOT NULL, finest_step TEXT NOT NULL,
     retention_months INTEGER NOT NULL, secret_hash TEXT NOT NULL, created_ms BIGINT NOT NULL,
     disabled BOOLEAN NOT NULL, accepts_protected_daily BOOLEAN NOT NULL DEFAULT false)`,
  `CREATE TABLE oauth_codes (
     code_hash TEXT PRIMARY KEY, client_id TEXT NOT NULL, subject TEXT NOT NULL, prms TEXT NOT NULL,
     consent_ids TEXT NOT NULL, redirect_uri TEXT NOT NULL, code_challenge TEXT, expires_ms BIGINT NOT NULL,
     used BOOLEAN NOT NULL)`,
  `CREATE TABLE oauth_tokens (
     token_hash TEXT PRIMARY KEY, token_id TEXT NOT NULL, client_id TEXT NOT NULL, subject TEXT,
     prms TEXT, consent_ids TEXT NOT NULL, issued_ms BIGINT NOT NULL, expires_ms BIGINT NOT NULL,
     revoked_ms BIGINT)`,
  `CREATE TABLE usage_point_contract (
     prm TEXT NOT NULL, field TEXT NOT NULL, value TEXT NOT NULL,
     source TEXT NOT NULL, file TEXT NOT NULL, updated_ms BIGINT NOT NULL,
     PRIMARY KEY (prm, field))`,
  `CREATE TABLE usage_point_calendars (
     prm TEXT NOT NULL, valid_from BIGINT NOT NULL, valid_to BIGINT, calendar_id TEXT NOT NULL, label TEXT NOT NULL,
     registers TEXT NOT NULL, source TEXT NOT NULL, file TEXT NOT NULL, updated_ms BIGINT NOT NULL,
     PRIMARY KEY (prm, valid_from))`,
  `CREATE TABLE usage_point_areas (
     prm TEXT NOT NULL, kind TEXT NOT NULL, code TEXT NOT NULL, updated_ms BIGINT NOT NULL,
     PRIMARY KEY (prm, kind))`,
  `CREATE TABLE stats_releases (
     seq BIGINT PRIMARY KEY, release_id TEXT NOT NULL UNIQUE, at_ms BIGINT NOT NULL, publisher TEXT NOT NULL,
     dataset TEXT NOT NULL, rho DOUBLE PRECISION NOT NULL, body TEXT NOT NULL, prev_hash TEXT NOT NULL,
     hash TEXT NOT NULL)`,
  `CREATE TABLE stats_spend (
     release_id TEXT NOT NULL, subject TEXT NOT NULL, rho DOUBLE PRECISION NOT NULL,
     PRIMARY KEY (release_id, subject))`,
  `CREATE INDEX stats_spend_subject ON stats_spend (subject)`,
  `CREATE TABLE stats_release_staging (
     release_id TEXT NOT NULL, format TEXT NOT NULL, bytes BYTEA NOT NULL, PRIMARY KEY (release_id, format))`,
  `CREATE TABLE stats_release_files (
     release_id TEXT NOT NULL, format TEXT NOT NULL, bytes BYTEA NOT NULL, PRIMARY KEY (release_id, format))`,
]);
