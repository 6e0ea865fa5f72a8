import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { openReadingStore } from '../../backend/open-storage.ts';
import { parisDate, parisDayStart, parisWallToUtc } from '../../core/calendar.ts';
import { DEMO_PRM, SYNTHETIC_DEMO_PRM } from '../../core/prm.ts';
import { createLogger } from '../../backend/logging.ts';
import { loadConfig } from '../../config/load.ts';
import { buildHub } from '../../server/main.ts';
import { createApp } from '../../server/app.ts';
import { setupOwner } from '../../server/auth/setup.ts';
import { readDemoMinutes } from './demo.ts';
import { seedDemo } from './seed.ts';
import { SYNTHETIC_DAYS, seasonOf, seedSyntheticDemo, sourceDays, sourceFor, syntheticBatches } from './synthetic.ts';

const HOUR = 3_600_000;
const SLOT = 1_800_000;
/** "Now" the morning after summer time started in 2026: the 400 days hold both clock changes of 2025 and the 23-hour
 * 29 March 2026 as their last day. */
const NOW = parisWallToUtc(2026, 3, 30, 9, 15);
const sum = (xs: ArrayLike<number>) => Array.from(xs).reduce((a, b) => a + b, 0);
const minutes = readDemoMinutes();

test('seasons fold at the solstices: August matches mid-May, November early February', () => {
  assert.equal(seasonOf('2026-12-21'), 0);
  assert.equal(seasonOf('2026-06-21'), 182);
  assert.equal(seasonOf('2026-08-15'), seasonOf('2026-04-28'));
  assert.equal(seasonOf('2025-11-10'), seasonOf('2026-01-31'));
});

test('each date takes a UCI day of the same weekday from the same season, whatever "today" is', async () => {
  const days = sourceDays(await minutes);
  assert.ok(days.length >= 170, `${days.length} usable UCI days`);
  assert.ok(!days.some((d) => d.date === '2007-03-25'), 'the 23-hour day is not a source');
  for (const date of ['2026-01-05', '2026-07-14', '2025-10-26', '2026-12-24']) {
    const src = sourceFor(date, days);
    assert.equal(new Date(`${src.date}T00:00:00Z`).getUTCDay(), new Date(`${date}T00:00:00Z`).getUTCDay(), date);
    assert.ok(Math.abs(src.season - seasonOf(date)) <= 21, `${date} ← ${src.date}`);
  }
  // the same dates inside two different 400-day windows get the same curve
  const a = syntheticBatches('2026-01-01', '2026-01-10', days);
  const b = syntheticBatches('2025-12-20', '2026-01-10', days);
  const tail = (xs: ArrayLike<number>, n: number) => Array.from(xs).slice(-n);
  assert.deepEqual(tail(b[0]!.values, a[0]!.values.length), Array.from(a[0]!.values));
  assert.deepEqual(tail(b[3]!.values, 10), Array.from(a[3]!.values));
});

test('seeding lays 400 complete days ending yesterday (Paris); a restart the next day adds exactly that day', async () => {
  const store = await openReadingStore({ dataDir: mkdtempSync(join(tmpdir(), 'courant-synthetic-')) });
  try {
    const t0 = performance.now();
    const first = await seedSyntheticDemo(store, NOW);
    const ms = performance.now() - t0;
    assert.ok(first, 'seeded into an empty store');
    assert.equal(first.days, SYNTHETIC_DAYS);
    assert.equal(first.last, '2026-03-29');
    assert.equal(first.first, '2025-02-23');
    assert.ok(ms < 10_000, `seeding took ${Math.round(ms)} ms`);

    const ids = (await store.list(SYNTHETIC_DEMO_PRM)).map((s) => `${s.quantity}.${s.step}.${s.source}`).sort();
    assert.deepEqual(ids, ['energy.P1D.demo', 'energy.PT30M.demo', 'max_power.P1D.demo', 'power.PT30M.demo']);
    const end = parisDayStart(NOW); // the end of yesterday
    const begin = parisWallToUtc(2025, 2, 23);
    const read = (quantity: 'power' | 'energy' | 'max_power', step: 'PT30M' | 'P1D') =>
      store.read({
        prm: SYNTHETIC_DEMO_PRM,
        quantity,
        direction: 'consumption',
        register: '',
        step,
        source: 'demo',
        range: { from: begin - 7 * 86_400_000, to: NOW + 86_400_000 },
      });
    const daily = await read('energy', 'P1D');
    const e30 = await read('energy', 'PT30M');
    const p30 = await read('power', 'PT30M');
    const peak = await read('max_power', 'P1D');
    assert.equal(daily.ts.length, SYNTHETIC_DAYS);
    assert.equal(daily.ts[0], begin);
    assert.equal(daily.ts[daily.ts.length - 1], parisWallToUtc(2026, 3, 29));
    // every half-hour of every day: 48 a day, 46 on the two spring days, 50 on the autumn one
    assert.equal(e30.ts.length, SYNTHETIC_DAYS * 48 - 2 - 2 + 2);
    assert.equal(e30.ts[0], begin);
    assert.equal(e30.ts[e30.ts.length - 1], end - SLOT);
    for (let i = 1; i < e30.ts.length; i++) assert.equal(e30.ts[i]! - e30.ts[i - 1]!, SLOT, 'no hole, no overlap');
    assert.deepEqual(Array.from(e30.ts), Array.from(p30.ts));
    for (let i = 0; i < e30.ts.length; i++) assert.equal(e30.values[i], p30.values[i]! / 2, 'Wh = mean W × ½ h');
    // daily energy is the sum of the day's half-hours; the day's peak is at least its highest half-hour mean
    let j = 0;
    for (let d = 0; d < daily.ts.length; d++) {
      const next = d + 1 < daily.ts.length ? daily.ts[d + 1]! : end;
      let wh = 0;
      let highest = 0;
      for (; j < e30.ts.length && e30.ts[j]! < next; j++) {
        wh += e30.values[j]!;
        highest = Math.max(highest, p30.values[j]!);
      }
      assert.equal(daily.values[d], wh, parisDate(daily.ts[d]!));
      assert.ok(peak.values[d]! >= highest, parisDate(daily.ts[d]!));
    }
    assert.ok(Math.abs(sum(daily.values) - sum(e30.values)) < 1e-6);
    assert.equal(Array.from(peak.ts).join(), Array.from(daily.ts).join());
    // the UCI house's range (an electrically heated house: up to about 70 kWh on a winter day)
    for (const v of daily.values) assert.ok(v > 1_000 && v < 100_000, `${v} Wh`);
    // the 25-hour day (26 October 2025) holds 50 half-hours
    const oct26 = parisWallToUtc(2025, 10, 26);
    assert.equal(Array.from(e30.ts).filter((t) => t >= oct26 && t < oct26 + 25 * HOUR).length, 50);

    // restart the next day: exactly one day more (a 24-hour day: 48 + 48 half-hours, its energy and its peak)
    const next = await seedSyntheticDemo(store, NOW + 24 * HOUR);
    assert.ok(next);
    assert.deepEqual(
      { first: next.first, last: next.last, days: next.days, added: next.result.added },
      { first: '2026-03-30', last: '2026-03-30', days: 1, added: 48 * 2 + 2 },
    );
    assert.equal(next.result.replaced, 0);
    assert.equal((await read('energy', 'P1D')).ts.length, SYNTHETIC_DAYS + 1);
    // and again the same day: nothing to add
    const again = await seedSyntheticDemo(store, NOW + 25 * HOUR);
    assert.ok(again);
    assert.equal(again.days, 0);
    assert.equal(again.result.added, 0);
  } finally {
    await store.close();
  }
});

