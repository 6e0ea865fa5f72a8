/**
 * @module reveal/evaluation/out-of-sample
 * Scores every detector out of sample, two ways:
 *
 * - **leave one household out**: for each evaluation household holding a detector's ground truth, the detector's
 *   constants are fitted (./fit.ts, among ./candidates.ts) on the *other* households holding that truth, then the
 *   held-out household is scored with them. A detector with no other household to learn from is run with its defaults.
 * - **time split** for the long households (TIME_SPLITS): constants fitted on the household's first months, scored on
 *   the months after them.
 *
 * The fit is made per detector and per step (a recipient tuning on 30-minute data tunes for 30-minute data). Scores
 * of one candidate on one household at one step are computed once and shared by every fold that needs them (the
 * household's in-sample figure is the same computation with the defaults); a fold's choice reads the training units'
 * scores only.
 */
import { stepMs, type FixedStep } from '../../core/step.ts';
import { coarsen, DAY_MS } from '../grid.ts';
import { segmentRanges, sliceGrid, sliceHousehold, type Household } from './household.ts';
import { scoreStep, type Part, type ResultRow } from './score-step.ts';
import { defaultsOf, type ParamGrid } from './candidates.ts';
import { fitCandidate, objectiveOf } from './fit.ts';

/**
 * Where the long households are cut: constants fitted before `trainTo`, scored from it on. For REFIT the cut falls
 * right after the months the hand-written constants were first tuned on (REFIT_House2 2014-03 … 2014-08,
 * REFIT_House20 2014-04 … 2014-09), so the scored months are months no one had looked at; UCI's six months were all
 * in view, its split measures drift only.
 */
export const TIME_SPLITS: Readonly<Record<string, { readonly trainTo: string }>> = {
  REFIT_House2: { trainTo: '2014-09-01' },
  REFIT_House20: { trainTo: '2014-10-01' },
  'uci-sceaux': { trainTo: '2007-04-01' },
};

export type Split = 'leave_one_household_out' | 'time_split';

export interface OutOfSampleRow extends ResultRow {
  readonly split: Split;
  /**
   * "fitted": chosen on the training fold among the candidates; "a_priori": the detector's defaults; "no_constants":
   * nothing to fit at this step (daily values: a day-level guess with no constant is scored).
   */
  readonly fit: 'fitted' | 'a_priori' | 'no_constants';
  /** Index of the candidate scored (0 for a detector without a grid). */
  readonly candidate: number;
  /** What the constants were fitted on: households, or a household's months ("REFIT_House2 2013-09…2014-08"). */
  readonly trainedOn: readonly string[];
  /** What was scored: the held-out household, or its held-back months. */
  readonly scoredOn: string;
}

/** The detector groups scoreStep scores together (occupancy brings its absent days), in its own order. */
export function groupsOf(h: Household): string[] {
  const out: string[] = [];
  if (h.waterHeater) out.push('water_heater');
  if (h.humanLoad) out.push('routine');
  if (h.occupancy) out.push('occupancy');
  if (h.appliances) out.push(...Object.keys(h.appliances));
  return out;
}

const ONLY: Record<string, ReadonlySet<string>> = { occupancy: new Set(['occupancy', 'absences']) };

/** A household or a stretch of one, with its contiguous segments. */
export interface Unit {
  readonly key: string;
  readonly h: Household;
}

export function unitOf(key: string, h: Household): Unit {
  return { key, h };
}

/** Scores (unit, step, group, candidate) once; the in-sample figures and every fold read from here. */
export class Scorer {
  private readonly parts = new Map<string, Part[]>();
  private readonly segments = new Map<string, { from: number; to: number; h: Household }[]>();
  private readonly memo = new Map<string, ResultRow[]>();
  constructor(private readonly grids: ReadonlyMap<string, ParamGrid>) {}

  partsOf(u: Unit, step: FixedStep): Part[] {
    const key = `${u.key}|${step}`;
    let p = this.parts.get(key);
    if (!p) {
      let segs = this.segments.get(u.key);
      if (!segs) {
        segs = segmentRanges(u.h.load).map(([from, to]) => ({ from, to, h: sliceHousehold(u.h, from, to) }));
        this.segments.set(u.key, segs);
      }
      const g = coarsen(u.h.load, stepMs(step));
      p = segs.map((s) => ({ h: s.h, g: sliceGrid(g, s.from, s.to) }));
      this.parts.set(key, p);
    }
    return p;
  }

