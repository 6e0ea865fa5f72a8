/**
 * `npm run eval` — evaluates every detector at every step on the bundled data sets (or on `--dataset DIR`, repeatable)
 * and writes eval/REPORT.md and src/reveal/figures.json. Offline, seeded (`--seed N`), deterministic output.
 */
import { existsSync, writeFileSync, mkdirSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { evaluateFolder } from '../src/backend/datasets.ts';
import { DEFAULT_SEED, type FigureRow } from '../src/use-cases/reveal-evaluation.ts';
import { renderReport } from './report.ts';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
/** Bundled data: UCI ships with the demo household; ECO and REFIT/UK-DALE extracts live in eval/data (see their
 * SOURCE.md).
 */
export const DEFAULT_DATASETS = [
  'data-demo/uci-household-2007h1',
  'eval/data/eco-house2',
  'eval/data/refit-ukdale-1min',
];

const { values } = parseArgs({
  options: {
    dataset: { type: 'string', multiple: true },
    seed: { type: 'string' },
    out: { type: 'string' },
    'no-noise': { type: 'boolean' },
  },
});
const seed = values.seed ? Number(values.seed) : DEFAULT_SEED;
const outDir = resolve(values.out ?? join(root, 'eval'));
// The hub shows these figures: they live with the detectors (src/reveal), the report stays here.
const figuresFile = values.out ? join(outDir, 'figures.json') : join(root, 'src/reveal/figures.json');
const dirs = (values.dataset ?? DEFAULT_DATASETS.map((d) => join(root, d))).map((d) => resolve(d));
const t0 = performance.now();
const rows: FigureRow[] = [];
const used: string[] = [];
for (const dir of dirs) {
  if (!existsSync(dir)) {
    process.stderr.write(`skip ${dir}: not found\n`);
    continue;
  }
  const label = relative(root, dir) || dir;
  const t = performance.now();
  const r = evaluateFolder(dir, { seed, noise: !values['no-noise'], label });
  rows.push(...r.rows);
  used.push(label);
  process.stderr.write(
    `${label} (${r.format}): ${r.rows.length} figures in ${((performance.now() - t) / 1000).toFixed(1)} s\n`,
  );
}
mkdirSync(outDir, { recursive: true });
writeFileSync(figuresFile, `${JSON.stringify({ seed, datasets: used, results: rows }, null, 1)}\n`);
writeFileSync(join(outDir, 'REPORT.md'), renderReport(rows, { seed, datasets: used }));
process.stderr.write(
  `wrote ${relative(process.cwd(), join(outDir, 'REPORT.md'))} and figures.json in ${((performance.now() - t0) / 1000).toFixed(1)} s\n`,
);
