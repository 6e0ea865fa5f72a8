/**
 * @module reveal/edges
 * Edge pairing (after Hart 1985, as in NILMTK's `hart_85.py`): a rise of ΔP inside a power band, followed within a
 * duration band by a fall back below the level before + ΔP/2 (a rise split over two slots, when the switch-on falls
 * mid-slot, counts as one). Shared by every appliance detector, with the helpers that turn events into the
 * `ApplianceUse` they answer.
 */
import { DAY_MS, type Grid } from './grid.ts';

/** A power band and an on-time band: the whole knowledge an edge pair needs. */
export interface EdgeBand {
  readonly minW: number;
  readonly maxW: number;
  readonly minMinutes: number;
  readonly maxMinutes: number;
}

export interface ApplianceEvent {
  /** Slot index of the first on-slot and the slot after the last. */
  readonly from: number;
  readonly to: number;
  readonly powerW: number;
}

/**
 * `plausible`: the events look like one appliance used as households use it; `doubtful`: too many or too regular
 * for that appliance (the band catches something else), shown to nobody.
 */
export type Plausibility = 'plausible' | 'doubtful';

export interface ApplianceUse {
  readonly events: readonly ApplianceEvent[];
  /** Estimated appliance power (W) per slot: ΔP while on, 0 otherwise, NaN unknown. */
  readonly power: Float64Array;
  readonly eventsPerDay: number;
  readonly plausibility: Plausibility;
  /** Why the events are doubtful, in words; absent when plausible. */
  readonly doubt?: string;
}

export function pairEdges(g: Grid, band: EdgeBand): ApplianceEvent[] {
  const v = g.values;
  const slotMin = g.stepMs / 60_000;
  const maxSlots = Math.max(1, Math.ceil(band.maxMinutes / slotMin));
  const out: ApplianceEvent[] = [];
  for (let i = 1; i < v.length; i++) {
    const before = v[i - 1]!;
    let d = v[i]! - before;
    // a switch-on part-way through a slot spreads the rise over two slots: take the rise over both
    if (!(d >= band.minW) && d > 0.15 * band.minW && i + 1 < v.length) {
      const d2 = v[i + 1]! - before;
      if (d2 >= band.minW && d2 <= band.maxW) d = d2;
    }
    if (!(d >= band.minW && d <= band.maxW)) continue;
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
    if (minutes < band.minMinutes && slotMin < band.minMinutes) continue;
    if (minutes > band.maxMinutes + slotMin) continue;
    out.push({ from: i, to: end, powerW: Math.round(d) });
    i = end;
  }
  return out;
}

/** Number of days the grid spans (at least 1). */
export function daysSpanned(g: Grid): number {
  return Math.max(1, (g.values.length * g.stepMs) / DAY_MS);
}

/** Per-slot power of the events: ΔP while on, 0 otherwise, NaN where the grid is unknown. */
export function powerOf(g: Grid, events: readonly ApplianceEvent[]): Float64Array {
  const power = new Float64Array(g.values.length);
  for (let i = 0; i < power.length; i++) if (g.values[i] !== g.values[i]) power[i] = NaN;
  for (const e of events) for (let i = e.from; i < e.to; i++) if (power[i] === power[i]) power[i] = e.powerW;
  return power;
}

/** The `ApplianceUse` of a list of events, with its plausibility verdict. */
export function useOf(g: Grid, events: readonly ApplianceEvent[], doubt: string | null): ApplianceUse {
  const perDay = events.length / daysSpanned(g);
  return {
    events,
    power: powerOf(g, events),
    eventsPerDay: Math.round(perDay * 100) / 100,
    plausibility: doubt === null ? 'plausible' : 'doubtful',
    ...(doubt !== null && { doubt }),
  };
}
