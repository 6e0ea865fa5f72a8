// The Data Connect face, pure part: bodies the hub writes are read back by the hub's own Data Connect importers to
// the same values and instants (a DST-change day included), the recorded samples keep their shape, and every bad
// request gets the Enedis body a client expects (read back by the hub's own client-side error table).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { parisWallToUtc } from '../../core/calendar.ts';
import { isNotice, type ImportItem, type Importer } from '../../importers/importer.ts';
import { dcV5Importer } from '../../importers/dataconnect/v5.ts';
import { dc2026Importer } from '../../importers/dataconnect/v2026.ts';
import { classifyError, parseNextAccessTime } from '../dc-errors.ts';
import { parseDcQuery, type MeasureKind } from './params.ts';
import {
  BEFORE_ACTIVATION,
  INVALID_CREDENTIALS,
  NO_CONSENT,
  NO_DATA,
  START_NOT_BEFORE_END,
  consoWrapped,
  throttled,
} from './refusals.ts';
import type { DcPoint, DcSeries } from './series.ts';
import { meterReading, v5Answer } from './v5.ts';
import { answer2026 } from './v2026.ts';
import { ClientQuotas } from './throttle.ts';

const PRM = '00000000000078';
const HALF_HOUR = 1_800_000;
/** Recorded answers (sources and licences in the folders' READMEs). */
const SAMPLES = new URL('../../../test/fixtures/enedis/', import.meta.url);
const ERRORS = new URL('../../../test/fixtures/enedis-api/errors.json', import.meta.url);

interface Held {
  readonly key: string;
  readonly ts: number[];
  readonly values: number[];
}

/** What an importer stores from a body: series id → points. */
async function importBody(imp: Importer, body: unknown, fileName: string): Promise<Map<string, Held>> {
  const bytes = new TextEncoder().encode(JSON.stringify(body));
  async function* chunks() {
    yield bytes;
  }
  const out = new Map<string, Held>();
  for await (const it of imp.parse(chunks(), { fileName }) as AsyncIterable<ImportItem>) {
    if (isNotice(it)) continue;
    const key = `${it.key.quantity}.${it.key.direction}.${it.key.register}.${it.key.step}`;
    const h = out.get(key) ?? { key, ts: [], values: [] };
    h.ts.push(...it.ts);
    h.values.push(...it.values);
    out.set(key, h);
  }
  return out;
}

/** A load curve over [start, end[ Paris days at 30 minutes: the spring-forward day has 46 points, autumn's 50. */
function curvePoints(start: string, end: string): DcPoint[] {
  const [y0, m0, d0] = start.split('-').map(Number) as [number, number, number];
  const [y1, m1, d1] = end.split('-').map(Number) as [number, number, number];
  const out: DcPoint[] = [];
  for (let t = parisWallToUtc(y0, m0, d0); t < parisWallToUtc(y1, m1, d1); t += HALF_HOUR)
    out.push({ ts: t, value: (out.length * 37) % 5000 });
  return out;
}

function day(s: string): number {
  const [y, m, d] = s.split('-').map(Number) as [number, number, number];
  return parisWallToUtc(y, m, d);
}

