/**
 * @module reveal/washing-machine
 * Washing-machine cycles by their structure: a heating plateau (1.5–3.2 kW, 4–40 minutes, a few minutes after the
 * water is let in) followed by the drum: turning back and forth, then spinning, which makes the minute means of the
 * aggregate jump by tens of watts for an hour or more. A dishwasher's pump holds a steady level instead, so a plateau
 * followed by a steady aggregate is not a wash. The cycle is flagged whole: from `preMinutes` before the heating to
 * the last restless minute after it (the drum stops when no slot changes by `activeW` for `quietMinutes`), at most
 * `maxAfterMinutes` after the heating ends.
 * Plausibility: more cycles a day than a household washes (`maxPerDay`) is doubtful, and doubtful is shown to nobody.
 */
import type { Grid } from './grid.ts';
import { checkInput, ok, none, type Outcome } from './outcome.ts';
import { daysSpanned, powerOf, type ApplianceEvent, type ApplianceUse, type EdgeBand } from './edges.ts';
import { heatingPlateaus, medianExcess, roughness } from './cycles.ts';
import { dishwasherStructure, DEFAULT_DISHWASHER_PARAMS, type DishwasherStructure } from './dishwasher.ts';
import type { ParamOptions } from './short-loads.ts';
import type { FixedStep } from '../core/step.ts';

export interface WashingMachineParams {
  /** Heating phase: power and on-time band. */
  readonly heat: EdgeBand;
  /** The drum after the heating: median slot-to-slot change over the next `drumMinutes` at least `minRoughW` (W). */
  readonly drumMinutes: number;
  readonly minRoughW: number;
  /** ... and a median level above the level before the heating of at most `maxDrumW` (W): the drum, not an oven. */
  readonly maxDrumW: number;
  /**
   * Leave out heating plateaus that belong to a dishwasher cycle (found with the dishwasher's default parameters) or,
   * when the household's dishwasher shows (at least 3 cycles), that have a same-power plateau at its usual spacing.
   */
  readonly excludeDishwasher: boolean;
  /** Cycle extent: minutes flagged before the heating; the drum runs while slots change by `activeW` or more. */
  readonly preMinutes: number;
  readonly activeW: number;
  readonly quietMinutes: number;
  readonly maxAfterMinutes: number;
  /** More cycles a day than this, on average, is not a household's washing machine: doubtful. */
  readonly maxPerDay: number;
}

export const DEFAULT_WASHING_MACHINE_PARAMS: WashingMachineParams = {
  heat: { minW: 1500, maxW: 3200, minMinutes: 4, maxMinutes: 40 },
  drumMinutes: 30,
  minRoughW: 12,
  maxDrumW: 400,
  excludeDishwasher: true,
  preMinutes: 5,
  activeW: 40,
  quietMinutes: 15,
  maxAfterMinutes: 90,
  maxPerDay: 3,
};
/** Candidates for a fitting step (16, the defaults first): drum restlessness × shortest heating × longest drum
 * phase × drum level cap. */
export const WASHING_MACHINE_CANDIDATES: readonly WashingMachineParams[] = [12, 15].flatMap((minRoughW) =>
  [4, 6].flatMap((minMinutes) =>
    [90, 120].flatMap((maxAfterMinutes) =>
      [400, 250].map((maxDrumW) => ({
        ...DEFAULT_WASHING_MACHINE_PARAMS,
        heat: { ...DEFAULT_WASHING_MACHINE_PARAMS.heat, minMinutes },
        minRoughW,
        maxAfterMinutes,
        maxDrumW,
      })),
    ),
  ),
);
export const WASHING_MACHINE_COARSEST: FixedStep = 'PT1M';

