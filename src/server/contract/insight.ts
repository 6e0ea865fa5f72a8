/**
 * @module server/contract/insight
 * Answers of the household-only insight routes: what my data reveals (routes/reveal.ts, from
 * use-cases/reveal-service.ts) and my costs (routes/costs.ts, from use-cases/costs.ts).
 */
import { z } from 'zod';
import { STEPS } from '../../core/step.ts';
import { PRICE_CLASSES } from '../../tariffs/model.ts';
import { answers, instant } from './common.ts';

export const revealStep = z.enum(STEPS);
export type RevealStep = z.infer<typeof revealStep>;
export const noneReason = z.enum([
  'not_enough_data',
  'step_too_coarse',
  'net_production',
  'no_consumption',
  'below_confidence',
]);
export type NoneReason = z.infer<typeof noneReason>;
/** A detector that gave no answer, and why. */
export const none = z.object({ none: noneReason });
export type None = z.infer<typeof none>;

export const dayRoutine = z.object({
  date: z.string(),
  /** Minutes after local midnight (bedtime may exceed 1440: after midnight). */
  wakeMin: z.number().nullable(),
  bedMin: z.number().nullable(),
});
export type DayRoutine = z.infer<typeof dayRoutine>;
export const heaterRun = z.object({ date: z.string(), start: z.string(), minutes: z.number() });
export type HeaterRun = z.infer<typeof heaterRun>;

/** `value` is null where the detector declined (the shipped figures say so; `declined` is then true). */
export const stepValue = z.object({ household: z.string(), value: z.number().nullable(), declined: z.boolean() });
export type StepValue = z.infer<typeof stepValue>;
/** min / median / max over the held-out households (leave one household out). */
export const spread = z.object({ min: z.number(), median: z.number(), max: z.number(), households: z.number() });
export type Spread = z.infer<typeof spread>;
/** What a step leaves of an inference: still inferable, weak, at chance, or not measured. */
export const verdict = z.enum(['inferable', 'weak', 'chance', 'not_measured']);
export type Verdict = z.infer<typeof verdict>;
const stepCell = z.object({
  values: z.array(stepValue).readonly(),
  chance: z.array(stepValue).readonly().optional(),
  spread: spread.optional(),
  precision: spread.optional(),
  recall: spread.optional(),
  verdict,
  fit: z.enum(['fitted', 'a_priori', 'no_constants']),
});
export const dailyFact = z.object({
  fact: z.enum(['washing_machine_days', 'dishwasher_days', 'empty_days']),
  verdict,
  mcc: spread.optional(),
  precision: spread.optional(),
  recall: spread.optional(),
  days: z.object({ scored: z.number(), truly: z.number(), found: z.number(), wrong: z.number() }).optional(),
});
export type DailyFact = z.infer<typeof dailyFact>;
export const stepTableRow = z.object({
  inference: z.string(),
  metric: z.string(),
  better: z.enum(['higher', 'lower']),
  cells: z.partialRecord(revealStep, stepCell),
  anchors: z
    .array(
      z.object({
        text: z.string(),
        source: z.string(),
        metric: z.string(),
        low: z.number(),
        high: z.number(),
        steps: z.array(z.string()).readonly(),
        households: z.array(z.string()).readonly(),
      }),
    )
    .readonly(),
});
export type StepTableRow = z.infer<typeof stepTableRow>;

export const revealAnswer = z.object({
  prm: z.string(),
  /** The stored series the summary was computed from (`quantity.consumption.step.source`). */
  series: z.string(),
  from: instant,
  to: instant,
  step: revealStep,
  baseLoadW: z.number().nullable(),
  routine: z.union([
    z.object({
      usualWake: z.string().nullable(),
      usualBed: z.string().nullable(),
      days: z.array(dayRoutine).readonly(),
    }),
    none,
  ]),
  absences: z.union([
    z.object({
      periods: z.array(z.object({ from: z.string(), to: z.string(), days: z.number() })).readonly(),
      days: z.array(z.string()).readonly(),
    }),
    none,
  ]),
  waterHeater: z.union([
    z.object({
      powerW: z.number(),
      schedule: z.string(),
      usualFirstStart: z.string().nullable(),
      usualStart: z.string().nullable(),
      runs: z.array(heaterRun).readonly(),
    }),
    none,
  ]),
  sentence: z.string(),
  measured: z.object({
    seed: z.number(),
    datasets: z.array(z.string()).readonly(),
    method: z.literal('leave_one_household_out'),
    daily: z.array(dailyFact).readonly(),
    steps: z.array(revealStep).readonly(),
    rows: z.array(stepTableRow).readonly(),
  }),
});
export type RevealAnswer = z.infer<typeof revealAnswer>;

