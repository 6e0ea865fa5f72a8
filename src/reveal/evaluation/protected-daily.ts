/**
 * @module reveal/evaluation/protected-daily
 * Protected daily sharing as a recipient gets it (a consent with a protection, src/consent/protection.ts): the
 * detectors that still read daily totals, scored again after the protection, and what the protection costs a bill.
 */
import { coarsen, DAY_MS, type Grid } from '../grid.ts';
import { billError } from '../protect.ts';
import { dailyNoiseWh } from '../../privacy/daily-noise.ts';
import { scoreStep, type Part, type ResultRow } from './score-step.ts';
import type { Household } from './household.ts';

/** σ (Wh per day) of the protected daily sharing measured at P1D; the consent's level is one of them. */
export const DAILY_SIGMAS_WH = [500, 800, 2000] as const;
/** Independent keys per σ: a figure is the mean over them (one draw of one household's days is itself noisy). */
export const DAILY_DRAWS = 8;
/** Detectors that still read something at P1D, scored again after the protected daily noise. */
const DAILY_DETECTORS = new Set(['water_heater', 'occupancy', 'washing_machine', 'dishwasher']);

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

/**
 * The protected daily sharing at each σ: the detectors that still read daily totals, scored on DAILY_DRAWS
 * independently keyed draws and averaged, the bill error over complete months, and the day error.
 */
export function protectedDailyRows(h: Household, partsOf: (g: Grid) => Part[], seed: number): ResultRow[] {
  const daily = coarsen(h.load, DAY_MS);
  const out: ResultRow[] = [];
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
