/**
 * @module web/chart-data
 * Pure shaping of API answers into uPlot's columnar data, and the zoom arithmetic of the power chart.
 * No DOM here, so it is unit-tested under Node.
 */
import type { SeriesData, Step } from './api.ts';

const STEP_MS: Record<Exclude<Step, 'raw'>, number> = {
  PT1M: 60_000,
  PT10M: 600_000,
  PT15M: 900_000,
  PT30M: 1_800_000,
  PT1H: 3_600_000,
  P1D: 86_400_000,
};

/** Width of one point: the bucket when the hub decimated, else the native step (raw samples: none). */
export const pointMs = (d: Pick<SeriesData, 'bucketMs' | 'nativeStep'>): number =>
  d.bucketMs > 0 ? d.bucketMs : d.nativeStep === 'raw' ? 0 : STEP_MS[d.nativeStep];

/** uPlot columns: x, mean, min, max. */
export type PowerColumns = [number[], (number | null)[], (number | null)[], (number | null)[]];

/**
 * Columns for uPlot with a null inserted wherever consecutive points are more than 1.5 point widths apart, so that
 * missing readings show as a break in the curve instead of a straight line drawn across the hole. When the hub
 * did not decimate, min and max are null: the band is then empty and only the line is drawn.
 */
export function toPowerColumns(
  d: Pick<SeriesData, 't' | 'v' | 'min' | 'max' | 'bucketMs' | 'nativeStep'>,
): PowerColumns {
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

const parisDate = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'Europe/Paris',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  weekday: 'short',
  hour: '2-digit',
  hourCycle: 'h23',
});
const parisParts = (ms: number) => {
  const p = Object.fromEntries(parisDate.formatToParts(new Date(ms)).map((x) => [x.type, x.value]));
  return {
    y: Number(p.year),
    m: Number(p.month),
    d: Number(p.day),
    hour: Number(p.hour),
    weekday: p.weekday as string,
  };
};

/** The UTC instant of midnight in Paris starting the civil day y-m-d (CET or CEST: one of two candidates). */
export function parisMidnight(y: number, m: number, d: number): number {
  const utcMidnight = Date.UTC(y, m - 1, d);
  for (const offsetH of [1, 2, 0]) {
    const c = utcMidnight - offsetH * 3_600_000;
    const p = parisParts(c);
    if (p.hour === 0 && p.d === new Date(utcMidnight).getUTCDate()) return c;
  }
  return utcMidnight - 3_600_000;
}

export type CalendarUnit = 'hour' | 'day' | 'week' | 'month';
const WEEKDAY = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];

/**
 * The calendar hour, day, week (Monday to Monday) or month on the Paris clock that contains `at`, so the range
 * buttons show "Sunday 1 April, 00:00 to 24:00" rather than an arbitrary 24 hours. Days are 23 to 25 hours long.
 */
export function calendarWindow(at: number, unit: CalendarUnit): Range {
  if (unit === 'hour') {
    const from = Math.floor(at / 3_600_000) * 3_600_000; // Paris offsets are whole hours
    return { from, to: from + 3_600_000 };
  }
  const p = parisParts(at);
  if (unit === 'month')
    return {
      from: parisMidnight(p.y, p.m, 1),
      to: parisMidnight(p.m === 12 ? p.y + 1 : p.y, p.m === 12 ? 1 : p.m + 1, 1),
    };
  const back = unit === 'week' ? WEEKDAY.indexOf(p.weekday) : 0;
  const first = new Date(Date.UTC(p.y, p.m - 1, p.d - back));
  const last = new Date(Date.UTC(p.y, p.m - 1, p.d - back + (unit === 'week' ? 7 : 1)));
  return {
    from: parisMidnight(first.getUTCFullYear(), first.getUTCMonth() + 1, first.getUTCDate()),
    to: parisMidnight(last.getUTCFullYear(), last.getUTCMonth() + 1, last.getUTCDate()),
  };
}
