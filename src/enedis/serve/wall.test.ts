// `parisWall` formats the date once per day and the time from integers; it must write exactly what formatting the
// whole wall instant with `toISOString` writes, for any order of calls (its one-day memory), across both clock changes.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { parisOffsetMs } from '../../core/calendar.ts';
import { parisWall } from './wall.ts';

const reference = (t: number) => new Date(t + parisOffsetMs(t)).toISOString().slice(0, 19).replace('T', ' ');

test('parisWall writes what toISOString writes of the wall instant: every half hour and second of the clock-change days, in any order', () => {
  const instants: number[] = [];
  for (const [y, m, d] of [
    [2025, 3, 30],
    [2025, 10, 26],
    [2024, 2, 29],
    [1999, 12, 31],
  ] as const) {
    const from = Date.UTC(y, m - 1, d) - 3 * 3_600_000;
    for (let t = from; t < from + 30 * 3_600_000; t += 1000) instants.push(t);
  }
  for (const t of instants) assert.equal(parisWall(t), reference(t));
  for (let i = instants.length - 1; i >= 0; i -= 997) assert.equal(parisWall(instants[i]!), reference(instants[i]!));
  fc.assert(
    fc.property(fc.array(fc.integer({ min: -2_000_000_000_000, max: 4_000_000_000_000 }), { maxLength: 20 }), (ts) => {
      for (const t of ts) assert.equal(parisWall(t), reference(t));
    }),
  );
  assert.equal(parisWall(Date.UTC(2025, 9, 26, 0, 30)), '2025-10-26 02:30:00');
  assert.equal(parisWall(Date.UTC(2025, 9, 26, 1, 30)), '2025-10-26 02:30:00', 'the repeated autumn hour');
  assert.throws(() => parisWall(Number.NaN), RangeError);
});
