/**
 * @module adapters/duckdb/duckdb-household-aggregates
 * The bounded per-household aggregate of published statistics (ReadingStore.householdAggregates), in one DuckDB
 * statement: nothing per home leaves the engine.
 *
 * Shape (docs/statistics.md, "Cells and statistics"):
 *   homes   the contributors as rows (series id, home, area, occupancy start, step), unnested from list parameters
 *   pts     their readings over [from, to[ and from each home's occupancy start, with the Paris wall-clock second
 *           (UTC + the offset of the period's segment, a CASE over its few clock changes: no time-zone call per row)
 *   s1      GROUP BY home, civil day (and hour for a profile): energy, working-hours energy and seconds, and the
 *           night's lowest mean power; materialised, it is small (homes × days)
 *   base    each home's night base load: the median over nights of the night's lowest half-hour (or hourly) mean
 *           power between 02:00 and 05:00
 *   s2      GROUP BY home, bucket: the home's energy in the bucket, then rounded and clipped to [0, clip] per home
 *   cells   GROUP BY area, bucket: homes, clipped sum, homes active in working hours, histogram counts
 * so clipping happens per home before anything is summed across homes.
 *
 * "Active in working hours" is a crude public indicator, not a detector: the home's mean power over the bucket's
 * weekday 09:00–17:00 (Paris) readings is above its own night base load by a fixed public margin (100 W by default).
 * Only sub-daily readings (PT30M, PT1H) enter it; a home read at P1D is never counted active.
 */
import { INTEGER, LIST, listValue, UINTEGER, BIGINT, type DuckDBConnection } from '@duckdb/node-api';
import { parisWallToUtc } from '../../core/calendar.ts';
import { CourantError } from '../../core/errors.ts';
import type { AggregateHome, HouseholdAggregateCell, HouseholdAggregateQuery } from '../../ports/reading-store.ts';
import { parisOffsetSegments } from '../../statistics/buckets.ts';

/** A home resolved to the one series it is read from. */
export interface ResolvedHome {
  readonly home: AggregateHome;
  readonly seriesId: number;
  /** Seconds per reading of that series (1,800, 3,600 or 86,400). */
  readonly stepSeconds: number;
}

export const DEFAULT_PRESENCE_MARGIN_W = 100;

function check(q: HouseholdAggregateQuery): void {
  const bad = (what: string) => new CourantError('STATS_INVALID', `household aggregate: ${what}`);
  if (!Number.isSafeInteger(q.clipWh) || q.clipWh < 1) throw bad(`clipWh must be a positive whole number of Wh`);
  const e = q.binEdgesWh;
  if (!e.every((x, i) => Number.isFinite(x) && (i === 0 || x > e[i - 1]!)))
    throw bad('binEdgesWh must be finite and strictly increasing');
  const m = q.presenceMarginW ?? DEFAULT_PRESENCE_MARGIN_W;
  if (!Number.isFinite(m) || m < 0) throw bad('presenceMarginW must be a finite number of W, 0 or more');
  if (!(q.range.from < q.range.to)) throw bad('range must start before it ends');
}

/** SQL of the Paris wall-clock second of `ts` (UTC seconds) over the period: one CASE branch per clock change. */
export function parisLocalSql(from: number, to: number, ts = 'ts'): string {
  const segs = parisOffsetSegments({ from, to });
  if (segs.length === 1) return `(${ts} + ${segs[0]!.offsetMs / 1000})`;
  const branches = segs
    .slice(1)
    .reverse()
    .map((s) => `WHEN ${ts} >= ${Math.floor(s.from / 1000)} THEN ${s.offsetMs / 1000}`)
    .join(' ');
  return `(${ts} + CASE ${branches} ELSE ${segs[0]!.offsetMs / 1000} END)`;
}

/** The bucket, as a Paris local day number (days since 1970-01-01), of local day number `dn`. */
function dayFamilyBucketSql(bucket: HouseholdAggregateQuery['bucket'], dn: string): string {
  if (bucket === 'day') return dn;
  if (bucket === 'week') return `(${dn} - (${dn} + 3) % 7)`; // 1970-01-01 was a Thursday: Monday is 0
  return `(date_trunc('month', DATE '1970-01-01' + ${dn}::INTEGER)::DATE - DATE '1970-01-01')`;
}

