/**
 * @module reveal/metrics
 * Scores for detector outputs against ground truth, as defined by NILMTK (`nilmtk/metrics.py`) and the
 * DeviceScope benchmark: F1 on on/off state, Matthews correlation (MCC), balanced accuracy, normalised
 * disaggregation error (NDE). Slots where either side is NaN are skipped. Written here because these are
 * ten-line formulas and the npm registry holds no maintained TypeScript NILM metrics package (inference.md §2.3).
 */

export interface Confusion {
  tp: number;
  fp: number;
  tn: number;
  fn: number;
}

/** Confusion counts of predicted vs true on-state (value > 0.5 means on). */
export function confusion(pred: ArrayLike<number>, truth: ArrayLike<number>): Confusion {
  const c: Confusion = { tp: 0, fp: 0, tn: 0, fn: 0 };
  const n = Math.min(pred.length, truth.length);
  for (let i = 0; i < n; i++) {
    const p = pred[i]!;
    const t = truth[i]!;
    if (p !== p || t !== t) continue;
    if (p > 0.5) {
      if (t > 0.5) c.tp++;
      else c.fp++;
    } else if (t > 0.5) c.fn++;
    else c.tn++;
  }
  return c;
}

export function precision(c: Confusion): number {
  return c.tp + c.fp === 0 ? 0 : c.tp / (c.tp + c.fp);
}

export function recall(c: Confusion): number {
  return c.tp + c.fn === 0 ? 0 : c.tp / (c.tp + c.fn);
}

/** F1 = 2PR/(P+R); 0 when nothing is predicted or nothing is true. */
export function f1(c: Confusion): number {
  const d = 2 * c.tp + c.fp + c.fn;
  return d === 0 ? 0 : (2 * c.tp) / d;
}

/** Matthews correlation in [-1, 1]; 0 when a row or column of the table is empty (a constant predictor). */
export function mcc(c: Confusion): number {
  const d = Math.sqrt((c.tp + c.fp) * (c.tp + c.fn) * (c.tn + c.fp) * (c.tn + c.fn));
  return d === 0 ? 0 : (c.tp * c.tn - c.fp * c.fn) / d;
}

/** Mean of sensitivity and specificity: 0.5 for any constant predictor, whatever the class balance. */
export function balancedAccuracy(c: Confusion): number {
  const pos = c.tp + c.fn;
  const neg = c.tn + c.fp;
  const tpr = pos === 0 ? 0 : c.tp / pos;
  const tnr = neg === 0 ? 0 : c.tn / neg;
  if (pos === 0) return tnr;
  if (neg === 0) return tpr;
  return (tpr + tnr) / 2;
}

export function accuracy(c: Confusion): number {
  const n = c.tp + c.fp + c.tn + c.fn;
  return n === 0 ? 0 : (c.tp + c.tn) / n;
}

/** NDE = sqrt(Σ(y−ŷ)² / Σy²): 1.0 is as bad as predicting zero everywhere. NaN when the truth is all zero. */
export function nde(pred: ArrayLike<number>, truth: ArrayLike<number>): number {
  let num = 0;
  let den = 0;
  const n = Math.min(pred.length, truth.length);
  for (let i = 0; i < n; i++) {
    const p = pred[i]!;
    const t = truth[i]!;
    if (p !== p || t !== t) continue;
    num += (t - p) * (t - p);
    den += t * t;
  }
  return den === 0 ? NaN : Math.sqrt(num / den);
}

/** Runs of on-state (value > 0.5) as [from, to) index pairs. */
export function runs(on: ArrayLike<number>): [number, number][] {
  const out: [number, number][] = [];
  let s = -1;
  for (let i = 0; i <= on.length; i++) {
    const v = i < on.length ? on[i]! : 0;
    if (v > 0.5) {
      if (s < 0) s = i;
    } else if (s >= 0) {
      out.push([s, i]);
      s = -1;
    }
  }
  return out;
}

/**
 * Event-level F1: a true event (run of on-slots) counts as found when a predicted event overlaps it; a predicted
 * event is a true positive when it overlaps any true event (the overlap rule used for NILM event scoring).
 */
export function eventF1(
  pred: ArrayLike<number>,
  truth: ArrayLike<number>,
): { f1: number; found: number; events: number; predicted: number } {
  const pr = runs(pred);
  const tr = runs(truth);
  const overlaps = (a: [number, number], b: [number, number]) => a[0] < b[1] && b[0] < a[1];
  let found = 0;
  let j = 0;
  for (const t of tr) {
    while (j < pr.length && pr[j]![1] <= t[0]) j++;
    if (j < pr.length && overlaps(t, pr[j]!)) found++;
  }
  let tpPred = 0;
  j = 0;
  for (const p of pr) {
    while (j < tr.length && tr[j]![1] <= p[0]) j++;
    if (j < tr.length && overlaps(p, tr[j]!)) tpPred++;
  }
  const r = tr.length === 0 ? 0 : found / tr.length;
  const p = pr.length === 0 ? 0 : tpPred / pr.length;
  return { f1: p + r === 0 ? 0 : (2 * p * r) / (p + r), found, events: tr.length, predicted: pr.length };
}
