/**
 * @module eval/figures
 * The evaluation of the bundled data sets as one document: what `npm run eval` writes to src/reveal/figures.json and
 * eval/REPORT.md, and what the reproducibility test recomputes to check that the committed figures are these.
 */
import { existsSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { evaluateFolder } from '../src/backend/datasets.ts';
import { DEFAULT_SEED, type FigureRow } from '../src/use-cases/reveal-evaluation.ts';
import { renderReport } from './report.ts';

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
/** Bundled data: UCI ships with the demo household; ECO and REFIT/UK-DALE extracts live in eval/data (see their
 * SOURCE.md).
 */
export const DEFAULT_DATASETS = [
  'data-demo/uci-household-2007h1',
  'eval/data/eco-house2',
  'eval/data/refit-ukdale-1min',
];

export interface Evaluation {
  readonly seed: number;
  /** Folders evaluated, relative to the repository root when inside it. */
  readonly datasets: readonly string[];
  readonly results: readonly FigureRow[];
}

/** Evaluates the folders in order (a missing one is reported through `onSkip` and left out). */
export function evaluateDatasets(
  dirs: readonly string[] = DEFAULT_DATASETS.map((d) => join(ROOT, d)),
  opts: {
    seed?: number;
    noise?: boolean;
    onDataset?: (label: string, format: string, rows: number, ms: number) => void;
    onSkip?: (dir: string) => void;
  } = {},
): Evaluation {
  const seed = opts.seed ?? DEFAULT_SEED;
  const results: FigureRow[] = [];
  const datasets: string[] = [];
  for (const dir of dirs.map((d) => resolve(d))) {
    if (!existsSync(dir)) {
      opts.onSkip?.(dir);
      continue;
    }
    const label = relative(ROOT, dir) || dir;
    const t = performance.now();
    const r = evaluateFolder(dir, { seed, noise: opts.noise ?? true, label });
    results.push(...r.rows);
    datasets.push(label);
    opts.onDataset?.(label, r.format, r.rows.length, performance.now() - t);
  }
  return { seed, datasets, results };
}

/** The text of figures.json (NaN becomes null, as JSON has no NaN). */
export function figuresJson(e: Evaluation): string {
  return `${JSON.stringify({ seed: e.seed, datasets: e.datasets, results: e.results }, null, 1)}\n`;
}

/** The text of REPORT.md. */
export function reportMd(e: Evaluation): string {
  return renderReport(e.results, { seed: e.seed, datasets: e.datasets });
}
