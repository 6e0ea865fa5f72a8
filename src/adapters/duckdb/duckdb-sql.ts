/**
 * @module adapters/duckdb/duckdb-sql
 * Statements of the DuckDB reading store. Its tables are created and changed by the schema migrations
 * (migrations/, applied when the database opens).
 *
 * Layout choices (measured in shared/reference/engines.md):
 * - `readings` holds (series_id, ts, value, quality) only: 4 + 4 + 8 + 1 bytes before compression. The series key
 *   (usage point, quantity, direction, register, step, source) lives once in `series`.
 * - `ts` is UINTEGER seconds since the epoch (interval start, UTC): no BigInt per row on the append path, valid to
 * 2106.
 * - No ART index (93 s and 1.3 GB per 100 M rows); instead every write is appended sorted by (series_id, ts) and
 *   `compact()` rewrites the table in that order, so zone maps prune one household's year to a few row groups.
 * - `series` keeps count/first/last so that listing what is held never scans the readings.
 */

export const STAGING_TABLE = 'readings_staging';
export const CREATE_STAGING = `CREATE OR REPLACE TEMP TABLE ${STAGING_TABLE} (
  series_id UINTEGER NOT NULL, ts UINTEGER NOT NULL, value DOUBLE NOT NULL, quality UTINYINT NOT NULL, seq UINTEGER NOT NULL)`;

/**
 * Aggregate per quantity, as SQL over `value` (and `ts` for "last"/"first").
 * Index readings carry the register value at the interval start, so a coarser bucket takes the first one.
 */
export const AGGREGATE_SQL: Record<'sum' | 'mean' | 'max' | 'last', string> = {
  sum: 'sum(value)',
  mean: 'avg(value)',
  max: 'max(value)',
  last: 'arg_min(value, ts)',
};

/** Bucket expression (seconds since epoch) for a civil day in Europe/Paris (23, 24 or 25 hours long). */
export const PARIS_DAY_BUCKET = `epoch(timezone('Europe/Paris', date_trunc('day', timezone('Europe/Paris', to_timestamp(ts)))))::UBIGINT`;
