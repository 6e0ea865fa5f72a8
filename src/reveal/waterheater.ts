/**
 * @module reveal/waterheater
 * Electric water heater ("ballon", ECS) runs: a resistive plateau of 1–4 kW lasting from 20 minutes to several hours.
 *
 * 1. Heater power P: the mode (100 W bins, smoothed) of the slot excess above base load between 700 and 4,000 W
 *    (a thermostat-held resistance is the one load that sits at the same level for hours).
 * 2. A slot is "on" when its excess above base load is at least 0.75 P; runs shorter than 20 minutes are dropped
 *    (kettle, oven bursts); optionally runs far above P are dropped or kept only at the hours of the household's clean
 *    runs (heater-runs.ts; off by default, a fitting step chooses). An edge-tracking variant (jump of ~P, hold while
 *    above the pre-jump level) was tried and recalled only 59 % of UCI heater minutes (other loads switching during a
 *    run end it early).
 * 3. Schedule: when ≥ 50 % of days have a run starting within ±30 min of the same clock time, inside a usual
 *    off-peak (heures creuses) window start (20:00–02:30 or 12:00–16:30), the heater follows the off-peak relay;
 *    otherwise it follows the household's own hot-water use (its start times reveal routines, inference.md §4).
 * Coarsest step: PT30M (Eibl–Engel: slot ≤ half the median 62-minute run). Below 0.5 confidence nothing is returned.
 */
import { quantile, days, coverage, minuteOfDay, isoDay, dayOf, hhmm, median, type Grid } from './grid.ts';
import { detectBaseLoad } from './baseload.ts';
import { keepHeaterRuns, type RunRules } from './heater-runs.ts';
import { checkInput, ok, none, type DetectOptions, type Outcome } from './outcome.ts';
import type { FixedStep } from '../core/step.ts';

export const WATER_HEATER_COARSEST: FixedStep = 'PT30M';
export const WATER_HEATER_MIN_CONFIDENCE = 0.5;

/** The constants a fitting step may choose (training households only); the run rules are in heater-runs.ts. */
export interface WaterHeaterParams extends RunRules {
  /** A slot is on when its excess above base load is at least this share of the heater power. */
  readonly onRatio: number;
}
export const DEFAULT_WATER_HEATER_PARAMS: WaterHeaterParams = {
  minRunMinutes: 20,
  onRatio: 0.75,
  maxRunExcessRatio: Infinity,
  cleanRunRatio: 1.3,
  hourSupport: 0,
};
/** Candidates for a fitting step (8, the defaults first): shortest run × cap on dirty runs × hour support. */
export const WATER_HEATER_CANDIDATES: readonly WaterHeaterParams[] = [20, 40].flatMap((minRunMinutes) =>
  [Infinity, 1.3].flatMap((maxRunExcessRatio) =>
    [0, 0.5].map((hourSupport) => ({ ...DEFAULT_WATER_HEATER_PARAMS, minRunMinutes, maxRunExcessRatio, hourSupport })),
  ),
);

export interface WaterHeaterOptions extends DetectOptions {
  readonly params?: WaterHeaterParams;
}

export interface HeaterRun {
  readonly date: string;
  /** Local start, HH:MM, and duration in minutes. */
  readonly start: string;
  readonly minutes: number;
}

export interface WaterHeater {
  readonly powerW: number;
  /** 1 on, 0 off, NaN unknown; on the input grid's slots. */
  readonly on: Float64Array;
  readonly runs: readonly HeaterRun[];
  readonly schedule: 'off_peak_relay' | 'own_schedule';
  /** Median start of the first run of the day, HH:MM. */
  readonly usualFirstStart: string | null;
  /** Clock time (10-minute grid) around which runs start on the most days, HH:MM: the relay time when relay-driven. */
  readonly usualStart: string | null;
  readonly kwhPerDay: number;
}

function modeOf(xs: number[], lo: number, hi: number): { mode: number; share: number } {
  const bins = new Float64Array(Math.ceil((hi - lo) / 100));
  for (const x of xs) if (x >= lo && x < hi) bins[Math.floor((x - lo) / 100)]!++;
  let best = -1;
  let bestCount = 0;
  let total = 0;
  for (let b = 0; b < bins.length; b++) {
    total += bins[b]!;
    // smooth over neighbours: a plateau split across two bins still wins
    const c = bins[b]! + 0.5 * ((bins[b - 1] ?? 0) + (bins[b + 1] ?? 0));
    if (c > bestCount) {
      bestCount = c;
      best = b;
    }
  }
  return { mode: best < 0 ? NaN : lo + (best + 0.5) * 100, share: total === 0 ? 0 : bestCount / total };
}

