/**
 * @module reveal/absence
 * Occupancy per slot and absences per day.
 *
 * Slot occupancy (GeoMA-like, after Becker & Kleiminger 2018, without training): a slot is *active* when its mean
 * is above base load + margin or, at steps of 15 minutes or finer, when the power jumps by more than the margin
 * (someone switched something). A slot is occupied when an active slot lies within ±45 minutes. Quiet runs that
 * overlap the small hours (01:00–06:00) next to activity are sleep, not absence. Slots of a day found absent (below)
 * are away.
 * Coarsest step: PT1H (an hourly mean still separates "something ran" from standby; a daily mean cannot).
 *
 * Absent days: days whose mean power above the base load is below 20 % of that of an ordinary day (upper quartile
 * of the days), i.e. a day that looks like standby only (fridge, boxes, a water heater keeping warm). Works at P1D too,
 * where the base load is the household's lowest daily mean.
 * Multi-day absences are runs of such days.
 */
import { DAY_MS, days, coverage, coarsen, quantile, minuteOfDay, isoDay, type Grid } from './grid.ts';
import { detectBaseLoad, activityMargin, BASELOAD_COARSEST } from './baseload.ts';
import { checkInput, ok, none, type DetectOptions, type Outcome } from './outcome.ts';
import { stepMs, type FixedStep } from '../core/step.ts';

export const OCCUPANCY_COARSEST: FixedStep = 'PT1H';
export const ABSENCE_COARSEST: FixedStep = 'P1D';
/** Minimum days of data before absences are called (a "low day" needs a normal week to compare with). */
export const ABSENCE_MIN_DAYS = 7;
const NEIGHBOURHOOD_MS = 45 * 60_000;
const ABSENT_DAY_RATIO = 0.2;

export interface Occupancy {
  /** 1 occupied, 0 away, NaN unknown; on the input grid's slots. */
  readonly occupied: Float64Array;
  /** Share of known slots called occupied. */
  readonly occupiedShare: number;
}

export interface AbsencePeriod {
  /** First and last absent local day, YYYY-MM-DD. */
  readonly from: string;
  readonly to: string;
  readonly days: number;
}

export interface Absences {
  readonly absentDays: readonly string[];
  /** Runs of two or more absent days. */
  readonly periods: readonly AbsencePeriod[];
  /** Per day of the input (local day number) → 1 absent, 0 present. */
  readonly byDay: ReadonlyMap<number, number>;
}

export function detectOccupancy(g: Grid, opts: DetectOptions = {}): Outcome<Occupancy> {
  const bad = checkInput(g, { minDays: 2, coarsest: OCCUPANCY_COARSEST, force: opts.force });
  if (bad) return bad;
  const v = g.values;
  const n = v.length;
  if (g.stepMs >= DAY_MS) {
    // a recipient of daily data can only say "away all day" or "there at some point": expand the absent days
    const abs = detectAbsences(g, opts);
    const occupied = new Float64Array(n);
    for (let i = 0; i < n; i++)
      occupied[i] =
        v[i] !== v[i]
          ? NaN
          : abs.status === 'ok' && abs.value.byDay.get(Math.floor((g.start + i * g.stepMs) / DAY_MS)) === 1
            ? 0
            : 1;
    return ok({ occupied, occupiedShare: share(occupied) }, abs.status === 'ok' ? abs.confidence : 0);
  }
  const base = detectBaseLoad(g, { force: true });
  if (base.status !== 'ok') return base;
  const margin = activityMargin(base.value.baseW, g.stepMs);
  const active = new Uint8Array(n);
  const jumps = g.stepMs <= 15 * 60_000;
  for (let i = 0; i < n; i++) {
    const x = v[i]!;
    if (x !== x) continue;
    const p = i > 0 ? v[i - 1]! : NaN;
    active[i] = x > base.value.baseW + margin || (jumps && p === p && Math.abs(x - p) > margin) ? 1 : 0;
  }
  const w = Math.max(1, Math.round(NEIGHBOURHOOD_MS / g.stepMs));
  const occupied = new Float64Array(n);
  // prefix sums make the ±w window test O(n)
  const pre = new Int32Array(n + 1);
  for (let i = 0; i < n; i++) pre[i + 1] = pre[i]! + active[i]!;
  for (let i = 0; i < n; i++) {
    if (v[i] !== v[i]) {
      occupied[i] = NaN;
      continue;
    }
    occupied[i] = pre[Math.min(n, i + w + 1)]! - pre[Math.max(0, i - w)]! > 0 ? 1 : 0;
  }
  fillNights(g, occupied);
  // a whole day at standby level is away, even if a thermostat (water heater keeping warm) lifts a few slots
  const abs = detectAbsences(g);
  if (abs.status === 'ok') {
    for (let i = 0; i < n; i++)
      if (occupied[i] === 1 && abs.value.byDay.get(Math.floor((g.start + i * g.stepMs) / DAY_MS)) === 1)
        occupied[i] = 0;
  }
  // confidence: contrast between active and quiet slots relative to the margin
  const conf = Math.min(1, (quantile(v, 0.9) - base.value.baseW) / (4 * margin));
  return ok({ occupied, occupiedShare: share(occupied) }, conf);
}

