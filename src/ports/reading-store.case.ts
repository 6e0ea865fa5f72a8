/**
 * The ReadingStore conformance suite: one set of behaviours every engine adapter must pass, run against a real
 * database (never a mock). Adapters call `readingStoreConformance(name, factory)` from their own *.test.ts.
 *
 * Each case writes what it reads on its own usage point, so it passes alone (`--test-name-pattern`), in any order, and
 * beside the others on one shared database: `readingStoreConformanceShuffled` runs them that way, in an order drawn
 * from a seed it prints, to keep it so.
 */
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { CourantError } from '../core/errors.ts';
import type { Prm } from '../core/prm.ts';
import type { ReadingBatch, SeriesKey } from '../core/series.ts';
import type { ReadingStore } from './reading-store.ts';

export interface StoreFactory {
  /** A fresh, empty store on a real database in a new location. `reopen` reopens the same location. */
  create(): Promise<{ store: ReadingStore; reopen: () => Promise<ReadingStore> }>;
}

/** One usage point per case: no case sees another's readings, whatever ran before it on the same database. */
const prm = (n: number) => `090000000000${String(n).padStart(2, '0')}` as Prm;
const T0 = Date.UTC(2024, 0, 1);
const MIN = 60_000;

const key = (over: Partial<SeriesKey> & { prm: Prm }): SeriesKey => ({
  quantity: 'energy',
  direction: 'consumption',
  register: '',
  step: 'PT1M',
  source: 'csv',
  ...over,
});
const batch = (k: SeriesKey, start: number, values: number[], stepMs = MIN): ReadingBatch => ({
  key: k,
  ts: values.map((_, i) => start + i * stepMs),
  values,
});

/** What a case gets: a store to work on (replaced when the case reopens it), and the factory for stores of its own. */
interface CaseContext {
  store: ReadingStore;
  reopen: () => Promise<ReadingStore>;
  readonly factory: StoreFactory;
}
type Case = readonly [name: string, run: (c: CaseContext) => Promise<void>];

