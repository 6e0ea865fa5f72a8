/**
 * @module adapters/datasets/eco
 * ECO data set (Beckel et al., BuildSys 2014, CC BY 4.0, doi:10.5905/ethz-1007-35), household 2, as resampled by
 * the ADEM project: `train_90.csv` (15-min smart-meter phases `'sitemeter1..3'` in W, local time with offset) and
 * `resample_occupancy.csv` (15-min occupancy 1/0/empty, local time). Aggregate = sum of the phases.
 */
import { readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { CourantError } from '../../core/errors.ts';
import { lines, wallClockMs, type Household } from '../../reveal/evaluation/household.ts';

const STEP = 900_000;

function readMaybeGz(dir: string, name: string): { text: string; file: string } {
  for (const f of [join(dir, name), join(dir, `${name}.gz`)]) {
    if (existsSync(f)) {
      const raw = readFileSync(f);
      return { text: (f.endsWith('.gz') ? gunzipSync(raw) : raw).toString('utf8'), file: f };
    }
  }
  throw new CourantError('REVEAL_DATASET_INVALID', `${dir}: ${name} (or ${name}.gz) is missing`, {
    details: { file: join(dir, name) },
  });
}

function onGrid(rows: string[], file: string, valueOf: (f: string[]) => number): { ts: number[]; v: number[] } {
  const ts: number[] = [];
  const v: number[] = [];
  for (let r = 1; r < rows.length; r++) {
    const f = rows[r]!.split(',');
    const t = wallClockMs(f[0]!);
    if (!Number.isFinite(t)) continue; // stray header rows from concatenation
    if (t % STEP !== 0)
      throw new CourantError(
        'REVEAL_DATASET_INVALID',
        `${file}: line ${r + 1}: ${f[0]} is not on a 15-minute boundary`,
        { details: { file, line: r + 1 } },
      );
    ts.push(t);
    v.push(valueOf(f));
  }
  return { ts, v };
}

export function loadEco(dir: string): Household {
  const agg = readMaybeGz(dir, 'train_90.csv');
  const aggRows = lines(agg.text);
  const head = aggRows[0]!.split(',').map((s) => s.trim().replace(/'/g, '').toLowerCase());
  const phases = head.map((h, i) => (h.startsWith('sitemeter') ? i : -1)).filter((i) => i >= 0);
  if (phases.length === 0)
    throw new CourantError('REVEAL_DATASET_INVALID', `${agg.file}: line 1: no 'sitemeter' columns`, {
      details: { file: agg.file, line: 1 },
    });
  const a = onGrid(aggRows, agg.file, (f) => phases.reduce((s, i) => s + (parseFloat(f[i]!) || 0), 0));
  const occ = readMaybeGz(dir, 'resample_occupancy.csv');
  const o = onGrid(lines(occ.text), occ.file, (f) =>
    f[1] === undefined || f[1].trim() === '' ? NaN : parseFloat(f[1]),
  );
  const start = Math.min(a.ts[0]!, o.ts[0]!);
  const end = Math.max(a.ts[a.ts.length - 1]!, o.ts[o.ts.length - 1]!);
  const len = (end - start) / STEP + 1;
  const load = new Float64Array(len).fill(NaN);
  const occupancy = new Float64Array(len).fill(NaN);
  a.ts.forEach((t, i) => (load[(t - start) / STEP] = a.v[i]!));
  o.ts.forEach((t, i) => (occupancy[(t - start) / STEP] = o.v[i]!));
  return {
    id: 'eco-house2',
    format: 'eco',
    load: { start, stepMs: STEP, values: load },
    occupancy: { start, stepMs: STEP, values: occupancy },
  };
}
