/**
 * @module reveal/evaluation/protected-daily
 * Protected daily sharing as a recipient gets it (a consent with a protection, src/consent/protection.ts): the
 * detectors that still read daily totals, scored again after the protection, and what the protection costs a bill.
 */
import { coarsen, DAY_MS, type Grid } from '../grid.ts';
import { billError } from '../protect.ts';
import { dailyNoiseWh } from '../../privacy/daily-noise.ts';
import { smoothByMonth, utcMonthCalendar } from '../../privacy/month-smoothing.ts';
import { scoreStep, type Part, type ResultRow } from './score-step.ts';
import type { Household } from './household.ts';

/** σ (Wh per day) of the protected daily sharing measured at P1D; the consent's level is one of them. */
export const DAILY_SIGMAS_WH = [500, 800, 2000] as const;
/** Independent keys per σ: a figure is the mean over them (one draw of one household's days is itself noisy). */
export const DAILY_DRAWS = 8;
/** The month-smoothed delivery's rows (the label src/consent/protection.ts gives it). */
export const MONTH_SMOOTHED = 'daily_month_smoothed';
/**
 * The same series seen as what a monthly bill alone says (each day its month's mean, every month): the floor below
 * which no protection that keeps a bill right can bring a detector.
 */
export const MONTHLY_TOTALS = 'monthly_totals_only';
/** Detectors that still read something at P1D, scored again after the protected daily noise. */
export const DAILY_DETECTORS = new Set(['water_heater', 'occupancy', 'washing_machine', 'dishwasher']);

/**
 * The daily grid as a recipient of protected daily values gets it: each day's energy (Wh) plus exact discrete
 * Gaussian noise from the same keyed stream the hub delivers with (src/privacy/daily-noise.ts), under an evaluation
 * key derived from the seed and a label per household and day, so a run is reproducible.
 */
export function protectDailyGrid(g: Grid, sigmaWh: number, seed: number, household: string): Grid {
  const key = new TextEncoder().encode(`courant reveal evaluation key ${seed}`);
  const out = new Float64Array(g.values.length);
  for (let i = 0; i < out.length; i++) {
    const w = g.values[i]!;
    const day = g.start + i * g.stepMs;
    out[i] = w === w ? (Math.round(w * 24) + dailyNoiseWh(key, `eval|${household}|${day}`, sigmaWh)) / 24 : NaN;
  }
  return { start: g.start, stepMs: g.stepMs, values: out };
}

/**
 * Relative error of each calendar month's energy after protection, over the months with at least 25 days known (a
 * bill covers a whole month), mean over the months: what a bill estimate computed from the protected days would be
 * off by.
 */
export function monthBillError(truth: Grid, released: Grid): number {
  const months = new Map<string, { t: number; r: number; n: number }>();
  for (let i = 0; i < truth.values.length; i++) {
    const t = truth.values[i]!;
    const r = released.values[i]!;
    const at = new Date(truth.start + i * truth.stepMs);
    const key = at.toISOString().slice(0, 7);
    const m = months.get(key) ?? {
      t: 0,
      r: 0,
      n: 0,
    };
    if (t === t && r === r) {
      m.t += t;
      m.r += r;
      m.n++;
    }
    months.set(key, m);
  }
  let s = 0;
  let n = 0;
  for (const m of months.values()) {
    if (m.n < 25 || m.t <= 0) continue;
    s += Math.abs(m.r - m.t) / m.t;
    n++;
  }
  return n === 0 ? NaN : s / n;
}

/** The daily grid month-smoothed as the hub delivers it (src/privacy/month-smoothing.ts), on UTC wall-clock months. */
export function monthSmoothedGrid(g: Grid): Grid {
  const ts = Float64Array.from(g.values, (_, i) => g.start + i * g.stepMs);
  const wh = g.values.map((w) => (w === w ? w * 24 : NaN));
  const out = smoothByMonth(ts, wh, utcMonthCalendar());
  return { start: g.start, stepMs: g.stepMs, values: out.map((v) => v / 24) };
}

