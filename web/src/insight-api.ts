/**
 * @module web/insight-api
 * Typed client of the household-only insight routes: what my data reveals (`/reveal`) and my costs (`/costs`).
 * Shapes are the hub's response contract, src/server/contract/insight.ts (see docs/api.md).
 */
import { getJson } from './api.ts';
import './insight.css';

// The answers' types are the hub's own response contract (type-only: nothing of it reaches the bundle).
export type {
  CostsAnswer,
  CostsContract,
  DayRoutine,
  FactOrigin,
  HeaterRun,
  None,
  NoneReason,
  OfferComparison,
  PeriodCost,
  RevealAnswer,
  RevealStep,
  StepTableRow,
  StepValue,
  Spread,
  Verdict,
  DailyFact,
} from '../../src/server/contract/insight.ts';
import type { CostsAnswer, None, RevealAnswer, RevealStep } from '../../src/server/contract/insight.ts';

const up = (prm: string) => `api/usage-points/${encodeURIComponent(prm)}`;

export const isNone = (x: object): x is None => 'none' in x;

export const insight = {
  reveal: (prm: string, step: RevealStep, locale: string) =>
    getJson<RevealAnswer>(`${up(prm)}/reveal`, { step, locale }),
  /** `from`/`to` are Paris civil days (YYYY-MM-DD); `prices: 'auto'` prices data older than the table at its latest
   * grid.
   */
  /** Without `kva` / `offer`, the hub uses the usage point's known contract (else 6 kVA and the cheapest offer). */
  costs: (
    prm: string,
    q: { from: string; to: string; kva?: number | undefined; offer?: string; prices?: 'dated' | 'latest' | 'auto' },
  ) => getJson<CostsAnswer>(`${up(prm)}/costs`, q),
};
