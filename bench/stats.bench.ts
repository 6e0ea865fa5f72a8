/**
 * Published statistics: the bounded per-household aggregate (ReadingStore.householdAggregates) against a plain
 * GROUP BY over the same readings.
 *  - loading a synthetic population (src/statistics/synthetic.ts, from the UCI fixture's real days) through the
 *    ReadingStore port: first one month for every household (10,000 × 1 month at 30 min = 14.4 M points), then the
 *    other months, then compaction;
 *  - on the whole table (10,000 households × 213 days at 30 min ≈ 102 M points): the clipped per-home aggregate
 *    (per-home GROUP BY, clip, per-cell GROUP BY, working-hours activity, histogram) by day, by month and as an hourly
 *    profile (and by day without the working-hours indicator), against a plain `GROUP BY area, Paris day` SUM over
 *    the same join of readings and homes; each the best of three runs, taken in turn.
 * BENCH_STATS_HOMES (default 10000) and BENCH_STATS_DAYS (default 213) shrink the run for a quick look.
 */
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir, loadavg } from 'node:os';
import { BIGINT, INTEGER, LIST, listValue, UINTEGER } from '@duckdb/node-api';
import { parisOffsetMs, parisWallToUtc } from '../src/core/calendar.ts';
import type { ReadingBatch } from '../src/core/series.ts';
import { DuckDbDatabase } from '../src/adapters/duckdb/duckdb-database.ts';
import { DuckDbReadingStore } from '../src/adapters/duckdb/duckdb-store.ts';
import { parisLocalSql } from '../src/adapters/duckdb/duckdb-household-aggregates.ts';
import { histogramEdges } from '../src/statistics/query.ts';
import { halfHourDays, householdBatch, syntheticPopulation } from '../src/statistics/synthetic.ts';
import { bucketsOf, type StatsBucket } from '../src/statistics/buckets.ts';

const HOMES = Number(process.env.BENCH_STATS_HOMES ?? 10_000);
const DAYS = Number(process.env.BENCH_STATS_DAYS ?? 213);
const FROM = parisWallToUtc(2024, 1, 1);
const FIRST_MONTH = 31;
/** Points per write call: about 2 M, as the store bench. */
const POINTS_PER_WRITE = 2_000_000;

const fixture = new URL('../test/fixtures/consent/uci-2007-01-01-3days-1min.csv', import.meta.url);
const pool = halfHourDays(
  readFileSync(fixture, 'utf8')
    .trim()
    .split('\n')
    .slice(1)
    .map((l) => Number(l.split(',')[1])),
);

const dayStart = (d: number) => {
  const x = new Date(Date.UTC(2024, 0, 1 + d));
  return parisWallToUtc(x.getUTCFullYear(), x.getUTCMonth() + 1, x.getUTCDate());
};

async function timed<T>(fn: () => Promise<T>): Promise<[T, number]> {
  const t = performance.now();
  const r = await fn();
  return [r, (performance.now() - t) / 1000];
}

