/**
 * @module reveal/evaluation/evaluate
 * Runs every detector that has ground truth in a household at every step (and after Laplace noise, and after the
 * protected daily sharing), and scores it.
 */
import { stepMs, type FixedStep } from '../../core/step.ts';
import { coarsen, type Grid } from '../grid.ts';
import { addLaplaceNoise, billError } from '../protect.ts';
import { segmentRanges, sliceGrid, sliceHousehold, type Household } from './household.ts';
import { scoreStep, type Part, type ResultRow } from './score-step.ts';
import { protectedDailyRows } from './protected-daily.ts';

export type { ResultRow } from './score-step.ts';
export { DAILY_DRAWS, DAILY_SIGMAS_WH } from './protected-daily.ts';

export const NOISE_SCALES_W = [100, 300, 1000] as const;

function stepsFor(g: Grid): FixedStep[] {
  const all: FixedStep[] =
    g.stepMs === 60_000 ? ['PT1M', 'PT10M', 'PT30M', 'PT1H', 'P1D'] : ['PT15M', 'PT30M', 'PT1H', 'P1D'];
  return all.filter((s) => stepMs(s) >= g.stepMs);
}

export interface EvalOptions {
  readonly seed: number;
  readonly noise: boolean;
}

/**
 * All rows for one household: every step, then Laplace noise at PT30M (and at its native 1-minute step).
 * `scoreNone`, when given, supplies the unprotected detector rows of a step (the out-of-sample evaluation's shared
 * scorer, which computes the same rows once for every fold); otherwise they are scored here.
 */
export function evaluateHousehold(
  h: Household,
  opts: EvalOptions,
  scoreNone?: (step: FixedStep) => ResultRow[],
): ResultRow[] {
  const rows: ResultRow[] = [];
  const segments = segmentRanges(h.load).map(([from, to]) => ({ from, to, h: sliceHousehold(h, from, to) }));
  const partsOf = (g: Grid): Part[] => segments.map((s) => ({ h: s.h, g: sliceGrid(g, s.from, s.to) }));
  for (const step of stepsFor(h.load)) {
    const g = coarsen(h.load, stepMs(step));
    if (scoreNone) rows.push(...scoreNone(step));
    else scoreStep(h, partsOf(g), step, 'none', rows);
    const bill = billError(h.load, g);
    rows.push({
      household: h.id,
      detector: 'bill',
      step,
      metric: 'day_energy_mape',
      value: Math.round(bill.dayMape * 1e5) / 1e5,
      protection: 'none',
      declined: false,
    });
  }
  if (!opts.noise) return rows;
  rows.push(...protectedDailyRows(h, partsOf, opts.seed));
  const headline = new Set(['water_heater', 'occupancy', 'routine', 'kettle', 'dishwasher']);
  const noiseSteps: FixedStep[] = h.load.stepMs === 60_000 ? ['PT1M', 'PT30M'] : ['PT30M'];
  for (const step of noiseSteps) {
    const g = coarsen(h.load, stepMs(step));
    for (const b of NOISE_SCALES_W) {
      const label = `laplace_b=${b}W`;
      const noisy = addLaplaceNoise(g, b, opts.seed + b);
      scoreStep(h, partsOf(noisy), step, label, rows, headline);
      const bill = billError(g, noisy);
      rows.push({
        household: h.id,
        detector: 'bill',
        step,
        metric: 'day_energy_mape',
        value: Math.round(bill.dayMape * 1e5) / 1e5,
        protection: label,
        declined: false,
      });
      rows.push({
        household: h.id,
        detector: 'bill',
        step,
        metric: 'month_energy_mape',
        value: Math.round(bill.monthMape * 1e5) / 1e5,
        protection: label,
        declined: false,
      });
    }
  }
  return rows;
}
