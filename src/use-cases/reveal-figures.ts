/**
 * @module use-cases/reveal-figures
 * The table "what each step reveals about you": our measured figures from the evaluation (`src/reveal/figures.json`,
 * written by `npm run eval`, shipped as it is) per inference and step, with the published anchor beside them. Only
 * out-of-sample figures: each household scored with constants fitted on the other households (leave one household
 * out), with their spread over the households and a verdict per step — still inferable, weak, or at chance — and at
 * the daily step the day-level facts that still show.
 * Pure: the figures document in, a small JSON-able table out (the page never sees the 1,000-row file).
 */
import type { FixedStep } from '../core/step.ts';

export interface FigureRowIn {
  readonly household: string;
  readonly detector: string;
  readonly step: string;
  readonly metric: string;
  /** null where the detector declined to answer (figures.json writes it so). */
  readonly value: number | null;
  readonly protection: string;
  readonly declined: boolean;
  readonly anchor?: { readonly text: string; readonly source: string; readonly low: number; readonly high: number };
  /** Out-of-sample rows: whether the constants were fitted on the other households or fixed a priori. */
  readonly fit?: string;
}

export interface FiguresDoc {
  readonly seed: number;
  readonly datasets: readonly string[];
  readonly results: readonly FigureRowIn[];
}

/** One measured value for one evaluated household; `declined`: the household would be shown nothing at that step (value
 * null when nothing was measured).
 */
export interface StepValue {
  readonly household: string;
  readonly value: number | null;
  readonly declined: boolean;
}

/** min / median / max over the held-out households. */
export interface Spread {
  readonly min: number;
  readonly median: number;
  readonly max: number;
  readonly households: number;
}

/**
 * What a step leaves of an inference, from the held-out households' median: `inferable` (MCC ≥ 0.3, or a wake-up
 * error at most half the household's chance error), `weak` (MCC ≥ 0.1, or at most 0.8 of chance), `chance` (below),
 * `not_measured`.
 */
export type Verdict = 'inferable' | 'weak' | 'chance' | 'not_measured';

export interface StepCell {
  readonly values: readonly StepValue[];
  /** Chance level for the same households (routine only: the error of always answering the household's median). */
  readonly chance?: readonly StepValue[];
  /** Spread of `values` over the held-out households. */
  readonly spread?: Spread;
  /** Spread of precision and recall (rows in F1). */
  readonly precision?: Spread;
  readonly recall?: Spread;
  readonly verdict: Verdict;
  /**
   * "fitted" when the constants were chosen on the other households, "a_priori" when the defaults were scored,
   * "no_constants" when the step leaves nothing to set (a day-level guess).
   */
  readonly fit: 'fitted' | 'a_priori' | 'no_constants';
}

/** A fact about days that daily values still give away (or not), measured per day on the held-out households. */
export interface DailyFact {
  readonly fact: 'washing_machine_days' | 'dishwasher_days' | 'empty_days';
  readonly verdict: Verdict;
  /** Day-level MCC, precision and recall (appliance days). */
  readonly mcc?: Spread;
  readonly precision?: Spread;
  readonly recall?: Spread;
  /** Empty days: how many the households had, how many were found, how many ordinary days were called empty. */
  readonly days?: { readonly scored: number; readonly truly: number; readonly found: number; readonly wrong: number };
}

/**
 * A published figure to compare with ours, the metric it is stated in and the step(s) where the evaluation set it.
 * `text` is the evaluation's English note; pages write the figure in their own language from `low`–`high` (one
 * published range compared at several steps is one anchor), and `households` says whose figures it sits beside.
 */
export interface Anchor {
  readonly text: string;
  readonly source: string;
  readonly metric: string;
  readonly low: number;
  readonly high: number;
  readonly steps: readonly string[];
  readonly households: readonly string[];
}

