/**
 * @module reveal/evaluation/score-step
 * Scores every detector that has ground truth in a household at one step, over the household's contiguous segments.
 * Detectors are run with `force` so the figure is what a recipient trying anyway would get; `declined` records
 * whether the detector would have shown nothing to the household at that step.
 */
import { stepMs, type FixedStep } from '../../core/step.ts';
import { expandTo, median, days, minuteOfDay, coarsen, DAY_MS, type Grid } from '../grid.ts';
import {
  confusion,
  f1,
  mcc,
  balancedAccuracy,
  precision,
  recall,
  accuracy,
  nde,
  eventF1,
  type Confusion,
} from '../metrics.ts';
import { detectWaterHeater } from '../waterheater.ts';
import { detectOccupancy, detectAbsences } from '../absence.ts';
import { detectRoutine } from '../routine.ts';
import { detectAppliance, APPLIANCES, type ApplianceName } from '../appliances.ts';
import type { DetectOptions } from '../outcome.ts';
import type { Household } from './household.ts';

export interface ResultRow {
  readonly household: string;
  readonly detector: string;
  readonly step: FixedStep;
  readonly metric: string;
  readonly value: number;
  /** "none", "laplace_b=300W". */
  readonly protection: string;
  /** True when the detector, unforced, would show nothing to the household at this step. */
  readonly declined: boolean;
  /**
   * Set when the detector, even forced, answered nothing on every segment of the household at this step (the reason,
   * e.g. "not_enough_data"): the value is then NaN (null in figures.json) and the figure is "not scored", not a zero.
   */
  readonly notScored?: string;
}

/** On-thresholds of the ground truth (inference.md §1.4, DeviceScope conventions). */
const TRUTH_ON_W: Record<string, number> = {
  kettle: 500,
  microwave: 200,
  electric_shower: 1000,
  dishwasher: 20,
  washing_machine: 20,
};
/** The best a recipient of daily values can do about timing: "on" all day on days above the household's median. */
function dayLevelGuess(daily: Grid, fine: Grid): Float64Array {
  const m = median(daily.values);
  const flag = daily.values.map((x) => (x !== x ? NaN : x > m ? 1 : 0));
  return expandTo(flag, daily, fine, fine.values.length);
}

function binaryRows(
  push: (detector: string, metric: string, value: number) => void,
  detector: string,
  pred: ArrayLike<number>,
  truth: ArrayLike<number>,
  withEvents: boolean,
  withRecall: boolean,
): void {
  confusionRows(push, detector, confusion(pred, truth), withRecall);
  if (withEvents) push(detector, 'event_f1', eventF1(pred, truth).f1);
}

function confusionRows(
  push: (detector: string, metric: string, value: number) => void,
  detector: string,
  c: Confusion,
  withRecall: boolean,
): void {
  push(detector, 'f1', f1(c));
  push(detector, 'mcc', mcc(c));
  push(detector, 'balanced_accuracy', balancedAccuracy(c));
  push(detector, 'precision', precision(c));
  if (withRecall) push(detector, 'recall', recall(c));
}

/**
 * Per slot of a released grid, the minutes of the fine truth it covers that are known, and of those the ones on:
 * the same minute-to-slot mapping as `expandTo`, so a confusion summed per slot equals the per-minute one.
 */
const slotCountCache = new WeakMap<Grid, Map<string, { known: Uint32Array; on: Uint32Array }>>();
function slotCounts(g: Grid, fine: Grid, key: string, truth: Float64Array): { known: Uint32Array; on: Uint32Array } {
  let m = slotCountCache.get(g);
  if (!m) slotCountCache.set(g, (m = new Map()));
  let c = m.get(key);
  if (!c) {
    c = { known: new Uint32Array(g.values.length), on: new Uint32Array(g.values.length) };
    for (let i = 0; i < truth.length; i++) {
      const t = truth[i]!;
      if (t !== t) continue;
      const k = Math.floor((fine.start + i * fine.stepMs - g.start) / g.stepMs);
      if (k < 0 || k >= g.values.length) continue;
      c.known[k]!++;
      if (t > 0.5) c.on[k]!++;
    }
    m.set(key, c);
  }
  return c;
}

