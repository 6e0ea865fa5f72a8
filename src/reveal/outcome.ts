/**
 * @module reveal/outcome
 * Every detector answers with an Outcome: a value with its confidence, or a reasoned "nothing" (never a guess).
 */
import { stepMs, type FixedStep } from '../core/step.ts';
import { coverage, days, type Grid } from './grid.ts';

export type NoneReason =
  /** Too few days or too many gaps. */
  | 'not_enough_data'
  /** The step is coarser than the detector's coarsest working step. */
  | 'step_too_coarse'
  /** The meter exports more than it imports (production / net metering): consumption is not observable. */
  | 'net_production'
  /** Only zeros: nothing to infer. */
  | 'no_consumption'
  /** A result exists but its confidence is below the detector's threshold. */
  | 'below_confidence';

export type Outcome<T> =
  | { readonly status: 'ok'; readonly value: T; readonly confidence: number }
  | { readonly status: 'none'; readonly reason: NoneReason; readonly detail: string };

export function none<T>(reason: NoneReason, detail: string): Outcome<T> {
  return { status: 'none', reason, detail };
}

export function ok<T>(value: T, confidence: number): Outcome<T> {
  return { status: 'ok', value, confidence: Math.round(confidence * 1000) / 1000 };
}

/** Options every detector takes. */
export interface DetectOptions {
  /**
   * Evaluation only: run even above the coarsest step and below the confidence threshold, to measure what a
   * recipient who tried anyway would get. Never set for what is shown to a household.
   */
  readonly force?: boolean;
}

/** Checks shared by all detectors: gaps, zeros, negative values, number of usable days, step. */
export function checkInput(
  g: Grid,
  opts: { minDays: number; coarsest: FixedStep; force?: boolean | undefined },
): Outcome<never> | null {
  const v = g.values;
  if (!opts.force && g.stepMs > stepMs(opts.coarsest))
    return none('step_too_coarse', `needs a step of ${opts.coarsest} or finer`);
  if (v.length === 0 || coverage(v) < 0.3) return none('not_enough_data', 'fewer than 30 % of the slots hold a value');
  let neg = 0;
  let pos = 0;
  let known = 0;
  for (let i = 0; i < v.length; i++) {
    const x = v[i]!;
    if (x !== x) continue;
    known++;
    if (x < 0) neg++;
    else if (x > 1) pos++;
  }
  // forced (evaluation) runs go on with noisy series, which dip below zero without being production meters
  if (neg > known * 0.01 && !opts.force)
    return none(
      'net_production',
      `${neg} of ${known} slots are negative: this meter exports, its consumption is not observable`,
    );
  if (pos === 0) return none('no_consumption', 'every slot is zero');
  const usable = days(g).filter((d) => coverage(v, d.from, d.to) >= 0.8).length;
  if (usable < opts.minDays)
    return none('not_enough_data', `${usable} usable day(s) (≥ 80 % of slots known); needs ${opts.minDays}`);
  return null;
}
