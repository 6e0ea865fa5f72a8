import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { checkRange, parseInstant, parseRange } from './range.ts';
import { daysInMonth } from './calendar-fields.ts';
import { parisDate, parisDayStart, parisWallToUtc } from './calendar.ts';
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
  for (const bad of ['2024-02-30', '2024-07-15T10:00:00', 'yesterday', '', '15/07/2024'])
    assert.equal(
      code(() => parseInstant(bad, 'from')),
      'INPUT_INVALID_DATE',
      bad,
    );
});

test('ranges need start before end', () => {
  assert.equal(
    code(() => parseRange('2024-01-02', '2024-01-01')),
    'INPUT_INVALID_RANGE',
  );
  assert.equal(
    code(() => parseRange('2024-01-01', '2024-01-01')),
    'INPUT_INVALID_RANGE',
  );
});

test('PRM: exactly 14 digits, error names where it came from', () => {
  assert.equal(parsePrm('01234567890123'), '01234567890123');
  for (const bad of ['1234567890123', '123456789012345', '0123456789012a', ' 01234567890123', 12345678901234]) {
    assert.equal(
      code(() => parsePrm(bad, '--prm')),
      'INPUT_INVALID_PRM',
    );
  }
  assert.throws(() => parsePrm('12', '--prm'), /--prm/);
});

test('steps and the granularity ladder', () => {
  assert.equal(parseStep('PT30M'), 'PT30M');
  assert.equal(
    code(() => parseStep('PT7M')),
    'INPUT_INVALID_STEP',
  );
  assert.ok(isCoarserOrEqual('P1D', 'PT30M'));
  assert.ok(isCoarserOrEqual('PT1H', 'PT30M'));
  assert.ok(!isCoarserOrEqual('PT10M', 'PT30M'));
  assert.ok(!isCoarserOrEqual('PT15M', 'PT10M'), '15 minutes cannot be built from 10-minute slots');
});

test('series ids round-trip', () => {
  const k = { quantity: 'index', direction: 'consumption', register: 'HCHC', step: 'raw', source: 'tic' } as const;
  assert.equal(seriesId(k), 'index.consumption.HCHC.raw.tic');
  assert.deepEqual(parseSeriesId(seriesId(k)), k);
  assert.equal(
    code(() => parseSeriesId('power.sideways.PT1M.demo')),
    'INPUT_INVALID',
  );
});

const pad = (n: number, w = 2) => String(n).padStart(w, '0');
// from 1946: before 1940 Paris was on UTC+0 (and its mean solar time before 1911), which parisWallToUtc does not
// model (it knows the +1 h and +2 h offsets only)
const realDate = fc
  .record({
    y: fc.integer({ min: 1946, max: 2200 }),
    m: fc.integer({ min: 1, max: 12 }),
    d: fc.integer({ min: 1, max: 31 }),
  })
  .map(({ y, m, d }) => ({ y, m, d: Math.min(d, daysInMonth(y, m)) }));

test('every real date round-trips: YYYY-MM-DD is the start of that Paris civil day', () => {
  fc.assert(
    fc.property(realDate, ({ y, m, d }) => {
      const s = `${y}-${pad(m)}-${pad(d)}`;
      const t = parseInstant(s, 'from');
      assert.equal(parisDate(t), s);
      assert.equal(t, parisDayStart(t));
    }),
    { numRuns: 1000 },
  );
});

test('every real instant with an offset round-trips to the same UTC instant', () => {
  const instant = fc.record({
    t: fc.integer({ min: Date.UTC(1900, 0, 1) / 1000, max: Date.UTC(2200, 0, 1) / 1000 }),
    off: fc.integer({ min: -23 * 60 - 59, max: 23 * 60 + 59 }),
    ms: fc.option(fc.integer({ min: 0, max: 999 })),
  });
  fc.assert(
    fc.property(instant, ({ t, off, ms }) => {
      const utc = t * 1000 + (ms ?? 0);
      const local = new Date(utc + off * 60_000).toISOString().slice(0, ms === null ? 19 : 23);
      const a = Math.abs(off);
      const s = `${local}${off < 0 ? '-' : '+'}${pad(Math.floor(a / 60))}:${pad(a % 60)}`;
      assert.equal(parseInstant(s, 'from'), utc, s);
      if (off === 0) assert.equal(parseInstant(`${local}Z`, 'from'), utc);
    }),
    { numRuns: 1000 },
  );
});