export const periodCost = z.object({
  /** `YYYY-MM-DD` for days, `YYYY-MM` for months. */
  period: z.string(),
  kwh: z.number(),
  energyEur: z.number(),
  subscriptionEur: z.number(),
  totalEur: z.number(),
  byClass: z.partialRecord(z.enum(PRICE_CLASSES), z.object({ kwh: z.number(), eur: z.number() })),
});
export type PeriodCost = z.infer<typeof periodCost>;

export const offerComparison = z.object({
  offerId: z.string(),
  label: z.object({ fr: z.string(), en: z.string() }),
  available: z.boolean(),
  /** The offer takes no new customer: listed after the open ones, never the cheapest. */
  closed: z.boolean().optional(),
  reason: z.object({ code: z.string(), message: z.string() }).optional(),
  kwh: z.number().optional(),
  energyEur: z.number().optional(),
  subscriptionEur: z.number().optional(),
  totalEur: z.number().optional(),
  /** Difference with the cheapest available open offer, € (below zero for a closed offer that would cost less). */
  overCheapestEur: z.number().optional(),
});
export type OfferComparison = z.infer<typeof offerComparison>;

/** Where a fact was learnt: importer id, file or answer name, date (UTC ms). */
export const factOrigin = z.object({ source: z.string(), file: z.string(), updatedAt: z.number() });
export type FactOrigin = z.infer<typeof factOrigin>;
const fact = <T extends z.ZodType>(value: T) => factOrigin.extend({ value }).optional();

export const costsContract = z.object({
  kvaFrom: z.enum(['request', 'contract', 'default']),
  offerFrom: z.enum(['request', 'contract', 'cheapest']),
  option: z
    .object({
      option: z.enum(['base', 'hphc', 'tempo', 'ejp']),
      basis: z.enum(['register-calendar', 'network-tariff']),
      detail: z.string(),
      origin: factOrigin,
    })
    .optional(),
  offpeak: z.object({ text: z.string(), applied: z.boolean(), origin: factOrigin }).optional(),
  facts: z.object({
    subscribedKva: fact(z.number()),
    tariffOption: fact(z.string()),
    offpeakHours: fact(z.string()),
    contractStart: fact(z.string()),
    segment: fact(z.string()),
  }),
});
export type CostsContract = z.infer<typeof costsContract>;

export const costsAnswer = z.object({
  prm: z.string(),
  from: z.string(),
  to: z.string(),
  kva: z.number(),
  offerId: z.string(),
  days: z.array(periodCost),
  months: z.array(periodCost),
  total: periodCost,
  comparison: z.array(offerComparison),
  curve: z.object({ halfHours: z.number(), steps: z.array(z.string()) }),
  pricesVerified: z.boolean(),
  prices: z.enum(['dated', 'latest']),
  /** The first day of the price grid(s) used (the latest grid's date with `prices=latest`). */
  priceTableFrom: z.string(),
  priceTablesUsed: z.array(z.string()).readonly(),
  /** Where the subscribed power, offer and off-peak hours came from (the usage point's profile, learnt by imports). */
  contract: costsContract,
  tempoDays: z.object({ file: z.number(), registers: z.number(), tic: z.number() }),
});
export type CostsAnswer = z.infer<typeof costsAnswer>;

export const insightResponses = {
  reveal: answers({ 200: revealAnswer }),
  costs: answers({ 200: costsAnswer }),
};
