import { test } from 'node:test';
import assert from 'node:assert/strict';
import { CourantError } from '../core/errors.ts';
import { parisWallToUtc } from '../core/calendar.ts';
import { bucketAllowedBy, bucketLabel, bucketsOf, bucketStart, parisOffsetSegments } from './buckets.ts';
import { checkBucketAllowed, histogramEdges, parseReleaseQuery } from './query.ts';

const ok = {
  publisher: 'observatoire-92',
  areaKind: 'commune',
  bucket: 'month',
  from: '2024-01-01',
  to: '2024-04-01',
  statistics: ['sum', 'count'],
  clipWh: 900_000,
  maxBuckets: 12,
};
const refused = (input: unknown, field: string) =>
  assert.throws(
    () => parseReleaseQuery(input),
    (e: unknown) =>
      e instanceof CourantError &&
      e.code === 'STATS_INVALID' &&
      e.status === 400 &&
      e.details?.field === field &&
      e.message.includes(field),
    field,
  );

test('a release query is read with Paris bucket boundaries and its statistics in a fixed order', () => {
  const q = parseReleaseQuery(ok);
  assert.equal(q.from, parisWallToUtc(2024, 1, 1));
  assert.equal(q.to, parisWallToUtc(2024, 4, 1));
  assert.deepEqual(q.statistics, ['count', 'sum']);
  assert.equal(parseReleaseQuery({ ...ok, statistics: 'quantiles,mean', clipWh: '5000' }).clipWh, 5000);
});

test('each wrong field is refused with STATS_INVALID naming it', () => {
  refused({ ...ok, publisher: '' }, 'publisher');
  refused({ ...ok, areaKind: 'departement' }, 'areaKind');
  refused({ ...ok, bucket: 'PT30M' }, 'bucket');
  refused({ ...ok, from: '2024-13-01' }, 'from');
  refused({ ...ok, from: '2024-01-02' }, 'from'); // not a month start
  refused({ ...ok, to: '2023-12-01' }, 'to');
  refused({ ...ok, to: '2024-03-31T23:00:00Z' }, 'to'); // 1 April 00:00 Paris is 31 March 22:00 UTC (summer time)
  refused({ ...ok, statistics: [] }, 'statistics');
  refused({ ...ok, statistics: ['sum', 'median'] }, 'statistics');
  refused({ ...ok, statistics: ['sum', 'sum'] }, 'statistics');
  refused({ ...ok, clipWh: 0 }, 'clipWh');
  refused({ ...ok, clipWh: 1.5 }, 'clipWh');
  refused({ ...ok, maxBuckets: 2 }, 'maxBuckets'); // three months
  refused({ ...ok, epsilon: 1 }, 'epsilon');
  assert.equal(parseReleaseQuery({ ...ok, to: '2024-03-31T22:00:00Z' }).to, parisWallToUtc(2024, 4, 1));
});

test('buckets follow Paris civil time: weeks from Monday, 23- and 25-hour days, months', () => {
  const spring = { from: parisWallToUtc(2024, 3, 25), to: parisWallToUtc(2024, 4, 8) };
  assert.deepEqual(
    bucketsOf('week', spring).map((b) => bucketLabel('week', b)),
    ['2024-03-25', '2024-04-01'],
  );
  const days = bucketsOf('day', { from: parisWallToUtc(2024, 3, 30), to: parisWallToUtc(2024, 4, 1) });
  assert.equal(days[1]! - days[0]!, 24 * 3_600_000);
  assert.equal(parisWallToUtc(2024, 4, 1) - days[1]!, 23 * 3_600_000);
  assert.equal(bucketStart('week', parisWallToUtc(2024, 3, 31, 23, 59)), parisWallToUtc(2024, 3, 25));
  assert.equal(bucketStart('month', parisWallToUtc(2024, 10, 27, 2, 30, 0, 'later')), parisWallToUtc(2024, 10, 1));
  assert.equal(bucketsOf('hour-of-day', spring).length, 24);
  assert.deepEqual(
    parisOffsetSegments({ from: parisWallToUtc(2024, 3, 1), to: parisWallToUtc(2024, 11, 1) }).map((s) => [
      new Date(s.from).toISOString(),
      s.offsetMs / 3_600_000,
    ]),
    [
      ['2024-02-29T23:00:00.000Z', 1],
      ['2024-03-31T01:00:00.000Z', 2],
      ['2024-10-27T01:00:00.000Z', 1],
    ],
  );
});

test('a bucket finer than a consent or a publisher allows is refused', () => {
  assert.ok(bucketAllowedBy('hour-of-day', 'PT30M'));
  assert.ok(bucketAllowedBy('hour-of-day', 'PT1H'));
  assert.ok(!bucketAllowedBy('hour-of-day', 'P1D'));
  assert.ok(bucketAllowedBy('month', 'P1D'));
  assert.ok(!bucketAllowedBy('month', 'P1M'));
  assert.ok(!bucketAllowedBy('day', 'P1M'));
  assert.throws(
    () => checkBucketAllowed('hour-of-day', 'P1D', 'the publisher'),
    (e: unknown) => e instanceof CourantError && e.code === 'STATS_INVALID' && /bucket/.test(e.message),
  );
  assert.deepEqual(histogramEdges(1000, 4), [250, 500, 750, 1000]);
});

test('area codes: INSEE commune and IRIS codes, group names; a malformed one is refused naming its kind', async () => {
  const { parseAreaCode } = await import('./areas.ts');
  assert.equal(parseAreaCode('commune', ' 92071 '), '92071');
  assert.equal(parseAreaCode('commune', '2A004'), '2A004');
  assert.equal(parseAreaCode('iris', '920710101'), '920710101');
  assert.equal(parseAreaCode('group', 'Résidence Les Tilleuls'), 'Résidence Les Tilleuls');
  for (const [kind, code] of [
    ['commune', '9207'],
    ['commune', '920710101'],
    ['iris', '92071'],
    ['group', ''],
    ['group', 'a;drop'],
    ['group', 'x'.repeat(65)],
  ] as const)
    assert.throws(
      () => parseAreaCode(kind, code),
      (e: unknown) => e instanceof CourantError && e.code === 'STATS_INVALID' && e.details?.field === kind,
    );
});
