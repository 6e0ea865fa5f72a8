import { test } from 'node:test';
import assert from 'node:assert/strict';
import { addLaplaceNoise, billError, mulberry32 } from './protect.ts';
import { coarsen } from './grid.ts';
import { uciFixture } from '../../test/reveal/fixtures.ts';

test('the generator is seeded: same seed, same noise; other seed, other noise', () => {
  const g = { start: 0, stepMs: 60_000, values: new Float64Array(100).fill(500) };
  assert.deepEqual(addLaplaceNoise(g, 100, 7).values, addLaplaceNoise(g, 100, 7).values);
  assert.notDeepEqual(addLaplaceNoise(g, 100, 7).values, addLaplaceNoise(g, 100, 8).values);
  const r = mulberry32(1);
  for (let i = 0; i < 1000; i++) {
    const x = r();
    assert.ok(x >= 0 && x < 1);
  }
});

test('Laplace noise has mean ≈ 0 and mean absolute value ≈ its scale; unknown slots stay unknown', () => {
  const n = 200_000;
  const g = { start: 0, stepMs: 60_000, values: new Float64Array(n) };
  g.values[5] = NaN;
  const v = addLaplaceNoise(g, 300, 42).values;
  assert.ok(Number.isNaN(v[5]!));
  let s = 0;
  let a = 0;
  for (let i = 0; i < n; i++)
    if (i !== 5) {
      s += v[i]!;
      a += Math.abs(v[i]!);
    }
  assert.ok(Math.abs(s / n) < 5, `mean ${s / n}`);
  assert.ok(Math.abs(a / n - 300) < 6, `mean |x| ${a / n}`);
});

test('coarsening keeps the bill; noise costs a measurable share of it on real data', () => {
  const h = uciFixture().load;
  const c = billError(h, coarsen(h, 1_800_000));
  assert.ok(c.dayMape < 0.01, `coarsening day error ${c.dayMape}`);
  const g = coarsen(h, 1_800_000);
  const small = billError(g, addLaplaceNoise(g, 100, 1));
  const big = billError(g, addLaplaceNoise(g, 1000, 1));
  assert.ok(big.dayMape > small.dayMape && small.dayMape > 0);
});
