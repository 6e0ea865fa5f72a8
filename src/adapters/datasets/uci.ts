/**
 * @module adapters/datasets/uci
 * UCI "Individual household electric power consumption" (Hebrail & Berard 2006, CC BY 4.0, doi:10.24432/C58K54):
 * `index,Date,Time,Global_active_power,...,Sub_metering_1,Sub_metering_2,Sub_metering_3`, one row per minute,
 * `?` for missing. Time is taken from `index` (minutes since 2007-01-01 00:00, see the folder's SOURCE.md) when
 * present, else from Date (d/m/yy or d/m/yyyy) and Time. Sub_metering_3 (Wh/min) is the water heater (+ AC).
 */
import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { CourantError } from '../../core/errors.ts';
import { lines, type Household } from '../../reveal/evaluation/household.ts';

const EPOCH_2007 = Date.UTC(2007, 0, 1);

function parseDate(d: string, t: string): number {
  const [dd, mm, yy] = d.split('/').map(Number) as [number, number, number];
  const [h, mi] = t.split(':').map(Number) as [number, number];
  const y = yy < 100 ? 2000 + yy : yy;
  return Date.UTC(y, mm - 1, dd, h, mi);
}

export function loadUci(file: string): Household {
  const raw = readFileSync(file);
  const text = (file.endsWith('.gz') ? gunzipSync(raw) : raw).toString('latin1');
  const rows = lines(text);
  const header = rows[0]!.split(/[,;]/).map((s) => s.trim());
  const col = (name: string) => header.indexOf(name);
  const [iIdx, iDate, iTime, iP, iS3] = [
    col('index'),
    col('Date'),
    col('Time'),
    col('Global_active_power'),
    col('Sub_metering_3'),
  ];
  if (iP < 0 || iS3 < 0 || iDate < 0 || iTime < 0) {
    throw new CourantError(
      'REVEAL_DATASET_INVALID',
      `${file}: line 1: expected UCI columns Date, Time, Global_active_power, Sub_metering_3`,
      { details: { file, line: 1 } },
    );
  }
  const sep = rows[0]!.includes(';') ? ';' : ',';
  const n = rows.length - 1;
  const ts = new Float64Array(n);
  for (let r = 1; r <= n; r++) {
    const f = rows[r]!.split(sep);
    ts[r - 1] = iIdx >= 0 ? EPOCH_2007 + Number(f[iIdx]) * 60_000 : parseDate(f[iDate]!, f[iTime]!);
    if (!Number.isFinite(ts[r - 1]))
      throw new CourantError('REVEAL_DATASET_INVALID', `${file}: line ${r + 1}: unreadable date/time`, {
        details: { file, line: r + 1 },
      });
  }
  const start = ts[0]!;
  const len = Math.round((ts[n - 1]! - start) / 60_000) + 1;
  const load = new Float64Array(len).fill(NaN);
  const heater = new Float64Array(len).fill(NaN);
  for (let r = 1; r <= n; r++) {
    const f = rows[r]!.split(sep);
    const k = Math.round((ts[r - 1]! - start) / 60_000);
    if (k < 0 || k >= len) continue;
    const p = parseFloat(f[iP]!);
    if (!Number.isFinite(p)) continue; // '?' rows: missing measurement
    load[k] = p * 1000;
    const s3 = parseFloat(f[iS3]!);
    heater[k] = Number.isFinite(s3) ? s3 * 60 : NaN; // Wh per minute → W
  }
  // no wake-up proxy here: Sub_metering_1 (dishwasher, oven, microwave; hobs are gas) is first used after 08:00 on
  // most days, well after the showers that start the water heater at 06–07 h, so it would score waking unfairly
  return { id: 'uci-sceaux', format: 'uci', load: { start, stepMs: 60_000, values: load }, waterHeater: heater };
}
