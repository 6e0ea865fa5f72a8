/**
 * @module web/chart-data
 * Pure shaping of API answers into uPlot's columnar data, and the zoom arithmetic of the power chart.
 * No DOM here, so it is unit-tested under Node.
 */
import type { SeriesData, Step } from './api.ts';

const STEP_MS: Record<Exclude<Step, 'raw'>, number> = { PT1M: 60_000, PT10M: 600_000, PT15M: 900_000, PT30M: 1_800_000, PT1H: 3_600_000, P1D: 86_400_000 };

/** Width of one point: the bucket when the hub decimated, else the native step (raw samples: none). */
export const pointMs = (d: Pick<SeriesData, 'bucketMs' | 'nativeStep'>): number => (d.bucketMs > 0 ? d.bucketMs : d.nativeStep === 'raw' ? 0 : STEP_MS[d.nativeStep]);

/** uPlot columns: x, mean, min, max. */
export type PowerColumns = [number[], (number | null)[], (number | null)[], (number | null)[]];

/**
 * Columns for uPlot with a null inserted wherever consecutive points are more than 1.5 point widths apart, so that
 * missing readings show as a break in the curve instead of a straight line drawn across the hole. When the hub
 * did not decimate, min and max are null: the band is then empty and only the line is drawn.
 */
export function toPowerColumns(d: Pick<SeriesData, 't' | 'v' | 'min' | 'max' | 'bucketMs' | 'nativeStep'>): PowerColumns {
  const width = pointMs(d);
  const x: number[] = [];
  const mean: (number | null)[] = [];
  const lo: (number | null)[] = [];
  const hi: (number | null)[] = [];
  for (let i = 0; i < d.t.length; i++) {
    const t = d.t[i]!;
    if (i > 0 && width > 0 && t - d.t[i - 1]! > 1.5 * width) {
      x.push(d.t[i - 1]! + width);
      mean.push(null);
      lo.push(null);
      hi.push(null);
    }
    x.push(t);
    mean.push(d.v[i] ?? null);
    lo.push(d.min ? (d.min[i] ?? null) : null);
    hi.push(d.max ? (d.max[i] ?? null) : null);
  }
  return [x, mean, lo, hi];
}

export interface Range {
  from: number;
  to: number;
}

/** Shortest window the chart zooms to: a quarter of an hour of minutes is still readable. */
export const MIN_SPAN_MS = 15 * 60_000;

/** Keeps a wished window inside the held data and no shorter than MIN_SPAN_MS, preserving its width when shifted. */
export function clampRange(r: Range, bounds: Range): Range {
  const full = bounds.to - bounds.from;
  let span = Math.min(Math.max(r.to - r.from, MIN_SPAN_MS), full);
  if (!(span > 0)) span = full;
  let from = Math.round((r.from + r.to) / 2 - span / 2);
  from = Math.min(Math.max(from, bounds.from), bounds.to - span);
  return { from, to: from + span };
}

/** A window of `span` centred on the middle of `around`. */
export const centred = (around: Range, span: number, bounds: Range): Range => {
  const mid = (around.from + around.to) / 2;
  return clampRange({ from: mid - span / 2, to: mid + span / 2 }, bounds);
};

/** Zooms around an anchor (the pointer), `factor` < 1 zooms in: the instant under the pointer stays put. */
export function zoomAround(r: Range, anchor: number, factor: number, bounds: Range): Range {
  const from = anchor - (anchor - r.from) * factor;
  const to = anchor + (r.to - anchor) * factor;
  const span = Math.min(Math.max(to - from, MIN_SPAN_MS), bounds.to - bounds.from);
  const ratio = (anchor - r.from) / (r.to - r.from || 1);
  const f = anchor - span * ratio;
  return clampRange({ from: f, to: f + span }, bounds);
}

/** Points to ask for: about one per pixel of plot width, within what the API accepts. */
export const maxPointsFor = (widthPx: number) => Math.max(10, Math.min(4000, Math.round(widthPx)));
