/**
 * @module adapters/duckdb/migrations/0002-registered-clients
 * The third-party channel: registered clients, single-use authorisation codes and access tokens (codes and tokens by
 * the SHA-256 of their value). Lists are JSON arrays.
 */
import { sqlMigration } from './migration.ts';

export const registeredClients = sqlMigration(2, 'registered clients, authorisation codes and access tokens', [
  `CREATE TABLE oauth_clients (
     client_id VARCHAR PRIMARY KEY, name VARCHAR NOT NULL, legal_identity VARCHAR NOT NULL, contact VARCHAR NOT NULL,
     role VARCHAR NOT NULL, redirect_uris VARCHAR NOT NULL, purposes VARCHAR NOT NULL, finest_step VARCHAR NOT NULL,
     retention_months INTEGER NOT NULL, secret_hash VARCHAR NOT NULL, created_ms BIGINT NOT NULL,
     disabled BOOLEAN NOT NULL)`,
  `CREATE TABLE oauth_codes (
     code_hash VARCHAR PRIMARY KEY, client_id VARCHAR NOT NULL, subject VARCHAR NOT NULL, prms VARCHAR NOT NULL,
     consent_ids VARCHAR NOT NULL, redirect_uri VARCHAR NOT NULL, code_challenge VARCHAR, expires_ms BIGINT NOT NULL,
     used BOOLEAN NOT NULL)`,
  `CREATE TABLE oauth_tokens (
     token_hash VARCHAR PRIMARY KEY, token_id VARCHAR NOT NULL, client_id VARCHAR NOT NULL, subject VARCHAR,
     prms VARCHAR, consent_ids VARCHAR NOT NULL, issued_ms BIGINT NOT NULL, expires_ms BIGINT NOT NULL,
     revoked_ms BIGINT)`,
]);
