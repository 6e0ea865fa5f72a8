import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parisMonthCalendar, parisMonthSpan, smoothByMonth, utcMonthCalendar } from './month-smoothing.ts';
import { parisDayBoundaries, parisWallToUtc } from '../core/calendar.ts';

const paris = (y: number, m: number, d: number) => parisWallToUtc(y, m, d);

test('a finished, fully known month: the same integer share every day, summing to the total within ½ Wh a day', () => {
  // March 2026 (31 Paris days, the clock changes on the 29th) and the first 10 days of April
  const days = parisDayBoundaries(paris(2026, 3, 1), paris(2026, 4, 11)).slice(0, -1);
  assert.equal(days.length, 41);
  const values = days.map((_, i) => 5000 + 1000 * Math.sin(i) + 0.4);
  const out = smoothByMonth(days, values, parisMonthCalendar(paris(2026, 5, 1)));
  const march = [...out.slice(0, 31)];
  const total = values.slice(0, 31).reduce((a, b) => a + b, 0);
  assert.ok(Number.isInteger(march[0]) && march.every((v) => v === march[0]), 'one integer share for every day');
  assert.equal(march[0], Math.round(total / 31));
  assert.ok(Math.abs(march.reduce((a, b) => a + b, 0) - total) <= 31 / 2, 'the month sums to its total');
  assert.ok([...out.slice(31)].every(Number.isNaN), 'April is not fully known: withheld');
});

test('a month with a missing day, or not yet over, is withheld', () => {
  const days = parisDayBoundaries(paris(2026, 2, 1), paris(2026, 3, 1)).slice(0, -1);
  const values = days.map(() => 8000);
  const over = parisMonthCalendar(paris(2026, 3, 1));
  assert.equal(smoothByMonth(days, values, over)[0], 8000, 'February 2026 complete and over');
  assert.ok(Number.isNaN(smoothByMonth(days, values, parisMonthCalendar(paris(2026, 3, 1) - 1))[0]), 'not over');
  const gap = values.map((v, i) => (i === 13 ? NaN : v));
  assert.ok(smoothByMonth(days, gap, over).every(Number.isNaN), 'a missing day withholds the month');
  assert.ok(smoothByMonth(days.slice(1), values.slice(1), over).every(Number.isNaN), 'a day absent from the read');
});

test('the month span covers whole Paris months around a range', () => {
  const span = parisMonthSpan(paris(2026, 3, 15), paris(2026, 4, 2));
  assert.deepEqual(span, { from: paris(2026, 3, 1), to: paris(2026, 5, 1) });
  assert.deepEqual(parisMonthSpan(paris(2026, 12, 5), paris(2027, 1, 1)), {
    from: paris(2026, 12, 1),
    to: paris(2027, 1, 1),
  });
});

test('UTC calendar (evaluation data): month of 30 days', () => {
  const c = utcMonthCalendar();
  assert.equal(c.monthOf(Date.UTC(2014, 5, 30, 12)), '2014-06');
  assert.equal(c.daysIn('2014-06'), 30);
  assert.equal(c.daysIn('2016-02'), 29);
});
