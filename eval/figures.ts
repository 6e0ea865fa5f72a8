/**
 * @module eval/figures
 * The evaluation of the bundled data sets as one document: what `npm run eval` writes to src/reveal/figures.json and
 * eval/REPORT.md, and what the reproducibility test recomputes to check that the committed figures are these.
 *
 * figures.json holds what the hub shows: the out-of-sample figures (leave one household out, per household, with
 * their spread; the time split of the long households) and the protected rows the consent screen reads. In-sample
 * figures are in the report only.
 */
import { existsSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { evaluateFolders } from '../src/backend/datasets.ts';
import { DEFAULT_SEED, type FullEvaluation, type OutOfSampleFigure } from '../src/use-cases/reveal-evaluation.ts';
import { TIME_SPLITS } from '../src/reveal/evaluation/out-of-sample.ts';
import { renderReport } from './report.ts';

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
/** Bundled data: UCI ships with the demo household; ECO, REFIT/UK-DALE and IDEAL extracts live in eval/data (see
 * their SOURCE.md).
 */
export const DEFAULT_DATASETS = [
  'data-demo/uci-household-2007h1',
  'eval/data/eco-house2',
  'eval/data/refit-ukdale-1min',
  'eval/data/ideal-house175',
];

export interface Evaluation extends FullEvaluation {
  readonly seed: number;
  /** Folders evaluated, relative to the repository root when inside it. */
  readonly datasets: readonly string[];
}

/** Evaluates the folders together (a missing one is reported through `onSkip` and left out). */
export function evaluateDatasets(
  dirs: readonly string[] = DEFAULT_DATASETS.map((d) => join(ROOT, d)),
  opts: {
    seed?: number;
    noise?: boolean;
    onDataset?: (label: string, format: string, households: number, ms: number) => void;
    onStage?: (stage: string, ms: number) => void;
    onSkip?: (dir: string) => void;
  } = {},
): Evaluation {
  const seed = opts.seed ?? DEFAULT_SEED;
  const found: { dir: string; label: string }[] = [];
  for (const dir of dirs.map((d) => resolve(d))) {
    if (!existsSync(dir)) {
      opts.onSkip?.(dir);
      continue;
    }
    found.push({ dir, label: relative(ROOT, dir) || dir });
  }
  const full = evaluateFolders(found, {
    seed,
    noise: opts.noise ?? true,
    ...(opts.onDataset && { onLoad: opts.onDataset }),
    ...(opts.onStage && { onStage: opts.onStage }),
  });
  return { seed, datasets: found.map((f) => f.label), ...full };
}

/** A leave-one-out row as figures.json carries it (the split is the document's). */
function looRow(r: OutOfSampleFigure): Omit<OutOfSampleFigure, 'split'> {
  const { split: _split, ...rest } = r;
  return rest;
}

/** The text of figures.json (NaN becomes null, as JSON has no NaN). */
export function figuresJson(e: Evaluation): string {
  const doc = {
    seed: e.seed,
    datasets: e.datasets,
    evaluation: {
      results:
        'protection "none": leave one household out, each household scored with constants fitted on the others ' +
        '(a detector without candidates runs with its defaults: constants fixed a priori, not fitted)',
      timeSplit: Object.fromEntries(Object.entries(TIME_SPLITS).map(([h, s]) => [h, `fitted before ${s.trainTo}`])),
      protected: 'laplace_b=… and daily_gaussian_sigma=… rows: the detectors with their defaults',
    },
    fits: e.fits,
    spread: e.spread,
    results: [
      ...e.leaveOneOut.map(looRow),
      ...e.inSample.filter((r) => r.protection !== 'none' || r.detector === 'bill'),
    ],
    timeSplit: e.timeSplit.map(looRow),
  };
  return `${JSON.stringify(doc, null, 1)}\n`;
}

/** The text of REPORT.md. */
export function reportMd(e: Evaluation): string {
  return renderReport(e);
}
