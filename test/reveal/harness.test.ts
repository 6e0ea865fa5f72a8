/**
 * The evaluation harness on real data laid out the ways public data sets come: months that are not contiguous,
 * segments too short to score, appliance columns under their usual names, and a column nobody can map.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import { fileURLToPath } from 'node:url';
import { evaluateFolder } from '../../src/backend/datasets.ts';
import { columnRole } from '../../src/adapters/datasets/columns.ts';
import type { FigureRow } from '../../src/use-cases/reveal-evaluation.ts';
import { FIXTURES } from './fixtures.ts';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const REFIT = join(ROOT, 'eval/data/refit-ukdale-1min');
const UKDALE_JULY = join(FIXTURES, 'ukdale/UKDALE_House2_2013-07.csv.gz');

const csv = (file: string) => gunzipSync(readFileSync(file)).toString('utf8').split('\n').filter(Boolean);
const write = (dir: string, name: string, rows: string[]) =>
  writeFileSync(join(dir, name), gzipSync(`${rows.join('\n')}\n`));
const row = (rows: readonly FigureRow[], detector: string, step: string, metric: string) =>
  rows.find((r) => r.detector === detector && r.step === step && r.metric === metric && r.protection === 'none');

function inTmp(fn: (dir: string) => void): void {
  const dir = mkdtempSync(join(tmpdir(), 'courant-harness-'));
  try {
    fn(dir);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

test('months years apart (April 2014, September 2015) are scored per segment, not as an empty grid of zeros', () =>
  inTmp((dir) => {
    write(dir, 'REFIT_House20_2014-04.csv.gz', csv(join(REFIT, 'REFIT_House20_2014-04.csv.gz')));
    // the same house's real September, a year later: 17 months of grid for 2 months of data
    const sept = csv(join(REFIT, 'REFIT_House20_2014-09.csv.gz'));
    write(dir, 'REFIT_House20_2015-09.csv.gz', [sept[0]!, ...sept.slice(1).map((l) => l.replace(/^2014-/, '2015-'))]);
    const { rows } = evaluateFolder(dir, { noise: false });
    // an all-off prediction scores F1 0 and event F1 0: every detector must show a measured figure instead
    for (const d of ['kettle', 'microwave', 'dishwasher', 'washing_machine']) {
      for (const m of ['f1', 'event_f1']) {
        const r = row(rows, d, 'PT1M', m)!;
        assert.equal(r.notScored, undefined, `${d} ${m} is scored at PT1M`);
        assert.ok(r.value > 0.03, `${d} ${m} at PT1M is a measured figure, not an all-off prediction: ${r.value}`);
      }
    }
    assert.ok(row(rows, 'kettle', 'PT1M', 'f1')!.value > 0.5);
  }));

test('segments too short for any detector give "not scored" rows (null, never 0); the CLI says so and exits 1', () =>
  inTmp((dir) => {
    // 11 hours of 1 July and of 10 July 2013 (real UK-DALE minutes): two segments, no complete day in either
    const [head, ...body] = csv(UKDALE_JULY);
    const keep = body.filter((l) => /^2013-07-(01|10) (0[6-9]|1[0-6]):/.test(l));
    assert.ok(keep.length > 1000);
    write(dir, 'UKDALE_House2_2013-07.csv.gz', [head!, ...keep]);
    const { rows } = evaluateFolder(dir, { noise: false });
    const detectors = rows.filter((r) => r.detector !== 'bill');
    assert.ok(detectors.length > 0);
    for (const r of detectors) {
      assert.ok(r.notScored, `${r.detector} ${r.step} ${r.metric} is marked not scored`);
      assert.ok(Number.isNaN(r.value), `${r.detector} ${r.step} ${r.metric}: no value, not ${r.value}`);
    }
    const json = JSON.parse(JSON.stringify(rows)) as { value: number | null }[];
    assert.ok(
      json.every((r, i) => rows[i]!.detector === 'bill' || r.value === null),
      'null in figures.json',
    );
    const cli = spawnSync(process.execPath, ['bin/courant.mjs', 'reveal', 'eval', '--dataset', dir], {
      cwd: ROOT,
      encoding: 'utf8',
    });
    assert.equal(cli.status, 1, cli.stderr);
    assert.match(cli.stdout, /UKDALE_House2\s+kettle\s+PT1M\s+non évalué\/not scored \(not_enough_data\)/);
    assert.doesNotMatch(cli.stdout, /kettle\s+PT1M\s+f1=0\b/);
    assert.match(cli.stderr, /no detector could be scored/);
  }));

test('a Shower column is scored by the electric_shower detector', () =>
  inTmp((dir) => {
    // real UK-DALE minutes, with an 8.5 kW, 8-minute shower at 07:00 every day added to the aggregate and metered
    const [head, ...body] = csv(UKDALE_JULY);
    const withShower = body.map((l) => {
      const f = l.split(',');
      const on = / 07:0[0-7]:/.test(f[0]!);
      if (on) f[1] = String(parseFloat(f[1]!) + 8500);
      return [...f, on ? '8500' : '0'].join(',');
    });
    write(dir, 'UKDALE_House2_2013-07.csv.gz', [`${head},Shower`, ...withShower]);
    const { rows } = evaluateFolder(dir, { noise: false });
    const f1 = row(rows, 'electric_shower', 'PT1M', 'f1');
    assert.ok(f1, 'electric_shower rows exist');
    assert.ok(f1.value > 0.85, `electric_shower F1 at PT1M: ${f1.value}`);
    assert.ok(row(rows, 'electric_shower', 'PT1M', 'event_f1')!.value > 0.85);
  }));

test('the usual column names of public data sets map to the detectors; other columns are ignored by name', () => {
  const f = 'x.csv';
  const expect: Record<string, string> = {
    Shower: 'electric_shower',
    ElectricShower: 'electric_shower',
    'electric shower': 'electric_shower',
    WaterHeater: 'water_heater',
    Boiler: 'water_heater',
    WashingMachine: 'washing_machine',
    'washer dryer': 'washing_machine',
    Dishwasher: 'dishwasher',
    'dish washer': 'dishwasher',
    Kettle: 'kettle',
    Microwave: 'microwave',
    Time: 'ignored',
    Aggregate: 'ignored',
    Unix: 'ignored',
    Issues: 'ignored',
    Fridge: 'ignored',
  };
  for (const [column, role] of Object.entries(expect)) assert.equal(columnRole(f, column), role, column);
});

test('a ground-truth column nobody can map fails, naming the file and the column', () =>
  inTmp((dir) => {
    const [head, ...body] = csv(UKDALE_JULY);
    write(dir, 'UKDALE_House2_2013-07.csv.gz', [`${head},Jacuzzi`, ...body.slice(0, 2000).map((l) => `${l},0`)]);
    assert.throws(
      () => evaluateFolder(dir, { noise: false }),
      (e: Error & { code?: string; details?: { column?: string } }) =>
        e.code === 'REVEAL_DATASET_COLUMN_UNKNOWN' &&
        e.message.includes(join(dir, 'UKDALE_House2_2013-07.csv.gz')) &&
        e.message.includes('"Jacuzzi"') &&
        e.details?.column === 'Jacuzzi',
    );
    const cli = spawnSync(process.execPath, ['bin/courant.mjs', 'reveal', 'eval', '--dataset', dir], {
      cwd: ROOT,
      encoding: 'utf8',
    });
    assert.equal(cli.status, 1);
    assert.match(cli.stderr, /error REVEAL_DATASET_COLUMN_UNKNOWN: .*UKDALE_House2_2013-07\.csv\.gz.*"Jacuzzi"/);
  }));
