/**
 * @module adapters/clickhouse/clickhouse-household-aggregates
 * The bounded per-household aggregate of published statistics (ReadingStore.householdAggregates) in one ClickHouse
 * statement through the Distributed table: nothing per home leaves the cluster. Same definition as the DuckDB one
 * (docs/statistics.md, "Cells and statistics"), written for clarity rather than the DuckDB one's per-row tricks, in
 * SQL that ClickHouse 18.16 accepts (no WITH subqueries: nested ones; the night base load joined with ANY LEFT JOIN):
 *
 *   pts    each home's one series over [from, to[ and from its occupancy start, one value per point (argMax over
 *          versions, tombstones dropped), with its Paris civil date and hour (time-zone functions per row)
 *   s2     GROUP BY home, bucket: energy rounded half away from zero (as DuckDB's round), working-hours energy and
 *          readings
 *   base   per home: the median over nights of the night's lowest reading between 02:00 and 05:00
 *   cells  GROUP BY area, bucket: homes, clipped sum (clipped per home first), homes active in working hours,
 *          histogram over the public edges
 *
 * Homes, areas, occupancy starts and steps go in as array literals indexed by the home's position (no query
 * parameters on 18.16); `max_query_size` is raised for the call so that 10⁴ homes fit.
 */
import type { ClickHouseClient } from '@clickhouse/client';
import { parisWallToUtc } from '../../core/calendar.ts';
import { CourantError } from '../../core/errors.ts';
import type { Prm } from '../../core/prm.ts';
import type { Source } from '../../core/series.ts';
import type { HouseholdAggregateCell, HouseholdAggregateQuery } from '../../ports/reading-store.ts';
import { rangeSeconds, sqlString, sqlTime, sqlUInt } from './clickhouse-sql.ts';

