import { test } from 'node:test';
import assert from 'node:assert/strict';
import { confusion, f1, mcc, balancedAccuracy, precision, nde, eventF1, runs } from './metrics.ts';

test('confusion, F1, MCC and balanced accuracy follow their definitions; NaN slots are skipped', () => {
  const pred = [1, 1, 0, 0, 1, NaN, 0, 1];
  const truth = [1, 0, 0, 1, 1, 1, 0, NaN];
  const c = confusion(pred, truth);
  assert.deepEqual(c, { tp: 2, fp: 1, tn: 2, fn: 1 });
  assert.equal(f1(c), 4 / 6);
  assert.equal(precision(c), 2 / 3);
  assert.equal(mcc(c), (2 * 2 - 1 * 1) / Math.sqrt(3 * 3 * 3 * 3));
  assert.equal(balancedAccuracy(c), (2 / 3 + 2 / 3) / 2);
});

test('a constant predictor scores MCC 0 and balanced accuracy 0.5 whatever the class balance', () => {
  const truth = Array.from({ length: 100 }, (_, i) => (i < 78 ? 1 : 0));
  const c = confusion(new Array(100).fill(1), truth);
  assert.equal(mcc(c), 0);
  assert.equal(balancedAccuracy(c), 0.5);
  assert.equal(c.tp / 100, 0.78, 'raw accuracy would be 78 %');
});

test('NDE: 0 for a perfect estimate, 1 for predicting zero, NaN without truth energy', () => {
  assert.equal(nde([1, 2, 3], [1, 2, 3]), 0);
  assert.equal(nde([0, 0, 0], [1, 2, 3]), 1);
  assert.ok(Number.isNaN(nde([1, 1], [0, 0])));
});

test('event F1 counts overlapping runs', () => {
  assert.deepEqual(runs([0, 1, 1, 0, 1]), [
    [1, 3],
    [4, 5],
  ]);
  // true events [1,3) and [6,8); predicted [2,4) overlaps the first, [9,10) is a false event
  const e = eventF1([0, 0, 1, 1, 0, 0, 0, 0, 0, 1], [0, 1, 1, 0, 0, 0, 1, 1, 0, 0]);
  assert.equal(e.found, 1);
  assert.equal(e.events, 2);
  assert.equal(e.predicted, 2);
  assert.equal(e.f1, 0.5);
});
