// The synthetic population from the real UCI curve (test/fixtures/consent), loaded into a real DuckDB file through
// the ReadingStore port; the engine's household aggregate checked against the same figures computed here in
// JavaScript from the batches written (clipping per home, areas, Paris days, working-hours activity).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { parisOffsetMs, parisWallToUtc } from '../core/calendar.ts';
import { openReadingStore } from '../backend/open-storage.ts';
import { areaSizes, halfHourDays, householdBatch, syntheticPopulation } from './synthetic.ts';

const fixture = new URL('../../test/fixtures/consent/uci-2007-01-01-3days-1min.csv', import.meta.url);
const pool = halfHourDays(
  readFileSync(fixture, 'utf8')
    .trim()
    .split('\n')
    .slice(1)
    .map((l) => Number(l.split(',')[1])),
);

test('synthetic population: deterministic, areas of several sizes, days from the real pool', () => {
  assert.equal(pool.length, 3);
  assert.ok(pool.every((d) => d.length === 48));
  // minute 0 of the fixture is 2.58 kW: its first half-hour is about 1.3 kWh
  assert.ok(pool[0]![0]! > 500 && pool[0]![0]! < 2000, String(pool[0]![0]));
  const a = syntheticPopulation(1000, pool.length, 7);
  assert.deepEqual(a, syntheticPopulation(1000, pool.length, 7));
  assert.notDeepEqual(a.households, syntheticPopulation(1000, pool.length, 8).households);
  assert.equal(a.households.length, 1000);
  assert.equal(new Set(a.households.map((h) => h.prm)).size, 1000);
  const sizes = [...a.areaSizes.values()];
  assert.equal(
    sizes.reduce((x, y) => x + y, 0),
    1000,
  );
  assert.ok(Math.max(...sizes) >= 200 && Math.min(...sizes) <= 10, sizes.join(' '));
  for (const n of [100, 1000, 10_000])
    assert.equal(
      areaSizes(n).reduce((x, y) => x + y, 0),
      n,
    );
  const counted = new Map<string, number>();
  for (const h of a.households) counted.set(h.area, (counted.get(h.area) ?? 0) + 1);
  assert.deepEqual(counted, new Map(a.areaSizes));
  // a 25-hour civil day gives 50 half-hours
  const b = householdBatch(a.households[0]!, pool, parisWallToUtc(2024, 10, 27), 1);
  assert.equal(b.ts.length, 50);
});

test('synthetic population in DuckDB: the engine aggregate equals the one computed from the batches', async () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'courant-synth-'));
  const store = await openReadingStore({ dataDir });
  try {
    const { households } = syntheticPopulation(100, pool.length, 3);
    const from = parisWallToUtc(2024, 3, 25); // a week across the spring clock change (31 March)
    const batches = households.map((h) => householdBatch(h, pool, from, 10));
    await store.write(batches);
    const to = parisWallToUtc(2024, 4, 1);
    const clipWh = 20_000;
    const edges = [5_000, 10_000, 15_000, 20_000];
    // occupancy starts: every fifth household moved in on Wednesday at 12:00
    const moveIn = parisWallToUtc(2024, 3, 27, 12);
    const homes = households.map((h, i) => ({ prm: h.prm, area: h.area, from: i % 5 === 0 ? moveIn : 0 }));
    const got = await store.householdAggregates!({
      homes,
      bucket: 'day',
      range: { from, to },
      clipWh,
      binEdgesWh: edges,
    });
    // the same in JavaScript
    type Cell = { homes: number; sum: number; present: number; histogram: number[] };
    const want = new Map<string, Cell>();
    batches.forEach((b, i) => {
      const home = homes[i]!;
      const perDay = new Map<number, { e: number; we: number; ws: number }>();
      const nights = new Map<number, number>();
      for (let k = 0; k < b.ts.length; k++) {
        const t = b.ts[k]!;
        if (t < home.from || t >= to) continue;
        const local = t + parisOffsetMs(t);
        const dn = Math.floor(local / 86_400_000);
        const sod = (local % 86_400_000) / 1000;
        const v = b.values[k]!;
        const d = perDay.get(dn) ?? { e: 0, we: 0, ws: 0 };
        d.e += v;
        if ((dn + 3) % 7 < 5 && sod >= 9 * 3600 && sod < 17 * 3600) {
          d.we += v;
          d.ws += 1800;
        }
        perDay.set(dn, d);
        if (sod >= 2 * 3600 && sod < 5 * 3600) nights.set(dn, Math.min(nights.get(dn) ?? Infinity, v * 2));
      }
      const n = [...nights.values()].sort((x, y) => x - y);
      const base =
        n.length === 0
          ? undefined
          : n.length % 2
            ? n[(n.length - 1) / 2]!
            : (n[n.length / 2 - 1]! + n[n.length / 2]!) / 2;
      for (const [dn, d] of perDay) {
        const start = parisWallToUtc(
          ...(new Date(dn * 86_400_000).toISOString().slice(0, 10).split('-').map(Number) as [number, number, number]),
        );
        const key = `${home.area}|${start}`;
        const c = want.get(key) ?? { homes: 0, sum: 0, present: 0, histogram: [0, 0, 0, 0, 0] };
        const re = Math.round(d.e);
        c.homes++;
        c.sum += Math.min(Math.max(re, 0), clipWh);
        c.present += base !== undefined && d.ws > 0 && (d.we * 3600) / d.ws > base + 100 ? 1 : 0;
        c.histogram[edges.filter((e) => e <= re).length]!++;
        want.set(key, c);
      }
    });
    assert.equal(got.length, want.size);
    for (const c of got) {
      const w = want.get(`${c.area}|${c.bucket}`);
      assert.ok(w, `${c.area} ${c.bucket}`);
      assert.deepEqual(
        { homes: c.homes, sum: c.clippedSumWh, present: c.present, histogram: c.histogram },
        w,
        `${c.area} ${new Date(c.bucket).toISOString()}`,
      );
    }
    assert.ok(got.some((c) => c.present > 0) && got.some((c) => c.present < c.homes), 'activity varies');
    // weeks and months: keyed per home and day with presence, per home and bucket without; the same cells
    for (const bucket of ['week', 'month'] as const) {
      const q = { homes, bucket, range: { from, to: parisWallToUtc(2024, 4, 4) }, clipWh: 200_000, binEdgesWh: edges };
      const withPresence = await store.householdAggregates!(q);
      assert.equal(withPresence.length > 0, true);
      const without = await store.householdAggregates!({ ...q, presence: false });
      assert.deepEqual(
        without.map(({ clippedSumWh: _, ...c }) => c),
        withPresence.map(({ clippedSumWh: _, ...c }) => ({ ...c, present: 0 })),
        bucket,
      );
      // a home's energy is a sum of doubles rounded to the Wh: summed in another order, it may round the other way
      without.forEach((c, i) => assert.ok(Math.abs(c.clippedSumWh - withPresence[i]!.clippedSumWh) <= c.homes));
      assert.deepEqual(
        [...new Set(withPresence.map((c) => c.bucket))],
        bucket === 'week' ? [from, to] : [parisWallToUtc(2024, 3, 1), to],
      );
    }
    assert.ok(
      got.some((c) => c.histogram.at(-1)! > 0),
      'some home-days reach the clip',
    );
  } finally {
    await store.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
});
