import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, mkdirSync, writeFileSync, rmSync, copyFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { fileURLToPath } from 'node:url';
import { detectFormat, loadFolder } from '../../src/adapters/datasets/index.ts';
import { FIXTURES } from './fixtures.ts';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

function tmp(): string {
  return mkdtempSync(join(tmpdir(), 'courant-loaders-'));
}

test('folders are recognised by their files: UCI, ECO, REFIT/UK-DALE (also under data/)', () => {
  assert.equal(detectFormat(join(FIXTURES, 'uci')).format, 'uci');
  assert.equal(detectFormat(join(ROOT, 'eval/data/eco-house2')).format, 'eco');
  assert.equal(detectFormat(join(FIXTURES, 'ukdale')).format, 'refit-ukdale');
  const d = tmp();
  try {
    const sub = join(d, 'data');
    mkdirSync(sub);
    copyFileSync(join(FIXTURES, 'ukdale/UKDALE_House2_2013-07.csv.gz'), join(sub, 'UKDALE_House2_2013-07.csv.gz'));
    const f = detectFormat(d);
    assert.equal(f.format, 'refit-ukdale');
    assert.equal(f.dir, sub);
  } finally {
    rmSync(d, { recursive: true, force: true });
  }
});

test('UCI fixture: 18 days of minutes, kW → W, Wh/min → W, "?" rows missing', () => {
  const h = loadFolder(join(FIXTURES, 'uci')).households[0]!;
  assert.equal(h.load.values.length, 18 * 1440);
  assert.equal(h.load.start, Date.UTC(2007, 1, 18));
  const known = h.load.values.filter((x) => x === x);
  assert.ok(known.every((x) => x > 0 && x < 12_000));
  assert.ok(
    h.waterHeater!.some((x) => x >= 960 && x <= 1200),
    'heater plateau 16–20 Wh/min = 960–1,200 W',
  );
});

test('malformed folders and files are refused with the file and line named', () => {
  const d = tmp();
  try {
    assert.throws(
      () => detectFormat(d),
      (e: Error & { code?: string }) => e.code === 'REVEAL_DATASET_INVALID' && e.message.includes(d),
    );
    writeFileSync(
      join(d, 'REFIT_House9_2014-01.csv.gz'),
      gzipSync('Time,Aggregate,Kettle\n2014-01-01 00:00:00,100,0\nnot-a-time,120,0\n'),
    );
    assert.throws(
      () => loadFolder(d),
      (e: Error & { code?: string }) =>
        e.code === 'REVEAL_DATASET_INVALID' && /REFIT_House9_2014-01\.csv\.gz: line 3/.test(e.message),
    );
    rmSync(join(d, 'REFIT_House9_2014-01.csv.gz'));
    writeFileSync(join(d, 'REFIT_House9_2014-01.csv'), 'When,Power\n');
    assert.throws(() => loadFolder(d), /line 1: expected "Time,Aggregate/);
    rmSync(join(d, 'REFIT_House9_2014-01.csv'));
    writeFileSync(join(d, 'train_90.csv'), ",'sitemeter1'\n2012-06-01 02:07:00+02:00,50\n");
    writeFileSync(join(d, 'resample_occupancy.csv'), ',occupancy\n');
    assert.throws(() => loadFolder(d), /train_90\.csv: line 2: .* not on a 15-minute boundary/);
  } finally {
    rmSync(d, { recursive: true, force: true });
  }
});
