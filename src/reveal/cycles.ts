/**
 * @module reveal/cycles
 * What the dishwasher and washing-machine detectors read around a heating plateau: the level before it, and how the
 * aggregate moves in a window (a washing machine's drum turns back and forth and spins, so the minute means jump
 * by tens of watts; a dishwasher's circulation pump holds a steady level between its heating phases).
 */
import type { Grid } from './grid.ts';
import { pairEdges, type ApplianceEvent, type EdgeBand } from './edges.ts';

/** Heating plateaus found by edge pairing, with the level the aggregate held just before each. */
export interface Plateau extends ApplianceEvent {
  /** Aggregate level (W) before the rise: the low quintile of the 10 slots before it. */
  readonly beforeW: number;
}

function lowQuantile(xs: number[], p: number): number {
  const s = xs.filter((x) => x === x).sort((a, b) => a - b);
  return s.length === 0 ? NaN : s[Math.min(s.length - 1, Math.floor(p * s.length))]!;
}

export function withLevelBefore(g: Grid, events: readonly ApplianceEvent[]): Plateau[] {
  const v = g.values;
  return events.map((e) => ({
    ...e,
    beforeW: lowQuantile(Array.from(v.subarray(Math.max(0, e.from - 10), e.from)), 0.2),
  }));
}

/** Median absolute change between consecutive known slots of [from, to) (W): how restless the aggregate is. */
export function roughness(g: Grid, from: number, to: number): number {
  const v = g.values;
  const d: number[] = [];
  for (let i = Math.max(1, from + 1); i < Math.min(v.length, to); i++) {
    const x = Math.abs(v[i]! - v[i - 1]!);
    if (x === x) d.push(x);
  }
  return d.length === 0 ? NaN : lowQuantile(d, 0.5);
}

/** Median of the aggregate minus `levelW` over [from, to) (W). */
export function medianExcess(g: Grid, from: number, to: number, levelW: number): number {
  const v = g.values;
  return lowQuantile(
    Array.from(v.subarray(Math.max(0, from), Math.min(v.length, to))).map((x) => x - levelW),
    0.5,
  );
}

/**
 * Heating plateaus found by edge pairing in `band` whose median level above the level before stays inside the band:
 * a rise into a larger load (an electric shower ramping up through 2 kW) pairs as a plateau but is not one.
 */
export function heatingPlateaus(g: Grid, band: EdgeBand): Plateau[] {
  return withLevelBefore(g, pairEdges(g, band)).filter((p) => medianExcess(g, p.from, p.to, p.beforeW) <= band.maxW);
}