test('every impossible date or time is refused with INPUT_INVALID_DATE naming the field, never rolled over', () => {
  const bad = fc.oneof(
    fc.record({
      y: fc.integer({ min: 1900, max: 2200 }),
      m: fc.oneof(fc.constant(0), fc.integer({ min: 13, max: 99 })),
      d: fc.integer({ min: 1, max: 28 }),
      hh: fc.constant(0),
      mi: fc.constant(0),
      ss: fc.constant(0),
    }),
    realDate.chain(({ y, m }) =>
      fc.record({
        y: fc.constant(y),
        m: fc.constant(m),
        d: fc.oneof(fc.constant(0), fc.integer({ min: daysInMonth(y, m) + 1, max: 99 })),
        hh: fc.constant(0),
        mi: fc.constant(0),
        ss: fc.constant(0),
      }),
    ),
    realDate.chain(({ y, m, d }) =>
      fc.oneof(
        fc.record({
          y: fc.constant(y),
          m: fc.constant(m),
          d: fc.constant(d),
          hh: fc.integer({ min: 24, max: 99 }),
          mi: fc.integer({ min: 0, max: 59 }),
          ss: fc.integer({ min: 0, max: 59 }),
        }),
        fc.record({
          y: fc.constant(y),
          m: fc.constant(m),
          d: fc.constant(d),
          hh: fc.integer({ min: 0, max: 23 }),
          mi: fc.integer({ min: 60, max: 99 }),
          ss: fc.integer({ min: 0, max: 59 }),
        }),
        fc.record({
          y: fc.constant(y),
          m: fc.constant(m),
          d: fc.constant(d),
          hh: fc.integer({ min: 0, max: 23 }),
          mi: fc.integer({ min: 0, max: 59 }),
          ss: fc.integer({ min: 60, max: 99 }),
        }),
      ),
    ),
  );
  fc.assert(
    fc.property(bad, fc.constantFrom('Z', '+01:00', '-05:30'), ({ y, m, d, hh, mi, ss }, off) => {
      const date = `${y}-${pad(m)}-${pad(d)}`;
      const inputs = [`${date}T${pad(hh)}:${pad(mi)}:${pad(ss)}${off}`];
      if (hh === 0 && mi === 0 && ss === 0) inputs.push(date);
      for (const s of inputs) {
        assert.throws(
          () => parseInstant(s, 'query.from'),
          (e: unknown) =>
            e instanceof CourantError &&
            e.code === 'INPUT_INVALID_DATE' &&
            e.message.startsWith('query.from: ') &&
            e.message.includes(JSON.stringify(s)),
          s,
        );
      }
    }),
    { numRuns: 1000 },
  );
});

test('the examples: month 13, 30 February, hour 24, minute 60, bad offsets; ranges of non-instants', () => {
  for (const s of [
    '2025-13-01',
    '2007-02-30',
    '2025-02-29',
    '2025-02-30T00:00:00+01:00',
    '2025-01-01T24:00:00Z',
    '2025-01-01T23:60:00Z',
    '2025-01-01T00:00:00+24:00',
    '2025-01-01T00:00:00+01:60',
  ])
    assert.equal(
      code(() => parseInstant(s, 'from')),
      'INPUT_INVALID_DATE',
      s,
    );
  assert.match(
    (() => {
      try {
        parseInstant('2007-02-30', 'control.range.from');
      } catch (e) {
        return (e as Error).message;
      }
      return '';
    })(),
    /^control\.range\.from: "2007-02-30" is not a date: February 2007 has 28 days$/,
  );
  assert.equal(parseInstant('2024-02-29', 'from'), Date.UTC(2024, 1, 28, 23));
  assert.equal(parseInstant('2000-02-29T12:00:00.5+01:00', 'from'), Date.UTC(2000, 1, 29, 11, 0, 0, 500));
  assert.equal(
    code(() => parseInstant(Number.NaN, 'from')),
    'INPUT_INVALID_DATE',
  );
  assert.equal(
    code(() => checkRange({ from: Number.NaN, to: 1 }, 'control.range')),
    'INPUT_INVALID_DATE',
  );
  assert.throws(() => checkRange({ from: 0, to: '1' as unknown as number }, 'control.range'), /control\.range\.to/);
});

test('a Paris wall time of fields that name no real date or time is NaN, not another day', () => {
  assert.ok(Number.isNaN(parisWallToUtc(2025, 13, 1)));
  assert.ok(Number.isNaN(parisWallToUtc(2007, 2, 30)));
  assert.ok(Number.isNaN(parisWallToUtc(2025, 1, 1, 24)));
  assert.ok(Number.isNaN(parisWallToUtc(2025, 1, 1, 0, 60)));
  assert.equal(parisWallToUtc(2024, 2, 29), Date.UTC(2024, 1, 28, 23));
});
