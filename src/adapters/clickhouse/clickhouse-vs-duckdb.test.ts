/**
 * The ClickHouse store answers as the DuckDB store on the same seeded random population: household aggregates for
 * every bucket (with and without presence) and daily resampling, over two weeks that contain the autumn clock change.
 * Values in quarters of a Wh, a few negative, so rounding halves, clipping at 0 and the median of an even number of
 * nights are all exercised.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openReadingStore } from '../../backend/open-storage.ts';
import type { Prm } from '../../core/prm.ts';
import type { ReadingBatch, Source } from '../../core/series.ts';
import type { FixedStep } from '../../core/step.ts';
import type { AggregateHome, ReadingStore } from '../../ports/reading-store.ts';
import { STATS_BUCKETS } from '../../statistics/buckets.ts';
import { startClickHouseCluster, type ClickHouseCluster } from '../../../test/clickhouse-cluster.ts';
import { ClickHouseReadingStore } from './clickhouse-store.ts';

const SEED = 20241027;
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

const H = 3_600_000;
const FROM = Date.UTC(2024, 9, 20, 22); // Monday 21 October 2024, 00:00 Paris (UTC+2)
const TO = Date.UTC(2024, 10, 3, 23); // Monday 4 November 2024, 00:00 Paris (UTC+1)
const STEP_MS: Record<string, number> = { PT30M: H / 2, PT1H: H, P1D: 24 * H };

function population(): { batches: ReadingBatch[]; homes: AggregateHome[] } {
  const r = rng(SEED);
  const batches: ReadingBatch[] = [];
  const homes: AggregateHome[] = [];
  const sources: Source[] = ['csv', 'enedis_api', 'demo'];
  for (let i = 0; i < 24; i++) {
    const prm = `0800000000${String(i).padStart(4, '0')}` as Prm;
    const step = (['PT30M', 'PT1H', 'P1D'] as FixedStep[])[Math.floor(r() * 3)]!;
    const source = sources[Math.floor(r() * sources.length)]!;
    const ms = STEP_MS[step]!;
    // daily series start at each Paris midnight; the others on the step
    const ts: number[] = [];
    if (step === 'P1D') for (let t = FROM; t < TO; t += 24 * H) ts.push(t + (t >= Date.UTC(2024, 9, 27, 1) ? H : 0));
    else for (let t = FROM; t < TO; t += ms) ts.push(t);
    const values = ts.map(() => Math.round((r() * 1_200 - 40) * 4) / 4);
    batches.push({
      key: { prm, quantity: 'energy', direction: 'consumption', register: '', step, source },
      ts,
      values,
    });
    if (r() < 0.3)
      batches.push({
        key: { prm, quantity: 'energy', direction: 'production', register: '', step, source },
        ts,
        values,
      });
    if (i % 7 !== 6)
      homes.push({
        prm,
        area: ['75056', '92071', '13055'][i % 3]!,
        from: FROM + Math.floor(r() * 10) * 24 * H - (r() < 0.5 ? 0 : 5 * H),
      });
  }
  return { batches, homes };
}

let cluster: ClickHouseCluster;
let ch: ReadingStore;
let duck: ReadingStore;
const { batches, homes } = population();

before(async () => {
  cluster = await startClickHouseCluster();
  ch = await ClickHouseReadingStore.open({
    nodes: cluster.nodes.map((n) => n.url),
    cluster: cluster.cluster,
    database: 'courant_vs',
  });
  duck = await openReadingStore({ dataDir: mkdtempSync(join(tmpdir(), 'courant-vs-')) });
  assert.deepEqual(await ch.write(batches), await duck.write(batches));
});
after(async () => {
  await ch?.close();
  await duck?.close();
  await cluster?.stop();
});

for (const bucket of STATS_BUCKETS)
  for (const presence of [true, false])
    test(`household aggregates by ${bucket}${presence ? '' : ' without presence'}: ClickHouse equals DuckDB`, async () => {
      const q = {
        homes,
        bucket,
        range: { from: FROM, to: TO },
        clipWh: 18_000,
        binEdgesWh: [2_000, 9_000, 15_000],
        presence,
      };
      const want = await duck.householdAggregates!(q);
      assert.ok(want.length > 0 && (!presence || bucket === 'month' || want.some((c) => c.present > 0)));
      assert.deepEqual(await ch.householdAggregates!(q), want);
    });

test('daily resampling over the clock change and listing: ClickHouse equals DuckDB', async () => {
  assert.deepEqual(await ch.list(), await duck.list());
  for (const b of batches.slice(0, 10)) {
    const q = { ...b.key, to: 'P1D' as const, range: { from: FROM, to: TO } };
    assert.deepEqual(await ch.resample(q), await duck.resample(q));
  }
});
