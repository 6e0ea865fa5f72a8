/**
 * @module reveal/appliances
 * Large appliances by edge pairing (after Hart 1985, as in NILMTK's `hart_85.py`, reduced to one signature table):
 * a rise of ΔP inside an appliance's power band, followed within its duration band by a fall back below the
 * level before + ΔP/2 (a rise split over two slots, when the switch-on falls mid-slot, counts as one). The table below
 * is the whole protocol knowledge: power band, on-time band, and the coarsest
 * step at which the Eibl & Engel (2015) rule "slot ≤ half the on-time" still holds for the median run measured on
 * REFIT/UK-DALE (inference.md §1.4). Dishwasher and washing machine share a heating band (1.6–3 kW); they are told
 * apart by the dishwasher's second heating phase 20–120 minutes after the first.
 * Heating (space) is not detected: no ground truth to measure it against.
 */
import { DAY_MS, type Grid } from './grid.ts';
import { checkInput, ok, none, type DetectOptions, type Outcome } from './outcome.ts';
import type { FixedStep } from '../core/step.ts';

export interface Signature {
  readonly minW: number;
  readonly maxW: number;
  readonly minMinutes: number;
  readonly maxMinutes: number;
  readonly coarsest: FixedStep;
  /** Median on-time (minutes) behind `coarsest`, inference.md §1.4. */
  readonly medianOnMinutes: number;
}

export const APPLIANCES = {
  kettle: { minW: 1800, maxW: 3300, minMinutes: 1, maxMinutes: 6, coarsest: 'PT1M', medianOnMinutes: 3 },
  microwave: { minW: 700, maxW: 1600, minMinutes: 1, maxMinutes: 8, coarsest: 'PT1M', medianOnMinutes: 3 },
  electric_shower: { minW: 6000, maxW: 11000, minMinutes: 3, maxMinutes: 25, coarsest: 'PT1M', medianOnMinutes: 7 },
  dishwasher: { minW: 1600, maxW: 3000, minMinutes: 7, maxMinutes: 40, coarsest: 'PT1M', medianOnMinutes: 15 },
  washing_machine: { minW: 1600, maxW: 3000, minMinutes: 7, maxMinutes: 40, coarsest: 'PT1M', medianOnMinutes: 20 },
} as const satisfies Record<string, Signature>;
export type ApplianceName = keyof typeof APPLIANCES;

export interface ApplianceEvent {
  /** Slot index of the first on-slot and the slot after the last. */
  readonly from: number;
  readonly to: number;
  readonly powerW: number;
}

export interface ApplianceUse {
  readonly events: readonly ApplianceEvent[];
  /** Estimated appliance power (W) per slot: ΔP while on, 0 otherwise, NaN unknown. */
  readonly power: Float64Array;
  readonly eventsPerDay: number;
}

function pairEdges(g: Grid, sig: Signature): ApplianceEvent[] {
  const v = g.values;
  const slotMin = g.stepMs / 60_000;
  const maxSlots = Math.max(1, Math.ceil(sig.maxMinutes / slotMin));
  const out: ApplianceEvent[] = [];
  for (let i = 1; i < v.length; i++) {
    let before = v[i - 1]!;
    let d = v[i]! - before;
    // a switch-on part-way through a slot spreads the rise over two slots: take the rise over both
    if (!(d >= sig.minW) && d > 0.15 * sig.minW && i + 1 < v.length) {
      const d2 = v[i + 1]! - before;
      if (d2 >= sig.minW && d2 <= sig.maxW) {
        d = d2;
        before = v[i - 1]!;
      }
    }
    if (!(d >= sig.minW && d <= sig.maxW)) continue;
    let end = -1;
    for (let j = i + 1; j <= Math.min(v.length - 1, i + maxSlots); j++) {
      const x = v[j]!;
      if (x !== x) break;
      if (x < before + d / 2) {
        end = j;
        break;
      }
    }
    if (end < 0) continue;
    const minutes = (end - i) * slotMin;
    // at coarse steps a run shorter than a slot still spans one slot: allow it
    if (minutes < sig.minMinutes && slotMin < sig.minMinutes) continue;
    if (minutes > sig.maxMinutes + slotMin) continue;
    out.push({ from: i, to: end, powerW: Math.round(d) });
    i = end;
  }
  return out;
}

export function detectAppliance(g: Grid, name: ApplianceName, opts: DetectOptions = {}): Outcome<ApplianceUse> {
  const sig = APPLIANCES[name];
  const bad = checkInput(g, { minDays: 1, coarsest: sig.coarsest, force: opts.force });
  if (bad) return bad;
  let events = pairEdges(g, sig);
  if (name === 'dishwasher' || name === 'washing_machine') {
    const slotMin = g.stepMs / 60_000;
    const paired = (k: number) =>
      [events[k - 1], events[k + 1]].some(
        (e) =>
          e !== undefined &&
          Math.abs(e.from - events[k]!.from) * slotMin >= 20 &&
          Math.abs(e.from - events[k]!.from) * slotMin <= 120,
      );
    events = events.filter((_, k) => (name === 'dishwasher' ? paired(k) : !paired(k)));
  }
  const power = new Float64Array(g.values.length);
  for (let i = 0; i < power.length; i++) if (g.values[i] !== g.values[i]) power[i] = NaN;
  for (const e of events) for (let i = e.from; i < e.to; i++) power[i] = e.powerW;
  const nDays = (g.values.length * g.stepMs) / DAY_MS;
  const perDay = events.length / Math.max(1, nDays);
  // more than 20 "kettle boils" a day is not a kettle: the band catches something else
  if (!opts.force && perDay > 20)
    return none(
      'below_confidence',
      `${events.length} candidate events in ${Math.round(nDays)} days: too many to be one appliance`,
    );
  return ok(
    { events, power, eventsPerDay: Math.round(perDay * 100) / 100 },
    events.length === 0 ? 0 : Math.min(1, 0.5 + events.length / 50),
  );
}