/** Adds to `c` the per-minute confusion of a per-slot power estimate (on when > 0, unknown when NaN). */
function addSlotConfusion(c: Confusion, power: Float64Array, counts: { known: Uint32Array; on: Uint32Array }): void {
  for (let k = 0; k < power.length; k++) {
    const p = power[k]!;
    if (p !== p) continue;
    const on = counts.on[k]!;
    const off = counts.known[k]! - on;
    if (p > 0) {
      c.tp += on;
      c.fp += off;
    } else {
      c.fn += on;
      c.tn += off;
    }
  }
}

/**
 * Day-level facts a recipient of daily values could still state: on which days the appliance ran (truth: on at least
 * one minute of the day; guess: the day's energy above the household's median day). Scored per day, not per minute.
 */
function dayRows(
  push: (detector: string, metric: string, value: number) => void,
  detector: string,
  daily: readonly Grid[],
  fine: readonly Grid[],
  truthOn: readonly ArrayLike<number>[],
): void {
  const pred: number[] = [];
  const truth: number[] = [];
  for (let k = 0; k < daily.length; k++) {
    const d = daily[k]!;
    const m = median(d.values);
    const f = fine[k]!;
    const on = truthOn[k]!;
    for (let i = 0; i < d.values.length; i++) {
      const x = d.values[i]!;
      if (x !== x) continue;
      const from = Math.max(0, Math.round((d.start + i * d.stepMs - f.start) / f.stepMs));
      const to = Math.min(on.length, Math.round((d.start + (i + 1) * d.stepMs - f.start) / f.stepMs));
      let known = 0;
      let ran = 0;
      for (let j = from; j < to; j++) {
        const t = on[j]!;
        if (t !== t) continue;
        known++;
        if (t > 0.5) ran = 1;
      }
      if (known < 0.8 * (to - from) || to <= from) continue;
      pred.push(x > m ? 1 : 0);
      truth.push(ran);
    }
  }
  const c = confusion(pred, truth);
  push(detector, 'day_f1', f1(c));
  push(detector, 'day_precision', precision(c));
  push(detector, 'day_recall', recall(c));
  push(detector, 'day_mcc', mcc(c));
  push(detector, 'days_scored', pred.length);
  push(detector, 'days_on', truth.filter((x) => x === 1).length);
}

/**
 * The options a detector is run with: forced, with the constants a fitting step chose for it (none: its defaults).
 * Typed as the shared options so this compiles whether or not a detector declares `params` yet; a detector that does
 * not read them runs with its defaults.
 */
function withParams(params: unknown): DetectOptions {
  return (params === undefined ? { force: true } : { force: true, params }) as DetectOptions;
}

/**
 * Ground truth on/off series depend on the household part only, not on the constants a fit tries: computed once per
 * part (the fit scores up to 16 candidates on the same parts).
 */
const truthCache = new WeakMap<Household, Map<string, Float64Array>>();
function truthOf(h: Household, key: string, make: () => Float64Array): Float64Array {
  let m = truthCache.get(h);
  if (!m) truthCache.set(h, (m = new Map()));
  let t = m.get(key);
  if (!t) m.set(key, (t = make()));
  return t;
}

/** Wake-up proxy per local day: first minute 04:00–13:00 with a person-operated load above 200 W. */
function proxyWakes(h: Household): Map<number, number> {
  const out = new Map<number, number>();
  const hl = h.humanLoad!;
  for (const d of days(h.load)) {
    for (let i = d.from + 240; i < d.from + 780 && i < hl.length; i++) {
      if (hl[i]! > 200) {
        out.set(d.day, minuteOfDay(h.load, i));
        break;
      }
    }
  }
  return out;
}

/** One contiguous segment of a household: its fine-grained data and the series released at the step scored. */
export interface Part {
  readonly h: Household;
  readonly g: Grid;
}

/** Per-segment series joined for scoring; a NaN between segments keeps an event from spanning two of them. */
function joined(xs: readonly ArrayLike<number>[]): Float64Array {
  const out = new Float64Array(xs.reduce((s, x) => s + x.length + 1, 0)).fill(NaN);
  let at = 0;
  for (const x of xs) {
    out.set(x, at);
    at += x.length + 1;
  }
  return out;
}

/**
 * Scores one step over the household's segments. `params`: per detector, the constants to run it with (else its
 * defaults). `lean` (a fit trying candidates): leaves out what a fit does not read — whether the detector would have
 * declined (rows say false), event F1 and NDE. A forced detector still answers "nothing" when a segment holds too
 * little data; that segment is left out, and a detector left out of every segment gets rows with a null value and
 * `notScored` (an all-off prediction scored against the truth would read as a detector that finds nothing).
 */
