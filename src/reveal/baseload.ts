/**
 * @module reveal/baseload
 * Base load (standby): what the home draws when nobody does anything (fridge, router, boxes on standby).
 * Per day, the 5th percentile of the slot means; the household's base load is the median over days, so one
 * holiday or one night with a heater running does not move it. Works down to hourly slots (at coarser steps every
 * slot mixes activity into the mean). Activity = a slot above base + margin.
 */
import { coverage, days, quantile, median, type Grid } from './grid.ts';
import { checkInput, ok, none, type DetectOptions, type Outcome } from './outcome.ts';
import type { FixedStep } from '../core/step.ts';

export const BASELOAD_COARSEST: FixedStep = 'PT1H';

export interface BaseLoad {
  /** Median over days of the daily 5th percentile, W. */
  readonly baseW: number;
  /** Standby energy per year at that level, kWh. */
  readonly standbyKwhPerYear: number;
  /** Share of the energy drawn by the base load. */
  readonly share: number;
  /** Threshold above which a slot counts as "someone did something", W. */
  readonly activeAboveW: number;
}

/**
 * Margin above base load that counts as activity. Scaled with the step: a 1-minute slot catches a 150 W lamp or
 * a fridge compressor; an hourly mean smooths them, so the margin shrinks toward a fraction of the base.
 */
export function activityMargin(baseW: number, stepMs: number): number {
  const minutes = stepMs / 60_000;
  const abs = minutes <= 1 ? 150 : minutes <= 15 ? 100 : 70;
  return Math.max(abs, 0.35 * baseW);
}

// Several detectors need the base load of the same grid: remember it per grid (grids are never mutated in place).
const forcedCache = new WeakMap<Grid, Outcome<BaseLoad>>();

export function detectBaseLoad(g: Grid, opts: DetectOptions = {}): Outcome<BaseLoad> {
  const bad = checkInput(g, { minDays: 1, coarsest: BASELOAD_COARSEST, force: opts.force });
  if (bad) return bad;
  const cached = forcedCache.get(g);
  if (cached) return cached;
  const r = computeBaseLoad(g);
  forcedCache.set(g, r);
  return r;
}

function computeBaseLoad(g: Grid): Outcome<BaseLoad> {
  const perDay: number[] = [];
  for (const d of days(g)) {
    if (coverage(g.values, d.from, d.to) < 0.8) continue;
    perDay.push(quantile(g.values.subarray(d.from, d.to), 0.05));
  }
  if (perDay.length === 0) return none('not_enough_data', 'no complete day');
  const baseW = Math.max(0, median(perDay));
  let sum = 0;
  let n = 0;
  for (const x of g.values)
    if (x === x) {
      sum += x;
      n++;
    }
  const mean = sum / n;
  // confidence: how stable the daily minima are (spread of the daily p5 relative to the base)
  const spread = quantile(perDay, 0.75) - quantile(perDay, 0.25);
  const confidence = Math.max(0, Math.min(1, 1 - spread / Math.max(baseW, 1))) * Math.min(1, perDay.length / 7);
  return ok(
    {
      baseW,
      standbyKwhPerYear: (baseW * 8766) / 1000,
      share: mean > 0 ? Math.min(1, baseW / mean) : 0,
      activeAboveW: baseW + activityMargin(baseW, g.stepMs),
    },
    confidence,
  );
}

/** 1 where the slot is above the activity threshold, 0 below, NaN unknown. */
export function activeSlots(g: Grid, activeAboveW: number): Float64Array {
  const out = new Float64Array(g.values.length);
  for (let i = 0; i < out.length; i++) {
    const x = g.values[i]!;
    out[i] = x !== x ? NaN : x > activeAboveW ? 1 : 0;
  }
  return out;
}