  /** The candidate's constants (undefined: the detector's own defaults) and a key that is the same for both. */
  private params(group: string, candidate: number): { params: unknown; key: string } {
    const params = this.grids.get(group)?.candidates[candidate];
    // constants are plain data: a candidate equal to the defaults is the defaults (its scores are the in-sample ones)
    const isDefault = params === undefined || JSON.stringify(params) === JSON.stringify(defaultsOf(group));
    return { params: isDefault ? undefined : params, key: isDefault ? 'default' : String(candidate) };
  }

  /** Every row of the detector group with the candidate's constants: what a held-out unit is scored with. */
  rows(u: Unit, step: FixedStep, group: string, candidate: number): ResultRow[] {
    const { params, key } = this.params(group, candidate);
    return this.rowsWith(u, step, group, params, key, false);
  }

  /** The fit's objective for the candidate on a training unit (NaN when not scored), scored lean. */
  objective(u: Unit, step: FixedStep, group: string, candidate: number): number {
    const { params, key } = this.params(group, candidate);
    const full = this.memo.get(`${u.key}|${step}|${group}|${key}|full`);
    const rows = full ?? this.rowsWith(u, step, group, params, key, true);
    const o = objectiveOf(group);
    const r = rows.find((x) => x.detector === group && x.metric === o.metric);
    return r === undefined || r.notScored ? NaN : r.value;
  }

  private rowsWith(u: Unit, step: FixedStep, group: string, params: unknown, key: string, lean: boolean): ResultRow[] {
    const k = `${u.key}|${step}|${group}|${key}|${lean ? 'lean' : 'full'}`;
    let r = this.memo.get(k);
    if (!r) {
      r = [];
      const only = ONLY[group] ?? new Set([group]);
      const map = params === undefined ? undefined : new Map([...only].map((d) => [d, params]));
      scoreStep(u.h, this.partsOf(u, step), step, 'none', r, only, map, lean);
      this.memo.set(k, r);
    }
    return r;
  }

  /** The unprotected in-sample rows of a whole household at a step: every group with the detectors' defaults. */
  inSample(u: Unit, step: FixedStep): ResultRow[] {
    return groupsOf(u.h).flatMap((group) => this.rowsWith(u, step, group, undefined, 'default', false));
  }

  /** Frees what only one unit needs, once it is done with. */
  forget(u: Unit): void {
    for (const k of [...this.parts.keys()]) if (k.startsWith(`${u.key}|`)) this.parts.delete(k);
    this.segments.delete(u.key);
  }
}

/** The steps a household can be scored at (its native step and coarser ones of the table). */
export function stepsFor(h: Household): FixedStep[] {
  const all: FixedStep[] =
    h.load.stepMs === 60_000 ? ['PT1M', 'PT10M', 'PT30M', 'PT1H', 'P1D'] : ['PT15M', 'PT30M', 'PT1H', 'P1D'];
  return all.filter((s) => stepMs(s) >= h.load.stepMs);
}

/** Constants that a daily series cannot use (timing is gone: a day-level guess is scored) need no fit at P1D. */
const paramsMatter = (group: string, step: FixedStep) =>
  !(stepMs(step) >= DAY_MS && group !== 'occupancy' && group !== 'routine');

const month = (ms: number) => new Date(ms).toISOString().slice(0, 7);
function span(h: Household): string {
  const end = h.load.start + h.load.values.length * h.load.stepMs - 1;
  return `${h.id} ${month(h.load.start)}…${month(end)}`;
}

/**
 * Leave-one-household-out and time-split rows for `households` (all evaluation households at once: a fold's training
 * set spans data sets).
 */
