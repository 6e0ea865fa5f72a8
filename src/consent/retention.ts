/**
 * @module consent/retention
 * Per-granularity retention rules (R3, R12, R14) and the pure plan of a retention sweep.
 * Defaults, from the rulebook:
 *  - fine data (anything finer than a day, real time included): 12 months rolling (R3: local fine history capped at
 *    one year unless the household opts in to longer); a household may opt in up to 24 months (R12: 24 months of
 *    load curve available; R14: the CNIL accepted 2 years for infra-daily data, never more);
 *  - daily data: 36 months (R14: 3 years accepted for daily data; R12: at least 24 months available);
 *  - monthly data: 36 months (R12: at least 3 years of monthly data).
 * Configuration may shorten a rule, never lengthen it past the cap (checked by the schema in config.ts).
 */
import type { Prm } from '../core/prm.ts';
import type { FixedStep, Step } from '../core/step.ts';
import type { Lang } from './notices.ts';

export type RetentionClass = 'fine' | 'daily' | 'monthly';
export interface RetentionRules {
  readonly fineMonths: number;
  readonly dailyMonths: number;
  readonly monthlyMonths: number;
}
export const DEFAULT_RETENTION: RetentionRules = Object.freeze({ fineMonths: 12, dailyMonths: 36, monthlyMonths: 36 });
export const RETENTION_CAPS: RetentionRules = Object.freeze({ fineMonths: 24, dailyMonths: 36, monthlyMonths: 84 });

export function retentionClass(step: Step | 'P1M'): RetentionClass {
  return step === 'P1M' ? 'monthly' : step === 'P1D' ? 'daily' : 'fine';
}

/** Months are counted as 30.44 days: retention is a policy bound, not a calendar computation. */
export const MONTH_MS = 2_629_746_000;

/** Effective fine retention for one usage point: the configured default, or the household's opt-in (capped). */
export function fineMonthsFor(rules: RetentionRules, optInMonths: number): number {
  return Math.min(RETENTION_CAPS.fineMonths, Math.max(rules.fineMonths, optInMonths));
}

export interface SweepTarget {
  readonly prm: Prm;
  /** Household opt-in for fine history (0 = default). */
  readonly fineOptInMonths: number;
}

/** One deletion the sweep will perform: data of `prm` at `steps` strictly before `before`. */
export interface SweepAction {
  readonly prm: Prm;
  readonly klass: RetentionClass;
  readonly finerThan?: FixedStep;
  readonly steps?: readonly Step[];
  readonly before: number;
}

/** What to delete now. Pure: the clock is an argument, so tests inject it. */
export function sweepPlan(now: number, rules: RetentionRules, targets: readonly SweepTarget[]): SweepAction[] {
  const out: SweepAction[] = [];
  for (const t of targets) {
    out.push({
      prm: t.prm,
      klass: 'fine',
      finerThan: 'P1D',
      before: now - fineMonthsFor(rules, t.fineOptInMonths) * MONTH_MS,
    });
    out.push({ prm: t.prm, klass: 'daily', steps: ['P1D'], before: now - rules.dailyMonths * MONTH_MS });
  }
  return out;
}

/** Retention sentence for a notice (R9: the household is told how long data is kept). */
export function retentionText(rules: RetentionRules, step: Step | 'P1M'): Record<Lang, string> {
  const k = retentionClass(step);
  const m = k === 'fine' ? rules.fineMonths : k === 'daily' ? rules.dailyMonths : rules.monthlyMonths;
  return {
    fr: `${m} mois au plus, puis suppression automatique`,
    en: `at most ${m} months, then deleted automatically`,
  };
}