test('the synthetic household is seeded only beside demo data, never beside a real household', async () => {
  const store = await openReadingStore({ dataDir: mkdtempSync(join(tmpdir(), 'courant-synthetic-')) });
  try {
    await seedDemo(store, { calendar: 'both', now: NOW });
    assert.deepEqual((await store.usagePoints()).sort(), [DEMO_PRM, SYNTHETIC_DEMO_PRM]);
    const other = await openReadingStore({ dataDir: mkdtempSync(join(tmpdir(), 'courant-synthetic-')) });
    try {
      const real = '12345678901234' as typeof DEMO_PRM;
      const [p30] = syntheticBatches('2026-01-01', '2026-01-01', sourceDays(await minutes));
      await other.write([{ ...p30!, key: { ...p30!.key, prm: real, source: 'csv' } }]);
      assert.equal(await seedSyntheticDemo(other, NOW), null);
      assert.deepEqual(await other.usagePoints(), [real]);
    } finally {
      await other.close();
    }
  } finally {
    await store.close();
  }
});

test('the household reads the synthetic series through the HTTP series route, labelled as synthetic', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'courant-synthetic-http-'));
  const { config } = loadConfig({ env: {}, cwd: dir, overrides: { dataDir: dir, demo: { calendar: 'today' } } });
  const hub = await buildHub(config, createLogger({ level: 'silent' }), () => NOW);
  try {
    await seedDemo(hub.store, { calendar: config.demo.calendar, now: NOW });
    await setupOwner(hub, { username: 'foyer', password: 'correct horse battery' });
    const app = await createApp(hub, { webDist: '/nonexistent' });
    try {
      const login = await app.inject({
        method: 'POST',
        url: '/api/auth/login',
        payload: { username: 'foyer', password: 'correct horse battery' },
      });
      assert.equal(login.statusCode, 200, login.body);
      const cookie = `courant_session=${login.cookies.find((c) => c.name === 'courant_session')!.value}`;
      const get = async (url: string) => {
        const r = await app.inject({ method: 'GET', url, headers: { cookie } });
        assert.equal(r.statusCode, 200, `${url}: ${r.body}`);
        return r.json() as Record<string, unknown>;
      };
      const ups = (await get('/api/usage-points?locale=en')).usagePoints as { prm: string; label: string }[];
      assert.deepEqual(
        ups.map((u) => u.prm),
        [SYNTHETIC_DEMO_PRM],
      );
      assert.match(ups[0]!.label, /^Synthetic demo/);
      // "yesterday", as a Data Connect client would ask it
      const from = new Date(parisWallToUtc(2026, 3, 29)).toISOString();
      const to = new Date(parisDayStart(NOW)).toISOString();
      const curve = await get(
        `/api/usage-points/${SYNTHETIC_DEMO_PRM}/series/power.consumption.PT30M.demo?from=${from}&to=${to}`,
      );
      assert.equal((curve.t as number[]).length, 46, 'the 23-hour 29 March 2026');
      const daily = await get(
        `/api/usage-points/${SYNTHETIC_DEMO_PRM}/series/energy.consumption.P1D.demo?from=${from}&to=${to}`,
      );
      assert.equal((daily.v as number[]).length, 1);
      assert.equal((daily.v as number[])[0], sum(curve.v as number[]) / 2);
    } finally {
      await app.close();
    }
  } finally {
    await hub.close();
  }
});