for (const [name, start, end] of [
  ['the autumn DST change (a 25-hour day)', '2026-10-24', '2026-10-27'],
  ['the spring DST change (a 23-hour day)', '2026-03-28', '2026-03-31'],
] as const) {
  test(`load curves across ${name}: v5, conso-api and 2026 bodies import back to the same instants and watts`, async () => {
    const points = curvePoints(start, end);
    for (const kind of ['consumption_load_curve', 'production_load_curve'] as const) {
      const s: DcSeries = { kind, prm: PRM, start, end, stepMs: HALF_HOUR, points };
      const direction = kind === 'production_load_curve' ? 'production' : 'consumption';
      const file = `${kind}.json`; // v5 answers carry no direction: the importer reads it from the file name
      for (const [imp, body] of [
        [dcV5Importer, v5Answer(s)],
        [dcV5Importer, meterReading(s)],
        [dc2026Importer, answer2026(s)],
      ] as const) {
        const held = await importBody(imp, body, file);
        const power = held.get(`power.${direction}..PT30M`);
        assert.ok(power, `${imp.id}: ${[...held.keys()].join(', ')}`);
        assert.deepEqual(
          power.ts,
          points.map((p) => p.ts),
          `${imp.id} ${kind} instants`,
        );
        assert.deepEqual(
          power.values,
          points.map((p) => p.value),
          `${imp.id} ${kind} values`,
        );
      }
    }
    // the stamps are the END of each interval, in Paris wall time
    const r = meterReading({ kind: 'consumption_load_curve', prm: PRM, start, end, stepMs: HALF_HOUR, points });
    assert.equal(r.interval_reading[0]!.date, `${start} 00:30:00`);
    assert.equal(r.interval_reading.at(-1)!.date, `${end} 00:00:00`);
    assert.equal(r.interval_reading.length, points.length);
  });
}

test('the autumn day prints its repeated wall times in order, and the spring day skips its missing hour', () => {
  const fall = meterReading({
    kind: 'consumption_load_curve',
    prm: PRM,
    start: '2026-10-25',
    end: '2026-10-26',
    stepMs: HALF_HOUR,
    points: curvePoints('2026-10-25', '2026-10-26'),
  });
  const dates = fall.interval_reading.map((x) => x.date.slice(11));
  assert.equal(dates.length, 50);
  // the interval starting at 02:30 summer time ends at 03:00 summer time, which is 02:00 winter time
  assert.deepEqual(dates.slice(3, 8), ['02:00:00', '02:30:00', '02:00:00', '02:30:00', '03:00:00']);
  const spring = meterReading({
    kind: 'consumption_load_curve',
    prm: PRM,
    start: '2026-03-29',
    end: '2026-03-30',
    stepMs: HALF_HOUR,
    points: curvePoints('2026-03-29', '2026-03-30'),
  });
  assert.equal(spring.interval_reading.length, 46);
  assert.deepEqual(
    spring.interval_reading.slice(2, 5).map((x) => x.date.slice(11)),
    ['01:30:00', '03:00:00', '03:30:00'],
  );
});

test('daily energy and max power: v5, conso-api and 2026 bodies import back to the same days and values', async () => {
  const days = ['2026-10-24', '2026-10-25', '2026-10-26'];
  const energy: DcPoint[] = days.map((d, i) => ({ ts: day(d), value: 11_776 + i }));
  const peaks: DcPoint[] = days.map((d, i) => ({ ts: day(d), value: 4638 - i, at: day(d) + (i + 1) * 3_700_000 }));
  const cases: [MeasureKind, DcPoint[], string][] = [
    ['daily_consumption', energy, 'energy.consumption..P1D'],
    ['daily_production', energy, 'energy.production..P1D'],
    ['daily_consumption_max_power', peaks, 'max_power.consumption..P1D'],
  ];
  for (const [kind, points, key] of cases) {
    const s: DcSeries = { kind, prm: PRM, start: '2026-10-24', end: '2026-10-27', points };
    for (const [imp, body] of [
      [dcV5Importer, v5Answer(s)],
      [dcV5Importer, meterReading(s)],
      [dc2026Importer, answer2026(s)],
    ] as const) {
      const held = await importBody(imp, body, `${kind}.json`);
      const h = held.get(key);
      assert.ok(h, `${imp.id} ${kind}: ${[...held.keys()].join(', ')}`);
      assert.deepEqual(
        h.ts,
        points.map((p) => p.ts),
        `${imp.id} ${kind} days`,
      );
      assert.deepEqual(
        h.values,
        points.map((p) => p.value),
        `${imp.id} ${kind} values`,
      );
    }
  }
  // the peak's instant is written as Paris wall time (here on the 25-hour day)
  const mp = meterReading({
    kind: 'daily_consumption_max_power',
    prm: PRM,
    start: days[0]!,
    end: '2026-10-27',
    points: peaks,
  });
  assert.equal(mp.interval_reading[1]!.date, '2026-10-25 02:03:20');
});