function share(a: Float64Array): number {
  let s = 0;
  let n = 0;
  for (const x of a)
    if (x === x) {
      s += x;
      n++;
    }
  return n === 0 ? 0 : s / n;
}

/**
 * Quiet runs that overlap the small hours (01:00–06:00) and touch activity on at least one side are sleep: mark
 * them occupied. (A whole quiet day is handled by the absent-day rule.)
 */
function fillNights(g: Grid, occ: Float64Array): void {
  const n = occ.length;
  let i = 0;
  while (i < n) {
    if (occ[i] !== 0) {
      i++;
      continue;
    }
    let j = i;
    while (j < n && occ[j] === 0) j++;
    const touches = (i > 0 && occ[i - 1] === 1) || (j < n && occ[j] === 1);
    let night = false;
    for (let k = i; k < j && !night; k++) {
      const m = minuteOfDay(g, k);
      night = m >= 60 && m < 360;
    }
    if (touches && night && (j - i) * g.stepMs < 20 * 3_600_000) for (let k = i; k < j; k++) occ[k] = 1;
    i = j;
  }
}

export function detectAbsences(g: Grid, opts: DetectOptions = {}): Outcome<Absences> {
  const bad = checkInput(g, { minDays: ABSENCE_MIN_DAYS, coarsest: ABSENCE_COARSEST, force: opts.force });
  if (bad) return bad;
  const ds = days(g).filter((d) => coverage(g.values, d.from, d.to) >= 0.8);
  const means = ds.map((d) => {
    let s = 0;
    let c = 0;
    for (let i = d.from; i < d.to; i++) {
      const x = g.values[i]!;
      if (x === x) {
        s += x;
        c++;
      }
    }
    return s / c;
  });
  let baseW: number;
  if (g.stepMs <= stepMs(BASELOAD_COARSEST)) {
    // the hourly base: at 1-minute steps the 5th percentile sits under the fridge cycles, which would make a
    // standby-only day look busy; hourly means put the fridge into the base, as on the day away
    const b = detectBaseLoad(g.stepMs < 3_600_000 && 3_600_000 % g.stepMs === 0 ? coarsen(g, 3_600_000) : g, {
      force: true,
    });
    if (b.status !== 'ok') return b;
    baseW = b.value.baseW;
  } else {
    // daily data: the base load is not observable; the lowest daily means are the best available stand-in
    baseW = quantile(means, 0.02) * 0.9;
  }
  const excess = means.map((m) => Math.max(0, m - baseW));
  // the upper quartile, not the median: a long holiday must not drag "an ordinary day" down to itself
  const typical = quantile(excess, 0.75);
  if (!(typical > 20))
    return none('below_confidence', 'ordinary days hardly differ from the base load: an absence would not stand out');
  const byDay = new Map<number, number>();
  const absentDays: string[] = [];
  ds.forEach((d, k) => {
    const absent = excess[k]! < ABSENT_DAY_RATIO * typical ? 1 : 0;
    byDay.set(d.day, absent);
    if (absent) absentDays.push(isoDay(d.day));
  });
  const periods: AbsencePeriod[] = [];
  let runStart = -1;
  let prev = -2;
  const flush = () => {
    if (runStart >= 0 && prev - runStart >= 1)
      periods.push({ from: isoDay(runStart), to: isoDay(prev), days: prev - runStart + 1 });
  };
  for (const [day, a] of [...byDay].sort((x, y) => x[0] - y[0])) {
    if (!a) continue;
    if (day !== prev + 1) {
      flush();
      runStart = day;
    }
    prev = day;
  }
  flush();
  const conf = Math.min(1, typical / Math.max(baseW, 50));
  return ok({ absentDays, periods, byDay }, conf);
}
