/**
 * @module adapters/clickhouse/clickhouse-sql
 * Statements and quoting of the ClickHouse reading store, in the SQL subset that both ClickHouse 18.16 (Debian's
 * package) and current servers accept (docs/storage.md, "ClickHouse"):
 *
 * - **No query parameters.** 18.16 refuses them (`Unknown setting param_…`), so values go into the SQL text. Every
 *   value that reaches SQL goes through `sqlString` (strings) or `sqlUInt` (integers): usage points, quantities, steps
 *   and sources are checked against closed lists before, but a register is free text, so quoting is the only guard.
 * - Formats: RowBinary to insert (over plain HTTP, clickhouse-http.ts), JSONEachRow and TabSeparated to read.
 * - No codecs, TTL, LowCardinality, DateTime64, `mutations_sync`, FINAL on a Distributed table (18.16: "Cannot find
 *   column version in source stream"): one value per point is picked with `argMax(…, version)` instead.
 */
import { CourantError } from '../../core/errors.ts';
import type { Source } from '../../core/series.ts';

/**
 * A ClickHouse string literal. Inside single quotes ClickHouse reads backslash escapes, so a backslash and a quote are
 * escaped, and so are the characters that would otherwise end up raw in the statement (NUL, line breaks, tab).
 */
export function sqlString(s: string): string {
  if (typeof s !== 'string') throw new TypeError('sqlString: not a string');
  return `'${s.replace(/[\\'\0\n\r\t]/g, (c) => SQL_ESCAPES[c]!)}'`;
}
const SQL_ESCAPES: Record<string, string> = {
  '\\': '\\\\',
  "'": "\\'",
  '\0': '\\0',
  '\n': '\\n',
  '\r': '\\r',
  '\t': '\\t',
};

/** An unsigned integer literal; anything else (fraction, negative, NaN, beyond 2^53) is refused. */
export function sqlUInt(n: number): string {
  if (!Number.isSafeInteger(n) || n < 0) throw new CourantError('INPUT_INVALID', `not an unsigned integer: ${n}`);
  return String(n);
}

/** A database or table name: plain identifiers only, so it never needs quoting. */
export function sqlIdentifier(name: string): string {
  if (!/^[A-Za-z_][A-Za-z0-9_]{0,62}$/.test(name))
    throw new CourantError('CONFIG_INVALID', `ClickHouse name ${JSON.stringify(name)} is not a plain identifier`);
  return name;
}

/** A reading's columns, in table order. `version` orders writes of the same point; `deleted` marks tombstones. */
export const COLUMNS = 'prm, quantity, direction, register, step, source, ts, value, quality, version, deleted';
/** The series key columns. */
export const KEY = 'prm, quantity, direction, register, step, source';

/** The per-shard table: one row per written version of a point, merged by the engine in the background. */
export function createLocalTable(db: string): string {
  return `CREATE TABLE IF NOT EXISTS ${db}.readings_local (
  prm String, quantity String, direction String, register String, step String, source String,
  ts DateTime('UTC'), value Float64, quality UInt8, version UInt64, deleted UInt8
) ENGINE = ReplacingMergeTree(version)
PARTITION BY toYYYYMM(ts)
ORDER BY (prm, quantity, direction, register, step, source, ts)`;
}

/** The table every query goes through: the shards' local tables, rows sent to a shard by a hash of the usage point. */
export function createDistributedTable(db: string, cluster: string): string {
  return `CREATE TABLE IF NOT EXISTS ${db}.readings AS ${db}.readings_local
ENGINE = Distributed(${cluster}, ${db}, readings_local, cityHash64(prm))`;
}

/** Seconds since the epoch as a DateTime, for comparisons with `ts`. */
export const sqlTime = (sec: number) => `toDateTime(${sqlUInt(sec)})`;

/** [from, to) in ms to whole seconds within the DateTime range (1970–2106). */
export function rangeSeconds(r: { from: number; to: number }): [number, number] {
  if (Number.isNaN(r.from) || Number.isNaN(r.to))
    throw new CourantError('INPUT_INVALID_RANGE', 'range is not a number');
  return [Math.max(0, Math.floor(r.from / 1000)), Math.min(0xffffffff, Math.max(0, Math.ceil(r.to / 1000)))];
}

/**
 * The live points of the selected series over [from, to) (seconds), one per instant: the last version of each
 * (series, ts), tombstones dropped, then sources merged per instant in `sources` order (the first listed wins).
 * Columns: t (UInt32 seconds), v, q.
 */
export function mergedPointsSql(
  db: string,
  where: string,
  sources: readonly Source[],
  from: number,
  to: number,
): string {
  const priority = `indexOf([${sources.map(sqlString).join(', ')}], source)`;
  return `SELECT t, argMin(pv, p) AS v, argMin(pq, p) AS q FROM (
  SELECT toUInt32(ts) AS t, ${priority} AS p, argMax(value, version) AS pv, argMax(quality, version) AS pq,
    argMax(deleted, version) AS pd
  FROM ${db}.readings
  WHERE ${where} AND source IN (${sources.map(sqlString).join(', ')}) AND ts >= ${sqlTime(from)} AND ts < ${sqlTime(to)}
  GROUP BY ts, source HAVING pd = 0
) GROUP BY t`;
}

/** Aggregate per quantity over a bucket's points (`v`, `t`); an index takes its first value (the interval start). */
export const AGGREGATE_SQL: Record<'sum' | 'mean' | 'max' | 'last', string> = {
  sum: 'sum(v)',
  mean: 'avg(v)',
  max: 'max(v)',
  last: 'argMin(v, t)',
};

/** Bucket of `t` (seconds) for a civil day in Europe/Paris (23, 24 or 25 hours long). */
export const PARIS_DAY_BUCKET = `toUInt32(toStartOfDay(toDateTime(t, 'UTC'), 'Europe/Paris'))`;
