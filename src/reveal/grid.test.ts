import { test } from 'node:test';
import assert from 'node:assert/strict';
import { coarsen, gridFromColumns, expandTo, days, minuteOfDay, hhmm } from './grid.ts';
import { parisOffsetMs } from '../core/calendar.ts';

test('coarsen averages known slots and leaves a slot unknown when less than half is known', () => {
  const g = { start: Date.UTC(2024, 0, 1), stepMs: 60_000, values: Float64Array.from([100, 200, NaN, NaN, NaN, 300]) };
  const c = coarsen(g, 180_000);
  assert.deepEqual(Array.from(c.values), [150, NaN]);
  const e = expandTo(c.values, c, g, 6);
  assert.deepEqual(Array.from(e), [150, 150, 150, NaN, NaN, NaN]);
});

test('gridFromColumns places UTC points on the Paris wall clock and converts Wh per slot to W', () => {
  // 2024-03-31: summer time starts at 02:00 local (01:00 UTC); a 30-minute energy series across the change
  const ts = [Date.UTC(2024, 2, 31, 0, 0), Date.UTC(2024, 2, 31, 0, 30), Date.UTC(2024, 2, 31, 1, 0)];
  const g = gridFromColumns(ts, [50, 100, 150], 1_800_000, { unit: 'Wh', offsetMs: parisOffsetMs });
  assert.equal(minuteOfDay(g, 0), 60, 'first point is 01:00 local');
  assert.equal(g.values[0], 100, '50 Wh in 30 minutes = 100 W');
  assert.equal(g.values[1], 200);
  assert.ok(Number.isNaN(g.values[2]!), '02:00–03:00 local does not exist');
  assert.equal(g.values[4], 300, '01:00 UTC is 03:00 local');
});

test('days() lists whole local days; hhmm formats minutes', () => {
  const g = { start: Date.UTC(2024, 0, 1, 12), stepMs: 3_600_000, values: new Float64Array(60) };
  const d = days(g);
  assert.equal(d.length, 2);
  assert.equal(d[0]!.from, 12);
  assert.equal(hhmm(400), '06:40');
  assert.equal(hhmm(1440 + 30), '00:30');
});
