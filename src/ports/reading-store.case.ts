/**
 * The ReadingStore conformance suite: one set of behaviours every engine adapter must pass, run against a real
 * database (never a mock). Adapters call `readingStoreConformance(name, factory)` from their own *.test.ts.
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

const P1 = '09000000000001' as Prm;
const P2 = '09000000000002' as Prm;
const T0 = Date.UTC(2024, 0, 1);
const MIN = 60_000;

const key = (over: Partial<SeriesKey> = {}): SeriesKey => ({ prm: P1, quantity: 'energy', direction: 'consumption', register: '', step: 'PT1M', source: 'csv', ...over });
const batch = (k: SeriesKey, start: number, values: number[], stepMs = MIN): ReadingBatch => ({ key: k, ts: values.map((_, i) => start + i * stepMs), values });

export function readingStoreConformance(name: string, factory: StoreFactory): void {
  describe(`ReadingStore conformance: ${name}`, () => {
    let store: ReadingStore;
    let reopen: () => Promise<ReadingStore>;
    before(async () => ({ store, reopen } = await factory.create()));
    after(async () => store.close());

    test('writes and reads back points at their interval start, in time order', async () => {
      const k = key();
      const r = await store.write([batch(k, T0, [3, 1, 4, 1, 5])]);
      assert.deepEqual(r, { added: 5, replaced: 0 });
      const got = await store.read({ ...k, range: { from: T0, to: T0 + 5 * MIN } });
      assert.deepEqual([...got.ts], [0, 1, 2, 3, 4].map((i) => T0 + i * MIN));
      assert.deepEqual([...got.values], [3, 1, 4, 1, 5]);
      const half = await store.read({ ...k, range: { from: T0 + MIN, to: T0 + 3 * MIN } });
      assert.deepEqual([...half.values], [1, 4], 'range is half-open [from, to)');
    });

    test('re-writing the same points never duplicates; a corrected value replaces the old one', async () => {
      const k = key({ register: 'HP' });
      await store.write([batch(k, T0, [10, 20, 30])]);
      const again = await store.write([batch(k, T0, [10, 20, 30])]);
      assert.deepEqual(again, { added: 0, replaced: 3 });
      const fix = await store.write([batch(k, T0 + MIN, [21, 31, 41])]);
      assert.deepEqual(fix, { added: 1, replaced: 2 });
      const got = await store.read({ ...k, range: { from: T0, to: T0 + 10 * MIN } });
      assert.deepEqual([...got.values], [10, 21, 31, 41]);
      const info = (await store.list(P1)).find((s) => s.register === 'HP')!;
      assert.equal(info.count, 4);
      assert.equal(info.first, T0);
      assert.equal(info.last, T0 + 3 * MIN);
    });

    test('within one write, the last occurrence of a point wins', async () => {
      const k = key({ register: 'DUP' });
      const r = await store.write([batch(k, T0, [1, 2]), batch(k, T0, [7])]);
      assert.equal(r.added, 2);
      const got = await store.read({ ...k, range: { from: T0, to: T0 + 2 * MIN } });
      assert.deepEqual([...got.values], [7, 2]);
    });

    test('a bad batch anywhere in a write stores nothing from that write', async () => {
      const k = key({ register: 'ATOMIC' });
      const before = await store.list(P1);
      await assert.rejects(
        store.write([batch(k, T0, [1, 2, 3]), batch(k, T0 + 3 * MIN, [4, Number.NaN])]),
        (e: unknown) => e instanceof CourantError && e.code === 'INPUT_INVALID_READING' && /batch 2/.test(e.message) && /point 1/.test(e.message),
      );
      await assert.rejects(store.write([batch({ ...k, prm: '123' as Prm }, T0, [1])]), (e: unknown) => e instanceof CourantError && e.code === 'INPUT_INVALID_READING');
      assert.deepEqual(await store.list(P1), before);
      const got = await store.read({ ...k, range: { from: T0, to: T0 + 10 * MIN } });
      assert.equal(got.ts.length, 0);
    });

    test('resamples energy by sum and power by mean, with min, max and count per bucket', async () => {
      const e = key({ prm: P2, step: 'PT1M', register: 'RS' });
      const p = key({ prm: P2, step: 'PT1M', quantity: 'power', register: 'RS' });
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
    });

    test('daily buckets follow the Paris civil day, 23 and 25 hours long on daylight-saving days', async () => {
      const k = key({ prm: P2, step: 'PT1H', register: 'DST' });
      const start = Date.UTC(2024, 2, 29, 23); // 2024-03-30 00:00 Paris (UTC+1)
      const hours = 24 + 23 + 24; // 30 March, 31 March (23 h), 1 April
      await store.write([batch(k, start, Array.from({ length: hours }, () => 1), 3_600_000)]);
      const days = await store.resample({ ...k, to: 'P1D', range: { from: start, to: start + hours * 3_600_000 } });
      assert.deepEqual([...days.ts], [Date.UTC(2024, 2, 29, 23), Date.UTC(2024, 2, 30, 23), Date.UTC(2024, 2, 31, 22)]);
      assert.deepEqual([...days.values], [24, 23, 24]);
      const fall = key({ prm: P2, step: 'PT1H', register: 'DST2' });
      const fstart = Date.UTC(2024, 9, 26, 22); // 27 October 00:00 Paris (UTC+2), a 25-hour day
      await store.write([batch(fall, fstart, Array.from({ length: 25 }, () => 2), 3_600_000)]);
      const f = await store.resample({ ...fall, to: 'P1D', range: { from: fstart, to: fstart + 25 * 3_600_000 } });
      assert.deepEqual([...f.values], [50]);
    });

    test('lists what is held per usage point, and the usage points', async () => {
      const list = await store.list(P2);
      assert.ok(list.length >= 3);
      for (const s of list) {
        assert.equal(s.prm, P2);
        assert.ok(s.count > 0 && s.first <= s.last);
        assert.equal(s.unit, s.quantity === 'energy' ? 'Wh' : 'W');
      }
      const ups = await store.usagePoints();
      assert.ok(ups.includes(P1) && ups.includes(P2));
    });

    test('merges sources when none is named, preferring measured over demo data', async () => {
      const a = key({ prm: P2, register: 'MERGE', source: 'demo' });
      const b = key({ prm: P2, register: 'MERGE', source: 'tic' });
      await store.write([batch(a, T0, [1, 1, 1]), batch(b, T0 + MIN, [9])]);
      const { source: _s, ...q } = a;
      const got = await store.read({ ...q, range: { from: T0, to: T0 + 3 * MIN } });
      assert.deepEqual([...got.values], [1, 9, 1]);
      const demoOnly = await store.read({ ...a, range: { from: T0, to: T0 + 3 * MIN } });
      assert.deepEqual([...demoOnly.values], [1, 1, 1]);
    });

    test('deletes by range, by step finer than a threshold, and entirely', async () => {
      const P3 = '09000000000003' as Prm;
      const fine = key({ prm: P3, step: 'PT1M' });
      const daily = key({ prm: P3, step: 'P1D' });
      await store.write([batch(fine, T0, [1, 2, 3, 4]), batch(daily, T0, [10, 20], 86_400_000)]);
      assert.equal(await store.delete({ prm: P3, range: { from: T0 + MIN, to: T0 + 3 * MIN } }), 2);
      assert.deepEqual([...(await store.read({ ...fine, range: { from: T0, to: T0 + 10 * MIN } })).values], [1, 4]);
      assert.equal(await store.delete({ prm: P3, finerThan: 'P1D' }), 2);
      assert.deepEqual((await store.list(P3)).map((s) => s.step), ['P1D']);
      assert.equal(await store.delete({ prm: P3 }), 2);
      assert.deepEqual(await store.list(P3), []);
      assert.ok(!(await store.usagePoints()).includes(P3), 'an erased usage point is no longer listed');
    });

    test('compaction keeps every point', async () => {
      const before = await store.list();
      await store.compact();
      assert.deepEqual(await store.list(), before);
      const got = await store.read({ ...key(), range: { from: T0, to: T0 + 5 * MIN } });
      assert.deepEqual([...got.values], [3, 1, 4, 1, 5]);
    });

    test('data survives closing and reopening the database file', async () => {
      const before = await store.list();
      await store.close();
      store = await reopen();
      assert.deepEqual(await store.list(), before);
    });

    test('property: after any sequence of writes, reads equal the last value written per instant', async () => {
      const k = key({ prm: '09000000000009' as Prm, register: 'PROP' });
      const model = new Map<number, number>();
      await fc.assert(
        fc.asyncProperty(fc.array(fc.tuple(fc.integer({ min: 0, max: 40 }), fc.array(fc.integer({ min: -1000, max: 1000 }), { minLength: 1, maxLength: 8 })), { minLength: 1, maxLength: 4 }), async (writes) => {
          for (const [offset, vals] of writes) {
            await store.write([batch(k, T0 + offset * MIN, vals)]);
            vals.forEach((v, i) => model.set(T0 + (offset + i) * MIN, v));
          }
          const got = await store.read({ ...k, range: { from: T0, to: T0 + 100 * MIN } });
          const want = [...model.entries()].sort((a, b) => a[0] - b[0]);
          assert.deepEqual([...got.ts], want.map((w) => w[0]));
          assert.deepEqual([...got.values], want.map((w) => w[1]));
          assert.equal((await store.list(k.prm))[0]!.count, model.size);
        }),
        { numRuns: 25, seed: 42 },
      );
    });

    test('a closed store refuses work with STORE_CLOSED', async () => {
      const { store: s } = await factory.create();
      await s.close();
      await assert.rejects(s.list(), (e: unknown) => e instanceof CourantError && e.code === 'STORE_CLOSED');
    });
  });
}
