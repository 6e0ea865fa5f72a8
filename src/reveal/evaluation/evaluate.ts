/**
 * @module reveal/evaluation/evaluate
 * Runs every detector that has ground truth in a household at every step (and after Laplace noise), and scores it.
 * Detectors are run with `force` so the figure is what a recipient trying anyway would get; `declined` records
 * whether the detector would have shown nothing to the household at that step.
 */
import { stepMs, type FixedStep } from '../../core/step.ts';
import { coarsen, expandTo, median, days, minuteOfDay, DAY_MS, type Grid } from '../grid.ts';
import { confusion, f1, mcc, balancedAccuracy, precision, accuracy, nde, eventF1 } from '../metrics.ts';
import { detectWaterHeater } from '../waterheater.ts';
import { detectOccupancy, detectAbsences } from '../absence.ts';
import { detectRoutine } from '../routine.ts';
import { detectAppliance, APPLIANCES, type ApplianceName } from '../appliances.ts';
import { addLaplaceNoise, billError } from '../protect.ts';
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
}

/** On-thresholds of the ground truth (inference.md §1.4, DeviceScope conventions). */
const TRUTH_ON_W: Record<string, number> = {
  kettle: 500,
  microwave: 200,
  electric_shower: 1000,
  dishwasher: 20,
  washing_machine: 20,
};
export const NOISE_SCALES_W = [100, 300, 1000] as const;

