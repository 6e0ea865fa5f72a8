/**
 * The ClickHouse reading store beside the DuckDB one, in the same run, on the same batches:
 *  - ingest through the ReadingStore port (points/s), BENCH_CH_METERS (default 1,000) usage points × BENCH_CH_DAYS
 *    (default 365) days at 30 minutes, arriving day by day, about 2 M points per write call;
 *  - one usage point's full year at 30 minutes through `read()` and its daily totals through `resample()` (P1D), p50
 *    and p95 over 100 usage points (after 10 warm-up reads).
 * ClickHouse is a real 2-shard cluster of Debian's clickhouse-server started for the run (test/clickhouse-cluster.ts),
 * both servers on this machine's 2 cores beside the benchmark itself; DuckDB is a file in a temporary directory.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { openReadingStore } from '../src/backend/open-storage.ts';
import { ClickHouseReadingStore } from '../src/adapters/clickhouse/clickhouse-store.ts';
import type { ReadingBatch, SeriesKey } from '../src/core/series.ts';
import type { Prm } from '../src/core/prm.ts';
import type { ReadingStore } from '../src/ports/reading-store.ts';
import { startClickHouseCluster } from '../test/clickhouse-cluster.ts';

const METERS = Number(process.env.BENCH_CH_METERS ?? 1_000);
const DAYS = Number(process.env.BENCH_CH_DAYS ?? 365);
const SLOT = 1_800_000;
const T0 = Date.UTC(2025, 0, 1);

const prmOf = (i: number) => String(90_000_000_000_000 + i).padStart(14, '0') as Prm;
const keyOf = (i: number): SeriesKey => ({
  prm: prmOf(i),
  quantity: 'energy',
  direction: 'consumption',
  register: '',
  step: 'PT30M',
  source: 'enedis_api',
});

function* dayBatches(day: number): Generator<ReadingBatch> {
  const ts = new Float64Array(48);
  for (let s = 0; s < 48; s++) ts[s] = T0 + day * 86_400_000 + s * SLOT;
  let seed = day * 7919 + 1;
  for (let m = 0; m < METERS; m++) {
    const values = new Float64Array(48);
    for (let s = 0; s < 48; s++) {
      seed = (seed * 1103515245 + 12345) & 0x7fffffff;
      values[s] = 80 + ((seed >> 8) % 900) + (s >= 14 && s <= 18 ? 400 : 0);
    }
    yield { key: keyOf(m), ts, values };
  }
}

const DAYS_PER_WRITE = Math.max(1, Math.floor(2_000_000 / (METERS * 48)));
function* writeGroup(firstDay: number): Generator<ReadingBatch> {
  for (let d = firstDay; d < Math.min(DAYS, firstDay + DAYS_PER_WRITE); d++) yield* dayBatches(d);
}

const pct = (xs: number[], p: number) => Number([...xs].sort((a, b) => a - b)[Math.floor(xs.length * p)]!.toFixed(1));

async function measure(name: string, store: ReadingStore): Promise<Record<string, number>> {
  const total = METERS * DAYS * 48;
  const t0 = performance.now();
  for (let d = 0; d < DAYS; d += DAYS_PER_WRITE) {
    await store.write(writeGroup(d));
    if ((d / DAYS_PER_WRITE) % 20 === 0) process.stderr.write(`  ${name} ingest: day ${d}/${DAYS}\n`);
  }
  const ingestS = (performance.now() - t0) / 1000;
  const tc = performance.now();
  await store.compact();
  const compactS = (performance.now() - tc) / 1000;
  const range = { from: T0, to: T0 + DAYS * 86_400_000 };
  const reads: number[] = [];
  const days: number[] = [];
  let points = 0;
  for (let i = 0; i < 110; i++) {
    const k = keyOf((i * 7919) % METERS);
    let s = performance.now();
    points = (await store.read({ ...k, range })).ts.length;
    if (i >= 10) reads.push(performance.now() - s);
    s = performance.now();
    await store.resample({ ...k, to: 'P1D', range });
    if (i >= 10) days.push(performance.now() - s);
  }
  if (points !== DAYS * 48) throw new Error(`${name}: read ${points} points, expected ${DAYS * 48}`);
  return {
    [`${name}.ingest.points`]: total,
    [`${name}.ingest.pointsPerSec`]: Math.round(total / ingestS),
    [`${name}.ingest.seconds`]: Number(ingestS.toFixed(1)),
    [`${name}.compact.seconds`]: Number(compactS.toFixed(1)),
    [`${name}.readYearAt30min.p50.ms`]: pct(reads, 0.5),
    [`${name}.readYearAt30min.p95.ms`]: pct(reads, 0.95),
    [`${name}.resampleYearToDays.p50.ms`]: pct(days, 0.5),
    [`${name}.resampleYearToDays.p95.ms`]: pct(days, 0.95),
  };
}

export async function run(): Promise<Record<string, number | string>> {
  const dataDir = mkdtempSync(join(tmpdir(), 'courant-bench-chvs-'));
  const duck = await openReadingStore({ dataDir });
  let out: Record<string, number | string>;
  try {
    out = await measure('duckdb', duck);
  } finally {
    await duck.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
  const cluster = await startClickHouseCluster();
  try {
    const ch = await ClickHouseReadingStore.open({
      nodes: cluster.nodes.map((n) => n.url),
      cluster: cluster.cluster,
      database: 'courant_bench',
    });
    try {
      out = {
        ...out,
        ...(await measure('clickhouse', ch)),
        'clickhouse.server': cluster.version,
        'clickhouse.shards': 2,
      };
    } finally {
      await ch.close();
    }
  } finally {
    await cluster.stop();
  }
  return out;
}
