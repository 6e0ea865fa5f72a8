import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { test } from 'node:test';

const root = fileURLToPath(new URL('../../../', import.meta.url));
const courant = (args: string[]) =>
  spawnSync(process.execPath, ['bin/courant.mjs', ...args], { cwd: root, encoding: 'utf8' });

test('courant reveal eval --dataset (ECO folder) --json: results with ISO steps and the named metrics', () => {
  const r = courant(['reveal', 'eval', '--dataset', join(root, 'eval/data/eco-house2'), '--json']);
  assert.equal(r.status, 0, r.stderr);
  const out = JSON.parse(r.stdout) as {
    format: string;
    results: { detector: string; step: string; metric: string; value: number }[];
  };
  assert.equal(out.format, 'eco');
  const occ = out.results.filter((x) => x.detector === 'occupancy');
  assert.deepEqual([...new Set(occ.map((x) => x.step))], ['PT15M', 'PT30M', 'PT1H', 'P1D']);
  for (const m of ['mcc', 'balanced_accuracy'])
    assert.ok(occ.some((x) => x.metric === m && typeof x.value === 'number'));
  const daily = occ.find((x) => x.step === 'P1D' && x.metric === 'mcc')!;
  const best = Math.max(...occ.filter((x) => x.metric === 'mcc' && x.step !== 'P1D').map((x) => x.value));
  assert.ok(best > 0.2, `occupancy is clearly above chance at some sub-daily step: MCC ${best}`);
  assert.ok(daily.value < best, `and falls at the daily step: MCC ${daily.value} < ${best}`);
});

test('courant reveal eval (UK-DALE fixture folder) prints per-detector lines; a folder of nothing is a named error', () => {
  const r = courant(['reveal', 'eval', '--dataset', join(root, 'test/fixtures/reveal/ukdale')]);
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stdout, /UKDALE_House2\s+kettle\s+PT1M\s+f1=0\.\d+/);
  const bad = courant(['reveal', 'eval', '--dataset', join(root, 'src/reveal')]);
  assert.notEqual(bad.status, 0);
  assert.match(bad.stderr, /REVEAL_DATASET_INVALID|no UCI, ECO or REFIT/);
  const usage = courant(['reveal', 'eval']);
  assert.notEqual(usage.status, 0);
  assert.match(usage.stderr, /--dataset DIR is required/);
});