test('the bodies have the recorded answers’ shape, field for field', () => {
  const read = (f: string) => JSON.parse(readFileSync(new URL(f, SAMPLES), 'utf8')) as Record<string, unknown>;
  const shape = (v: unknown): unknown =>
    Array.isArray(v)
      ? v.slice(0, 1).map(shape)
      : v && typeof v === 'object'
        ? Object.fromEntries(Object.entries(v).map(([k, x]) => [k, shape(x)]))
        : typeof v;
  const points = curvePoints('2026-09-29', '2026-10-01');
  const daily = [{ ts: day('2026-09-29'), value: 1 }];
  const peak = [{ ts: day('2026-09-29'), value: 1, at: day('2026-09-29') + 1000 }];
  const base = { prm: PRM, start: '2026-09-29', end: '2026-10-01' };
  const pairs: [unknown, string][] = [
    [meterReading({ ...base, kind: 'consumption_load_curve', points }), 'dc-v5-curve-unwrapped.json'],
    [meterReading({ ...base, kind: 'production_load_curve', points }), 'dc-v5-production_load_curve.json'],
    [meterReading({ ...base, kind: 'daily_consumption', points: daily }), 'dc-v5-daily.json'],
    [meterReading({ ...base, kind: 'daily_production', points: daily }), 'dc-v5-daily_production.json'],
    [meterReading({ ...base, kind: 'daily_consumption_max_power', points: peak }), 'dc-v5-max-power.json'],
    [v5Answer({ ...base, kind: 'consumption_load_curve', points }), 'dc-v5-curve-wrapped.json'],
    [v5Answer({ ...base, kind: 'daily_consumption', points: daily }), 'dc-v5-daily-doc.json'],
    [answer2026({ ...base, kind: 'consumption_load_curve', points }), 'dc2026-curve.json'],
    [answer2026({ ...base, kind: 'production_load_curve', points }), 'dc2026-production-curve.json'],
    [answer2026({ ...base, kind: 'daily_consumption', points: daily }), 'dc2026-daily.json'],
    [answer2026({ ...base, kind: 'daily_production', points: daily }), 'dc2026-production-daily.json'],
    [answer2026({ ...base, kind: 'daily_consumption_max_power', points: peak }), 'dc2026-max-power.json'],
  ];
  for (const [mine, file] of pairs) assert.deepEqual(shape(mine), shape(read(file)), file);
  // and the same words where the sample is a real answer
  const curve = answer2026({ ...base, kind: 'consumption_load_curve', points });
  const sample = read('dc2026-curve.json');
  assert.deepEqual(
    { ...curve, grandeur: undefined, idPrm: undefined },
    { ...sample, grandeur: undefined, idPrm: undefined },
  );
});

const NOW = Date.parse('2026-12-03T14:00:00Z');
const ok = (kind: MeasureKind, face: 'v5' | '2026' | 'conso', q: Record<string, unknown>) => {
  const r = parseDcQuery(kind, face, q, NOW);
  assert.ok(r.ok, JSON.stringify(r));
  return r.value;
};
const refused = (kind: MeasureKind, face: 'v5' | '2026' | 'conso', q: Record<string, unknown>) => {
  const r = parseDcQuery(kind, face, q, NOW);
  assert.ok(!r.ok, `accepted ${JSON.stringify(q)}`);
  return r.refusal;
};
const v5q = (start: string, end: string, more: Record<string, unknown> = {}) => ({
  usage_point_id: PRM,
  start,
  end,
  ...more,
});

