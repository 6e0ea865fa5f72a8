/**
 * @module use-cases/reveal-service
 * "What my data reveals" for the household itself: the `revealSummary` of its finest suitable stored
 * consumption series coarsened to the step asked for, and the table of our measured accuracy per step from the
 * evaluation (`src/reveal/figures.json`, shipped as it is): out-of-sample figures only, each evaluation household
 * scored with constants fitted on the others, with their spread and what each step leaves
 * (use-cases/reveal-figures.ts).
 * The detectors run for the household and the evaluation only:
 * the HTTP route refuses every other caller (src/server/routes/reveal.ts).
 */
import { CourantError } from '../core/errors.ts';
import type { Prm } from '../core/prm.ts';
import { parseStep, stepMs, type FixedStep } from '../core/step.ts';
import type { ReadingStore, SeriesInfo } from '../ports/reading-store.ts';
import { revealSummary, type Locale, type RevealSummary } from '../reveal/summary.ts';
import figures from '../reveal/figures.json' with { type: 'json' };
import { stepTable, type FiguresDoc, type StepTable } from './reveal-figures.ts';

export interface RevealAnswer extends RevealSummary {
  readonly prm: string;
  /** The stored series the summary was computed from (`quantity.consumption.step.source`). */
  readonly series: string;
  readonly from: string;
  readonly to: string;
  readonly measured: StepTable;
}

/** The finest consumption series usable at `step`: power (W) or energy (Wh), stored step ≤ step and dividing it. */
export function pickSeries(list: readonly SeriesInfo[], step: FixedStep): SeriesInfo | undefined {
  return list
    .filter(
      (s) =>
        s.direction === 'consumption' &&
        (s.quantity === 'power' || s.quantity === 'energy') &&
        s.step !== 'raw' &&
        stepMs(s.step) <= stepMs(step) &&
        stepMs(step) % stepMs(s.step) === 0,
    )
    .sort((a, b) => stepMs(a.step as FixedStep) - stepMs(b.step as FixedStep) || b.count - a.count)[0];
}

/** A release step from a query or option value: PT1M … P1D (raw is not one). */
export function parseRevealStep(value: unknown, where: string): FixedStep {
  const step = parseStep(value, where);
  if (step === 'raw')
    throw new CourantError('INPUT_INVALID_STEP', `${where}: raw is not a release step; use PT1M … P1D`, {
      details: { where },
    });
  return step;
}

export function parseLocale(value: unknown, where: string, fallback: Locale): Locale {
  if (value === undefined || value === '') return fallback;
  if (value === 'fr' || value === 'en') return value;
  throw new CourantError('INPUT_INVALID', `${where}: ${JSON.stringify(value)} is not fr or en`);
}

let table: StepTable | undefined;
/** The measured-accuracy table (computed once from the shipped figures). */
export function measuredTable(): StepTable {
  table ??= stepTable(figures as FiguresDoc);
  return table;
}

/** `held`: the series the caller may see (default: all held); only their points are read. */
export async function revealFor(
  store: ReadingStore,
  prm: Prm,
  step: FixedStep,
  locale: Locale,
  held?: readonly SeriesInfo[],
): Promise<RevealAnswer> {
  const s = pickSeries([...(held ?? (await store.list(prm)))], step);
  if (!s)
    throw new CourantError(
      'REVEAL_NO_SERIES',
      `reveal: usage point ${prm} has no consumption power or energy series at ${step} or finer`,
      { details: { prm, step } },
    );
  const cols = await store.read({
    prm,
    quantity: s.quantity,
    direction: 'consumption',
    register: s.register,
    step: s.step,
    source: s.source,
    range: { from: s.first, to: s.last + 1 },
  });
  const summary = revealSummary(
    { ts: cols.ts, values: cols.values, unit: s.quantity === 'energy' ? 'Wh' : 'W', step: s.step as FixedStep },
    step,
    locale,
  );
  return {
    prm,
    series: `${s.quantity}.consumption.${s.step}.${s.source}`,
    from: new Date(s.first).toISOString(),
    to: new Date(s.last + stepMs(s.step as FixedStep)).toISOString(),
    ...summary,
    measured: measuredTable(),
  };
}
