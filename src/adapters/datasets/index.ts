/**
 * @module adapters/datasets
 * Recognises an evaluation folder by its files and loads every household in it:
 * - UCI: a `*.csv(.gz)` whose header has Global_active_power and Sub_metering_3;
 * - ECO: `train_90.csv(.gz)` + `resample_occupancy.csv(.gz)`;
 * - REFIT/UK-DALE (DeviceScope): `<SET>_<House>_<YYYY-MM>.csv.gz`, directly or in a `data/` sub-folder.
 */
import { existsSync, readdirSync, statSync, openSync, readSync, closeSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { CourantError } from '../../core/errors.ts';
import type { Household } from '../../reveal/evaluation/household.ts';
import { loadUci } from './uci.ts';
import { loadEco } from './eco.ts';
import { loadRefitHouse, refitFiles } from './refit.ts';

export type { Household } from '../../reveal/evaluation/household.ts';

function firstLine(file: string): string {
  const fd = openSync(file, 'r');
  try {
    const buf = Buffer.alloc(65_536);
    const n = readSync(fd, buf, 0, buf.length, 0);
    let text: string;
    if (file.endsWith('.gz')) {
      // a partial gzip member cannot be inflated by gunzipSync; small files only, else read it whole
      const whole = n < buf.length ? buf.subarray(0, n) : null;
      text = whole
        ? gunzipSync(whole).toString('latin1')
        : gunzipSync(readWhole(file)).toString('latin1').slice(0, 4096);
    } else text = buf.subarray(0, n).toString('latin1');
    return text.split('\n', 1)[0]!;
  } finally {
    closeSync(fd);
  }
}

function readWhole(file: string): Buffer {
  const size = statSync(file).size;
  const fd = openSync(file, 'r');
  try {
    const buf = Buffer.alloc(size);
    readSync(fd, buf, 0, size, 0);
    return buf;
  } finally {
    closeSync(fd);
  }
}

export type FolderFormat = 'uci' | 'eco' | 'refit-ukdale';

export function detectFormat(dir: string): { format: FolderFormat; dir: string } {
  if (!existsSync(dir) || !statSync(dir).isDirectory()) {
    throw new CourantError('REVEAL_DATASET_INVALID', `${dir}: not a folder`, { details: { file: dir } });
  }
  const names = readdirSync(dir);
  if (names.some((n) => n.startsWith('resample_occupancy.csv')) && names.some((n) => n.startsWith('train_90.csv')))
    return { format: 'eco', dir };
  for (const d of [dir, join(dir, 'data')]) {
    if (existsSync(d) && statSync(d).isDirectory() && refitFiles(d).size > 0) return { format: 'refit-ukdale', dir: d };
  }
  if (names.some((n) => /\.csv(\.gz)?$/.test(n) && /Global_active_power/.test(firstLine(join(dir, n)))))
    return { format: 'uci', dir };
  throw new CourantError(
    'REVEAL_DATASET_INVALID',
    `${dir}: no UCI, ECO or REFIT/UK-DALE files recognised (see docs/reveal.md, "Data-set folders")`,
    { details: { file: dir } },
  );
}

/** Load every household of a folder. */
export function loadFolder(dir: string): { format: FolderFormat; households: Household[] } {
  const f = detectFormat(dir);
  if (f.format === 'eco') return { format: f.format, households: [loadEco(dir)] };
  if (f.format === 'uci') {
    const file = readdirSync(dir).find(
      (n) => /\.csv(\.gz)?$/.test(n) && /Global_active_power/.test(firstLine(join(dir, n))),
    )!;
    return { format: f.format, households: [loadUci(join(dir, file))] };
  }
  return { format: f.format, households: [...refitFiles(f.dir)].map(([id, files]) => loadRefitHouse(id, files)) };
}
