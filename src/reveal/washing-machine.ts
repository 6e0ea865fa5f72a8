/**
 * @module reveal/washing-machine
 * Washing-machine cycles: one heating phase of 1.6–3 kW with no second heating phase 20–120 minutes away (that is
 * the dishwasher's).
 */
import type { Grid } from './grid.ts';
import { checkInput, ok, none, type Outcome } from './outcome.ts';
import { daysSpanned, pairEdges, useOf, type ApplianceUse, type EdgeBand } from './edges.ts';
import type { ParamOptions } from './short-loads.ts';
import type { FixedStep } from '../core/step.ts';

export interface WashingMachineParams {
  /** Heating phase: power and on-time band. */
  readonly heat: EdgeBand;
  /** A second heating phase this far from the first (minutes between starts) makes the cycle a dishwasher's. */
  readonly dishGapMinMinutes: number;
  readonly dishGapMaxMinutes: number;
  /** More cycles a day than this, on average, is not a household's washing machine: doubtful. */
  readonly maxPerDay: number;
}

export const DEFAULT_WASHING_MACHINE_PARAMS: WashingMachineParams = {
  heat: { minW: 1600, maxW: 3000, minMinutes: 7, maxMinutes: 40 },
  dishGapMinMinutes: 20,
  dishGapMaxMinutes: 120,
  maxPerDay: 3,
};
export const WASHING_MACHINE_CANDIDATES: readonly WashingMachineParams[] = [DEFAULT_WASHING_MACHINE_PARAMS];
export const WASHING_MACHINE_COARSEST: FixedStep = 'PT1M';

export function detectWashingMachine(g: Grid, opts: ParamOptions<WashingMachineParams> = {}): Outcome<ApplianceUse> {
  const p = opts.params ?? DEFAULT_WASHING_MACHINE_PARAMS;
  const bad = checkInput(g, { minDays: 1, coarsest: WASHING_MACHINE_COARSEST, force: opts.force });
  if (bad) return bad;
  const heats = pairEdges(g, p.heat);
  const slotMin = g.stepMs / 60_000;
  const paired = (k: number) =>
    [heats[k - 1], heats[k + 1]].some((e) => {
      const gap = e === undefined ? NaN : Math.abs(e.from - heats[k]!.from) * slotMin;
      return gap >= p.dishGapMinMinutes && gap <= p.dishGapMaxMinutes;
    });
  const events = heats.filter((_, k) => !paired(k));
  const nDays = daysSpanned(g);
  const perDay = events.length / nDays;
  const doubt =
    perDay > p.maxPerDay
      ? `${events.length} candidate cycles in ${Math.round(nDays)} days: more than a washing machine runs`
      : null;
  if (!opts.force && doubt !== null) return none('below_confidence', doubt);
  const confidence = events.length === 0 ? 0 : Math.min(1, 0.5 + events.length / 50);
  return ok(useOf(g, events, doubt), doubt === null ? confidence : Math.min(confidence, 0.3));
}
