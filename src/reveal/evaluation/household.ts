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
  /** Power (W) of loads only a person switches on (kettle, microwave, electric shower): wake-up proxy. */
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

/**
 * A run of missing data at least this long splits a household into separate segments. Shorter outages (a few days)
 * stay inside the segment: a household's own curve has them too, and the detectors must cope with them.
 */
export const SEGMENT_GAP_MS = 7 * 86_400_000;

/**
 * The contiguous stretches of a household's load, as [from, to) wall-clock ms cut on day boundaries. Months that are
 * not contiguous (June of one year, February of the next) laid on one grid would leave most of it empty, and every
 * detector would decline for lack of data; scoring each stretch on its own avoids that. A household without a gap of
 * `gapMs` or more is one segment spanning its whole grid, so its figures are those of the grid as it was loaded.
 */
export function segmentRanges(load: Grid, gapMs = SEGMENT_GAP_MS): [number, number][] {
  const v = load.values;
  const end = load.start + v.length * load.stepMs;
  const gap = Math.ceil(gapMs / load.stepMs);
  const runs: [number, number][] = [];
  let first = -1;
  let last = -1;
  for (let i = 0; i < v.length; i++) {
    if (v[i] !== v[i]) continue;
    if (first < 0) first = i;
    else if (i - last > gap) {
      runs.push([first, last + 1]);
      first = i;
    }
    last = i;
  }
  if (first >= 0) runs.push([first, last + 1]);
  if (runs.length <= 1) return [[load.start, end]];
  const day = 86_400_000;
  const ms = (i: number) => load.start + i * load.stepMs;
  return runs.map(([a, b]) => [
    Math.max(load.start, Math.floor(ms(a) / day) * day),
    Math.min(end, Math.ceil(ms(b) / day) * day),
  ]);
}

/** The slots of a grid within [from, to) ms. */
export function sliceGrid(g: Grid, from: number, to: number): Grid {
  const a = Math.max(0, Math.ceil((from - g.start) / g.stepMs));
  const b = Math.min(g.values.length, Math.ceil((to - g.start) / g.stepMs));
  return { start: g.start + a * g.stepMs, stepMs: g.stepMs, values: g.values.slice(a, Math.max(a, b)) };
}

/** The household restricted to [from, to) ms: load, ground truth and proxies cut alike. */
export function sliceHousehold(h: Household, from: number, to: number): Household {
  const load = sliceGrid(h.load, from, to);
  const a = (load.start - h.load.start) / h.load.stepMs;
  const cut = (x: Float64Array) => x.slice(a, a + load.values.length);
  return {
    id: h.id,
    format: h.format,
    load,
    ...(h.waterHeater && { waterHeater: cut(h.waterHeater) }),
    ...(h.occupancy && { occupancy: sliceGrid(h.occupancy, from, to) }),
    ...(h.appliances && {
      appliances: Object.fromEntries(Object.entries(h.appliances).map(([k, x]) => [k, cut(x)])),
    }),
    ...(h.humanLoad && { humanLoad: cut(h.humanLoad) }),
  };
}