/** A home resolved to the one series it is read from. */
export interface ResolvedHome {
  readonly prm: Prm;
  readonly area: string;
  readonly from: number;
  readonly step: string;
  readonly source: Source;
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

/** A finite number as a Float64 literal (bin edges, margin). */
const num = (x: number) => {
  if (!Number.isFinite(x)) throw new CourantError('STATS_INVALID', `household aggregate: ${x} is not finite`);
  return `toFloat64(${String(x)})`;
};

const PARIS = "'Europe/Paris'";

export function householdAggregateSql(db: string, q: HouseholdAggregateQuery, homes: readonly ResolvedHome[]): string {
  const [from, to] = rangeSeconds(q.range);
  const areas = [...new Set(homes.map((h) => h.area))].sort();
  const prms = `[${homes.map((h) => sqlString(h.prm)).join(', ')}]`;
  const areaIdx = `[${homes.map((h) => areas.indexOf(h.area)).join(', ')}]`;
  const froms = `[${homes.map((h) => sqlUInt(Math.max(0, Math.ceil(h.from / 1000)))).join(', ')}]`;
  const steps = `[${homes.map((h) => sqlUInt(h.stepSeconds)).join(', ')}]`;
  const series = homes.map((h) => sqlString(`${h.prm}|${h.step}|${h.source}`)).join(', ');
  const pts = `SELECT home, toDate(ts, ${PARIS}) AS dd, toHour(ts, ${PARIS}) AS hh,
      (hh >= 9 AND hh < 17 AND toDayOfWeek(ts, ${PARIS}) <= 5) AS work, (hh >= 2 AND hh < 5) AS night, pv
    FROM (
      SELECT indexOf(${prms}, prm) AS home, ts, argMax(value, version) AS pv, argMax(deleted, version) AS pdel
      FROM ${db}.readings
      WHERE prm IN (${homes.map((h) => sqlString(h.prm)).join(', ')}) AND quantity = 'energy'
        AND direction = 'consumption' AND register = '' AND concat(prm, '|', step, '|', source) IN (${series})
        AND ts >= ${sqlTime(from)} AND ts < ${sqlTime(to)}
      GROUP BY prm, step, source, ts HAVING pdel = 0
    ) WHERE toUInt32(ts) >= ${froms}[home]`;
  const bucket =
    q.bucket === 'hour-of-day'
      ? 'hh'
      : q.bucket === 'day'
        ? 'toUInt16(dd)'
        : q.bucket === 'week'
          ? 'toUInt16(toMonday(dd))'
          : 'toUInt16(toStartOfMonth(dd))';
  const s2 = `SELECT home, b, if(e < 0, -floor(-e + 0.5), floor(e + 0.5)) AS re, we, wn FROM (
      SELECT home, ${bucket} AS b, sum(pv) AS e, sum(pv * work) AS we, sum(work) AS wn FROM (${pts}) GROUP BY home, b
    )`;
  const withPresence = q.presence !== false;
  const margin = q.presenceMarginW ?? DEFAULT_PRESENCE_MARGIN_W;
  // median over nights as DuckDB's median: the middle one, or the mean of the two middle ones
  const base = `SELECT home, if(length(a) % 2 = 1, a[intDiv(length(a), 2) + 1],
      (a[intDiv(length(a), 2)] + a[intDiv(length(a), 2) + 1]) / 2) AS base, toUInt8(1) AS hasbase
    FROM (
      SELECT home, arraySort(groupArray(nm)) AS a FROM (
        SELECT home, dd, min(pv) AS nm FROM (${pts}) WHERE night GROUP BY home, dd
      ) GROUP BY home
    )`;
  const present = withPresence
    ? `hasbase = 1 AND wn > 0 AND we / wn > base + ${num(margin)} * ${steps}[home] / 3600`
    : '0';
  const e = q.binEdgesWh;
  const bin = e.length === 0 ? '0' : `multiIf(${e.map((x, i) => `re < ${num(x)}, ${i}`).join(', ')}, ${e.length})`;
  const cells = `SELECT ${areaIdx}[home] AS ai, b, least(greatest(re, 0), ${sqlUInt(q.clipWh)}) AS ce,
      toUInt8(${present}) AS present, ${bin} AS bin
    FROM (${s2}) ${withPresence ? `ANY LEFT JOIN (${base}) USING home` : ''}`;
  const bins = Array.from({ length: e.length + 1 }, (_, i) => `countIf(bin = ${i})`).join(', ');
  return `SELECT ai, b, count(), sum(ce), sum(present), ${bins} FROM (${cells}) GROUP BY ai, b ORDER BY ai, b`;
}

/** Runs the aggregate for homes already resolved to their series; cells sorted by area then bucket. */
export async function householdAggregates(
  client: ClickHouseClient,
  db: string,
  q: HouseholdAggregateQuery,
  homes: readonly ResolvedHome[],
): Promise<HouseholdAggregateCell[]> {
  check(q);
  if (homes.length === 0) return [];
  const areas = [...new Set(homes.map((h) => h.area))].sort();
  const rs = await client.query({
    query: householdAggregateSql(db, q, homes),
    format: 'TabSeparated',
    clickhouse_settings: { max_query_size: String(64 << 20) },
  });
  const text = (await rs.text()).replace(/\n$/, '');
  if (text === '') return [];
  const nBins = q.binEdgesWh.length + 1;
  return text.split('\n').map((line) => {
    const r = line.split('\t').map(Number);
    return {
      area: areas[r[0]!]!,
      bucket: q.bucket === 'hour-of-day' ? r[1]! : localDayStart(r[1]!),
      homes: r[2]!,
      clippedSumWh: r[3]!,
      present: r[4]!,
      histogram: Array.from({ length: nBins }, (_, i) => r[5 + i]!),
    };
  });
}

/** UTC ms of the start of Paris local day number `dn` (days since 1970-01-01). */
function localDayStart(dn: number): number {
  const d = new Date(dn * 86_400_000);
  return parisWallToUtc(d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate());
}