export interface StepTableRow {
  readonly inference: string;
  readonly metric: string;
  /** Higher is better (F1, balanced accuracy) or lower is better (minutes of error). */
  readonly better: 'higher' | 'lower';
  readonly cells: Partial<Record<FixedStep, StepCell>>;
  readonly anchors: readonly Anchor[];
}

export interface StepTable {
  readonly seed: number;
  readonly datasets: readonly string[];
  /** How the figures were made: each household scored with constants fitted on the others. */
  readonly method: 'leave_one_household_out';
  readonly steps: readonly FixedStep[];
  readonly rows: readonly StepTableRow[];
  /** At the daily step, the day-level facts. */
  readonly daily: readonly DailyFact[];
}

/** The steps of the table and which figure of the evaluation answers each inference: data, not code. */
export const TABLE_STEPS: readonly FixedStep[] = ['PT1M', 'PT10M', 'PT30M', 'PT1H', 'P1D'];
const ROWS: readonly {
  inference: string;
  detector: string;
  metric: string;
  better: 'higher' | 'lower';
  chance?: string;
  anchorMetric?: string;
}[] = [
  { inference: 'routine', detector: 'routine', metric: 'wake_mae_min', better: 'lower', chance: 'wake_mae_min_chance' },
  {
    inference: 'occupancy',
    detector: 'occupancy',
    metric: 'balanced_accuracy',
    better: 'higher',
    anchorMetric: 'accuracy',
  },
  { inference: 'water_heater', detector: 'water_heater', metric: 'f1', better: 'higher', anchorMetric: 'precision' },
  { inference: 'kettle', detector: 'kettle', metric: 'f1', better: 'higher' },
  { inference: 'dishwasher', detector: 'dishwasher', metric: 'f1', better: 'higher' },
  { inference: 'washing_machine', detector: 'washing_machine', metric: 'f1', better: 'higher' },
  { inference: 'microwave', detector: 'microwave', metric: 'f1', better: 'higher' },
  { inference: 'electric_shower', detector: 'electric_shower', metric: 'f1', better: 'higher' },
];

const spreadOf = (xs: readonly number[]): Spread | undefined => {
  if (xs.length === 0) return undefined;
  const s = [...xs].sort((a, b) => a - b);
  const mid = s.length >> 1;
  const median = s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
  const r = (x: number) => Math.round(x * 1000) / 1000;
  return { min: r(s[0]!), median: r(median), max: r(s[s.length - 1]!), households: s.length };
};
const finite = (rs: readonly FigureRowIn[]) => rs.flatMap((r) => (r.value === null ? [] : [r.value]));

function verdictOfMcc(m: Spread | undefined): Verdict {
  if (!m) return 'not_measured';
  return m.median >= 0.3 ? 'inferable' : m.median >= 0.1 ? 'weak' : 'chance';
}

const pick = (rows: readonly FigureRowIn[], detector: string, metric: string, step: string) =>
  rows.filter((r) => r.detector === detector && r.metric === metric && r.step === step && r.protection === 'none');

