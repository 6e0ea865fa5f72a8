/**
 * `npm run eval` — evaluates every detector at every step on the bundled data sets (or on `--dataset DIR`, repeatable)
 * and writes eval/REPORT.md and src/reveal/figures.json. Offline, seeded (`--seed N`), deterministic output: a test
 * (test/reveal/figures-reproduced.test.ts) recomputes both files and fails when the committed ones differ.
 *
 * `npm run eval -- statistics` — the utility report of published statistics (eval/statistics-run.ts): writes
 * docs/statistics-utility.md and its plots.
 */
import { writeFileSync, mkdirSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { DEFAULT_SEED } from '../src/use-cases/reveal-evaluation.ts';
import { ROOT, evaluateDatasets, figuresJson, reportMd } from './figures.ts';
import { outOfSampleSummary } from './summary.ts';

if (process.argv[2] === 'statistics') {
  const { main } = await import('./statistics-run.ts');
  await main(process.argv.slice(3));
} else {
  reveal();
}

function reveal(): void {
  const { values } = parseArgs({
    options: {
      dataset: { type: 'string', multiple: true },
      seed: { type: 'string' },
      out: { type: 'string' },
      'no-noise': { type: 'boolean' },
    },
  });
  const seed = values.seed ? Number(values.seed) : DEFAULT_SEED;
  const outDir = resolve(values.out ?? join(ROOT, 'eval'));
  // The hub shows these figures: they live with the detectors (src/reveal), the report stays here.
  const figuresFile = values.out ? join(outDir, 'figures.json') : join(ROOT, 'src/reveal/figures.json');
  const t0 = performance.now();
  const evaluation = evaluateDatasets(values.dataset, {
    seed,
    noise: !values['no-noise'],
    onSkip: (dir) => process.stderr.write(`skip ${dir}: not found\n`),
    onDataset: (label, format, households, ms) =>
      process.stderr.write(`${label} (${format}): ${households} household(s) read in ${(ms / 1000).toFixed(1)} s\n`),
    onStage: (stage, ms) => process.stderr.write(`${stage}: ${(ms / 1000).toFixed(1)} s\n`),
  });
  process.stdout.write(outOfSampleSummary(evaluation));
  mkdirSync(outDir, { recursive: true });
  writeFileSync(figuresFile, figuresJson(evaluation));
  writeFileSync(join(outDir, 'REPORT.md'), reportMd(evaluation));
  process.stderr.write(
    `wrote ${relative(process.cwd(), join(outDir, 'REPORT.md'))} and figures.json in ${((performance.now() - t0) / 1000).toFixed(1)} s\n`,
  );
}
