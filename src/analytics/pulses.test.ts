import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Prm } from '../core/prm.ts';
import { QUALITY, type Reading } from '../core/series.ts';
import { PulseEnergy } from './pulses.ts';

const PRM = '00000000000042' as Prm;
const T = Date.UTC(2024, 0, 15, 9);

test('one pulse per second (3.6 kW): 60 Wh per full minute, power 3600 W, totals preserved', () => {
  const p = new PulseEnergy({ prm: PRM });
  const out: Reading[] = [];
  for (let s = 30; s < 30 + 180; s++) out.push(...p.pulse(T + s * 1000));
  assert.equal(p.lastPowerW, 3600);
  const m1 = out.filter((r) => r.step === 'PT1M');
  assert.deepEqual(
    m1.map((r) => [new Date(r.ts).toISOString().slice(11, 16), r.value, r.quality]),
    [
      ['09:00', 30, QUALITY.PARTIAL],
      ['09:01', 60, QUALITY.OK],
      ['09:02', 60, QUALITY.OK],
    ],
  );
  const all = [...out, ...p.drain()];
  for (const step of ['PT1M', 'PT10M', 'PT30M'])
    assert.equal(
      all.filter((r) => r.step === step).reduce((n, r) => n + r.value, 0),
      180,
      step,
    );
  assert.ok(all.every((r) => r.source === 'pulse' && r.quantity === 'energy'));
});

test('silence between pulses is zero consumption, up to the limit; beyond it nothing is invented', () => {
  const p = new PulseEnergy({ prm: PRM, steps: ['PT1M'], maxSilenceMs: 10 * 60_000 });
  const a = [...p.pulse(T + 10_000), ...p.pulse(T + 5 * 60_000 + 10_000, 2)];
  assert.deepEqual(
    a.map((r) => r.value),
    [1, 0, 0, 0, 0],
  );
  assert.equal(p.lastPowerW, (3600 * 2) / 300);
  const b = p.pulse(T + 60 * 60_000); // 55 min later: sensor presumed lost
  assert.deepEqual(
    b.map((r) => [r.value, r.quality & QUALITY.PARTIAL]),
    [[2, QUALITY.PARTIAL]],
  );
  assert.deepEqual(p.pulse(T + 60 * 60_000 - 1), []); // backwards: ignored
});