const CASES: readonly Case[] = [
  [
    'writes and reads back points at their interval start, in time order',
    async ({ store }) => {
      const k = key({ prm: prm(10) });
      const r = await store.write([batch(k, T0, [3, 1, 4, 1, 5])]);
      assert.deepEqual(r, { added: 5, replaced: 0 });
      const got = await store.read({ ...k, range: { from: T0, to: T0 + 5 * MIN } });
      assert.deepEqual(
        [...got.ts],
        [0, 1, 2, 3, 4].map((i) => T0 + i * MIN),
      );
      assert.deepEqual([...got.values], [3, 1, 4, 1, 5]);
      const half = await store.read({ ...k, range: { from: T0 + MIN, to: T0 + 3 * MIN } });
      assert.deepEqual([...half.values], [1, 4], 'range is half-open [from, to)');
    },
  ],
  [
    're-writing the same points never duplicates; a corrected value replaces the old one',
    async ({ store }) => {
      const k = key({ prm: prm(11), register: 'HP' });
      await store.write([batch(k, T0, [10, 20, 30])]);
      const again = await store.write([batch(k, T0, [10, 20, 30])]);
      assert.deepEqual(again, { added: 0, replaced: 3 });
      const fix = await store.write([batch(k, T0 + MIN, [21, 31, 41])]);
      assert.deepEqual(fix, { added: 1, replaced: 2 });
      const got = await store.read({ ...k, range: { from: T0, to: T0 + 10 * MIN } });
      assert.deepEqual([...got.values], [10, 21, 31, 41]);
      const info = (await store.list(k.prm)).find((s) => s.register === 'HP')!;
      assert.equal(info.count, 4);
      assert.equal(info.first, T0);
      assert.equal(info.last, T0 + 3 * MIN);
    },
  ],
  [
    'within one write, the last occurrence of a point wins',
    async ({ store }) => {
      const k = key({ prm: prm(12), register: 'DUP' });
      const r = await store.write([batch(k, T0, [1, 2]), batch(k, T0, [7])]);
      assert.equal(r.added, 2);
      const got = await store.read({ ...k, range: { from: T0, to: T0 + 2 * MIN } });
      assert.deepEqual([...got.values], [7, 2]);
    },
  ],
  [
    'a bad batch anywhere in a write stores nothing from that write',
    async ({ store }) => {
      const k = key({ prm: prm(13), register: 'ATOMIC' });
      await store.write([batch(key({ prm: k.prm }), T0, [5])]); // something already held, which must stay as it was
      const before = await store.list(k.prm);
      await assert.rejects(
        store.write([batch(k, T0, [1, 2, 3]), batch(k, T0 + 3 * MIN, [4, Number.NaN])]),
        (e: unknown) =>
          e instanceof CourantError &&
          e.code === 'INPUT_INVALID_READING' &&
          /batch 2/.test(e.message) &&
          /point 1/.test(e.message),
      );
      await assert.rejects(
        store.write([batch({ ...k, prm: '123' as Prm }, T0, [1])]),
        (e: unknown) => e instanceof CourantError && e.code === 'INPUT_INVALID_READING',
      );
      assert.deepEqual(await store.list(k.prm), before);
      const got = await store.read({ ...k, range: { from: T0, to: T0 + 10 * MIN } });
      assert.equal(got.ts.length, 0);
    },
  ],
  [
    'resamples energy by sum and power by mean, with min, max and count per bucket',
    async ({ store }) => {
      const e = key({ prm: prm(14), step: 'PT1M', register: 'RS' });
      const p = key({ prm: prm(14), step: 'PT1M', quantity: 'power', register: 'RS' });
      const vals = Array.from({ length: 90 }, (_, i) => i);
      await store.write([batch(e, T0, vals), batch(p, T0, vals)]);
      const sums = await store.resample({ ...e, to: 'PT30M', range: { from: T0, to: T0 + 90 * MIN } });
      assert.deepEqual([...sums.ts], [T0, T0 + 30 * MIN, T0 + 60 * MIN]);
      assert.deepEqual([...sums.values], [435, 1335, 2235]);
      assert.deepEqual([...sums.min], [0, 30, 60]);
      assert.deepEqual([...sums.max], [29, 59, 89]);
      assert.deepEqual([...sums.count], [30, 30, 30]);
      const means = await store.resample({ ...p, to: { bucketMs: 45 * MIN }, range: { from: T0, to: T0 + 90 * MIN } });
      assert.deepEqual([...means.values], [22, 67]);
    },
  ],
  [
    'daily buckets follow the Paris civil day, 23 and 25 hours long on daylight-saving days',
    async ({ store }) => {
      const k = key({ prm: prm(15), step: 'PT1H', register: 'DST' });
      const start = Date.UTC(2024, 2, 29, 23); // 2024-03-30 00:00 Paris (UTC+1)
      const hours = 24 + 23 + 24; // 30 March, 31 March (23 h), 1 April
      await store.write([
        batch(
          k,
          start,
          Array.from({ length: hours }, () => 1),
          3_600_000,
        ),
      ]);
      const days = await store.resample({ ...k, to: 'P1D', range: { from: start, to: start + hours * 3_600_000 } });
      assert.deepEqual([...days.ts], [Date.UTC(2024, 2, 29, 23), Date.UTC(2024, 2, 30, 23), Date.UTC(2024, 2, 31, 22)]);
      assert.deepEqual([...days.values], [24, 23, 24]);
      const fall = key({ prm: prm(15), step: 'PT1H', register: 'DST2' });
      const fstart = Date.UTC(2024, 9, 26, 22); // 27 October 00:00 Paris (UTC+2), a 25-hour day
      await store.write([
        batch(
          fall,
          fstart,
          Array.from({ length: 25 }, () => 2),
          3_600_000,
        ),
      ]);
      const f = await store.resample({ ...fall, to: 'P1D', range: { from: fstart, to: fstart + 25 * 3_600_000 } });
      assert.deepEqual([...f.values], [50]);
    },
  ],
  [
    'lists what is held per usage point, and the usage points',
    async ({ store }) => {
      const [a, b] = [prm(16), prm(17)];
      await store.write([
        batch(key({ prm: a, register: 'L' }), T0, [1, 2, 3]),
        batch(key({ prm: a, register: 'L', quantity: 'power' }), T0, [100, 200]),
        batch(key({ prm: a, register: 'L', step: 'PT1H' }), T0, [7], 3_600_000),
        batch(key({ prm: b }), T0, [1]),
      ]);
      const list = await store.list(a);
      assert.equal(list.length, 3);
      for (const s of list) {
        assert.equal(s.prm, a);
        assert.ok(s.count > 0 && s.first <= s.last);
        assert.equal(s.unit, s.quantity === 'energy' ? 'Wh' : 'W');
      }
      assert.deepEqual(list.map((s) => s.count).sort(), [1, 2, 3]);
      const ups = await store.usagePoints();
      assert.ok(ups.includes(a) && ups.includes(b));
    },
  ],
  [
    'merges sources when none is named, preferring measured over demo data',
    async ({ store }) => {
      const a = key({ prm: prm(18), register: 'MERGE', source: 'demo' });
      const b = key({ prm: prm(18), register: 'MERGE', source: 'tic' });
      await store.write([batch(a, T0, [1, 1, 1]), batch(b, T0 + MIN, [9])]);
      const { source: _s, ...q } = a;
      const got = await store.read({ ...q, range: { from: T0, to: T0 + 3 * MIN } });
      assert.deepEqual([...got.values], [1, 9, 1]);
      const demoOnly = await store.read({ ...a, range: { from: T0, to: T0 + 3 * MIN } });
      assert.deepEqual([...demoOnly.values], [1, 1, 1]);
    },
  ],
  [
    'deletes by range, by step finer than a threshold, and entirely',
    async ({ store }) => {
      const P = prm(19);
      const fine = key({ prm: P, step: 'PT1M' });
      const daily = key({ prm: P, step: 'P1D' });
      await store.write([batch(fine, T0, [1, 2, 3, 4]), batch(daily, T0, [10, 20], 86_400_000)]);
      assert.equal(await store.delete({ prm: P, range: { from: T0 + MIN, to: T0 + 3 * MIN } }), 2);
      assert.deepEqual([...(await store.read({ ...fine, range: { from: T0, to: T0 + 10 * MIN } })).values], [1, 4]);
      assert.equal(await store.delete({ prm: P, finerThan: 'P1D' }), 2);
      assert.deepEqual(
        (await store.list(P)).map((s) => s.step),
        ['P1D'],
      );
      assert.equal(await store.delete({ prm: P }), 2);
      assert.deepEqual(await store.list(P), []);
      assert.ok(!(await store.usagePoints()).includes(P), 'an erased usage point is no longer listed');
    },
  ],
  [
    'compaction keeps every point',
    async ({ store }) => {
      const k = key({ prm: prm(20) });
      // several small writes, the shape compaction exists for
      for (let i = 0; i < 5; i++) await store.write([batch(k, T0 + i * MIN, [[3, 1, 4, 1, 5][i]!])]);
      const before = await store.list();
      await store.compact();
      assert.deepEqual(await store.list(), before);
      const got = await store.read({ ...k, range: { from: T0, to: T0 + 5 * MIN } });
      assert.deepEqual([...got.values], [3, 1, 4, 1, 5]);
    },
  ],
  [
    'data survives closing and reopening the database file',
    async (c) => {
      const k = key({ prm: prm(21) });
      await c.store.write([batch(k, T0, [2, 7, 1, 8])]);
      const before = await c.store.list();
      await c.store.close();
      c.store = await c.reopen();
      assert.deepEqual(await c.store.list(), before);
      assert.deepEqual([...(await c.store.read({ ...k, range: { from: T0, to: T0 + 4 * MIN } })).values], [2, 7, 1, 8]);
    },
  ],
  [
    'property: after any sequence of writes, reads equal the last value written per instant',
    async ({ store }) => {
      const k = key({ prm: prm(9), register: 'PROP' });
      const model = new Map<number, number>();
      await fc.assert(
        fc.asyncProperty(
          fc.array(
            fc.tuple(
              fc.integer({ min: 0, max: 40 }),
              fc.array(fc.integer({ min: -1000, max: 1000 }), { minLength: 1, maxLength: 8 }),
            ),
            { minLength: 1, maxLength: 4 },
          ),
          async (writes) => {
            for (const [offset, vals] of writes) {
              await store.write([batch(k, T0 + offset * MIN, vals)]);
              vals.forEach((v, i) => model.set(T0 + (offset + i) * MIN, v));
            }
            const got = await store.read({ ...k, range: { from: T0, to: T0 + 100 * MIN } });
            const want = [...model.entries()].sort((a, b) => a[0] - b[0]);
            assert.deepEqual(
              [...got.ts],
              want.map((w) => w[0]),
            );
            assert.deepEqual(
              [...got.values],
              want.map((w) => w[1]),
            );
            assert.equal((await store.list(k.prm))[0]!.count, model.size);
          },
        ),
        { numRuns: 25, seed: 42 },
      );
    },
  ],
  [
    'household aggregates: per home from its occupancy start, clipped per home before summing, per area and bucket',
    async ({ store }) => {
      if (!store.capabilities.householdAggregates || !store.householdAggregates) return; // the engine lacks it
      // Monday 8 and Tuesday 9 January 2024, Paris (UTC+1): 00:00 Paris is 23:00 UTC the day before
      const D0 = Date.UTC(2024, 0, 7, 23);
      const H = 3_600_000;
      const HALF = 1_800_000;
      const [A, B, C, D, E] = [prm(30), prm(31), prm(32), prm(33), prm(34)];
      const halfHours = (f: (localHour: number) => number) =>
        Array.from({ length: 96 }, (_, i) => f(Math.floor(i / 2) % 24));
      await store.write([
        // A: 200 W, 500 W on weekdays 09:00–17:00: 32 × 100 + 16 × 250 = 7,200 Wh a day
        batch(
          key({ prm: A, step: 'PT30M' }),
          D0,
          halfHours((h) => (h >= 9 && h < 17 ? 250 : 100)),
          HALF,
        ),
        batch(
          key({ prm: A, step: 'PT30M', direction: 'production' }),
          D0,
          halfHours(() => 9_999),
          HALF,
        ),
        // B: a flat 150 W read hourly (3,600 Wh a day); its daily series must not be read as well
        batch(key({ prm: B, step: 'PT1H', source: 'enedis_api' }), D0, Array(48).fill(150), H),
        batch(key({ prm: B, step: 'P1D', source: 'enedis_api' }), D0, [99_999, 99_999], 24 * H),
        // C: a flat 200 W, but its household moved in on Tuesday at 12:00: 24 × 100 = 2,400 Wh that day only
        batch(
          key({ prm: C, step: 'PT30M' }),
          D0,
          halfHours(() => 100),
          HALF,
        ),
        // D: daily only, in another area
        batch(key({ prm: D, step: 'P1D', source: 'enedis_portal' }), D0, [5_000, 8_000], 24 * H),
        // E: held, but not a contributor
        batch(
          key({ prm: E, step: 'PT30M' }),
          D0,
          halfHours(() => 1_000),
          HALF,
        ),
      ]);
      const homes = [
        { prm: A, area: '92071', from: 0 },
        { prm: B, area: '92071', from: D0 - 30 * 24 * H },
        { prm: C, area: '92071', from: D0 + 36 * H },
        { prm: D, area: '92050', from: 0 },
      ];
      const range = { from: D0, to: D0 + 48 * H };
      const days = await store.householdAggregates({
        homes,
        bucket: 'day',
        range,
        clipWh: 6_000,
        binEdgesWh: [2_500, 5_000, 7_500],
      });
      assert.deepEqual(days, [
        { area: '92050', bucket: D0, homes: 1, clippedSumWh: 5_000, present: 0, histogram: [0, 0, 1, 0] },
        { area: '92050', bucket: D0 + 24 * H, homes: 1, clippedSumWh: 6_000, present: 0, histogram: [0, 0, 0, 1] },
        // A's 7,200 Wh clipped to 6,000 before B's 3,600 is added; A alone is active in working hours
        { area: '92071', bucket: D0, homes: 2, clippedSumWh: 9_600, present: 1, histogram: [0, 1, 1, 0] },
        // C joins from its move-in; without a night since, it has no base load and is not counted active
        { area: '92071', bucket: D0 + 24 * H, homes: 3, clippedSumWh: 12_000, present: 1, histogram: [1, 1, 1, 0] },
      ]);
      const dayQuery = { homes, bucket: 'day', range, clipWh: 6_000, binEdgesWh: [2_500, 5_000, 7_500] } as const;
      assert.deepEqual(
        await store.householdAggregates({ ...dayQuery, presence: false }),
        days.map((c) => ({ ...c, present: 0 })),
        'without presence: the same cells, none counted active',
      );
      const weeks = await store.householdAggregates({
        homes,
        bucket: 'week',
        range,
        clipWh: 20_000,
        binEdgesWh: [2_500, 5_000, 7_500],
      });
      assert.deepEqual(weeks, [
        { area: '92050', bucket: D0, homes: 1, clippedSumWh: 13_000, present: 0, histogram: [0, 0, 0, 1] },
        { area: '92071', bucket: D0, homes: 3, clippedSumWh: 24_000, present: 1, histogram: [1, 0, 1, 1] },
      ]);
      const profile = await store.householdAggregates({
        homes,
        bucket: 'hour-of-day',
        range,
        clipWh: 20_000,
        binEdgesWh: [],
      });
      assert.ok(
        profile.every((c) => c.area === '92071'),
        'a home read daily has no hourly profile',
      );
      assert.deepEqual(
        profile.map((c) => c.bucket),
        Array.from({ length: 24 }, (_, h) => h),
      );
      const at = (h: number) => profile.find((c) => c.bucket === h)!;
      // 03:00: A 2 × 2 × 100, B 2 × 150; C's night was before its move-in
      assert.deepEqual(at(3), { area: '92071', bucket: 3, homes: 2, clippedSumWh: 700, present: 0, histogram: [2] });
      // 10:00: A 2 × 2 × 250, B 2 × 150, C 2 × 100 on Tuesday
      assert.deepEqual(at(10), {
        area: '92071',
        bucket: 10,
        homes: 2,
        clippedSumWh: 1_300,
        present: 1,
        histogram: [2],
      });
      assert.deepEqual(at(12), {
        area: '92071',
        bucket: 12,
        homes: 3,
        clippedSumWh: 1_500,
        present: 1,
        histogram: [3],
      });
      // civil days across the spring clock change: 30 March 24 hours, 31 March 23 hours
      const F = prm(35);
      const spring = Date.UTC(2024, 2, 29, 23);
      await store.write([batch(key({ prm: F, step: 'PT1H' }), spring, Array(47).fill(1), H)]);
      const dst = await store.householdAggregates({
        homes: [{ prm: F, area: 'g', from: 0 }],
        bucket: 'day',
        range: { from: spring, to: spring + 47 * H },
        clipWh: 100,
        binEdgesWh: [],
      });
      assert.deepEqual(
        dst.map((c) => [c.bucket, c.clippedSumWh]),
        [
          [spring, 24],
          [spring + 24 * H, 23],
        ],
      );
    },
  ],
  [
    'a closed store refuses work with STORE_CLOSED',
    async ({ factory }) => {
      const { store: s } = await factory.create();
      await s.close();
      await assert.rejects(s.list(), (e: unknown) => e instanceof CourantError && e.code === 'STORE_CLOSED');
    },
  ],
];

