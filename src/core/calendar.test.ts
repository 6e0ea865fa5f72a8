import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import {
  parisDayBoundaries,
  parisDayStart,
  parisOffsetMs,
  parisOffsetMsIntl,
  parisWallToUtc,
  parisDate,
} from './calendar.ts';
import { bucketise } from '../analytics/aggregate.ts';

const H = 3_600_000;

test('Paris offset is +1 h in winter and +2 h in summer', () => {
  assert.equal(parisOffsetMs(Date.UTC(2024, 0, 15, 12)), H);
  assert.equal(parisOffsetMs(Date.UTC(2024, 6, 15, 12)), 2 * H);
});

test('the cached offset equals the time-zone database at any second from 1900 to 2100', () => {
  fc.assert(
    fc.property(
      fc.integer({ min: Date.UTC(1900, 0, 1) / 1000, max: Date.UTC(2100, 0, 1) / 1000 }),
      (s) => parisOffsetMs(s * 1000) === parisOffsetMsIntl(s * 1000),
    ),
    { numRuns: 3000 },
  );
  // one second either side of every change from 1940 to 2040 (wartime and 1976–1995 rules included)
  let prev = parisOffsetMsIntl(Date.UTC(1940, 0, 1));
  for (let t = Date.UTC(1940, 0, 1); t < Date.UTC(2040, 0, 1); t += 6 * H) {
    const off = parisOffsetMsIntl(t);
    if (off !== prev) {
      let lo = t - 6 * H;
      let hi = t;
      while (hi - lo > 1000) {
        const mid = lo + Math.floor((hi - lo) / 2000) * 1000;
        if (parisOffsetMsIntl(mid) === prev) lo = mid;
        else hi = mid;
      }
      assert.equal(parisOffsetMs(lo), prev, new Date(lo).toISOString());
      assert.equal(parisOffsetMs(hi), off, new Date(hi).toISOString());
      prev = off;
    }
  }
});

test('civil days on daylight-saving changes last 23 and 25 hours', () => {
  const b = parisDayBoundaries(Date.UTC(2024, 2, 30, 12), Date.UTC(2024, 2, 31, 12));
  assert.deepEqual(b, [Date.UTC(2024, 2, 29, 23), Date.UTC(2024, 2, 30, 23), Date.UTC(2024, 2, 31, 22)]);
  const f = parisDayBoundaries(Date.UTC(2024, 9, 27, 12), Date.UTC(2024, 9, 27, 13));
  assert.equal(f[1]! - f[0]!, 25 * H);
});

test('wall-clock to UTC: repeated autumn hour and skipped spring hour', () => {
  assert.equal(parisWallToUtc(2024, 10, 27, 2, 30, 0, 'earlier'), Date.UTC(2024, 9, 27, 0, 30));
  assert.equal(parisWallToUtc(2024, 10, 27, 2, 30, 0, 'later'), Date.UTC(2024, 9, 27, 1, 30));
  assert.equal(parisWallToUtc(2024, 3, 31, 2, 30), Date.UTC(2024, 2, 31, 1, 30));
  assert.equal(parisDayStart(Date.UTC(2024, 6, 1, 21, 59)), Date.UTC(2024, 5, 30, 22));
  assert.equal(parisDate(Date.UTC(2024, 6, 1, 22, 30)), '2024-07-02');
});

test('bucketise sums and averages per fixed width and per boundary list, skipping empty buckets', () => {
  const ts = [0, 60_000, 120_000, 1_800_000 + 60_000, 3 * 1_800_000];
  const v = [1, 2, 3, 10, 5];
  const r = bucketise(ts, v, { widthMs: 1_800_000 });
  assert.deepEqual(r.ts, [0, 1_800_000, 5_400_000]);
  assert.deepEqual(r.sum, [6, 10, 5]);
  assert.deepEqual(r.mean, [2, 10, 5]);
  assert.deepEqual(r.count, [3, 1, 1]);
  const d = bucketise(ts, v, { boundaries: [60_000, 1_800_000, 10_000_000] });
  assert.deepEqual(d.sum, [5, 15]);
});
