/**
 * @module core/step
 * Steps are ISO-8601 durations. Each series has an explicit step; live samples are "raw" (irregular).
 */
import { CourantError } from './errors.ts';

export const STEPS = ['PT1M', 'PT10M', 'PT15M', 'PT30M', 'PT1H', 'P1D'] as const;
export type FixedStep = (typeof STEPS)[number];
/** `raw` marks irregular samples (live meter values at the meter's own pace). */
export type Step = FixedStep | 'raw';

const STEP_MS: Record<FixedStep, number> = {
  PT1M: 60_000,
  PT10M: 600_000,
  PT15M: 900_000,
  PT30M: 1_800_000,
  PT1H: 3_600_000,
  P1D: 86_400_000,
};

export function isStep(value: unknown): value is Step {
  return value === 'raw' || (typeof value === 'string' && (STEPS as readonly string[]).includes(value));
}

export function parseStep(value: unknown, where = 'step'): Step {
  if (isStep(value)) return value;
  throw new CourantError(
    'INPUT_INVALID_STEP',
    `${where}: ${JSON.stringify(value)} is not a known step; use one of ${STEPS.join(', ')} or raw`,
    {
      details: { where, allowed: [...STEPS, 'raw'] },
    },
  );
}

/**
 * Nominal length of a step in milliseconds. P1D is nominal: a civil day in Europe/Paris lasts 23, 24 or 25 hours,
 * so daily buckets are computed on the local calendar (see core/calendar.ts), not by adding 86,400 s.
 */
export function stepMs(step: FixedStep): number {
  return STEP_MS[step];
}

/** Orders steps from finest to coarsest; `raw` is finer than any fixed step. */
export function stepRank(step: Step): number {
  return step === 'raw' ? 0 : STEP_MS[step];
}

/** True when `coarse` can be derived from `fine` by aggregation (same or coarser, and a whole multiple). */
export function isCoarserOrEqual(coarse: Step, fine: Step): boolean {
  if (fine === 'raw') return true;
  if (coarse === 'raw') return false;
  if (coarse === 'P1D') return true;
  return STEP_MS[coarse] >= STEP_MS[fine] && STEP_MS[coarse] % STEP_MS[fine] === 0;
}

/** Words for the user interface ("every 30 minutes"), French first. */
export const STEP_WORDS: Record<Step, { fr: string; en: string }> = {
  raw: { fr: 'en temps réel', en: 'in real time' },
  PT1M: { fr: 'chaque minute', en: 'every minute' },
  PT10M: { fr: 'toutes les 10 minutes', en: 'every 10 minutes' },
  PT15M: { fr: 'toutes les 15 minutes', en: 'every 15 minutes' },
  PT30M: { fr: 'toutes les 30 minutes', en: 'every 30 minutes' },
  PT1H: { fr: 'toutes les heures', en: 'every hour' },
  P1D: { fr: 'une fois par jour', en: 'once a day' },
};
