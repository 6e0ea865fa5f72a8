/**
 * @module use-cases/reveal-evaluation
 * Evaluates every household of a loaded data set against its ground truth. The composition root loads data-set folders
 * (backend/datasets.ts) for `npm run eval` and `courant reveal eval`.
 */
import { anchorFor, type Anchor } from '../reveal/evaluation/anchors.ts';
import { evaluateHousehold, type ResultRow } from '../reveal/evaluation/evaluate.ts';
import type { Household } from '../reveal/evaluation/household.ts';

export interface FigureRow extends ResultRow {
  readonly dataset: string;
  readonly anchor?: { readonly text: string; readonly source: string; readonly low: number; readonly high: number };
  /** For scored rows with an anchor: whether we reach its low end (for NDE: stay under its high end). */
  readonly meetsAnchor?: boolean;
}

export const DEFAULT_SEED = 20_261_123;

export function withAnchor(dataset: string, r: ResultRow): FigureRow {
  const a: Anchor | undefined =
    r.protection === 'none' ? anchorFor(r.detector, r.metric, r.step, r.household) : undefined;
  if (!a) return { dataset, ...r };
  // a figure that was not scored neither meets nor misses its anchor
  if (r.notScored) return { dataset, ...r, anchor: { text: a.text, source: a.source, low: a.low, high: a.high } };
  const meets = r.metric === 'nde' ? r.value <= a.high : r.value >= a.low;
  return { dataset, ...r, anchor: { text: a.text, source: a.source, low: a.low, high: a.high }, meetsAnchor: meets };
}

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