/** The statement; parameters $1..$5 are the homes' lists, $6 and $7 the period in seconds. */
export function householdAggregateSql(q: HouseholdAggregateQuery): string {
  const local = parisLocalSql(q.range.from, q.range.to, 'r.ts');
  const margin = q.presenceMarginW ?? DEFAULT_PRESENCE_MARGIN_W;
  const profile = q.bucket === 'hour-of-day';
  const bin =
    q.binEdgesWh.length === 0
      ? '0'
      : `CASE ${q.binEdgesWh.map((e, i) => `WHEN re < ${e} THEN ${i}`).join(' ')} ELSE ${q.binEdgesWh.length} END`;
  const bins = Array.from({ length: q.binEdgesWh.length + 1 }, (_, i) => `count(*) FILTER (WHERE bin = ${i})`);
  const s1 = profile
    ? `SELECT home, dn, (sod // 3600) AS hod, sum(value) AS e, sum(value) FILTER (WHERE work) AS we,
              sum(step_s) FILTER (WHERE work) AS ws, min(value * 3600.0 / step_s) FILTER (WHERE night) AS nmin
       FROM pts GROUP BY home, dn, hod`
    : `SELECT home, dn, sum(value) AS e, sum(value) FILTER (WHERE work) AS we,
              sum(step_s) FILTER (WHERE work) AS ws, min(value * 3600.0 / step_s) FILTER (WHERE night) AS nmin
       FROM pts GROUP BY home, dn`;
  const nights = profile ? `SELECT home, dn, min(nmin) AS nmin FROM s1 GROUP BY home, dn` : `SELECT home, nmin FROM s1`;
  const bucketKey = profile ? 'hod' : dayFamilyBucketSql(q.bucket, 'dn');
  return `
WITH homes AS (
  SELECT unnest($1) AS series_id, unnest($2) AS home, unnest($3) AS area, unnest($4) AS from_s, unnest($5) AS step_s
), pts AS (
  SELECT home, value, step_s, lt // 86400 AS dn, lt % 86400 AS sod,
         step_s <= 3600 AND (lt // 86400 + 3) % 7 < 5 AND lt % 86400 >= 32400 AND lt % 86400 < 61200 AS work,
         step_s <= 3600 AND lt % 86400 >= 7200 AND lt % 86400 < 18000 AS night
  FROM (
    SELECT h.home, r.value, h.step_s, ${local}::BIGINT AS lt
    FROM readings r JOIN homes h ON r.series_id = h.series_id
    WHERE r.ts >= $6 AND r.ts < $7 AND r.ts >= h.from_s
  )
), s1 AS MATERIALIZED (
  ${s1}
), base AS (
  SELECT home, median(nmin) AS base FROM (${nights}) WHERE nmin IS NOT NULL GROUP BY home
), s2 AS (
  SELECT home, ${bucketKey} AS b, round(sum(e)) AS re, sum(we) AS we, sum(ws) AS ws FROM s1 GROUP BY home, b
), s3 AS (
  SELECT homes.area, s2.b, least(greatest(s2.re, 0), ${q.clipWh})::BIGINT AS ce, s2.re,
         (base.base IS NOT NULL AND s2.ws > 0 AND s2.we * 3600.0 / s2.ws > base.base + ${margin})::INTEGER AS present
  FROM s2 JOIN homes ON homes.home = s2.home LEFT JOIN base ON base.home = s2.home
), s4 AS (
  SELECT area, b, ce, present, ${bin} AS bin FROM s3
)
SELECT area, b, count(*) AS homes, sum(ce) AS clipped, sum(present) AS present, ${bins.join(', ')}
FROM s4 GROUP BY area, b ORDER BY area, b`;
}

/** Runs the aggregate for homes already resolved to their series; cells sorted by area then bucket. */
export async function householdAggregates(
  conn: DuckDBConnection,
  q: HouseholdAggregateQuery,
  resolved: readonly ResolvedHome[],
): Promise<HouseholdAggregateCell[]> {
  check(q);
  if (resolved.length === 0) return [];
  const areas = [...new Set(resolved.map((r) => r.home.area))].sort();
  const areaIndex = new Map(areas.map((a, i) => [a, i]));
  const params = [
    listValue(resolved.map((r) => r.seriesId)),
    listValue(resolved.map((_, i) => i)),
    listValue(resolved.map((r) => areaIndex.get(r.home.area)!)),
    listValue(resolved.map((r) => BigInt(Math.max(0, Math.ceil(r.home.from / 1000))))),
    listValue(resolved.map((r) => r.stepSeconds)),
    BigInt(Math.max(0, Math.floor(q.range.from / 1000))),
    BigInt(Math.min(0xffffffff, Math.ceil(q.range.to / 1000))),
  ];
  const types = [LIST(UINTEGER), LIST(INTEGER), LIST(INTEGER), LIST(BIGINT), LIST(INTEGER), BIGINT, BIGINT];
  const rows = (await conn.runAndReadAll(householdAggregateSql(q), params, types)).getRows();
  const nBins = q.binEdgesWh.length + 1;
  return rows.map((r) => {
    const b = Number(r[1] as number | bigint);
    return {
      area: areas[Number(r[0] as number)]!,
      bucket: q.bucket === 'hour-of-day' ? b : localDayStart(b),
      homes: Number(r[2] as bigint),
      clippedSumWh: Number(r[3] as bigint),
      present: Number(r[4] as bigint),
      histogram: Array.from({ length: nBins }, (_, i) => Number(r[5 + i] as bigint)),
    };
  });
}

/** UTC ms of the start of Paris local day number `dn`. */
function localDayStart(dn: number): number {
  const d = new Date(dn * 86_400_000);
  return parisWallToUtc(d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate());
}