/** Each day its month's mean over the known days, whether or not the month is complete: what a bill says. */
export function monthlyTotalsGrid(g: Grid): Grid {
  const cal = utcMonthCalendar();
  const sums = new Map<string, { s: number; n: number }>();
  const monthAt = (i: number) => cal.monthOf(g.start + i * g.stepMs);
  g.values.forEach((w, i) => {
    if (w !== w) return;
    const m = sums.get(monthAt(i)) ?? { s: 0, n: 0 };
    m.s += w;
    m.n++;
    sums.set(monthAt(i), m);
  });
  return {
    ...g,
    values: g.values.map((w, i) => {
      const m = sums.get(monthAt(i));
      return w !== w || !m ? NaN : m.s / m.n;
    }),
  };
}

/** Rows of one deterministic delivery: the daily detectors, the bill error and the share of known days delivered. */
function deliveryRows(
  h: Household,
  partsOf: (g: Grid) => Part[],
  daily: Grid,
  released: Grid,
  protection: string,
): ResultRow[] {
  const out: ResultRow[] = [];
  scoreStep(h, partsOf(released), 'P1D', protection, out, DAILY_DETECTORS);
  let known = 0;
  let delivered = 0;
  daily.values.forEach((w, i) => {
    if (w !== w) return;
    known++;
    if (released.values[i] === released.values[i]) delivered++;
  });
  const row = (detector: string, metric: string, v: number): ResultRow => ({
    household: h.id,
    detector,
    step: 'P1D',
    metric,
    value: Math.round(v * 1e5) / 1e5,
    protection,
    declined: false,
  });
  out.push(row('bill', 'month_energy_mape', monthBillError(daily, released)));
  out.push(row('delivered', 'share_of_days', known ? delivered / known : NaN));
  return out;
}

/**
 * The protected daily sharing: month-smoothed, the monthly totals alone, and at each σ the detectors that still read
 * daily totals, scored on DAILY_DRAWS independently keyed draws and averaged, the bill error over complete months,
 * and the day error.
 */
export function protectedDailyRows(h: Household, partsOf: (g: Grid) => Part[], seed: number): ResultRow[] {
  const daily = coarsen(h.load, DAY_MS);
  const out: ResultRow[] = [
    ...deliveryRows(h, partsOf, daily, monthSmoothedGrid(daily), MONTH_SMOOTHED),
    ...deliveryRows(h, partsOf, daily, monthlyTotalsGrid(daily), MONTHLY_TOTALS),
  ];
  for (const sigma of DAILY_SIGMAS_WH) {
    const protection = `daily_gaussian_sigma=${sigma}Wh`;
    const sums = new Map<string, { row: ResultRow; s: number; n: number }>();
    let month = 0;
    let day = 0;
    for (let k = 0; k < DAILY_DRAWS; k++) {
      const noisy = protectDailyGrid(daily, sigma, seed + k, h.id);
      const rows: ResultRow[] = [];
      scoreStep(h, partsOf(noisy), 'P1D', protection, rows, DAILY_DETECTORS);
      for (const r of rows) {
        const key = `${r.detector}|${r.metric}`;
        const acc = sums.get(key) ?? { row: r, s: 0, n: 0 };
        if (r.value === r.value) {
          acc.s += r.value;
          acc.n++;
        }
        sums.set(key, acc);
      }
      month += monthBillError(daily, noisy);
      day += billError(daily, noisy).dayMape;
    }
    for (const { row, s, n } of sums.values())
      out.push({ ...row, value: n === 0 ? NaN : Math.round((s / n) * 1000) / 1000 });
    const bill = (metric: string, v: number): ResultRow => ({
      household: h.id,
      detector: 'bill',
      step: 'P1D',
      metric,
      value: Math.round((v / DAILY_DRAWS) * 1e5) / 1e5,
      protection,
      declined: false,
    });
    out.push(bill('day_energy_mape', day), bill('month_energy_mape', month));
  }
  return out;
}