test('queries: each generation’s names, [start, end[ as Paris midnights', () => {
  const q = ok('consumption_load_curve', 'v5', v5q('2026-10-24', '2026-10-27'));
  assert.deepEqual(q.range, { from: Date.parse('2026-10-23T22:00:00Z'), to: Date.parse('2026-10-26T23:00:00Z') });
  ok('daily_consumption', '2026', { pointId: PRM, dateDebut: '2026-01-01', dateFin: '2026-12-03' });
  ok('daily_consumption_max_power', '2026', {
    pointId: PRM,
    dateDebut: '2026-11-01',
    dateFin: '2026-11-03',
    mesuresPas: 'P1D',
    grandeurPhysique: 'PMA',
  });
  ok('daily_production', 'conso', { prm: PRM, start: '2026-11-01', end: '2026-11-03' });
});

test('bad queries get Enedis’s Invalid_request body, 400', () => {
  const body = (description: string) => ({
    status: 400,
    body: { error: 'Invalid_request', error_description: description },
  });
  assert.deepEqual(refused('daily_consumption', 'v5', v5q('2026-11-03', '2026-11-03')), body(START_NOT_BEFORE_END));
  assert.deepEqual(refused('daily_consumption', 'v5', v5q('2026-11-04', '2026-11-03')), body(START_NOT_BEFORE_END));
  // end may be today (Paris) at the latest: the 4th of December has not started in Paris
  ok('daily_consumption', 'v5', v5q('2026-12-01', '2026-12-03'));
  assert.deepEqual(
    refused('daily_consumption', 'v5', v5q('2026-12-01', '2026-12-04')),
    body('End date should not be after today (2026-12-03).'),
  );
  ok('consumption_load_curve', 'v5', v5q('2026-11-01', '2026-11-08'));
  assert.deepEqual(
    refused('consumption_load_curve', 'v5', v5q('2026-11-01', '2026-11-09')),
    body('The period should not exceed 7 days.'),
  );
  ok('daily_consumption', 'v5', v5q('2025-12-03', '2026-12-03'));
  assert.deepEqual(
    refused('daily_consumption', 'v5', v5q('2025-12-02', '2026-12-03')),
    body('The period should not exceed 365 days.'),
  );
  // history: 24 months + 15 days for load curves, 36 months + 15 days for daily values
  ok('consumption_load_curve', 'v5', v5q('2024-11-18', '2024-11-19'));
  assert.deepEqual(
    refused('consumption_load_curve', 'v5', v5q('2024-11-17', '2024-11-18')),
    body('Start date should not be before 2024-11-18.'),
  );
  ok('daily_consumption', 'v5', v5q('2023-11-18', '2023-11-19'));
  assert.equal(refused('daily_consumption', 'v5', v5q('2023-11-17', '2023-11-19')).status, 400);
  assert.deepEqual(
    refused('daily_consumption', 'v5', v5q('2026-11-01', '2026-11-02', { step: 'PT10M' })),
    body('Unknown parameter: step.'),
  );
  assert.deepEqual(
    refused('daily_consumption', 'v5', { start: '2026-11-01', end: '2026-11-02' }),
    body('Missing parameter: usage_point_id.'),
  );
  assert.deepEqual(
    refused('daily_consumption', 'v5', v5q('2026-11-01', '2026-11-31')),
    body('Parameter end should be a date YYYY-MM-DD.'),
  );
  assert.deepEqual(
    refused('daily_consumption', 'v5', { ...v5q('2026-11-01', '2026-11-02'), usage_point_id: [PRM, PRM] }),
    body('Parameter usage_point_id is given more than once.'),
  );
  assert.equal(
    refused('daily_consumption', 'v5', { ...v5q('2026-11-01', '2026-11-02'), usage_point_id: '123' }).status,
    400,
  );
  // the 2026 names on a v5 path are unknown there, and the reverse
  assert.equal(
    refused('daily_consumption', 'v5', { pointId: PRM, dateDebut: '2026-11-01', dateFin: '2026-11-02' }).status,
    400,
  );
  assert.deepEqual(
    refused('daily_consumption_max_power', '2026', {
      pointId: PRM,
      dateDebut: '2026-11-01',
      dateFin: '2026-11-03',
      mesuresPas: 'P1D',
      grandeurPhysique: 'TOUT',
    }),
    body('Parameter grandeurPhysique should be PMA.'),
  );
});

