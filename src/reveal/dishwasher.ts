/**
 * @module reveal/dishwasher
 * Dishwasher cycles: two heating phases (wash, then rinse-dry) of 1.6–3 kW, 20–120 minutes apart.
 */
import type { Grid } from './grid.ts';
import { checkInput, ok, none, type Outcome } from './outcome.ts';
import { daysSpanned, pairEdges, useOf, type ApplianceUse, type EdgeBand } from './edges.ts';
import type { ParamOptions } from './short-loads.ts';
import type { FixedStep } from '../core/step.ts';

export interface DishwasherParams {
  /** Heating phase: power and on-time band. */
  readonly heat: EdgeBand;
  /** Minutes between the starts of the two heating phases of one cycle. */
  readonly minGapMinutes: number;
  readonly maxGapMinutes: number;
  /** More cycles a day than this, on average, is not a household's dishwasher: doubtful. */
  readonly maxPerDay: number;
}

export const DEFAULT_DISHWASHER_PARAMS: DishwasherParams = {
  heat: { minW: 1600, maxW: 3000, minMinutes: 7, maxMinutes: 40 },
  minGapMinutes: 20,
  maxGapMinutes: 120,
  maxPerDay: 1.5,
};
export const DISHWASHER_CANDIDATES: readonly DishwasherParams[] = [DEFAULT_DISHWASHER_PARAMS];
export const DISHWASHER_COARSEST: FixedStep = 'PT1M';

export function detectDishwasher(g: Grid, opts: ParamOptions<DishwasherParams> = {}): Outcome<ApplianceUse> {
  const p = opts.params ?? DEFAULT_DISHWASHER_PARAMS;
  const bad = checkInput(g, { minDays: 1, coarsest: DISHWASHER_COARSEST, force: opts.force });
  if (bad) return bad;
  const heats = pairEdges(g, p.heat);
  const slotMin = g.stepMs / 60_000;
  const paired = (k: number) =>
    [heats[k - 1], heats[k + 1]].some((e) => {
      const gap = e === undefined ? NaN : Math.abs(e.from - heats[k]!.from) * slotMin;
      return gap >= p.minGapMinutes && gap <= p.maxGapMinutes;
    });
  const events = heats.filter((_, k) => paired(k));
  const nDays = daysSpanned(g);
  const cyclesPerDay = events.length / 2 / nDays;
  const doubt =
    cyclesPerDay > p.maxPerDay
      ? `${Math.round(events.length / 2)} candidate cycles in ${Math.round(nDays)} days: more than a dishwasher runs`
      : null;
  if (!opts.force && doubt !== null) return none('below_confidence', doubt);
  const confidence = events.length === 0 ? 0 : Math.min(1, 0.5 + events.length / 50);
  return ok(useOf(g, events, doubt), doubt === null ? confidence : Math.min(confidence, 0.3));
}
