/**
 * @module reveal/short-loads
 * Kettle, microwave and electric shower: one edge pair each (a rise in the power band, the fall within the on-time
 * band). Bands from the appliances' nameplates and the on-times measured on REFIT/UK-DALE (inference.md §1.4); an
 * electric shower (6–11 kW) is the one household load that large, a kettle (1.8–3.3 kW) the one that short.
 * A band that fires more than `maxPerDay` times a day catches something else: the result is doubtful and declined.
 */
import type { Grid } from './grid.ts';
import { checkInput, ok, none, type DetectOptions, type Outcome } from './outcome.ts';
import { daysSpanned, pairEdges, useOf, type ApplianceUse, type EdgeBand } from './edges.ts';
import type { FixedStep } from '../core/step.ts';

/** Options of a detector whose constants a fitting step may choose (`params`, defaults otherwise). */
export interface ParamOptions<P> extends DetectOptions {
  readonly params?: P;
}

export interface ShortLoadParams extends EdgeBand {
  /** More events a day than this and the band is catching another load: doubtful. */
  readonly maxPerDay: number;
}
export type KettleParams = ShortLoadParams;
export type MicrowaveParams = ShortLoadParams;
export type ElectricShowerParams = ShortLoadParams;

export const DEFAULT_KETTLE_PARAMS: KettleParams = {
  minW: 1800,
  maxW: 3300,
  minMinutes: 1,
  maxMinutes: 6,
  maxPerDay: 20,
};
export const KETTLE_CANDIDATES: readonly KettleParams[] = [1800, 2000].flatMap((minW) =>
  [6, 4].map((maxMinutes) => ({ ...DEFAULT_KETTLE_PARAMS, minW, maxMinutes })),
);

export const DEFAULT_MICROWAVE_PARAMS: MicrowaveParams = {
  minW: 700,
  maxW: 1600,
  minMinutes: 1,
  maxMinutes: 8,
  maxPerDay: 20,
};
export const MICROWAVE_CANDIDATES: readonly MicrowaveParams[] = [700, 900].flatMap((minW) =>
  [8, 5].map((maxMinutes) => ({ ...DEFAULT_MICROWAVE_PARAMS, minW, maxMinutes })),
);

export const DEFAULT_ELECTRIC_SHOWER_PARAMS: ElectricShowerParams = {
  minW: 6000,
  maxW: 11000,
  minMinutes: 3,
  maxMinutes: 25,
  maxPerDay: 8,
};
export const ELECTRIC_SHOWER_CANDIDATES: readonly ElectricShowerParams[] = [6000, 5000].flatMap((minW) =>
  [25, 40].map((maxMinutes) => ({ ...DEFAULT_ELECTRIC_SHOWER_PARAMS, minW, maxMinutes })),
);

/** Coarsest working step of each (Eibl–Engel: slot ≤ half the median on-time of 3, 3 and 7 minutes). */
export const SHORT_LOAD_COARSEST: FixedStep = 'PT1M';

function detectShortLoad(g: Grid, params: ShortLoadParams, opts: DetectOptions, what: string): Outcome<ApplianceUse> {
  const bad = checkInput(g, { minDays: 1, coarsest: SHORT_LOAD_COARSEST, force: opts.force });
  if (bad) return bad;
  const events = pairEdges(g, params);
  const nDays = daysSpanned(g);
  const perDay = events.length / nDays;
  const doubt =
    perDay > params.maxPerDay
      ? `${events.length} candidate events in ${Math.round(nDays)} days: too many to be one ${what}`
      : null;
  if (!opts.force && doubt !== null) return none('below_confidence', doubt);
  const confidence = events.length === 0 ? 0 : Math.min(1, 0.5 + events.length / 50);
  return ok(useOf(g, events, doubt), doubt === null ? confidence : Math.min(confidence, 0.3));
}

export function detectKettle(g: Grid, opts: ParamOptions<KettleParams> = {}): Outcome<ApplianceUse> {
  return detectShortLoad(g, opts.params ?? DEFAULT_KETTLE_PARAMS, opts, 'kettle');
}

export function detectMicrowave(g: Grid, opts: ParamOptions<MicrowaveParams> = {}): Outcome<ApplianceUse> {
  return detectShortLoad(g, opts.params ?? DEFAULT_MICROWAVE_PARAMS, opts, 'microwave');
}

export function detectElectricShower(g: Grid, opts: ParamOptions<ElectricShowerParams> = {}): Outcome<ApplianceUse> {
  return detectShortLoad(g, opts.params ?? DEFAULT_ELECTRIC_SHOWER_PARAMS, opts, 'electric shower');
}
