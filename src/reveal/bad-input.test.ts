import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { detectAll } from './detectors.ts';
import { revealSummary } from './summary.ts';
import type { Grid } from './grid.ts';

const DAY = 86_400_000;
const grid = (values: number[], stepMs = 1_800_000): Grid => ({
  start: Date.UTC(2024, 0, 1),
  stepMs,
  values: Float64Array.from(values),
});
const reasons = (g: Grid) => {
  const a = detectAll(g);
  return [a.baseLoad, a.routine, a.occupancy, a.absences, a.waterHeater, ...Object.values(a.appliances)].map((o) =>
    o.status === 'none' ? o.reason : 'ok',
  );
};

test('empty, all-unknown and all-zero series give reasoned nothing', () => {
  assert.ok(reasons(grid([])).every((r) => r === 'not_enough_data' || r === 'step_too_coarse'));
  assert.ok(
    reasons(grid(new Array(48 * 10).fill(NaN))).every((r) => r === 'not_enough_data' || r === 'step_too_coarse'),
  );
  assert.ok(reasons(grid(new Array(48 * 10).fill(0))).every((r) => r === 'no_consumption' || r === 'step_too_coarse'));
});

test('a production meter (negative net consumption) is refused, not read as an absence', () => {
  const v = Array.from({ length: 48 * 14 }, (_, i) => (i % 48 > 18 && i % 48 < 34 ? -1500 : 300));
  const r = reasons(grid(v));
  assert.ok(
    r.every((x) => x === 'net_production' || x === 'step_too_coarse'),
    r.join(),
  );
});

test('a single day is not enough for absences; gaps do not throw', () => {
  const oneDay = Array.from({ length: 48 }, (_, i) => (i > 14 && i < 44 ? 600 : 150));
  const a = detectAll(grid(oneDay));
  assert.equal(a.absences.status === 'none' && a.absences.reason, 'not_enough_data');
  const gappy = Array.from({ length: 48 * 10 }, (_, i) => (i % 7 === 0 ? NaN : i % 48 > 14 ? 500 : 120));
  assert.doesNotThrow(() => detectAll(grid(gappy)));
});

test('constant load: no absences, no heater, no routine invented', () => {
  const a = detectAll(grid(new Array(48 * 14).fill(400)));
  assert.notEqual(a.waterHeater.status, 'ok');
  assert.ok(a.absences.status === 'none' || a.absences.value.absentDays.length === 0);
  assert.ok(a.routine.status === 'none' || a.routine.value.usualWake === null);
});

test('property: no detector throws on arbitrary finite, negative or missing values at any step', () => {
  const value = fc.oneof(fc.double({ min: -5000, max: 20000, noNaN: true }), fc.constant(NaN), fc.constant(0));
  fc.assert(
    fc.property(
      fc.constantFrom(60_000, 600_000, 1_800_000, 3_600_000, DAY),
      fc.array(value, { maxLength: 3000 }),
      (stepMs, values) => {
        detectAll(grid(values, stepMs));
        detectAll(grid(values, stepMs), { force: true });
      },
    ),
    { numRuns: 60 },
  );
});

test('revealSummary on nothing usable says so in both languages', () => {
  const fr = revealSummary({ ts: [], values: [] }, 'PT30M', 'fr');
  assert.match(fr.sentence, /ne pourrait déduire/);
  const en = revealSummary({ ts: [Date.UTC(2024, 0, 1)], values: [0] }, 'P1D', 'en');
  assert.match(en.sentence, /could not reliably infer/);
});
