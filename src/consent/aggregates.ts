/**
 * @module consent/aggregates
 * Release gates for aggregated data (R16, R17) and the collection plan towards Enedis (R2). Pure functions; the
 * differentially private mechanism itself (rulebook §4) is not implemented here (see docs/consent.md).
 */
import type { LadderStep } from './model.ts';
import { isFine } from './model.ts';

/** Legal floor for residential aggregates since décret 2020-196 (11 before March 2020). */
export const MIN_RESIDENTIAL_POINTS = 10;

export interface AggregateCell<T = unknown> {
  readonly key: string;
  /** Number of residential delivery points contributing (a DP-noised count where DP is used). */
  readonly points: number;
  readonly value: T;
  readonly addressLevel?: boolean;
}

/**
 * R16: keep only cells covering at least 10 residential points; address-level cells need more than 10.
 * Returns the publishable cells and the keys suppressed.
 */
export function publishableCells<T>(cells: readonly AggregateCell<T>[]): {
  publish: AggregateCell<T>[];
  suppressed: string[];
} {
  const publish: AggregateCell<T>[] = [];
  const suppressed: string[] = [];
  for (const c of cells) {
    const ok = c.addressLevel ? c.points > MIN_RESIDENTIAL_POINTS : c.points >= MIN_RESIDENTIAL_POINTS;
    if (ok) publish.push(c);
    else suppressed.push(c.key);
  }
  return { publish, suppressed };
}

/** R17: building-level figures for an owner only above 10 subscriptions and with a stated energy-saving action. */
export function mayReleaseBuildingAggregate(req: {
  subscriptions: number;
  requesterRole: string;
  justification?: string | undefined;
}): boolean {
  return (
    req.subscriptions > MIN_RESIDENTIAL_POINTS &&
    (req.requesterRole === 'owner' || req.requesterRole === 'manager') &&
    (req.justification?.trim().length ?? 0) >= 10
  );
}

/**
 * R2: what step to ask Enedis for. Fine data only if the household consented to it **and** activated load-curve
 * collection at Enedis; otherwise daily, with no retry loop (`retryFine: false`) that would pressure the household.
 */
export function collectionPlan(
  consented: LadderStep | undefined,
  enedisFineCollectionActive: boolean,
): { step: LadderStep | null; retryFine: false } {
  if (!consented) return { step: null, retryFine: false };
  if (isFine(consented) && !enedisFineCollectionActive) return { step: 'P1D', retryFine: false };
  return { step: consented, retryFine: false };
}