test('refusal bodies read back through the hub’s own Enedis error table to the codes a client expects', () => {
  const code = (r: { status: number; body: unknown }) => classifyError(r.status, r.body).rule.code;
  assert.equal(code(NO_CONSENT), 'DC_NO_CONSENT');
  assert.equal(code(NO_DATA), 'DC_NO_DATA');
  assert.equal(code(BEFORE_ACTIVATION), 'DC_BEFORE_ACTIVATION');
  assert.equal(code(INVALID_CREDENTIALS), 'DC_AUTH_FAILED');
  assert.equal(code(refused('daily_consumption', 'v5', v5q('2026-11-03', '2026-11-01'))), 'DC_BAD_REQUEST');
  const t = throttled(Date.parse('2026-07-17T05:00:00Z'));
  assert.equal(code(t), 'DC_RATE_LIMITED');
  assert.equal((t.body as { nextAccessTime: string }).nextAccessTime, '2026-Jul-17 05:00:00+0000 UTC');
  assert.equal(classifyError(t.status, t.body).nextAccess, Date.parse('2026-07-17T05:00:00Z'));
  assert.equal(parseNextAccessTime('2026-Jul-17 05:00:00+0000 UTC'), Date.parse('2026-07-17T05:00:00Z'));
  // conso.boris.sh's envelope is unwrapped the way proxies' are
  const wrapped = consoWrapped(NO_CONSENT);
  assert.equal(classifyError(wrapped.status, wrapped.body).enedisCode, 'ADAM-DC-0008');
  // the recorded bodies, word for word
  const recorded = JSON.parse(readFileSync(ERRORS, 'utf8')) as {
    http_status: number | null;
    body: Record<string, unknown>;
  }[];
  const find = (c: string) =>
    recorded.find((r) => {
      const b = (r.body.fault ?? r.body) as Record<string, unknown>;
      return String(b.error ?? b.code) === c;
    })!.body;
  assert.deepEqual(NO_CONSENT.body, find('ADAM-DC-0008'));
  assert.deepEqual(NO_DATA.body, find('no_data_found'));
  assert.deepEqual(BEFORE_ACTIVATION.body, find('ADAM-ERR0123'));
  assert.deepEqual(INVALID_CREDENTIALS.body, find('900901'));
  assert.deepEqual(t.body, find('900804'));
});

test('quotas: a burst of 5 a second, refilled over time, and 10,000 an hour, per client', () => {
  const q = new ClientQuotas();
  const t0 = Date.parse('2026-12-03T10:00:00Z');
  for (let i = 0; i < 5; i++) assert.ok(q.take('a', t0).allowed);
  const sixth = q.take('a', t0);
  assert.ok(!sixth.allowed);
  assert.equal(sixth.nextAccess, t0 + 200);
  assert.ok(q.take('b', t0).allowed, 'another client has its own bucket');
  assert.ok(q.take('a', t0 + 200).allowed);
  const hourly = new ClientQuotas({ perSecond: 5, perHour: 3 });
  for (let i = 0; i < 3; i++) assert.ok(hourly.take('a', t0 + i * 1000).allowed);
  const over = hourly.take('a', t0 + 5000);
  assert.ok(!over.allowed);
  assert.equal(over.nextAccess, t0 + 3_600_000);
  assert.equal(over.remaining, 0);
  assert.ok(hourly.take('a', t0 + 3_600_000).allowed);
});
