/**
 * @module reveal/routine
 * Daily routine: estimated wake-up and bedtime per day, from the rise and fall of activity above the standby base.
 *
 * For each local day: the night (02:00–04:00) must be quiet (≤ 30 % active slots), otherwise something automatic
 * runs at night (off-peak heater, heating) and the day is skipped rather than guessed. Wake-up = start of the first
 * slot between 04:00 and 13:00 above both the activity threshold and the night's own peak (01:00–04:00) plus the
 * margin, followed by an active slot within the hour (fridge and freezer cycles already show at night; the bar is
 * capped at threshold + 2 margins so that one busy night does not hide the next morning; from 30-minute slots on,
 * one slot above the bar is enough). Bedtime = end of the last active slot between 19:00 and 03:00 after which the
 * home stays quiet until 04:00. Coarsest step: PT1H (± half a slot); at P1D there is no time of day left, so nothing is
 * returned.
 * Confidence = share of days for which an estimate exists; below 0.3 nothing is returned.
 */
import { days, coverage, median, hhmm, isoDay, type Grid } from './grid.ts';
import { detectBaseLoad } from './baseload.ts';
import { checkInput, ok, none, type DetectOptions, type Outcome } from './outcome.ts';
import type { FixedStep } from '../core/step.ts';

export const ROUTINE_COARSEST: FixedStep = 'PT1H';
export const ROUTINE_MIN_CONFIDENCE = 0.3;

export interface DayRoutine {
  readonly date: string;
  /** Minutes after local midnight; null when that day gives no reliable estimate. */
  readonly wakeMin: number | null;
  /** Minutes after local midnight of that date (may exceed 1440 when past midnight); null when unknown. */
  readonly bedMin: number | null;
}

export interface Routine {
  readonly days: readonly DayRoutine[];
  /** Median wake-up and bedtime as HH:MM, null when no day had one. */
  readonly usualWake: string | null;
  readonly usualBed: string | null;
}

export function detectRoutine(g: Grid, opts: DetectOptions = {}): Outcome<Routine> {
  const bad = checkInput(g, { minDays: 1, coarsest: ROUTINE_COARSEST, force: opts.force });
  if (bad) return bad;
  if (g.stepMs >= 86_400_000) return none('step_too_coarse', 'a daily value holds no time of day');
  const base = detectBaseLoad(g, { force: true });
  if (base.status !== 'ok') return base;
  const thr = base.value.activeAboveW;
  const v = g.values;
  const slotMin = g.stepMs / 60_000;
  const perHour = 60 / slotMin;
  const act = (i: number) => (i >= 0 && i < v.length && v[i]! > thr ? 1 : 0);
  const out: DayRoutine[] = [];
  for (const d of days(g)) {
    if (coverage(v, d.from, d.to) < 0.8) continue;
    const at = (minutes: number) => d.from + Math.floor(minutes / slotMin);
    let nightActive = 0;
    let nightKnown = 0;
    for (let i = at(120); i < at(240); i++)
      if (v[i] === v[i]) {
        nightKnown++;
        nightActive += act(i);
      }
    if (nightKnown === 0 || nightActive > 0.3 * nightKnown) {
      out.push({ date: isoDay(d.day), wakeMin: null, bedMin: null });
      continue;
    }
    // what runs by itself at night (fridge, freezer, boxes) sets the bar: waking shows as more than the night's peak
    let nightPeak = 0;
    for (let i = at(60); i < at(240); i++) if (v[i]! > nightPeak) nightPeak = v[i]!;
    const margin = thr - base.value.baseW;
    // capped: one busy night (a late film, a heater cycle) must not hide the whole next morning
    const wakeBar = Math.min(Math.max(thr, nightPeak + margin), thr + 2 * margin);
    const up = (i: number) => (i >= 0 && i < v.length && v[i]! > wakeBar ? 1 : 0);
    let wakeMin: number | null = null;
    for (let i = at(240); i < at(780); i++) {
      if (!up(i)) continue;
      let more = 0;
      for (let k = 1; k <= Math.max(1, perHour); k++) more += act(i + k);
      // from 30-minute slots on, one slot above the bar is already half an hour of activity
      if (more >= 1 || slotMin >= 30) {
        wakeMin = (i - d.from) * slotMin;
        break;
      }
    }
    let bedMin: number | null = null;
    const nextNight = d.to + Math.floor(240 / slotMin);
    for (let i = Math.min(v.length, d.to + Math.floor(180 / slotMin)) - 1; i >= at(19 * 60); i--) {
      if (act(i)) {
        let quietAfter = true;
        for (let k = i + 1; k < Math.min(nextNight, v.length); k++) if (act(k)) quietAfter = false;
        if (quietAfter) bedMin = (i + 1 - d.from) * slotMin;
        break;
      }
    }
    out.push({ date: isoDay(d.day), wakeMin, bedMin });
  }
  const wakes = out.flatMap((r) => (r.wakeMin === null ? [] : [r.wakeMin]));
  const beds = out.flatMap((r) => (r.bedMin === null ? [] : [r.bedMin]));
  const confidence = out.length === 0 ? 0 : wakes.length / out.length;
  if (!opts.force && confidence < ROUTINE_MIN_CONFIDENCE)
    return none('below_confidence', `a wake-up time shows on ${wakes.length} of ${out.length} days only`);
  return ok(
    {
      days: out,
      usualWake: wakes.length ? hhmm(median(wakes)) : null,
      usualBed: beds.length ? hhmm(median(beds)) : null,
    },
    confidence,
  );
}