function stepsFor(g: Grid): FixedStep[] {
  const all: FixedStep[] =
    g.stepMs === 60_000 ? ['PT1M', 'PT10M', 'PT30M', 'PT1H', 'P1D'] : ['PT15M', 'PT30M', 'PT1H', 'P1D'];
  return all.filter((s) => stepMs(s) >= g.stepMs);
}

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
  withEvents = false,
): void {
  const c = confusion(pred, truth);
  push(detector, 'f1', f1(c));
  push(detector, 'mcc', mcc(c));
  push(detector, 'balanced_accuracy', balancedAccuracy(c));
  push(detector, 'precision', precision(c));
  if (withEvents) push(detector, 'event_f1', eventF1(pred, truth).f1);
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

function scoreStep(
  h: Household,
  g: Grid,
  step: FixedStep,
  protection: string,
  rows: ResultRow[],
  only?: ReadonlySet<string>,
): void {
  const fine = h.load;
  const daily = g.stepMs >= DAY_MS;
  const want = (d: string) => !only || only.has(d);
  const declinedOf = new Map<string, boolean>();
  const push = (detector: string, metric: string, value: number) =>
    rows.push({
      household: h.id,
      detector,
      step,
      metric,
      value: Math.round(value * 1000) / 1000,
      protection,
      declined: declinedOf.get(detector) ?? false,
    });

  if (h.waterHeater && want('water_heater')) {
    const heater = h.waterHeater;
    const pTrue = median(heater.filter((x) => x > 600));
    declinedOf.set('water_heater', detectWaterHeater(g).status !== 'ok');
    if (daily) {
      binaryRows(
        push,
        'water_heater',
        dayLevelGuess(g, fine),
        heater.map((x) => (x !== x ? NaN : x >= pTrue / 2 ? 1 : 0)),
      );
    } else {
      const truth = coarsen({ ...fine, values: heater }, g.stepMs).values.map((x) =>
        x !== x ? NaN : x >= pTrue / 2 ? 1 : 0,
      );
      const r = detectWaterHeater(g, { force: true });
      binaryRows(push, 'water_heater', r.status === 'ok' ? r.value.on : new Float64Array(g.values.length), truth);
    }
  }
  if (h.humanLoad && want('routine')) {
    const proxy = proxyWakes(h);
    declinedOf.set('routine', detectRoutine(g).status !== 'ok');
    const r = detectRoutine(g, { force: true });
    const usual = median([...proxy.values()]);
    let err = 0;
    let base = 0;
    let n = 0;
    if (r.status === 'ok') {
      for (const d of r.value.days) {
        const p = proxy.get(Math.floor(Date.parse(d.date) / DAY_MS));
        if (p === undefined || d.wakeMin === null) continue;
        err += Math.abs(d.wakeMin - p);
        base += Math.abs(usual - p);
        n++;
      }
    }
    push('routine', 'wake_mae_min', n ? err / n : NaN);
    push('routine', 'wake_mae_min_chance', n ? base / n : NaN);
    push('routine', 'days_scored', n);
  }
  if (h.occupancy && want('occupancy')) {
    declinedOf.set('occupancy', detectOccupancy(g).status !== 'ok');
    const r = detectOccupancy(g, { force: true });
    const pred =
      r.status === 'ok'
        ? expandTo(r.value.occupied, g, h.occupancy, h.occupancy.values.length)
        : new Float64Array(h.occupancy.values.length).fill(1);
    const c = confusion(pred, h.occupancy.values);
    push('occupancy', 'balanced_accuracy', balancedAccuracy(c));
    push('occupancy', 'mcc', mcc(c));
    push('occupancy', 'accuracy', accuracy(c));
    if (protection === 'none' && want('absences')) {
      // ground truth absent day: every known 15-min slot unoccupied (≥ 80 % known)
      const truthDays = new Map<number, number>();
      for (const d of days(h.occupancy)) {
        let known = 0;
        let occ = 0;
        for (let i = d.from; i < d.to; i++)
          if (h.occupancy.values[i] === h.occupancy.values[i]) {
            known++;
            occ += h.occupancy.values[i]!;
          }
        if (known >= 0.8 * (d.to - d.from)) truthDays.set(d.day, occ === 0 ? 1 : 0);
      }
      const a = detectAbsences(g, { force: true });
      const pred: number[] = [];
      const truth: number[] = [];
      for (const [day, t] of truthDays) {
        if (a.status !== 'ok' || !a.value.byDay.has(day)) continue;
        pred.push(a.value.byDay.get(day)!);
        truth.push(t);
      }
      declinedOf.set('absences', detectAbsences(g).status !== 'ok');
      const ca = confusion(pred, truth);
      push('absences', 'days_scored', pred.length);
      push('absences', 'true_absent_days', truth.filter((x) => x === 1).length);
      push('absences', 'false_absent_days', ca.fp);
      push('absences', 'found_absent_days', ca.tp);
    }
  }
  if (h.appliances) {
    for (const [name, truthW] of Object.entries(h.appliances)) {
      if (!(name in APPLIANCES) || !want(name)) continue;
      const truth = truthW.map((x) => (x !== x ? NaN : x > TRUTH_ON_W[name]! ? 1 : 0));
      declinedOf.set(name, detectAppliance(g, name as ApplianceName).status !== 'ok');
      if (daily) {
        binaryRows(push, name, dayLevelGuess(g, fine), truth);
        continue;
      }
      const r = detectAppliance(g, name as ApplianceName, { force: true });
      const power =
        r.status === 'ok' ? expandTo(r.value.power, g, fine, fine.values.length) : new Float64Array(fine.values.length);
      const pred = power.map((x) => (x !== x ? NaN : x > 0 ? 1 : 0));
      binaryRows(push, name, pred, truth, true);
      push(name, 'nde', nde(power, truthW));
    }
  }
}

export interface EvalOptions {
  readonly seed: number;
  readonly noise: boolean;
}

/** All rows for one household: every step, then Laplace noise at PT30M (and at its native 1-minute step). */
export function evaluateHousehold(h: Household, opts: EvalOptions): ResultRow[] {
  const rows: ResultRow[] = [];
  for (const step of stepsFor(h.load)) {
    const g = coarsen(h.load, stepMs(step));
    scoreStep(h, g, step, 'none', rows);
    const bill = billError(h.load, g);
    rows.push({
      household: h.id,
      detector: 'bill',
      step,
      metric: 'day_energy_mape',
      value: Math.round(bill.dayMape * 1e5) / 1e5,
      protection: 'none',
      declined: false,
    });
  }
  if (!opts.noise) return rows;
  const headline = new Set(['water_heater', 'occupancy', 'routine', 'kettle', 'dishwasher']);
  const noiseSteps: FixedStep[] = h.load.stepMs === 60_000 ? ['PT1M', 'PT30M'] : ['PT30M'];
  for (const step of noiseSteps) {
    const g = coarsen(h.load, stepMs(step));
    for (const b of NOISE_SCALES_W) {
      const label = `laplace_b=${b}W`;
      const noisy = addLaplaceNoise(g, b, opts.seed + b);
      scoreStep(h, noisy, step, label, rows, headline);
      const bill = billError(g, noisy);
      rows.push({
        household: h.id,
        detector: 'bill',
        step,
        metric: 'day_energy_mape',
        value: Math.round(bill.dayMape * 1e5) / 1e5,
        protection: label,
        declined: false,
      });
      rows.push({
        household: h.id,
        detector: 'bill',
        step,
        metric: 'month_energy_mape',
        value: Math.round(bill.monthMape * 1e5) / 1e5,
        protection: label,
        declined: false,
      });
    }
  }
  return rows;
}
