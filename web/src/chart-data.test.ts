import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  calendarWindow,
  clampRange,
  maxPointsFor,
  MIN_SPAN_MS,
  parisMidnight,
  pointMs,
  toPowerColumns,
  zoomAround,
} from './chart-data.ts';

const M = 60_000;
const H = 3_600_000;

test('native minutes with a hole: a null breaks the line there, and min/max stay empty', () => {
  const cols = toPowerColumns({
    t: [0, M, 2 * M, 10 * M, 11 * M],
    v: [1, 2, 3, 4, 5],
    min: null,
    max: null,
    bucketMs: 0,
    nativeStep: 'PT1M',
  });
  assert.deepEqual(cols[0], [0, M, 2 * M, 3 * M, 10 * M, 11 * M]);
  assert.deepEqual(cols[1], [1, 2, 3, null, 4, 5]);
  assert.deepEqual(cols[2], [null, null, null, null, null, null]);
});

test('decimated buckets carry min and max; contiguous buckets get no null', () => {
  const cols = toPowerColumns({
    t: [0, H, 2 * H],
    v: [5, 6, 7],
    min: [1, 2, 3],
    max: [9, 10, 11],
    bucketMs: H,
    nativeStep: 'PT1M',
  });
  assert.deepEqual(cols, [
    [0, H, 2 * H],
    [5, 6, 7],
    [1, 2, 3],
    [9, 10, 11],
  ]);
  assert.equal(pointMs({ bucketMs: H, nativeStep: 'PT1M' }), H);
  assert.equal(pointMs({ bucketMs: 0, nativeStep: 'PT30M' }), 30 * M);
  assert.equal(pointMs({ bucketMs: 0, nativeStep: 'raw' }), 0);
});

test('raw samples are never split: their pace is irregular', () => {
  const cols = toPowerColumns({
    t: [0, 1000, 60_000],
    v: [1, 2, 3],
    min: null,
    max: null,
    bucketMs: 0,
    nativeStep: 'raw',
  });
  assert.deepEqual(cols[1], [1, 2, 3]);
});

const bounds = { from: 0, to: 180 * 24 * H };

test('a window is kept inside the held data, no shorter than the minimum span, its width kept when shifted', () => {
  assert.deepEqual(clampRange({ from: -5 * H, to: 5 * H }, bounds), { from: 0, to: 10 * H });
  assert.deepEqual(clampRange({ from: bounds.to - H, to: bounds.to + H }, bounds), {
    from: bounds.to - 2 * H,
    to: bounds.to,
  });
  const tiny = clampRange({ from: 100 * H, to: 100 * H + M }, bounds);
  assert.equal(tiny.to - tiny.from, MIN_SPAN_MS);
  assert.deepEqual(clampRange({ from: -bounds.to, to: 2 * bounds.to }, bounds), bounds);
});

test('wheel zoom keeps the instant under the pointer in place', () => {
  const r = { from: 0, to: 100 * H };
  const z = zoomAround(r, 25 * H, 0.5, bounds);
  assert.equal(z.to - z.from, 50 * H);
  assert.equal((25 * H - z.from) / (z.to - z.from), 0.25);
  const out = zoomAround(z, 25 * H, 100, bounds);
  assert.deepEqual(out, bounds, 'zooming far out stops at everything held');
});

test('about one point per pixel, within what the API accepts', () => {
  assert.equal(maxPointsFor(944.4), 944);
  assert.equal(maxPointsFor(3), 10);
  assert.equal(maxPointsFor(10_000), 4000);
});

test('range buttons snap to the Paris calendar: whole hours, civil days of 23 to 25 hours, Monday weeks, months', () => {
  const at = Date.UTC(2007, 2, 25, 10, 17); // Sunday 25 March 2007, the spring-forward day, 12:17 in Paris
  assert.deepEqual(calendarWindow(at, 'hour'), { from: Date.UTC(2007, 2, 25, 10), to: Date.UTC(2007, 2, 25, 11) });
  assert.deepEqual(
    calendarWindow(at, 'day'),
    { from: Date.UTC(2007, 2, 24, 23), to: Date.UTC(2007, 2, 25, 22) },
    '23 hours',
  );
  assert.deepEqual(
    calendarWindow(at, 'week'),
    { from: Date.UTC(2007, 2, 18, 23), to: Date.UTC(2007, 2, 25, 22) },
    'Monday 19 to Monday 26 March',
  );
  assert.deepEqual(calendarWindow(at, 'month'), { from: Date.UTC(2007, 1, 28, 23), to: Date.UTC(2007, 2, 31, 22) });
  assert.deepEqual(
    calendarWindow(Date.UTC(2007, 9, 28, 12), 'day'),
    { from: Date.UTC(2007, 9, 27, 22), to: Date.UTC(2007, 9, 28, 23) },
    '25 hours in autumn',
  );
  assert.equal(parisMidnight(2007, 1, 1), Date.UTC(2006, 11, 31, 23));
});