/** The names of the cases, in their declared order (the shuffled run checks it covers them all). */
export const READING_STORE_CASES: readonly string[] = CASES.map(([n]) => n);

/** Every case on a fresh, empty store of its own, in the declared order. */
export function readingStoreConformance(name: string, factory: StoreFactory): void {
  describe(`ReadingStore conformance: ${name}`, () => {
    for (const [caseName, run] of CASES) {
      test(caseName, async () => {
        const c: CaseContext = { ...(await factory.create()), factory };
        try {
          await run(c);
        } finally {
          await c.store.close();
        }
      });
    }
  });
}

/** A seeded shuffle (mulberry32 + Fisher–Yates): the same seed gives the same order, so a failing order can be
 * replayed.
 */
export function shuffled<T>(items: readonly T[], seed: number): T[] {
  let a = seed >>> 0;
  const rand = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

/**
 * Every case, one after the other on ONE shared store, in an order drawn from `seed` (shown in the suite's name; replay
 * it with COURANT_TEST_SEED=<seed>): proves no case leans on what another wrote, nor disturbs it.
 */
export function readingStoreConformanceShuffled(name: string, factory: StoreFactory, seed: number): void {
  describe(`ReadingStore conformance: ${name}, one shared store, cases shuffled with seed ${seed}`, () => {
    let c: CaseContext;
    before(async () => void (c = { ...(await factory.create()), factory }));
    after(async () => c.store.close());
    for (const [caseName, run] of shuffled(CASES, seed)) test(caseName, async () => run(c));
  });
}
