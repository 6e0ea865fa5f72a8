/**
 * @module use-cases/reveal-evaluation
 * Evaluates the households of the evaluation data sets against their ground truth: in sample (the detectors'
 * defaults, every household) and out of sample (constants fitted on a training fold only,
 * src/reveal/evaluation/out-of-sample.ts).
 * The composition root loads data-set folders (backend/datasets.ts) for `npm run eval` and `courant reveal eval`.
 */
import { anchorFor, type Anchor } from '../reveal/evaluation/anchors.ts';
import { evaluateHousehold, type ResultRow } from '../reveal/evaluation/evaluate.ts';
import type { Household } from '../reveal/evaluation/household.ts';
import { paramGrids, type ParamGrid } from '../reveal/evaluation/candidates.ts';
import {
  outOfSample,
  spreadOf,
  unitOf,
  Scorer,
  type OutOfSampleRow,
  type Spread,
} from '../reveal/evaluation/out-of-sample.ts';

export interface FigureRow extends ResultRow {
  readonly dataset: string;
  readonly anchor?: { readonly text: string; readonly source: string; readonly low: number; readonly high: number };
  /** For scored rows with an anchor: whether we reach its low end (for NDE: stay under its high end). */
  readonly meetsAnchor?: boolean;
}

export type OutOfSampleFigure = FigureRow & OutOfSampleRow;

export const DEFAULT_SEED = 20_261_123;

export function withAnchor<R extends ResultRow>(dataset: string, r: R): R & FigureRow {
  const a: Anchor | undefined =
    r.protection === 'none' ? anchorFor(r.detector, r.metric, r.step, r.household) : undefined;
  if (!a) return { dataset, ...r };
  // a figure that was not scored neither meets nor misses its anchor
  if (r.notScored) return { dataset, ...r, anchor: { text: a.text, source: a.source, low: a.low, high: a.high } };
  const meets = r.metric === 'nde' ? r.value <= a.high : r.value >= a.low;
  return { dataset, ...r, anchor: { text: a.text, source: a.source, low: a.low, high: a.high }, meetsAnchor: meets };
}

/** In-sample rows of one data set (what `courant reveal eval --dataset DIR` prints). */
export function evaluateHouseholds(
  label: string,
  households: Iterable<Household>,
  opts: { seed?: number; noise?: boolean } = {},
): FigureRow[] {
  const rows: FigureRow[] = [];
  for (const h of households) {
    for (const r of evaluateHousehold(h, { seed: opts.seed ?? DEFAULT_SEED, noise: opts.noise ?? true }))
      rows.push(withAnchor(label, r));
  }
  return rows;
}

/** What the registry offered a detector: its module, whether there was a choice, how many candidates. */
export interface FitInfo extends Pick<ParamGrid, 'detector' | 'module' | 'fitted'> {
  readonly candidates: number;
}

export interface LabelledHouseholds {
  /** The data-set folder the households come from. */
  readonly label: string;
  readonly households: readonly Household[];
}

export interface FullEvaluation {
  /** Every row with the detectors' defaults on every household: unprotected (in sample) and protected. */
  readonly inSample: readonly FigureRow[];
  /** Leave one household out: each household scored with constants fitted on the others. */
  readonly leaveOneOut: readonly OutOfSampleFigure[];
  /** Long households: constants fitted on their first months, scored on the months after. */
  readonly timeSplit: readonly OutOfSampleFigure[];
  /** Per detector, step and metric: min / median / max over the held-out households. */
  readonly spread: readonly Spread[];
  /** What could be fitted, per detector. */
  readonly fits: readonly FitInfo[];
}

/**
 * Evaluates every household of every data set, in sample and out of sample. All households are held at once: a
 * leave-one-out fold trains on households of other data sets. `onStage` reports timings.
 */
export function evaluateAll(
  sets: readonly LabelledHouseholds[],
  opts: { seed?: number; noise?: boolean; onStage?: (stage: string, ms: number) => void } = {},
): FullEvaluation {
  const seed = opts.seed ?? DEFAULT_SEED;
  const grids = paramGrids();
  const scorer = new Scorer(grids);
  const labelOf = new Map<string, string>();
  const inSample: FigureRow[] = [];
  let t = performance.now();
  for (const set of sets) {
    for (const h of set.households) {
      labelOf.set(h.id, set.label);
      const unit = unitOf(h.id, h);
      for (const r of evaluateHousehold(h, { seed, noise: opts.noise ?? true }, (step) => scorer.inSample(unit, step)))
        inSample.push(withAnchor(set.label, r));
    }
  }
  opts.onStage?.('in sample', performance.now() - t);
  t = performance.now();
  const all = sets.flatMap((s) => s.households);
  const oos = outOfSample(all, grids, scorer).map((r) => withAnchor(labelOf.get(r.household) ?? '', r));
  opts.onStage?.('out of sample', performance.now() - t);
  const leaveOneOut = oos.filter((r) => r.split === 'leave_one_household_out');
  return {
    inSample,
    leaveOneOut,
    timeSplit: oos.filter((r) => r.split === 'time_split'),
    spread: spreadOf(leaveOneOut),
    fits: [...grids.values()].map((g) => ({
      detector: g.detector,
      module: g.module,
      fitted: g.fitted,
      candidates: g.candidates.length,
    })),
  };
}
