import { test } from 'node:test';
import assert from 'node:assert/strict';
import { coarsen, median } from './grid.ts';
import { confusion, precision, recall } from './metrics.ts';
import { detectWaterHeater, DEFAULT_WATER_HEATER_PARAMS, WATER_HEATER_CANDIDATES } from './waterheater.ts';
import { uciFixture } from '../../test/reveal/fixtures.ts';

const STEP = 600_000;
function scoreAt10(params: typeof DEFAULT_WATER_HEATER_PARAMS) {
  const h = uciFixture();
  const p = median(h.waterHeater!.filter((x) => x > 600));
  const truth = coarsen({ ...h.load, values: h.waterHeater! }, STEP).values.map((x) =>
    x !== x ? NaN : x >= p / 2 ? 1 : 0,
  );
  const r = detectWaterHeater(coarsen(h.load, STEP), { params });
  assert.equal(r.status, 'ok');
  if (r.status !== 'ok') throw new Error('unreachable');
  return confusion(r.value.on, truth);
}

test('water heater: at most 16 candidates, the defaults first, each one a distinct choice', () => {
  assert.ok(WATER_HEATER_CANDIDATES.length >= 2 && WATER_HEATER_CANDIDATES.length <= 16);
  assert.deepEqual(WATER_HEATER_CANDIDATES[0], DEFAULT_WATER_HEATER_PARAMS);
  const keys = new Set(
    WATER_HEATER_CANDIDATES.map((c) =>
      Object.entries(c)
        .map(([k, x]) => `${k}=${x}`)
        .join(),
    ),
  );
  assert.equal(keys.size, WATER_HEATER_CANDIDATES.length);
});

test('UCI at 10 minutes: dropping runs far above the heater power trades recall for precision', () => {
  const plain = scoreAt10(DEFAULT_WATER_HEATER_PARAMS);
  const capped = scoreAt10({ ...DEFAULT_WATER_HEATER_PARAMS, maxRunExcessRatio: 1.3 });
  assert.ok(recall(plain) >= 0.9, `default recall ${recall(plain)}`);
  assert.ok(precision(capped) >= 0.9, `capped precision ${precision(capped)}`);
  assert.ok(precision(capped) >= precision(plain) + 0.1, `${precision(capped)} vs ${precision(plain)}`);
  assert.ok(recall(capped) >= 0.4, `capped recall ${recall(capped)}`);
});
