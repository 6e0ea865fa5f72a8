/**
 * @module adapters/datasets/refit
 * DeviceScope monthly 1-minute files (Petralia et al., EDF R&D) of REFIT (Murray et al. 2017, CC BY 4.0) and UK-DALE
 * (Kelly & Knottenbelt 2015, CC BY 4.0): `<SET>_<House>_<YYYY-MM>.csv.gz` with `Time,Aggregate,<appliances>` in W,
 * naive local time. Every `<SET>_<House>` prefix becomes one household; months are laid on one grid (the harness
 * scores its contiguous segments). Appliance columns are read through the alias table of ./columns.ts.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { CourantError } from '../../core/errors.ts';
import { lines, wallClockMs, type Household } from '../../reveal/evaluation/household.ts';
import { columnRole } from './columns.ts';

const MONTHLY = /^([A-Za-z0-9]+_House\d+)_(\d{4}-\d{2})\.csv(\.gz|\.gzip)?$/;

export function refitFiles(dir: string): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const name of readdirSync(dir).sort()) {
    const m = MONTHLY.exec(name);
    if (!m) continue;
    const list = out.get(m[1]!) ?? [];
    list.push(join(dir, name));
    out.set(m[1]!, list);
  }
  return out;
}

export function loadRefitHouse(id: string, files: string[]): Household {
  const ts: number[] = [];
  const cols: number[][] = [];
  let header: string[] | undefined;
  for (const file of files) {
    const raw = readFileSync(file);
    const rows = lines((file.endsWith('.csv') ? raw : gunzipSync(raw)).toString('utf8'));
    const h = rows[0]!.split(',').map((s) => s.trim());
    if (h[0] !== 'Time' || h[1] !== 'Aggregate')
      throw new CourantError(
        'REVEAL_DATASET_INVALID',
        `${file}: line 1: expected "Time,Aggregate,…", got ${JSON.stringify(rows[0]!.slice(0, 60))}`,
        { details: { file, line: 1 } },
      );
    if (header && h.join() !== header.join())
      throw new CourantError(
        'REVEAL_DATASET_INVALID',
        `${file}: line 1: columns differ from the household's other months`,
        { details: { file, line: 1 } },
      );
    // every ground-truth column must be named in the alias table: refuse the file before reading its rows
    for (let c = 2; c < h.length; c++) columnRole(file, h[c]!);
    header = h;
    while (cols.length < h.length - 1) cols.push([]);
    for (let r = 1; r < rows.length; r++) {
      const f = rows[r]!.split(',');
      const t = wallClockMs(f[0]!);
      if (!Number.isFinite(t))
        throw new CourantError(
          'REVEAL_DATASET_INVALID',
          `${file}: line ${r + 1}: unreadable Time ${JSON.stringify(f[0])}`,
          { details: { file, line: r + 1 } },
        );
      ts.push(t);
      for (let c = 1; c < h.length; c++) cols[c - 1]!.push(parseFloat(f[c]!));
    }
  }
  if (!header || ts.length === 0)
    throw new CourantError('REVEAL_DATASET_INVALID', `${id}: no rows`, { details: { file: files[0] } });
  const start = Math.floor(ts[0]! / 60_000) * 60_000;
  const len = Math.round((ts[ts.length - 1]! - start) / 60_000) + 1;
  const place = (src: number[]) => {
    const out = new Float64Array(len).fill(NaN);
    for (let i = 0; i < ts.length; i++) {
      const k = Math.round((ts[i]! - start) / 60_000);
      if (k >= 0 && k < len) out[k] = src[i]!;
    }
    return out;
  };
  const appliances: Record<string, Float64Array> = {};
  let waterHeater: Float64Array | undefined;
  for (let c = 2; c < header.length; c++) {
    const role = columnRole(files[0]!, header[c]!);
    if (role === 'ignored') continue;
    if (role === 'water_heater' ? waterHeater : appliances[role])
      throw new CourantError(
        'REVEAL_DATASET_INVALID',
        `${files[0]}: line 1: column ${JSON.stringify(header[c])} is a second ${role} column`,
        { details: { file: files[0], line: 1, column: header[c] } },
      );
    if (role === 'water_heater') waterHeater = place(cols[c - 1]!);
    else appliances[role] = place(cols[c - 1]!);
  }
  // loads only a person switches on (kettle, microwave, electric shower): the wake-up proxy; none without them
  const personal = ['kettle', 'microwave', 'electric_shower'].filter((n) => appliances[n]);
  const human = personal.length ? new Float64Array(len) : undefined;
  for (const name of personal) {
    const a = appliances[name]!;
    for (let i = 0; i < len; i++) human![i]! += a[i]!;
  }
  // an aggregate of exactly 0 W is impossible in an occupied house (fridge, router…): DeviceScope filled the
  // recording gaps with zeros (its SOURCE.md: "gaps … were filled or dropped"), so treat them as missing
  const load = place(cols[0]!);
  for (let i = 0; i < len; i++) if (!(load[i]! > 0)) load[i] = NaN;
  return {
    id,
    format: 'refit-ukdale',
    load: { start, stepMs: 60_000, values: load },
    appliances,
    ...(human && { humanLoad: human }),
    ...(waterHeater && { waterHeater }),
  };
}
