/**
 * @module web/insight-api
 * Typed client of the household-only insight routes: what my data reveals (`/reveal`) and my costs (`/costs`).
 * Shapes mirror src/use-cases/reveal-service.ts and src/use-cases/costs.ts (see docs/api.md).
 */
import { getJson } from './api.ts';
import './insight.css';

export type RevealStep = 'PT1M' | 'PT10M' | 'PT15M' | 'PT30M' | 'PT1H' | 'P1D';
export type NoneReason = 'not_enough_data' | 'step_too_coarse' | 'net_production' | 'no_consumption' | 'below_confidence';
export type None = { none: NoneReason };

export interface DayRoutine {
  date: string;
  /** Minutes after local midnight (bedtime may exceed 1440: after midnight). */
  wakeMin: number | null;
  bedMin: number | null;
}
export interface HeaterRun {
  date: string;
  start: string;
  minutes: number;
}
export interface StepValue {
  household: string;
  value: number;
  declined: boolean;
}
export interface StepTableRow {
  inference: string;
  metric: string;
  better: 'higher' | 'lower';
  cells: Partial<Record<RevealStep, { values: StepValue[]; chance?: StepValue[] }>>;
  anchors: { text: string; source: string; metric: string; steps: string[] }[];
}
export interface RevealAnswer {
  prm: string;
  series: string;
  from: string;
  to: string;
  step: RevealStep;
  baseLoadW: number | null;
  routine: { usualWake: string | null; usualBed: string | null; days: DayRoutine[] } | None;
  absences: { periods: { from: string; to: string; days: number }[]; days: string[] } | None;
  waterHeater: { powerW: number; schedule: 'off_peak_relay' | 'own_schedule'; usualFirstStart: string | null; usualStart: string | null; runs: HeaterRun[] } | None;
  sentence: string;
  measured: { seed: number; datasets: string[]; steps: RevealStep[]; rows: StepTableRow[] };
}

export interface PeriodCost {
  period: string;
  kwh: number;
  energyEur: number;
  subscriptionEur: number;
  totalEur: number;
}
export interface OfferComparison {
  offerId: string;
  label: { fr: string; en: string };
  available: boolean;
  reason?: { code: string; message: string };
  kwh?: number;
  energyEur?: number;
  subscriptionEur?: number;
  totalEur?: number;
  overCheapestEur?: number;
}
export interface CostsAnswer {
  prm: string;
  from: string;
  to: string;
  kva: number;
  offerId: string;
  days: PeriodCost[];
  months: PeriodCost[];
  total: PeriodCost;
  comparison: OfferComparison[];
  curve: { halfHours: number; steps: string[] };
  pricesVerified: boolean;
  prices: 'dated' | 'latest';
  priceTableFrom: string;
  priceTablesUsed: string[];
  /** Where the subscribed power, offer and off-peak hours came from (the usage point's profile, learnt by imports). */
  contract: CostsContract;
  tempoDays: { file: number; registers: number; tic: number };
}
/** Where a fact was learnt: importer id, file or answer name, date (UTC ms). */
export interface FactOrigin {
  source: string;
  file: string;
  updatedAt: number;
}
export interface CostsContract {
  kvaFrom: 'request' | 'contract' | 'default';
  offerFrom: 'request' | 'contract' | 'cheapest';
  option?: { option: 'base' | 'hphc' | 'tempo' | 'ejp'; basis: 'register-calendar' | 'network-tariff'; detail: string; origin: FactOrigin };
  offpeak?: { text: string; applied: boolean; origin: FactOrigin };
  facts: Partial<Record<'subscribedKva' | 'tariffOption' | 'offpeakHours' | 'contractStart' | 'segment', FactOrigin & { value: string | number }>>;
}

const up = (prm: string) => `api/usage-points/${encodeURIComponent(prm)}`;

export const isNone = (x: object): x is None => 'none' in x;

export const insight = {
  reveal: (prm: string, step: RevealStep, locale: string) => getJson<RevealAnswer>(`${up(prm)}/reveal`, { step, locale }),
  /** `from`/`to` are Paris civil days (YYYY-MM-DD); `prices: 'auto'` prices data older than the table at its latest grid. */
  /** Without `kva` / `offer`, the hub uses the usage point's known contract (else 6 kVA and the cheapest offer). */
  costs: (prm: string, q: { from: string; to: string; kva?: number | undefined; offer?: string; prices?: 'dated' | 'latest' | 'auto' }) => getJson<CostsAnswer>(`${up(prm)}/costs`, q),
};
