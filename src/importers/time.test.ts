import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  WallClock,
  naiveFromDigits,
  naiveFromFields,
  nearestParisMidnight,
  offsetStampToUtc,
  parseFrenchNaive,
  parseIsoStamp,
  parseNaive,
  wallCandidates,
  wallToUtc,
} from './time.ts';
import { parisOffsetMs } from '../core/calendar.ts';

const naive = (s: string) => parseIsoStamp(s).naive;
const utc = (s: string) => Date.parse(s);

test('winter and summer wall times get +01:00 and +02:00', () => {
  assert.equal(wallToUtc(naive('2024-01-15 12:00:00')), utc('2024-01-15T11:00:00Z'));
  assert.equal(wallToUtc(naive('2024-07-15 12:00:00')), utc('2024-07-15T10:00:00Z'));
});

test('the repeated autumn hour has two instants, the spring gap none', () => {
  assert.deepEqual(wallCandidates(naive('2023-10-29 02:30:00')), [
    utc('2023-10-29T00:30:00Z'),
    utc('2023-10-29T01:30:00Z'),
  ]);
  assert.deepEqual(wallCandidates(naive('2024-03-31 02:30:00')), []);
  assert.equal(wallCandidates(naive('2024-03-31 03:00:00'))[0], utc('2024-03-31T01:00:00Z'));
});

test('WallClock resolves "02:00, 02:30, 02:00, 02:30, 03:00" by order into consecutive half hours', () => {
  const c = new WallClock();
  const got = ['01:30', '02:00', '02:30', '02:00', '02:30', '03:00'].map((h) => c.toUtc(naive(`2023-10-29 ${h}:00`)));
  const start = utc('2023-10-28T23:30:00Z');
  assert.deepEqual(
    got,
    got.map((_, i) => start + i * 1_800_000),
  );
});

test('daily index stamps at a fixed 22:00 or 23:00 UTC map to the nearest Paris midnight', () => {
  // 2024 portal file: T00:00+01:00 in winter, T01:00+02:00 in summer (23:00 UTC)
  assert.equal(nearestParisMidnight(utc('2024-01-09T23:00:00Z')), utc('2024-01-09T23:00:00Z'));
  assert.equal(nearestParisMidnight(utc('2024-07-24T23:00:00Z')), utc('2024-07-24T22:00:00Z'));
  // 2021 SGE file: T23:00+01:00 in winter (22:00 UTC) is the next day's midnight
  assert.equal(nearestParisMidnight(utc('2021-01-08T22:00:00Z')), utc('2021-01-08T23:00:00Z'));
});

test('ISO stamps with offsets, Z and fractions parse; garbage does not', () => {
  const p = parseIsoStamp('2023-10-29T02:00:00+01:00');
  assert.equal(p.naive - p.offsetMin! * 60_000, utc('2023-10-29T01:00:00Z'));
  const z = parseIsoStamp('2025-05-01T04:12:00.000Z');
  assert.equal(z.naive - z.offsetMin! * 60_000, utc('2025-05-01T04:12:00Z'));
  assert.ok(Number.isNaN(parseIsoStamp('2023-02-30').naive));
  assert.ok(Number.isNaN(parseIsoStamp('29/10/2023 02:00').naive));
});

test('offset-less wall stamps across every autumn change since 1976 map to contiguous, distinct half hours', () => {
  for (let y = 1976; y <= 2040; y++) {
    // the half hours of late September to early November, written as Paris wall times without offsets
    const from = Date.UTC(y, 8, 20);
    const to = Date.UTC(y, 10, 5);
    const clock = new WallClock();
    let prev = Number.NaN;
    for (let t = from; t < to; t += 1_800_000) {
      const wall = t + parisOffsetMs(t);
      const back = clock.toUtc(wall);
      assert.equal(
        back,
        t,
        `${y}: ${new Date(wall).toISOString().slice(0, 16)} (wall) read as ${new Date(back).toISOString()}, expected ${new Date(t).toISOString()}`,
      );
      if (!Number.isNaN(prev)) assert.equal(back - prev, 1_800_000);
      prev = back;
    }
  }
});

test('a wall time in the spring gap is no instant: WallClock answers NaN and keeps its place', () => {
  const c = new WallClock();
  assert.equal(c.toUtc(naive('2025-03-30 01:30:00')), utc('2025-03-30T00:30:00Z'));
  for (const h of ['02:00', '02:30', '02:59']) assert.ok(Number.isNaN(c.toUtc(naive(`2025-03-30 ${h}:00`))), h);
  assert.equal(c.toUtc(naive('2025-03-30 03:00:00')), utc('2025-03-30T01:00:00Z'));
});

test('impossible dates and times are refused by every stamp parser (hour 24, minute 60, 30 February, offset +25:00)', () => {
  const bad = [
    '2025-02-30 00:00:00',
    '2025-13-01 00:00:00',
    '2025-00-10 00:00:00',
    '2025-01-01 24:00:00',
    '2025-01-01 23:60:00',
    '2025-01-01 23:00:60',
    '2025-01-01T12:00:00.Z',
  ];
  for (const s of bad) {
    assert.ok(Number.isNaN(parseNaive(s)), s);
    assert.ok(Number.isNaN(parseIsoStamp(s).naive), s);
    assert.ok(Number.isNaN(parseIsoStamp(s.replace(' ', 'T') + '+01:00').naive), s);
  }
  for (const s of [
    '2025-01-01T24:00:00+01:00',
    '2025-01-01T12:00:00+25:00',
    '2025-01-01T12:00:00+01:60',
    '2025-02-29T12:00:00+01:00',
  ]) {
    assert.ok(Number.isNaN(offsetStampToUtc(s)), s);
    assert.ok(Number.isNaN(parseIsoStamp(s).naive), s);
  }
  for (const s of [
    '30/02/2025',
    '01/01/2025 24:00:00',
    '01/01/2025 12:60:00',
    '01/01/2025 12:00:61',
    '01/13/2025 00:00',
    '01/01/2025T00:00:00',
  ])
    assert.ok(Number.isNaN(parseFrenchNaive(s)), s);
  assert.ok(Number.isNaN(naiveFromDigits(20250101240000)));
  assert.ok(Number.isNaN(naiveFromFields(20250101, 23, 60, 0)));
  // the real ones still parse
  assert.equal(parseNaive('2024-02-29 23:59:59'), Date.UTC(2024, 1, 29, 23, 59, 59));
  assert.equal(offsetStampToUtc('2024-02-29T23:59:59+14:00'), Date.UTC(2024, 1, 29, 9, 59, 59));
  assert.equal(parseFrenchNaive('29/02/2024 23:30:00'), Date.UTC(2024, 1, 29, 23, 30));
  assert.equal(parseFrenchNaive('29/02/2024 23:30'), Date.UTC(2024, 1, 29, 23, 30));
  assert.equal(naiveFromDigits(20240229235959), Date.UTC(2024, 1, 29, 23, 59, 59));
});
