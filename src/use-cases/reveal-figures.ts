/**
 * @module use-cases/reveal-figures
 * The table "what each step reveals about you": our measured figures from the evaluation (`src/reveal/figures.json`,
 * written by `npm run eval`, shipped as it is) per inference and step, with the published anchor beside them.
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

export interface StepCell {
  readonly values: readonly StepValue[];
  /** Chance level for the same households (routine only: the error of always answering the household's median). */
  readonly chance?: readonly StepValue[];
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
  readonly steps: readonly FixedStep[];
  readonly rows: readonly StepTableRow[];
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
];

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
      const chance = def.chance ? values(pick(doc.results, def.detector, def.chance, step)) : [];
      cells[step] = { values: values(got), ...(chance.length ? { chance } : {}) };
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
  return { seed: doc.seed, datasets: doc.datasets, steps: TABLE_STEPS, rows };
}