export function stepTable(doc: FiguresDoc): StepTable {
  const values = (rs: readonly FigureRowIn[]) =>
    rs.map((r) => ({ household: r.household, value: r.value, declined: r.declined }));
  const rows = ROWS.map((def) => {
    const cells: Partial<Record<FixedStep, StepCell>> = {};
    for (const step of TABLE_STEPS) {
      const got = pick(doc.results, def.detector, def.metric, step);
      if (got.length === 0) continue; // not measured at this step (e.g. ECO occupancy truth is 15-minute)
      const chanceRows = def.chance ? pick(doc.results, def.detector, def.chance, step) : [];
      const chance = values(chanceRows);
      const spread = spreadOf(finite(got));
      const precision =
        def.metric === 'f1' ? spreadOf(finite(pick(doc.results, def.detector, 'precision', step))) : undefined;
      const recall =
        def.metric === 'f1' ? spreadOf(finite(pick(doc.results, def.detector, 'recall', step))) : undefined;
      let verdict: Verdict;
      if (def.chance) {
        // per household, the error against that household's own chance error; the median of those ratios
        const ratios = got.flatMap((r) => {
          const c = chanceRows.find((x) => x.household === r.household)?.value;
          return r.value === null || c === null || c === undefined || !(c > 0) ? [] : [r.value / c];
        });
        const m = spreadOf(ratios);
        verdict = !m ? 'not_measured' : m.median <= 0.5 ? 'inferable' : m.median <= 0.8 ? 'weak' : 'chance';
      } else verdict = verdictOfMcc(spreadOf(finite(pick(doc.results, def.detector, 'mcc', step))));
      cells[step] = {
        values: values(got),
        ...(chance.length ? { chance } : {}),
        ...(spread && { spread }),
        ...(precision && { precision }),
        ...(recall && { recall }),
        verdict,
        fit: got.some((r) => r.fit === 'fitted')
          ? 'fitted'
          : got.every((r) => r.fit === 'no_constants')
            ? 'no_constants'
            : 'a_priori',
      };
    }
    // anchors may sit on a sibling metric (raw accuracy, precision) and at a step outside the table (15 min)
    // keyed by the published range, not its note: one figure compared at two steps must read as one figure
    const anchors = new Map<string, Anchor & { steps: string[]; households: string[] }>();
    for (const r of doc.results) {
      if (
        !r.anchor ||
        r.detector !== def.detector ||
        r.protection !== 'none' ||
        (r.metric !== def.metric && r.metric !== def.anchorMetric)
      )
        continue;
      const key = `${r.metric} ${r.anchor.low} ${r.anchor.high}`;
      const a = anchors.get(key) ?? {
        text: r.anchor.text,
        source: r.anchor.source,
        metric: r.metric,
        low: r.anchor.low,
        high: r.anchor.high,
        steps: [],
        households: [],
      };
      if (!a.steps.includes(r.step)) a.steps.push(r.step);
      if (!a.households.includes(r.household)) a.households.push(r.household);
      anchors.set(key, a);
    }
    return { inference: def.inference, metric: def.metric, better: def.better, cells, anchors: [...anchors.values()] };
  });
  return {
    seed: doc.seed,
    datasets: doc.datasets,
    method: 'leave_one_household_out',
    steps: TABLE_STEPS,
    rows,
    daily: dailyFacts(doc.results),
  };
}

/** The day-level facts of the daily step: which days a washing machine or dishwasher ran, which days were empty. */
export function dailyFacts(results: readonly FigureRowIn[]): DailyFact[] {
  const out: DailyFact[] = [];
  for (const [fact, detector] of [
    ['washing_machine_days', 'washing_machine'],
    ['dishwasher_days', 'dishwasher'],
  ] as const) {
    const mcc = spreadOf(finite(pick(results, detector, 'day_mcc', 'P1D')));
    const precision = spreadOf(finite(pick(results, detector, 'day_precision', 'P1D')));
    const recall = spreadOf(finite(pick(results, detector, 'day_recall', 'P1D')));
    out.push({
      fact,
      verdict: verdictOfMcc(mcc),
      ...(mcc && { mcc }),
      ...(precision && { precision }),
      ...(recall && { recall }),
    });
  }
  const sum = (metric: string) => finite(pick(results, 'absences', metric, 'P1D')).reduce((a, b) => a + b, 0);
  const scored = sum('days_scored');
  const truly = sum('true_absent_days');
  const days = { scored, truly, found: sum('found_absent_days'), wrong: sum('false_absent_days') };
  out.push({
    fact: 'empty_days',
    // with no truly empty day among the households, whether empty days show cannot be measured
    verdict:
      scored === 0 || truly === 0
        ? 'not_measured'
        : days.found / truly >= 0.5 && days.wrong <= truly
          ? 'inferable'
          : 'weak',
    days,
  });
  return out;
}
