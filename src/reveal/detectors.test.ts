import { test } from 'node:test';
import assert from 'node:assert/strict';
import { coarsen, median } from './grid.ts';
import { confusion, f1, precision } from './metrics.ts';
import { detectWaterHeater } from './waterheater.ts';
import { detectAbsences, detectOccupancy } from './absence.ts';
import { detectRoutine } from './routine.ts';
import { detectBaseLoad } from './baseload.ts';
import { detectAppliance } from './appliances.ts';
import { uciFixture, ukdaleFixture } from '../../test/reveal/fixtures.ts';

const heaterTruth = (step: number) => {
  const h = uciFixture();
  const p = median(h.waterHeater!.filter((x) => x > 600));
  return coarsen({ ...h.load, values: h.waterHeater! }, step).values.map((x) => (x !== x ? NaN : x >= p / 2 ? 1 : 0));
};

test('UCI: the water heater is found at 1 and 30 minutes against its sub-meter, and follows the household, not a relay', () => {
  const h = uciFixture();
  for (const step of [60_000, 1_800_000]) {
    const r = detectWaterHeater(coarsen(h.load, step));
    assert.equal(r.status, 'ok');
    if (r.status !== 'ok') return;
    assert.ok(
      r.value.powerW >= 900 && r.value.powerW <= 1400,
      `heater power ${r.value.powerW} W (sub-meter plateau ≈ 1.04 kW)`,
    );
    const c = confusion(r.value.on, heaterTruth(step));
    assert.ok(f1(c) >= 0.75, `F1 ${f1(c)} at ${step / 60_000} min`);
    assert.ok(precision(c) >= 0.65, `precision ${precision(c)}`);
    assert.equal(r.value.schedule, 'own_schedule');
  }
});

test('UCI: above its coarsest step the water-heater detector returns nothing rather than a guess', () => {
  const r = detectWaterHeater(coarsen(uciFixture().load, 3_600_000));
  assert.equal(r.status, 'none');
  assert.equal(r.status === 'none' && r.reason, 'step_too_coarse');
});

test('UCI: the 25 February – 2 March 2007 absence shows at 30 minutes and at daily step', () => {
  for (const step of [1_800_000, 86_400_000]) {
    const r = detectAbsences(coarsen(uciFixture().load, step));
    assert.equal(r.status, 'ok');
    if (r.status !== 'ok') return;
    const p = r.value.periods.find((x) => x.from <= '2007-02-27' && x.to >= '2007-03-01');
    assert.ok(p, `a period covering 27 Feb – 1 Mar, got ${JSON.stringify(r.value.periods)}`);
    assert.ok(p.days <= 9, `and not the whole 18 days: ${JSON.stringify(p)}`);
    assert.ok(
      !r.value.absentDays.includes('2007-02-20') && !r.value.absentDays.includes('2007-03-05'),
      'busy days are not absences',
    );
  }
});

test('UCI: occupancy during the absence is called away; routine gives a morning wake-up at 30 min, nothing at P1D', () => {
  const g = coarsen(uciFixture().load, 1_800_000);
  const o = detectOccupancy(g);
  assert.equal(o.status, 'ok');
  if (o.status === 'ok') {
    const day = (iso: string) => (Date.parse(iso) - g.start) / g.stepMs;
    const away = o.value.occupied.subarray(day('2007-02-27'), day('2007-03-01'));
    assert.ok(Array.from(away).filter((x) => x === 0).length > 0.8 * away.length, 'mostly away on 27–28 Feb');
  }
  const r = detectRoutine(g);
  assert.equal(r.status, 'ok');
  if (r.status === 'ok')
    assert.ok(r.value.usualWake! >= '05:00' && r.value.usualWake! <= '09:00', `usual wake ${r.value.usualWake}`);
  const d = detectRoutine(coarsen(uciFixture().load, 86_400_000));
  assert.equal(d.status === 'none' && d.reason, 'step_too_coarse');
  const b = detectBaseLoad(g);
  assert.ok(b.status === 'ok' && b.value.baseW > 100 && b.value.baseW < 500);
});

test('UK-DALE house 2: kettle boils are found at 1 minute; at 10 minutes the detector declines', () => {
  const h = ukdaleFixture();
  const r = detectAppliance(h.load, 'kettle');
  assert.equal(r.status, 'ok');
  if (r.status !== 'ok') return;
  const truth = h.appliances!.kettle!.map((x) => (x > 500 ? 1 : 0));
  const pred = r.value.power.map((x) => (x > 0 ? 1 : 0));
  const c = confusion(pred, truth);
  assert.ok(f1(c) >= 0.5, `kettle F1 ${f1(c)}`);
  const coarse = detectAppliance(coarsen(h.load, 600_000), 'kettle');
  assert.equal(coarse.status === 'none' && coarse.reason, 'step_too_coarse');
});

test('a heater switched by the off-peak relay (every night at 22:30) is told apart from one following the household', () => {
  // synthetic: 14 days at 1 minute, 180 W base, 2.2 kW heater 22:30–00:30 every night, a 2 kW oven at a varying hour
  const n = 14 * 1440;
  const v = new Float64Array(n).fill(180);
  for (let d = 0; d < 14; d++) {
    for (let m = 22 * 60 + 30; m < 24 * 60 + 30 && d * 1440 + m < n; m++) v[d * 1440 + m]! += 2200;
    const oven = d * 1440 + 11 * 60 + (d % 5) * 97;
    for (let m = 0; m < 40; m++) v[oven + m]! += 2000;
  }
  const r = detectWaterHeater({ start: Date.UTC(2024, 0, 1), stepMs: 60_000, values: v });
  assert.equal(r.status, 'ok');
  if (r.status !== 'ok') return;
  assert.equal(r.value.schedule, 'off_peak_relay');
  assert.equal(r.value.usualStart, '22:30');
});
