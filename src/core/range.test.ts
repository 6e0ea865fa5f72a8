import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseInstant, parseRange } from './range.ts';
import { parsePrm } from './prm.ts';
import { parseStep, isCoarserOrEqual } from './step.ts';
import { parseSeriesId, seriesId } from './series.ts';
import { CourantError } from './errors.ts';

const code = (fn: () => unknown) => {
  try {
    fn();
  } catch (e) {
    return e instanceof CourantError ? e.code : 'other';
  }
  return 'none';
};

test('a bare date is the start of that civil day in Paris; instants need an offset', () => {
  assert.equal(parseInstant('2024-01-15', 'from'), Date.UTC(2024, 0, 14, 23));
  assert.equal(parseInstant('2024-07-15', 'from'), Date.UTC(2024, 6, 14, 22));
  assert.equal(parseInstant('2024-07-15T10:00:00+02:00', 'from'), Date.UTC(2024, 6, 15, 8));
  for (const bad of ['2024-02-30', '2024-07-15T10:00:00', 'yesterday', '', '15/07/2024']) assert.equal(code(() => parseInstant(bad, 'from')), 'INPUT_INVALID_DATE', bad);
});

test('ranges need start before end', () => {
  assert.equal(code(() => parseRange('2024-01-02', '2024-01-01')), 'INPUT_INVALID_RANGE');
  assert.equal(code(() => parseRange('2024-01-01', '2024-01-01')), 'INPUT_INVALID_RANGE');
});

test('PRM: exactly 14 digits, error names where it came from', () => {
  assert.equal(parsePrm('01234567890123'), '01234567890123');
  for (const bad of ['1234567890123', '123456789012345', '0123456789012a', ' 01234567890123', 12345678901234]) {
    assert.equal(code(() => parsePrm(bad, '--prm')), 'INPUT_INVALID_PRM');
  }
  assert.throws(() => parsePrm('12', '--prm'), /--prm/);
});

test('steps and the granularity ladder', () => {
  assert.equal(parseStep('PT30M'), 'PT30M');
  assert.equal(code(() => parseStep('PT7M')), 'INPUT_INVALID_STEP');
  assert.ok(isCoarserOrEqual('P1D', 'PT30M'));
  assert.ok(isCoarserOrEqual('PT1H', 'PT30M'));
  assert.ok(!isCoarserOrEqual('PT10M', 'PT30M'));
  assert.ok(!isCoarserOrEqual('PT15M', 'PT10M'), '15 minutes cannot be built from 10-minute slots');
});

test('series ids round-trip', () => {
  const k = { quantity: 'index', direction: 'consumption', register: 'HCHC', step: 'raw', source: 'tic' } as const;
  assert.equal(seriesId(k), 'index.consumption.HCHC.raw.tic');
  assert.deepEqual(parseSeriesId(seriesId(k)), k);
  assert.equal(code(() => parseSeriesId('power.sideways.PT1M.demo')), 'INPUT_INVALID');
});