export function scoreStep(
  h: Household,
  parts: readonly Part[],
  step: FixedStep,
  protection: string,
  rows: ResultRow[],
  only?: ReadonlySet<string>,
  params?: ReadonlyMap<string, unknown>,
  lean = false,
): void {
  const daily = stepMs(step) >= DAY_MS;
  const want = (d: string) => !only || only.has(d);
  const opts = (detector: string) => withParams(params?.get(detector));
  // recall and the day-level facts are new rows: only on unprotected figures, so the protected rows keep their shape
  const plain = protection === 'none';
  const declinedOf = new Map<string, boolean>();
  const notScoredOf = new Map<string, string>();
  const push = (detector: string, metric: string, value: number) => {
    const notScored = notScoredOf.get(detector);
    rows.push({
      household: h.id,
      detector,
      step,
      metric,
      value: notScored ? NaN : Math.round(value * 1000) / 1000,
      protection,
      declined: declinedOf.get(detector) ?? false,
      ...(notScored && { notScored }),
    });
  };
  /** Runs `score` on each segment (it returns false when the forced detector declined there) and records the
   * detector's declined / not-scored state over the segments it scored. */
  const over = (detector: string, declined: (p: Part) => boolean, score: (p: Part) => string | null) => {
    const reasons: string[] = [];
    const declines: boolean[] = [];
    for (const p of parts) {
      const reason = score(p);
      if (reason !== null) reasons.push(reason);
      else declines.push(lean ? false : declined(p));
    }
    if (declines.length === 0) notScoredOf.set(detector, reasons[0] ?? 'not_enough_data');
    declinedOf.set(detector, declines.length === 0 || declines.every(Boolean));
  };

  if (h.waterHeater && want('water_heater')) {
    const pTrue = median(h.waterHeater.filter((x) => x > 600));
    const onOff = (x: number) => (x !== x ? NaN : x >= pTrue / 2 ? 1 : 0);
    const pred: ArrayLike<number>[] = [];
    const truth: ArrayLike<number>[] = [];
    over(
      'water_heater',
      (p) => detectWaterHeater(p.g).status !== 'ok',
      (p) => {
        const heater = p.h.waterHeater!;
        if (daily) {
          if (!p.g.values.some((x) => x === x)) return 'not_enough_data'; // no complete day in this segment
          pred.push(dayLevelGuess(p.g, p.h.load));
          truth.push(truthOf(p.h, 'water_heater|day', () => heater.map(onOff)));
          return null;
        }
        const r = detectWaterHeater(p.g, opts('water_heater'));
        if (r.status !== 'ok') return r.reason;
        pred.push(r.value.on);
        truth.push(
          truthOf(p.h, `water_heater|${p.g.stepMs}`, () =>
            coarsen({ ...p.h.load, values: heater }, p.g.stepMs).values.map(onOff),
          ),
        );
        return null;
      },
    );
    binaryRows(push, 'water_heater', joined(pred), joined(truth), false, plain);
  }
  if (h.humanLoad && want('routine')) {
    const usual = median([...proxyWakes(h).values()]);
    let err = 0;
    let base = 0;
    let n = 0;
    over(
      'routine',
      (p) => detectRoutine(p.g).status !== 'ok',
      (p) => {
        const r = detectRoutine(p.g, opts('routine'));
        if (r.status !== 'ok') return r.reason;
        const proxy = proxyWakes(p.h);
        for (const d of r.value.days) {
          const w = proxy.get(Math.floor(Date.parse(d.date) / DAY_MS));
          if (w === undefined || d.wakeMin === null) continue;
          err += Math.abs(d.wakeMin - w);
          base += Math.abs(usual - w);
          n++;
        }
        return null;
      },
    );
    push('routine', 'wake_mae_min', n ? err / n : NaN);
    push('routine', 'wake_mae_min_chance', n ? base / n : NaN);
    push('routine', 'days_scored', n);
  }
  if (h.occupancy && want('occupancy')) {
    const pred: ArrayLike<number>[] = [];
    const truth: ArrayLike<number>[] = [];
    over(
      'occupancy',
      (p) => detectOccupancy(p.g).status !== 'ok',
      (p) => {
        const r = detectOccupancy(p.g, opts('occupancy'));
        if (r.status !== 'ok') return r.reason;
        const occ = p.h.occupancy!;
        pred.push(expandTo(r.value.occupied, p.g, occ, occ.values.length));
        truth.push(occ.values);
        return null;
      },
    );
    const c = confusion(joined(pred), joined(truth));
    push('occupancy', 'balanced_accuracy', balancedAccuracy(c));
    push('occupancy', 'mcc', mcc(c));
    push('occupancy', 'accuracy', accuracy(c));
    if (protection === 'none' && want('absences')) {
      const pred: number[] = [];
      const truth: number[] = [];
      over(
        'absences',
        (p) => detectAbsences(p.g).status !== 'ok',
        (p) => {
          const a = detectAbsences(p.g, opts('absences'));
          if (a.status !== 'ok') return a.reason;
          // ground truth absent day: every known 15-min slot unoccupied (≥ 80 % known)
          const occ = p.h.occupancy!;
          for (const d of days(occ)) {
            let known = 0;
            let on = 0;
            for (let i = d.from; i < d.to; i++)
              if (occ.values[i] === occ.values[i]) {
                known++;
                on += occ.values[i]!;
              }
            if (known < 0.8 * (d.to - d.from) || !a.value.byDay.has(d.day)) continue;
            pred.push(a.value.byDay.get(d.day)!);
            truth.push(on === 0 ? 1 : 0);
          }
          return null;
        },
      );
      const ca = confusion(pred, truth);
      push('absences', 'days_scored', pred.length);
      push('absences', 'true_absent_days', truth.filter((x) => x === 1).length);
      push('absences', 'false_absent_days', ca.fp);
      push('absences', 'found_absent_days', ca.tp);
    }
  }
  if (h.appliances) {
    for (const name of Object.keys(h.appliances)) {
      // the loaders map every ground-truth column to a detector name or refuse the file: another name is a bug
      if (!(name in APPLIANCES)) throw new RangeError(`no appliance detector named ${JSON.stringify(name)}`);
      if (!want(name)) continue;
      const app = name as ApplianceName;
      const onOff = (x: number) => (x !== x ? NaN : x > TRUTH_ON_W[name]! ? 1 : 0);
      const pred: ArrayLike<number>[] = [];
      const power: ArrayLike<number>[] = [];
      const truth: ArrayLike<number>[] = [];
      const truthW: ArrayLike<number>[] = [];
      const dailyGrids: Grid[] = [];
      const fineGrids: Grid[] = [];
      const leanC: Confusion = { tp: 0, fp: 0, tn: 0, fn: 0 };
      over(
        name,
        (p) => detectAppliance(p.g, app).status !== 'ok',
        (p) => {
          const w = p.h.appliances![name]!;
          if (daily) {
            if (!p.g.values.some((x) => x === x)) return 'not_enough_data'; // no complete day in this segment
            pred.push(dayLevelGuess(p.g, p.h.load));
            truth.push(truthOf(p.h, name, () => w.map(onOff)));
            dailyGrids.push(p.g);
            fineGrids.push(p.h.load);
            return null;
          }
          const r = detectAppliance(p.g, app, opts(name));
          if (r.status !== 'ok') return r.reason;
          if (lean) {
            // a fit reads F1 only: count per slot instead of expanding to minutes (same confusion)
            addSlotConfusion(
              leanC,
              r.value.power,
              slotCounts(
                p.g,
                p.h.load,
                name,
                truthOf(p.h, name, () => w.map(onOff)),
              ),
            );
            return null;
          }
          const pw = expandTo(r.value.power, p.g, p.h.load, p.h.load.values.length);
          power.push(pw);
          pred.push(pw.map((x) => (x !== x ? NaN : x > 0 ? 1 : 0)));
          truth.push(truthOf(p.h, name, () => w.map(onOff)));
          truthW.push(w);
          return null;
        },
      );
      if (lean && !daily) confusionRows(push, name, leanC, plain);
      else binaryRows(push, name, joined(pred), joined(truth), !daily && !lean, plain);
      if (!daily && !lean) push(name, 'nde', nde(joined(power), joined(truthW)));
      else if (plain) dayRows(push, name, dailyGrids, fineGrids, truth);
    }
  }
}