export async function run(): Promise<Record<string, number | string>> {
  const dir = mkdtempSync(join(tmpdir(), 'courant-bench-stats-'));
  const path = join(dir, 'courant.duckdb');
  const out: Record<string, number | string> = { loadBefore: loadavg()[0]!.toFixed(2) };
  const db = await DuckDbDatabase.open({ path });
  const store = await DuckDbReadingStore.create(db);
  try {
    const { households } = syntheticPopulation(HOMES, pool.length, 1);
    const perWrite = Math.max(1, Math.floor(POINTS_PER_WRITE / (48 * FIRST_MONTH)));
    // one month for everyone: the 14.4 M points figure
    let points = 0;
    let [, secs] = await timed(async () => {
      for (let i = 0; i < households.length; i += perWrite) {
        const group: ReadingBatch[] = households
          .slice(i, i + perWrite)
          .map((h) => householdBatch(h, pool, FROM, Math.min(FIRST_MONTH, DAYS)));
        points += group.reduce((n, b) => n + b.ts.length, 0);
        await store.write(group);
      }
    });
    out.monthPoints = points;
    out.monthLoadSeconds = +secs.toFixed(2);
    out.monthLoadMPointsPerSecond = +(points / secs / 1e6).toFixed(2);
    // the remaining days, household by household (about 2 M points per write)
    if (DAYS > FIRST_MONTH) {
      const rest = DAYS - FIRST_MONTH;
      const per = Math.max(1, Math.floor(POINTS_PER_WRITE / (48 * rest)));
      let more = 0;
      [, secs] = await timed(async () => {
        for (let i = 0; i < households.length; i += per) {
          const group = households.slice(i, i + per).map((h) => householdBatch(h, pool, dayStart(FIRST_MONTH), rest));
          more += group.reduce((n, b) => n + b.ts.length, 0);
          await store.write(group);
        }
      });
      points += more;
      out.restLoadSeconds = +secs.toFixed(2);
      out.restLoadMPointsPerSecond = +(more / secs / 1e6).toFixed(2);
    }
    [, secs] = await timed(() => store.compact());
    out.compactSeconds = +secs.toFixed(2);
    out.totalPoints = points;
    out.fileBytesPerPoint = +(statSync(path).size / points).toFixed(2);

    const to = dayStart(DAYS);
    const homes = households.map((h) => ({ prm: h.prm, area: h.area, from: 0 }));
    const clipWh = 40_000;
    const agg = (bucket: StatsBucket, presence = true) =>
      store.householdAggregates({
        homes,
        bucket,
        presence,
        range: { from: FROM, to },
        clipWh: bucket === 'month' ? 31 * clipWh : bucket === 'hour-of-day' ? 5 * clipWh : clipWh,
        binEdgesWh: histogramEdges(clipWh, 20),
      });
    // the plain aggregate: the same homes joined to the same readings, one GROUP BY area, Paris day
    const conn = await db.connect();
    const ids = new Map(
      (await conn.runAndReadAll('SELECT id, prm FROM series')).getRows().map((r) => [String(r[1]), Number(r[0])]),
    );
    const areas = [...new Set(households.map((h) => h.area))].sort();
    const plainSql = `
      WITH homes AS (SELECT unnest($1) AS series_id, unnest($2) AS area)
      SELECT area, ${parisLocalSql(FROM, to, 'r.ts')} // 86400 AS b, sum(r.value) AS e
      FROM readings r JOIN homes h ON r.series_id = h.series_id WHERE r.ts >= $3 AND r.ts < $4
      GROUP BY area, b`;
    const plainParams = [
      listValue(households.map((h) => ids.get(h.prm)!)),
      listValue(households.map((h) => areas.indexOf(h.area))),
      BigInt(FROM / 1000),
      BigInt(to / 1000),
    ];
    // by month: the month found by comparing the local day with the months' first days, as the clipped query does
    const firsts = bucketsOf('month', { from: FROM, to }).slice(1);
    const plainMonthSql = `
      WITH homes AS (SELECT unnest($1) AS series_id, unnest($2) AS area)
      SELECT area, ${firsts.map((t) => `(${parisLocalSql(FROM, to, 'r.ts')} >= ${(t + parisOffsetMs(t)) / 1000})::INTEGER`).join(' + ') || '0'} AS b,
             sum(r.value) AS e
      FROM readings r JOIN homes h ON r.series_id = h.series_id WHERE r.ts >= $3 AND r.ts < $4
      GROUP BY area, b`;
    const types = [LIST(UINTEGER), LIST(INTEGER), BIGINT, BIGINT];
    const plain = () => conn.runAndReadAll(plainSql, plainParams, types);
    const plainMonth = () => conn.runAndReadAll(plainMonthSql, plainParams, types);
    const best: Record<string, number> = {};
    const cells: Record<string, number> = {};
    for (let rep = 0; rep < 3; rep++) {
      for (const [name, fn] of [
        ['plainDay', async () => (await plain()).getRows().length],
        ['clippedDay', async () => (await agg('day')).length],
        ['clippedDayNoPresence', async () => (await agg('day', false)).length],
        ['plainMonth', async () => (await plainMonth()).getRows().length],
        ['clippedMonth', async () => (await agg('month')).length],
        ['clippedMonthNoPresence', async () => (await agg('month', false)).length],
        ['clippedHourOfDay', async () => (await agg('hour-of-day')).length],
      ] as const) {
        const [n, s] = await timed(fn);
        cells[name] = n;
        best[name] = Math.min(best[name] ?? Infinity, s);
      }
    }
    for (const [k, v] of Object.entries(best)) out[`${k}Seconds`] = +v.toFixed(2);
    for (const k of ['clippedDay', 'clippedDayNoPresence', 'clippedHourOfDay'])
      out[`${k}VsPlainDay`] = +(best[k]! / best.plainDay!).toFixed(2);
    for (const k of ['clippedMonth', 'clippedMonthNoPresence'])
      out[`${k}VsPlainMonth`] = +(best[k]! / best.plainMonth!).toFixed(2);
    out.cellsDay = cells.clippedDay!;
    out.cellsPlainDay = cells.plainDay!;
    out.cellsMonth = cells.clippedMonth!;
    out.cellsPlainMonth = cells.plainMonth!;
    out.homes = HOMES;
    out.days = DAYS;
    out.loadAfter = loadavg()[0]!.toFixed(2);
    conn.closeSync();
  } finally {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  }
  return out;
}
