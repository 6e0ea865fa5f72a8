/**
 * The figures the dashboard shows (src/reveal/figures.json) and eval/REPORT.md are those the evaluation produces from
 * the bundled data sets today: a change to a detector, a loader or the harness that moves a figure must come with the
 * regenerated files (`npm run eval`), so a committed figure is never one the code no longer yields. And what the
 * dashboard reads there is out of sample: no household's figure was scored with constants fitted on itself.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT, DEFAULT_DATASETS, evaluateDatasets, figuresJson, reportMd } from '../../eval/figures.ts';

interface Row {
  household: string;
  detector: string;
  protection: string;
  trainedOn?: string[];
  scoredOn?: string;
  fit?: string;
}

test('src/reveal/figures.json and eval/REPORT.md are reproduced by the evaluation (else run `npm run eval`)', () => {
  const e = evaluateDatasets();
  assert.equal(e.datasets.length, DEFAULT_DATASETS.length, 'every bundled data set is present');
  const committed = JSON.parse(readFileSync(join(ROOT, 'src/reveal/figures.json'), 'utf8')) as {
    results: Row[];
    timeSplit: Row[];
  };
  // compared as documents first, so a failure names the rows that moved rather than a character offset
  assert.deepEqual(JSON.parse(figuresJson(e)), committed, 'src/reveal/figures.json differs: run `npm run eval`');
  assert.equal(figuresJson(e), readFileSync(join(ROOT, 'src/reveal/figures.json'), 'utf8'));
  assert.equal(reportMd(e), readFileSync(join(ROOT, 'eval/REPORT.md'), 'utf8'), 'eval/REPORT.md differs');

  // the unprotected detector figures the dashboard reads are held-out ones
  const shown = committed.results.filter((r) => r.protection === 'none' && r.detector !== 'bill');
  assert.ok(shown.length > 100);
  for (const r of shown) {
    assert.equal(r.scoredOn, r.household, `${r.household} ${r.detector}: scored on the held-out household`);
    assert.ok(['fitted', 'a_priori', 'no_constants'].includes(r.fit!), `${r.household} ${r.detector}: ${r.fit}`);
    assert.ok(!r.trainedOn!.includes(r.household), `${r.household} ${r.detector}: not fitted on itself`);
  }
  // time split: REFIT 2 and 20 and UCI, scored on months after the ones fitted on
  assert.deepEqual([...new Set(committed.timeSplit.map((r) => r.household))].sort(), [
    'REFIT_House2',
    'REFIT_House20',
    'uci-sceaux',
  ]);
  for (const r of committed.timeSplit) {
    const trainedTo = r.trainedOn![0]!.split('…')[1]!;
    const scoredFrom = r.scoredOn!.split(' ')[1]!.split('…')[0]!;
    assert.ok(
      trainedTo < scoredFrom,
      `${r.household} ${r.detector}: fitted up to ${trainedTo}, scored from ${scoredFrom}`,
    );
  }
});
