/**
 * @module adapters/duckdb/migrations/0001-initial-schema
 * Schema version 1: every table as the modules created them before the schema was versioned (reading store,
 * consent ledger and logs, accounts and sessions, usage-point profiles, store_meta).
 *
 * Published: never edit. It is the only migration written with IF NOT EXISTS, because files written before versioning
 * hold these tables (all or some of them) without a version: running it on such a file creates what is missing and
 * changes nothing else, and the file is then at version 1. Later migrations run exactly once and say what they mean.
 */
import { sqlMigration } from './migration.ts';

export const initialSchema = sqlMigration(1, 'initial schema', [
  // reading store
  `CREATE TABLE IF NOT EXISTS series (
     id UINTEGER PRIMARY KEY,
     prm VARCHAR NOT NULL, quantity VARCHAR NOT NULL, direction VARCHAR NOT NULL,
     register VARCHAR NOT NULL, step VARCHAR NOT NULL, source VARCHAR NOT NULL,
     count UBIGINT NOT NULL DEFAULT 0, first_ts UINTEGER, last_ts UINTEGER,
     UNIQUE (prm, quantity, direction, register, step, source))`,
  `CREATE TABLE IF NOT EXISTS readings (
     series_id UINTEGER NOT NULL, ts UINTEGER NOT NULL, value DOUBLE NOT NULL, quality UTINYINT NOT NULL)`,
  `CREATE TABLE IF NOT EXISTS store_meta (key VARCHAR PRIMARY KEY, value VARCHAR NOT NULL)`,
  // consent ledger, access log, legal requests, deletion records
  `CREATE TABLE IF NOT EXISTS consent_ledger (
     seq BIGINT PRIMARY KEY, event_id VARCHAR NOT NULL UNIQUE, at_ms BIGINT NOT NULL,
     actor_kind VARCHAR NOT NULL, actor_id VARCHAR NOT NULL, type VARCHAR NOT NULL,
     prm VARCHAR, consent_id VARCHAR, body VARCHAR NOT NULL,
     prev_hash VARCHAR NOT NULL, hash VARCHAR NOT NULL, receipt VARCHAR)`,
  `CREATE SEQUENCE IF NOT EXISTS consent_access_log_n`,
  `CREATE TABLE IF NOT EXISTS consent_access_log (
     entry_id VARCHAR PRIMARY KEY, at_ms BIGINT NOT NULL, actor_kind VARCHAR NOT NULL, actor_id VARCHAR NOT NULL,
     prm VARCHAR NOT NULL, range_from BIGINT NOT NULL, range_to BIGINT NOT NULL, step VARCHAR NOT NULL,
     purpose VARCHAR NOT NULL, category VARCHAR NOT NULL, allowed BOOLEAN NOT NULL, basis VARCHAR NOT NULL,
     n BIGINT NOT NULL DEFAULT nextval('consent_access_log_n'))`,
  `CREATE TABLE IF NOT EXISTS consent_legal_requests (
     request_id VARCHAR PRIMARY KEY, reference VARCHAR NOT NULL, authority_id VARCHAR NOT NULL, authority_type VARCHAR NOT NULL,
     legal_basis VARCHAR NOT NULL, prms VARCHAR NOT NULL, range_from BIGINT NOT NULL, range_to BIGINT NOT NULL,
     secret BOOLEAN NOT NULL, received_at BIGINT NOT NULL, outcome VARCHAR NOT NULL,
     decided_at BIGINT, valid_until BIGINT, decided_by VARCHAR)`,
  `CREATE TABLE IF NOT EXISTS consent_deletions (
     record_id VARCHAR PRIMARY KEY, at_ms BIGINT NOT NULL, prm VARCHAR NOT NULL, reason VARCHAR NOT NULL, what VARCHAR NOT NULL,
     range_from BIGINT, range_to BIGINT, deleted BIGINT NOT NULL, actor_id VARCHAR NOT NULL)`,
  // accounts and sessions
  `CREATE TABLE IF NOT EXISTS auth_accounts (
     account_id VARCHAR PRIMARY KEY, username VARCHAR NOT NULL UNIQUE, role VARCHAR NOT NULL, display_name VARCHAR NOT NULL,
     email VARCHAR, password_hash VARCHAR NOT NULL, created_ms BIGINT NOT NULL, disabled BOOLEAN NOT NULL)`,
  `CREATE TABLE IF NOT EXISTS auth_sessions (
     token_hash VARCHAR PRIMARY KEY, account_id VARCHAR NOT NULL, csrf VARCHAR NOT NULL, created_ms BIGINT NOT NULL, expires_ms BIGINT NOT NULL)`,
  // usage-point profiles
  `CREATE TABLE IF NOT EXISTS usage_point_contract (
     prm VARCHAR NOT NULL, field VARCHAR NOT NULL, value VARCHAR NOT NULL,
     source VARCHAR NOT NULL, file VARCHAR NOT NULL, updated_ms BIGINT NOT NULL,
     PRIMARY KEY (prm, field))`,
  `CREATE TABLE IF NOT EXISTS usage_point_calendars (
     prm VARCHAR NOT NULL, valid_from BIGINT NOT NULL, valid_to BIGINT, calendar_id VARCHAR NOT NULL, label VARCHAR NOT NULL,
     registers VARCHAR NOT NULL, source VARCHAR NOT NULL, file VARCHAR NOT NULL, updated_ms BIGINT NOT NULL,
     PRIMARY KEY (prm, valid_from))`,
]);
