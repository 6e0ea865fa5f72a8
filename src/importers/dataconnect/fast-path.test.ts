// Property: the curve hot paths (v2026-fast.ts, v5-fast.ts, fed by the flat scanner) store exactly what the general
// path (JSON.parse + `point` / `reading`) stores, or fail with the same error, on random Data Connect curves: values
// as digits, decimals, blanks, "null" or numbers; dates with a space or a `T`, across DST changes (the repeated
// autumn hour), or malformed, or in the spring gap; points repeated with the same or another value; steps and
// quality flags changing anywhere. The general path is forced by giving every
// element an extra key written with an escape (`"\u0078"`), which the flat scanner declines and the importers ignore.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { isNotice, type ImportItem, type Importer } from '../importer.ts';
import { parisOffsetMs } from '../../core/calendar.ts';
import { dc2026Importer } from './v2026.ts';
import { dcV5Importer } from './v5.ts';

const HALF_HOUR = 1_800_000;
/** Around the DST changes of 2024 (31 March, 27 October) and an ordinary day. */
const STARTS = [Date.UTC(2024, 2, 30, 20), Date.UTC(2024, 9, 26, 20), Date.UTC(2024, 5, 1, 0)];

function wall(t: number, sep: string): string {
  return new Date(t + parisOffsetMs(t)).toISOString().slice(0, 19).replace('T', sep);
}

const point = fc.record({
  v: fc.oneof(
    { weight: 8, arbitrary: fc.integer({ min: 0, max: 99_999 }).map(String) },
    fc.constantFrom('', 'null', '1.5', ' 7', '-3', '12345678901234567', 'x'),
    fc.integer({ min: 0, max: 500 }),
  ),
  sep: fc.oneof({ weight: 8, arbitrary: fc.constant(' ') }, fc.constantFrom('T', '/')),
  p: fc.oneof({ weight: 6, arbitrary: fc.constant('PT30M') }, fc.constantFrom(undefined, 'PT10M', 'PT60M', 'PT5M')),
  n: fc.oneof(
    { weight: 4, arbitrary: fc.constant('B') },
    { weight: 3, arbitrary: fc.constant('E') },
    fc.constantFrom(undefined, 'S', ' b '),
  ),
  iv: fc.oneof({ weight: 6, arbitrary: fc.constant('0') }, fc.constantFrom(undefined, '1', '')),
  skip: fc.oneof({ weight: 8, arbitrary: fc.integer({ min: 1, max: 3 }) }, fc.constant(0)),
  /** Sometimes a wall time of the spring gap (31 March 2024 02:00–02:59 does not exist) instead of the real date. */
  gap: fc.oneof({ weight: 30, arbitrary: fc.constant(undefined) }, fc.constantFrom('02:00:00', '02:30:00')),
});
const curve = fc.record({
  start: fc.constantFrom(...STARTS),
  points: fc.array(point, { maxLength: 80 }),
  unit: fc.constantFrom('W', 'kW'),
  metier: fc.constantFrom('CONS', 'PROD'),
});

type Curve = typeof curve extends fc.Arbitrary<infer T> ? T : never;

function elements(c: Curve, v5: boolean, general: boolean): string {
  let t = c.start;
  const els: Record<string, unknown>[] = c.points.map((p) => {
    t += p.skip * HALF_HOUR;
    const d = p.gap ? `2024-03-31${p.sep}${p.gap}` : wall(t, p.sep);
    return v5
      ? { value: p.v, date: d, interval_length: p.p, measure_type: p.n }
      : { v: p.v, d, p: p.p, n: p.n, iv: p.iv, ec: '0' };
  });
  return els.map((e) => (general ? `{"\\u0078":0,${JSON.stringify(e).slice(1)}` : JSON.stringify(e))).join(',');
}

function doc2026(c: Curve, general: boolean): string {
  return `{"idPrm":"00000000000078","grandeur":[{"grandeurMetier":"${c.metier}","grandeurPhysique":"PA","unite":"${c.unit}","points":[${elements(c, false, general)}]}]}`;
}

function docV5(c: Curve, general: boolean): string {
  return `{"meter_reading":{"usage_point_id":"00000000000078","start":"2024-01-01","reading_type":{"measurement_kind":"power","unit":"${c.unit}","aggregate":"average"},"interval_reading":[${elements(c, true, general)}]}}`;
}

/** Everything an import yields (batches as plain arrays), or its error's message. */
async function run(imp: Importer, text: string, chunk: number): Promise<unknown> {
  const bytes = new TextEncoder().encode(text);
  async function* chunks() {
    for (let i = 0; i < bytes.length; i += chunk) yield bytes.subarray(i, i + chunk);
  }
  const out: unknown[] = [];
  try {
    for await (const it of imp.parse(chunks(), { fileName: 'c.json' }) as AsyncIterable<ImportItem>) {
      out.push(
        isNotice(it)
          ? it
          : { key: it.key, ts: [...it.ts], values: [...it.values], quality: Array.from(it.quality ?? []) },
      );
    }
  } catch (e) {
    return { error: (e as Error).message };
  }
  return out;
}

for (const [name, imp, make] of [
  ['Data Connect 2026', dc2026Importer, doc2026],
  ['Data Connect v5', dcV5Importer, docV5],
] as const) {
  test(`${name}: the curve fast path stores what the general path stores (or fails alike)`, async () => {
    await fc.assert(
      fc.asyncProperty(
        curve,
        fc.oneof(fc.integer({ min: 1, max: 400 }), fc.integer({ min: 300, max: 1 << 16 })),
        async (c, chunk) => {
          const fast = await run(imp, make(c, false), chunk);
          const general = await run(imp, make(c, true), chunk);
          assert.deepEqual(fast, general);
        },
      ),
      { numRuns: 150 },
    );
  });
}
