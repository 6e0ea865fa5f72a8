// The noise of protected daily sharing: the same key and label give the same value every time; another consent,
// another day or another key give independent draws; values are integers; the tail bound used by the delivery tests.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { dailyNoiseLabel, dailyNoiseWh, noiseBound, protectDailyWh } from './daily-noise.ts';

const KEY = new Uint8Array(32).fill(7);
const OTHER = new Uint8Array(32).fill(8);

test('keyed per (consent, day): repeatable, and independent across consents, days and keys', () => {
  const day = Date.UTC(2026, 0, 1);
  const a = protectDailyWh(KEY, 'consent-a', day, 10_000.4, 500);
  assert.equal(protectDailyWh(KEY, 'consent-a', day, 10_000.4, 500), a, 'same key and label, same value');
  assert.ok(Number.isInteger(a));
  const draws = (f: (i: number) => number) => Array.from({ length: 200 }, (_, i) => f(i));
  const byDay = draws((i) => dailyNoiseWh(KEY, dailyNoiseLabel('consent-a', day + i * 86_400_000), 500));
  const byConsent = draws((i) => dailyNoiseWh(KEY, dailyNoiseLabel(`consent-${i}`, day), 500));
  const byKey = draws((i) => dailyNoiseWh(i % 2 ? KEY : OTHER, dailyNoiseLabel(`c-${i >> 1}`, day), 500));
  for (const xs of [byDay, byConsent, byKey]) {
    // 200 draws of N_Z(0, 500²): fewer than 150 distinct values would mean repeated streams (P < 1e-9)
    assert.ok(new Set(xs).size > 150, `${new Set(xs).size} distinct values`);
    // the sample mean is within 6 standard errors (P < 1e-8 for a sub-Gaussian sum)
    const mean = xs.reduce((s, x) => s + x, 0) / xs.length;
    assert.ok(Math.abs(mean) < (6 * 500) / Math.sqrt(xs.length), `mean ${mean}`);
  }
  assert.throws(() => dailyNoiseWh(KEY, 'x', 0.5), RangeError);
});

test('the tail bound: 2·exp(−k²/(2σ²)) ≤ p at k = noiseBound(σ, p)', () => {
  for (const p of [1e-6, 1e-9]) {
    const k = noiseBound(500, p);
    assert.ok(2 * Math.exp(-(k * k) / (2 * 500 * 500)) <= p);
  }
});