export function detectWaterHeater(g: Grid, opts: WaterHeaterOptions = {}): Outcome<WaterHeater> {
  const prm = opts.params ?? DEFAULT_WATER_HEATER_PARAMS;
  const bad = checkInput(g, { minDays: 2, coarsest: WATER_HEATER_COARSEST, force: opts.force });
  if (bad) return bad;
  if (g.stepMs >= 86_400_000) return none('step_too_coarse', 'a daily value holds no run');
  const base = detectBaseLoad(g, { force: true });
  if (base.status !== 'ok') return base;
  const v = g.values;
  const n = v.length;
  const slotMin = g.stepMs / 60_000;
  const samples: number[] = [];
  for (let i = 1; i < n; i++) {
    const x = v[i]! - base.value.baseW;
    if (x === x && x >= 700) samples.push(x);
  }
  const { mode: P, share } = modeOf(samples, 700, 4000);
  if (!(P > 0)) return none('below_confidence', 'no recurring 0.7–4 kW plateau');
  const on = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const x = v[i]!;
    on[i] = x !== x ? NaN : x - base.value.baseW >= prm.onRatio * P ? 1 : 0;
  }
  keepHeaterRuns(g, on, P, base.value.baseW, prm);
  const runs: HeaterRun[] = [];
  const runStarts: { day: number; minute: number }[] = [];
  const firstStartByDay = new Map<number, number>();
  let onSlots = 0;
  for (let i = 0; i < n; i++) {
    if (on[i] !== 1) continue;
    onSlots++;
    if (i > 0 && on[i - 1] === 1) continue;
    let j = i;
    while (j < n && on[j] === 1) j++;
    const day = dayOf(g, i);
    runs.push({ date: isoDay(day), start: hhmm(minuteOfDay(g, i)), minutes: (j - i) * slotMin });
    runStarts.push({ day, minute: minuteOfDay(g, i) });
    if (!firstStartByDay.has(day)) firstStartByDay.set(day, minuteOfDay(g, i));
  }
  const full = days(g).filter((d) => coverage(v, d.from, d.to) >= 0.8);
  const daysWithRun = full.filter((d) => firstStartByDay.has(d.day)).length;
  const presence = full.length === 0 ? 0 : daysWithRun / full.length;
  const confidence = Math.min(1, presence / 0.6) * Math.min(1, share / 0.15 + 0.3);
  if (!opts.force && confidence < WATER_HEATER_MIN_CONFIDENCE)
    return none(
      'below_confidence',
      `a ${Math.round(P)} W plateau shows on ${Math.round(presence * 100)} % of days only`,
    );
  const starts = [...firstStartByDay.values()];
  const usual = starts.length ? median(starts) : NaN;
  // the relay starts the heater at the same clock time every day: find the densest ±30-minute window of run starts
  // (all runs, not the first of the day: a relay run crossing midnight is the previous day's)
  const startsByDay = new Map<number, number[]>();
  for (const r of runStarts) startsByDay.set(r.day, [...(startsByDay.get(r.day) ?? []), r.minute]);
  let modal = NaN;
  let modalDays = 0;
  for (let c = 0; c < 1440; c += 10) {
    let count = 0;
    for (const list of startsByDay.values())
      if (list.some((m) => Math.min(Math.abs(m - c), 1440 - Math.abs(m - c)) <= 30)) count++;
    if (count > modalDays) {
      modalDays = count;
      modal = c;
    }
  }
  if (modalDays > 0) {
    // refine to the median of the starts inside the best window (the 10-minute scan only bounds it)
    const c = modal;
    const near: number[] = [];
    for (const list of startsByDay.values())
      for (const m of list) if (Math.min(Math.abs(m - c), 1440 - Math.abs(m - c)) <= 30) near.push(m);
    modal = median(near);
  }
  const inOffPeak = modal >= 20 * 60 || modal <= 150 || (modal >= 12 * 60 && modal <= 16.5 * 60);
  const schedule = full.length > 0 && modalDays >= 0.5 * full.length && inOffPeak ? 'off_peak_relay' : 'own_schedule';
  const kwhPerDay = full.length === 0 ? 0 : (onSlots * P * slotMin) / 60 / 1000 / Math.max(1, (n * slotMin) / 1440);
  return ok(
    {
      powerW: Math.round(P),
      on,
      runs,
      schedule,
      usualFirstStart: starts.length ? hhmm(usual) : null,
      usualStart: modalDays > 0 ? hhmm(modal) : null,
      kwhPerDay: Math.round(kwhPerDay * 10) / 10,
    },
    confidence,
  );
}

/** Exposed for tests: the 90th percentile of run lengths (minutes) — long runs are the signature. */
export function runLengthP90(w: WaterHeater): number {
  return quantile(
    w.runs.map((r) => r.minutes),
    0.9,
  );
}
