/**
 * @module reveal/evaluation/household
 * What a loader hands to the harness: one household's aggregate load on a regular wall-clock grid, plus whatever
 * ground truth its data set carries, aligned on the same slots.
 */
import type { Grid } from '../grid.ts';

export interface Household {
  /** e.g. "uci-sceaux", "eco-house2", "REFIT_House2". */
  readonly id: string;
  /** Folder format it was read from. */
  readonly format: 'uci' | 'eco' | 'refit-ukdale';
  /** Aggregate mean power (W), wall-clock grid. */
  readonly load: Grid;
  /** Sub-metered water heater power (W) on the same slots (UCI Sub_metering_3). */
  readonly waterHeater?: Float64Array;
  /** Occupancy 1/0 (NaN unknown), on its own grid (ECO: 15 min). */
  readonly occupancy?: Grid;
  /** Per-appliance power (W) on the load's slots, by detector name (kettle, microwave, dishwasher, washing_machine). */
  readonly appliances?: Readonly<Record<string, Float64Array>>;
  /** Power (W) of loads only a person switches on (REFIT/UK-DALE kettle + microwave): wake-up proxy. */
  readonly humanLoad?: Float64Array;
}

/** Split a CSV text into lines without a trailing empty line. */
export function lines(text: string): string[] {
  const out = text.split('\n');
  if (out.length && out[out.length - 1] === '') out.pop();
  return out;
}

/** Wall-clock "YYYY-MM-DD HH:MM[:SS]" (any trailing offset ignored) as UTC ms, or NaN. */
export function wallClockMs(s: string): number {
  const m = /^(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2})(?::(\d{2}))?/.exec(s.trim().replace(/^"|"$/g, ''));
  if (!m) return NaN;
  return Date.UTC(+m[1]!, +m[2]! - 1, +m[3]!, +m[4]!, +m[5]!, m[6] ? +m[6] : 0);
}