export function outOfSample(
  households: readonly Household[],
  grids: ReadonlyMap<string, ParamGrid>,
  scorer: Scorer = new Scorer(grids),
): OutOfSampleRow[] {
  const units = households.map((h) => unitOf(h.id, h));
  const out: OutOfSampleRow[] = [];
  const allGroups = [...new Set(households.flatMap(groupsOf))];
  const emit = (rows: readonly ResultRow[], extra: Omit<OutOfSampleRow, keyof ResultRow>, household: string) => {
    for (const r of rows) out.push({ ...r, household, ...extra });
  };
  for (const group of allGroups) {
    const grid = grids.get(group);
    const n = grid?.candidates.length ?? 1;
    const fitted = (grid?.fitted ?? false) ? 'fitted' : 'a_priori';
    const holders = units.filter((u) => groupsOf(u.h).includes(group));
    for (const held of holders) {
      for (const step of stepsFor(held.h)) {
        const training = holders.filter((u) => u !== held && stepsFor(u.h).includes(step));
        const fit =
          paramsMatter(group, step) && training.length > 0
            ? fitCandidate(n, training, (u, c) => scorer.objective(u, step, group, c), objectiveOf(group))
            : { index: 0 };
        emit(
          scorer.rows(held, step, group, fit.index),
          {
            split: 'leave_one_household_out',
            fit: !paramsMatter(group, step)
              ? 'no_constants'
              : fitted === 'fitted' && training.length > 0
                ? 'fitted'
                : 'a_priori',
            candidate: fit.index,
            trainedOn: training.map((u) => u.key),
            scoredOn: held.key,
          },
          held.h.id,
        );
      }
    }
  }
  for (const u of units) {
    const cut = TIME_SPLITS[u.h.id];
    if (!cut) continue;
    const at = Date.parse(`${cut.trainTo}T00:00:00Z`);
    const end = u.h.load.start + u.h.load.values.length * u.h.load.stepMs;
    if (!(at > u.h.load.start && at < end)) continue;
    const train = unitOf(`${u.key}<${cut.trainTo}`, sliceHousehold(u.h, u.h.load.start, at));
    const test = unitOf(`${u.key}>=${cut.trainTo}`, sliceHousehold(u.h, at, end));
    for (const group of groupsOf(u.h)) {
      const grid = grids.get(group);
      const n = grid?.candidates.length ?? 1;
      for (const step of stepsFor(u.h)) {
        const matters = paramsMatter(group, step);
        const fit = matters
          ? fitCandidate(n, [train], (t, c) => scorer.objective(t, step, group, c), objectiveOf(group))
          : { index: 0 };
        emit(
          scorer.rows(test, step, group, fit.index),
          {
            split: 'time_split',
            fit: !matters ? 'no_constants' : (grid?.fitted ?? false) ? 'fitted' : 'a_priori',
            candidate: fit.index,
            trainedOn: [span(train.h)],
            scoredOn: span(test.h),
          },
          u.h.id,
        );
      }
    }
    scorer.forget(train);
    scorer.forget(test);
  }
  return out;
}

/** Per detector, step and metric: the spread of the held-out households' values (leave one household out). */
export interface Spread {
  readonly detector: string;
  readonly step: FixedStep;
  readonly metric: string;
  readonly households: number;
  readonly min: number;
  readonly median: number;
  readonly max: number;
}

const SPREAD_METRICS = new Set([
  'f1',
  'precision',
  'recall',
  'mcc',
  'balanced_accuracy',
  'accuracy',
  'wake_mae_min',
  'wake_mae_min_chance',
  'day_f1',
  'day_precision',
  'day_recall',
  'day_mcc',
]);

const r3 = (x: number) => Math.round(x * 1000) / 1000;

export function spreadOf(rows: readonly OutOfSampleRow[]): Spread[] {
  const by = new Map<string, { detector: string; step: FixedStep; metric: string; xs: number[] }>();
  for (const r of rows) {
    if (r.split !== 'leave_one_household_out' || !SPREAD_METRICS.has(r.metric)) continue;
    const key = `${r.detector}|${r.step}|${r.metric}`;
    const e = by.get(key) ?? { detector: r.detector, step: r.step, metric: r.metric, xs: [] };
    if (r.value === r.value && !r.notScored) e.xs.push(r.value);
    by.set(key, e);
  }
  const out: Spread[] = [];
  for (const e of by.values()) {
    if (e.xs.length === 0) continue;
    const xs = [...e.xs].sort((a, b) => a - b);
    const mid = xs.length >> 1;
    const median = xs.length % 2 ? xs[mid]! : (xs[mid - 1]! + xs[mid]!) / 2;
    out.push({
      detector: e.detector,
      step: e.step,
      metric: e.metric,
      households: xs.length,
      min: r3(xs[0]!),
      median: r3(median),
      max: r3(xs[xs.length - 1]!),
    });
  }
  return out;
}
