/**
 * The figures the dashboard shows (src/reveal/figures.json) and eval/REPORT.md are those the evaluation produces from
 * the bundled data sets today: a change to a detector, a loader or the harness that moves a figure must come with the
 * regenerated files (`npm run eval`), so a committed figure is never one the code no longer yields.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT, evaluateDatasets, figuresJson, reportMd } from '../../eval/figures.ts';

test('src/reveal/figures.json and eval/REPORT.md are reproduced by the evaluation (else run `npm run eval`)', () => {
  const e = evaluateDatasets();
  assert.equal(e.datasets.length, 3, 'every bundled data set is present');
  const committed = JSON.parse(readFileSync(join(ROOT, 'src/reveal/figures.json'), 'utf8')) as unknown;
  // compared as documents first, so a failure names the rows that moved rather than a character offset
  assert.deepEqual(JSON.parse(figuresJson(e)), committed, 'src/reveal/figures.json differs: run `npm run eval`');
  assert.equal(figuresJson(e), readFileSync(join(ROOT, 'src/reveal/figures.json'), 'utf8'));
  assert.equal(reportMd(e), readFileSync(join(ROOT, 'eval/REPORT.md'), 'utf8'), 'eval/REPORT.md differs');
});
