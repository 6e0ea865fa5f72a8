/**
 * @module adapters/demo/demo
 * The bundled demo household: one house in Sceaux (Hauts-de-Seine), January–June 2007, 1-minute active power.
 * Data: UCI "Individual household electric power consumption", G. Hebrail & A. Berard (2006), CC BY 4.0,
 * doi:10.24432/C58K54 (see data-demo/uci-household-2007h1/SOURCE.md).
 *
 * Clock: the file has every minute of 25 March 2007, including 02:00–02:59 which did not exist in Paris that day,
 * and no repeated hour in October: its clock is a fixed UTC+1 (French winter time) all year. We convert with that
 * fixed offset; the `index` column (minutes since 2007-01-01 00:00 on that clock) gives the instant.
 *
 * From the 1-minute power (W) we derive what a Linky reports: the 30-minute load curve (mean W and Wh per slot,
 * stamped at the slot start in UTC) and the daily energy over Paris civil days.
 */
import { createReadStream } from 'node:fs';
import { createGunzip } from 'node:zlib';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { DEMO_PRM } from '../../core/prm.ts';
import { QUALITY, type ReadingBatch, type SeriesKey } from '../../core/series.ts';
import { bucketise } from '../../analytics/aggregate.ts';
import { parisDayBoundaries } from '../../core/calendar.ts';
import type { ReadingStore, WriteResult } from '../../ports/reading-store.ts';

export const DEMO_FILE = fileURLToPath(
  new URL('../../../data-demo/uci-household-2007h1/household_power_consumption_2007H1.csv.gz', import.meta.url),
);
export { DEMO_LABEL } from '../../core/prm.ts';
/** 2007-01-01 00:00 on the file's fixed UTC+1 clock. */
const ORIGIN_UTC = Date.UTC(2006, 11, 31, 23, 0, 0);
const MIN = 60_000;

export interface DemoMinutes {
  readonly ts: Float64Array;
  /** Mean active power over the minute, W. */
  readonly watts: Float64Array;
  /** Rows with '?' (no measurement) that were skipped. */
  readonly missing: number;
}

/** Parses one data row; returns [utcMs, watts] or null for a row without measurement. Throws on a malformed row. */
export function parseUciRow(line: string, lineNo: number): [number, number] | null {
  const f = line.split(',');
  if (f.length < 4) throw new Error(`${DEMO_FILE} line ${lineNo}: expected 10 columns, found ${f.length}`);
  const idx = Number(f[0]);
  if (!Number.isInteger(idx) || idx < 0)
    throw new Error(`${DEMO_FILE} line ${lineNo}: index ${JSON.stringify(f[0])} is not a minute count`);
  if (f[3] === '?' || f[3] === '') return null;
  const kw = Number(f[3]);
  if (!Number.isFinite(kw))
    throw new Error(`${DEMO_FILE} line ${lineNo}: Global_active_power ${JSON.stringify(f[3])} is not a number`);
  return [ORIGIN_UTC + idx * MIN, Math.round(kw * 1000 * 10) / 10];
}

export async function readDemoMinutes(file = DEMO_FILE): Promise<DemoMinutes> {
  const ts: number[] = [];
  const watts: number[] = [];
  let missing = 0;
  let lineNo = 0;
  const rl = createInterface({ input: createReadStream(file).pipe(createGunzip()), crlfDelay: Infinity });
  for await (const line of rl) {
    lineNo++;
    if (lineNo === 1 || line === '') continue;
    const r = parseUciRow(line, lineNo);
    if (!r) missing++;
    else {
      ts.push(r[0]);
      watts.push(r[1]);
    }
  }
  return { ts: Float64Array.from(ts), watts: Float64Array.from(watts), missing };
}

/** The series a Linky would report for these minutes: 1-minute power, 30-minute load curve (W and Wh), daily Wh. */
export function demoBatches(m: DemoMinutes): ReadingBatch[] {
  const key = (quantity: SeriesKey['quantity'], step: SeriesKey['step']): SeriesKey => ({
    prm: DEMO_PRM,
    quantity,
    direction: 'consumption',
    register: '',
    step,
    source: 'demo',
  });
  const wh = m.watts.map((w) => w / 60);
  const slots = bucketise(m.ts, wh, { widthMs: 30 * MIN });
  const partial = (counts: number[], full: number) =>
    Uint8Array.from(counts, (c) => (c < full ? QUALITY.PARTIAL : QUALITY.OK));
  const days = bucketise(m.ts, wh, { boundaries: parisDayBoundaries(m.ts[0]!, m.ts[m.ts.length - 1]! + MIN) });
  const round = (x: number) => Math.round(x * 100) / 100;
  return [
    { key: key('power', 'PT1M'), ts: m.ts, values: m.watts },
    {
      key: key('power', 'PT30M'),
      ts: slots.ts,
      values: slots.sum.map((s) => round((s * 60) / 30)),
      quality: partial(slots.count, 30),
    },
    { key: key('energy', 'PT30M'), ts: slots.ts, values: slots.sum.map(round), quality: partial(slots.count, 30) },
    {
      key: key('energy', 'P1D'),
      ts: days.ts,
      values: days.sum.map(round),
      quality: Uint8Array.from(days.ts, (t, i) =>
        days.count[i]! < Math.round(((i + 1 < days.ts.length ? days.ts[i + 1]! : t + 86_400_000) - t) / MIN)
          ? QUALITY.PARTIAL
          : QUALITY.OK,
      ),
    },
  ];
}

/** Loads the demo household into an empty store. Returns null when the store already holds data. */
export async function loadDemoIfEmpty(
  store: ReadingStore,
  onProgress?: (msg: string) => void,
): Promise<WriteResult | null> {
  if ((await store.usagePoints()).length > 0) return null;
  onProgress?.('loading the demo household (UCI Sceaux, Jan–Jun 2007)…');
  const minutes = await readDemoMinutes();
  const r = await store.write(demoBatches(minutes));
  onProgress?.(
    `demo household loaded: ${r.added} points (${minutes.missing} minutes without measurement in the source)`,
  );
  return r;
}