/** Last slot (exclusive) of the drum's activity after `from`: ends at the first `quiet` slots without a change. */
function drumEnd(g: Grid, from: number, p: WashingMachineParams): number {
  const v = g.values;
  const slotMin = g.stepMs / 60_000;
  const quiet = Math.max(1, Math.round(p.quietMinutes / slotMin));
  const limit = Math.min(v.length, from + Math.round(p.maxAfterMinutes / slotMin));
  let last = from;
  for (let i = from + 1; i < limit; i++) {
    const d = Math.abs(v[i]! - v[i - 1]!);
    if (d >= p.activeW) last = i + 1;
    else if (i - last >= quiet) break;
  }
  return last;
}

/** A same-power dishwasher-band plateau starts the household's dishwasher spacing before or after `h`. */
function atDishwasherSpacing(g: Grid, dw: DishwasherStructure, h: ApplianceEvent): boolean {
  if (dw.cycles.length < 3 || !(dw.spacingMinutes > 0)) return false;
  const p = DEFAULT_DISHWASHER_PARAMS;
  const slotMin = g.stepMs / 60_000;
  return dw.plateaus.some(
    (y) =>
      Math.abs(Math.abs(y.from - h.from) * slotMin - dw.spacingMinutes) <= p.modeToleranceMinutes &&
      Math.abs(y.powerW - h.powerW) <= p.powerTolerance * Math.max(y.powerW, h.powerW),
  );
}

export function washingMachineCycles(g: Grid, p: WashingMachineParams): ApplianceEvent[] {
  const slotMin = g.stepMs / 60_000;
  const drum = Math.max(2, Math.round(p.drumMinutes / slotMin));
  const pre = Math.round(p.preMinutes / slotMin);
  const out: ApplianceEvent[] = [];
  const dw = p.excludeDishwasher ? dishwasherStructure(g, DEFAULT_DISHWASHER_PARAMS) : null;
  const dish = dw?.cycles ?? [];
  let d = 0;
  for (const h of heatingPlateaus(g, p.heat)) {
    while (d < dish.length && dish[d]!.to <= h.from) d++;
    if (d < dish.length && dish[d]!.from <= h.from) continue;
    if (dw && atDishwasherSpacing(g, dw, h)) continue;
    if (!(roughness(g, h.to + 1, h.to + 1 + drum) >= p.minRoughW)) continue;
    if (!(medianExcess(g, h.to + 1, h.to + 1 + drum, h.beforeW) <= p.maxDrumW)) continue;
    const from = Math.max(0, h.from - pre);
    const to = Math.max(h.to, drumEnd(g, h.to, p));
    const prev = out[out.length - 1];
    // a second heating inside a cycle already flagged (a hotter rinse, the dryer of a washer-dryer) extends it
    if (prev && from <= prev.to) out[out.length - 1] = { ...prev, to: Math.max(prev.to, to) };
    else out.push({ from, to, powerW: h.powerW });
  }
  return out;
}

export function detectWashingMachine(g: Grid, opts: ParamOptions<WashingMachineParams> = {}): Outcome<ApplianceUse> {
  const p = opts.params ?? DEFAULT_WASHING_MACHINE_PARAMS;
  const bad = checkInput(g, { minDays: 1, coarsest: WASHING_MACHINE_COARSEST, force: opts.force });
  if (bad) return bad;
  const cycles = washingMachineCycles(g, p);
  const nDays = daysSpanned(g);
  const perDay = cycles.length / nDays;
  const doubt =
    perDay > p.maxPerDay
      ? `${cycles.length} candidate cycles in ${Math.round(nDays)} days: more than a household's washing machine runs`
      : null;
  if (!opts.force && doubt !== null) return none('below_confidence', doubt);
  const confidence = cycles.length === 0 ? 0 : Math.min(1, 0.5 + cycles.length / 20);
  return ok(
    {
      events: cycles,
      power: powerOf(g, cycles),
      eventsPerDay: Math.round(perDay * 100) / 100,
      plausibility: doubt === null ? 'plausible' : 'doubtful',
      ...(doubt !== null && { doubt }),
    },
    doubt === null ? confidence : Math.min(confidence, 0.3),
  );
}
