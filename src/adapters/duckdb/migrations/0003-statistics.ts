/**
 * @module adapters/duckdb/migrations/0003-statistics
 * Published statistics (docs/statistics.md): the area each usage point belongs to (commune, IRIS or an operator's
 * group; erased with the usage point), the hash-chained release ledger, and the privacy budget (ρ) each household spent
 * in each release (internal, never published).
 */
import { sqlMigration } from './migration.ts';

export const statistics = sqlMigration(3, 'usage-point areas, release ledger and privacy spend', [
  `CREATE TABLE usage_point_areas (
     prm VARCHAR NOT NULL, kind VARCHAR NOT NULL, code VARCHAR NOT NULL, updated_ms BIGINT NOT NULL,
     PRIMARY KEY (prm, kind))`,
  `CREATE TABLE stats_releases (
     seq BIGINT PRIMARY KEY, release_id VARCHAR NOT NULL UNIQUE, at_ms BIGINT NOT NULL, publisher VARCHAR NOT NULL,
     dataset VARCHAR NOT NULL, rho DOUBLE NOT NULL, body VARCHAR NOT NULL, prev_hash VARCHAR NOT NULL,
     hash VARCHAR NOT NULL)`,
  `CREATE TABLE stats_spend (
     release_id VARCHAR NOT NULL, subject VARCHAR NOT NULL, rho DOUBLE NOT NULL, PRIMARY KEY (release_id, subject))`,
]);
