/**
 * @module reveal/grid
 * The one input shape of every detector: a regular grid of mean power (W) per slot, on the household's wall clock.
 * `start` is the wall-clock time of slot 0 written as if it were UTC (so `start % 86_400_000` is the local time of
 * day); missing slots are NaN. Keeping local time in the grid lets detectors reason about "06:40" and "the night"
 * without a time-zone library; converting from UTC is the caller's job (see `gridFromColumns`).
 */

export const MINUTE_MS = 60_000;
export const DAY_MS = 86_400_000;

export interface Grid {
  /** Wall-clock time of slot 0, as UTC milliseconds (local time of day = start mod 1 day). */
  readonly start: number;
  /** Slot length in ms (60,000 for PT1M … 86,400,000 for P1D). */
  readonly stepMs: number;
  /** Mean power in W over each slot; NaN where unknown. */
  readonly values: Float64Array;
}

/**
 * Build a grid from columns (ts = interval start, UTC ms; values in W, or Wh per slot when `unit` is 'Wh').
 * `offsetMs(ts)` gives the local offset (e.g. Europe/Paris); points are placed at their local slot, duplicates
 * (the repeated autumn hour) are averaged and absent slots stay NaN.
 */
export function gridFromColumns(
  ts: ArrayLike<number>,
  values: ArrayLike<number>,
  stepMs: number,
  opts: { unit?: 'W' | 'Wh'; offsetMs?: (utcMs: number) => number } = {},
): Grid {
  const n = ts.length;
  if (n === 0) return { start: 0, stepMs, values: new Float64Array(0) };
  const off = opts.offsetMs ?? (() => 0);
  const toW = opts.unit === 'Wh' ? 3_600_000 / stepMs : 1;
  const local0 = ts[0]! + off(ts[0]!);
  const start = Math.floor(local0 / stepMs) * stepMs;
  const localLast = ts[n - 1]! + off(ts[n - 1]!);
  const len = Math.floor((localLast - start) / stepMs) + 1;
  const sum = new Float64Array(len);
  const cnt = new Uint16Array(len);
  // the offset changes twice a year: cache it per hour of UTC instead of calling Intl for every point
  let cachedHour = NaN;
  let cachedOff = 0;
  for (let i = 0; i < n; i++) {
    const t = ts[i]!;
    const v = values[i]!;
    const hour = Math.floor(t / 3_600_000);
    if (hour !== cachedHour) {
      cachedHour = hour;
      cachedOff = off(t);
    }
    const k = Math.floor((t + cachedOff - start) / stepMs);
    if (k < 0 || k >= len || !Number.isFinite(v)) continue;
    sum[k]! += v * toW;
    cnt[k]!++;
  }
  const out = new Float64Array(len);
  for (let k = 0; k < len; k++) out[k] = cnt[k]! > 0 ? sum[k]! / cnt[k]! : NaN;
  return { start, stepMs, values: out };
}

/**
 * Coarsen a grid to `stepMs` (a whole multiple of its own step) by the mean of the known slots; a coarse slot with
 * less than half of its slots known is NaN. Coarse slots are aligned on local midnight.
 */
export function coarsen(g: Grid, stepMs: number): Grid {
  if (stepMs === g.stepMs) return g;
  if (stepMs % g.stepMs !== 0) throw new RangeError(`cannot coarsen a ${g.stepMs} ms grid to ${stepMs} ms`);
  const f = stepMs / g.stepMs;
  const start = Math.floor(g.start / stepMs) * stepMs;
  const lead = (g.start - start) / g.stepMs;
  const len = Math.ceil((g.values.length + lead) / f);
  const out = new Float64Array(len);
  const v = g.values;
  for (let k = 0; k < len; k++) {
    let s = 0;
    let c = 0;
    const from = k * f - lead;
    for (let j = Math.max(0, from); j < Math.min(v.length, from + f); j++) {
      const x = v[j]!;
      if (x === x) {
        s += x;
        c++;
      }
    }
    out[k] = c * 2 >= f ? s / c : NaN;
  }
  return { start, stepMs, values: out };
}

/** Expand a coarse 0/1 (or value) series back onto a finer grid's slots, for scoring at the finer resolution. */
export function expandTo(
  coarse: ArrayLike<number>,
  coarseGrid: Pick<Grid, 'start' | 'stepMs'>,
  fine: Pick<Grid, 'start' | 'stepMs'>,
  fineLen: number,
): Float64Array {
  const out = new Float64Array(fineLen);
  for (let i = 0; i < fineLen; i++) {
    const k = Math.floor((fine.start + i * fine.stepMs - coarseGrid.start) / coarseGrid.stepMs);
    out[i] = k >= 0 && k < coarse.length ? coarse[k]! : NaN;
  }
  return out;
}

/** Index of the local day (days since 1970-01-01 on the wall clock) of slot i. */
export function dayOf(g: Pick<Grid, 'start' | 'stepMs'>, i: number): number {
  return Math.floor((g.start + i * g.stepMs) / DAY_MS);
}

/** Minutes since local midnight at the start of slot i. */
export function minuteOfDay(g: Pick<Grid, 'start' | 'stepMs'>, i: number): number {
  return Math.floor(((((g.start + i * g.stepMs) % DAY_MS) + DAY_MS) % DAY_MS) / MINUTE_MS);
}

/** q-quantile (0..1) of the finite values of `a` (copies; linear-time enough for detector-sized inputs). */
export function quantile(a: ArrayLike<number>, q: number): number {
  // a typed array sorts numerically without a comparator callback: several times faster on 1-minute days
  const buf = new Float64Array(a.length);
  let n = 0;
  for (let i = 0; i < a.length; i++) {
    const x = a[i]!;
    if (x === x) buf[n++] = x;
  }
  if (n === 0) return NaN;
  const xs = buf.subarray(0, n).sort();
  const pos = (xs.length - 1) * q;
  const lo = Math.floor(pos);
  const hi = Math.min(xs.length - 1, lo + 1);
  return xs[lo]! + (xs[hi]! - xs[lo]!) * (pos - lo);
}

export function median(a: ArrayLike<number>): number {
  return quantile(a, 0.5);
}

/** Days fully inside the grid, as [first slot, end slot) index pairs with their day number. */
export function days(g: Grid): { day: number; from: number; to: number }[] {
  const perDay = DAY_MS / g.stepMs;
  const out: { day: number; from: number; to: number }[] = [];
  if (!Number.isInteger(perDay) || g.values.length === 0) return out;
  const first = Math.ceil(g.start / DAY_MS) * DAY_MS;
  for (let from = (first - g.start) / g.stepMs; from + perDay <= g.values.length; from += perDay) {
    out.push({ day: dayOf(g, from), from, to: from + perDay });
  }
  return out;
}

/** Share of finite values in [from, to). */
export function coverage(v: Float64Array, from = 0, to = v.length): number {
  if (to <= from) return 0;
  let c = 0;
  for (let i = from; i < to; i++) if (v[i] === v[i]) c++;
  return c / (to - from);
}

/** YYYY-MM-DD of a local day number. */
export function isoDay(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

/** HH:MM of minutes since midnight. */
export function hhmm(minutes: number): string {
  const m = ((Math.round(minutes) % 1440) + 1440) % 1440;
  return `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;
}
