import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { demoBatches, loadDemoIfEmpty, parseUciRow, readDemoMinutes } from './demo.ts';
import { openReadingStore } from '../../backend/open-storage.ts';
import { DEMO_PRM } from '../../core/prm.ts';

test('UCI rows: fixed UTC+1 clock from the index column, kW to W, "?" rows skipped, bad rows named', () => {
  assert.deepEqual(parseUciRow('0,1/1/07,0:00:00,2.58,0.136,241.97,10.6,0,0,0.0', 2), [
    Date.UTC(2006, 11, 31, 23),
    2580,
  ]);
  assert.equal(parseUciRow('5,1/1/07,0:05:00,?,?,?,?,?,?,', 7), null);
  assert.throws(() => parseUciRow('x,1/1/07', 9), /line 9/);
});

test('the demo derives a 30-minute curve and daily energy that add up to the minutes', async () => {
  const m = await readDemoMinutes();
  assert.equal(m.ts.length + m.missing, 260_640, 'every minute of Jan–Jun 2007 is either measured or reported missing');
  const [minute, p30, e30, daily] = demoBatches(m);
  const totalWh = Array.from(minute!.values).reduce((a, w) => a + w / 60, 0);
  const sum = (xs: ArrayLike<number>) => Array.from(xs).reduce((a, b) => a + b, 0);
  assert.ok(Math.abs(sum(e30!.values) - totalWh) < 1, '30-minute energy sums to the minute energy');
  assert.ok(Math.abs(sum(daily!.values) - totalWh) < 1, 'daily energy sums to the minute energy');
  assert.equal(p30!.ts.length, e30!.ts.length);
  assert.equal(daily!.ts.length, 181, '181 Paris civil days from 1 January to 30 June');
  // 25 March 2007 (summer time starts) lasts 23 hours: its bucket starts at 23:00 UTC the day before and the next at
  // 22:00 UTC
  const i = Array.from(daily!.ts).indexOf(Date.UTC(2007, 2, 24, 23));
  assert.equal(daily!.ts[i + 1], Date.UTC(2007, 2, 25, 22));
});

test('the demo loads once into an empty store, never over existing data', async () => {
  const store = await openReadingStore({ dataDir: mkdtempSync(join(tmpdir(), 'courant-demo-')) });
  try {
    const r = await loadDemoIfEmpty(store);
    assert.ok(r && r.added > 260_000);
    assert.equal(await loadDemoIfEmpty(store), null);
    const ids = (await store.list(DEMO_PRM)).map((s) => `${s.quantity}.${s.step}`);
    assert.deepEqual(ids.sort(), ['energy.P1D', 'energy.PT30M', 'power.PT1M', 'power.PT30M']);
  } finally {
    await store.close();
  }
});
