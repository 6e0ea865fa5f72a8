/**
 * @module eval/harness
 * Loads data-set folders and evaluates every household in them. Shared by `npm run eval` and `courant reveal eval`.
 */
import { anchorFor, type Anchor } from './anchors.ts';
import { evaluateHousehold, type ResultRow } from './evaluate.ts';
import { loadFolder } from './loaders/index.ts';

export interface FigureRow extends ResultRow {
  readonly dataset: string;
  readonly anchor?: { readonly text: string; readonly source: string; readonly low: number; readonly high: number };
  /** For rows with an anchor: whether we reach its low end (for NDE: stay under its high end). */
  readonly meetsAnchor?: boolean;
}

export const DEFAULT_SEED = 20_261_123;

export function withAnchor(dataset: string, r: ResultRow): FigureRow {
  const a: Anchor | undefined = r.protection === 'none' ? anchorFor(r.detector, r.metric, r.step, r.household) : undefined;
  if (!a) return { dataset, ...r };
  const meets = r.metric === 'nde' ? r.value <= a.high : r.value >= a.low;
  return { dataset, ...r, anchor: { text: a.text, source: a.source, low: a.low, high: a.high }, meetsAnchor: meets };
}

export function evaluateFolder(dir: string, opts: { seed?: number; noise?: boolean; label?: string } = {}): { format: string; rows: FigureRow[] } {
  const { format, households } = loadFolder(dir);
  const rows: FigureRow[] = [];
  for (const h of households) {
    for (const r of evaluateHousehold(h, { seed: opts.seed ?? DEFAULT_SEED, noise: opts.noise ?? true })) rows.push(withAnchor(opts.label ?? dir, r));
  }
  return { format, rows };
}
