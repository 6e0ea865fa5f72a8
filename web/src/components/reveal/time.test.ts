import { test } from 'node:test';
import assert from 'node:assert/strict';
import { clock, monthGrid, monthsBetween } from './time.ts';

test('clock: minutes after midnight, bedtimes past midnight wrap', () => {
  assert.equal(clock(405), '06:45');
  assert.equal(clock(1530), '01:30');
  assert.equal(clock(0), '00:00');
  assert.equal(clock(1439.6), '00:00');
});

test('months spanned and Monday-first month grids', () => {
  assert.deepEqual(monthsBetween('2006-11-20', '2007-02-03'), ['2006-11', '2006-12', '2007-01', '2007-02']);
  assert.deepEqual(monthsBetween('2007-02-01', '2007-02-28'), ['2007-02']);
  const feb = monthGrid('2007-02'); // 1 February 2007 was a Thursday
  assert.deepEqual(feb.slice(0, 4), [null, null, null, '2007-02-01']);
  assert.equal(feb.filter(Boolean).length, 28);
  assert.equal(monthGrid('2024-02').filter(Boolean).length, 29);
  assert.equal(monthGrid('2007-01')[0], '2007-01-01'); // a Monday: no blank
});
