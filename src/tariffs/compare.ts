/**
 * @module tariffs/compare
 * "Which offer is cheapest for me": the household's own curve costed under every offer of the table.
 * An offer that cannot be costed (no Tempo colour for a day, no price for the subscribed power or the dates) is
 * listed as unavailable with the reason, never silently skipped.
 */
import { isCourantError } from '../core/errors.ts';
import { costCurve, type EnergyCurve } from './cost.ts';
import type { DayCalendar, Offer } from './model.ts';
import { DEFAULT_OFFERS } from './prices.ts';

export interface OfferComparison {
  readonly offerId: string;
  readonly label: { readonly fr: string; readonly en: string };
  readonly available: boolean;
  readonly reason?: { code: string; message: string };
  readonly kwh?: number;
  readonly energyEur?: number;
  readonly subscriptionEur?: number;
  readonly totalEur?: number;
  /** Difference with the cheapest available offer, €. */
  readonly overCheapestEur?: number;
}

export function compareOffers(
  curve: EnergyCurve,
  subscribedKva: number,
  calendar: DayCalendar,
  offers: readonly Offer[] = DEFAULT_OFFERS,
): OfferComparison[] {
  const rows: OfferComparison[] = offers.map((offer) => {
    try {
      const c = costCurve(curve, offer, subscribedKva, calendar);
      const r = (x: number) => Math.round(x * 100) / 100;
      return {
        offerId: offer.id,
        label: offer.label,
        available: true,
        kwh: Math.round(c.total.kwh * 1000) / 1000,
        energyEur: r(c.total.energyEur),
        subscriptionEur: r(c.total.subscriptionEur),
        totalEur: r(c.total.totalEur),
      };
    } catch (e) {
      if (!isCourantError(e)) throw e;
      return { offerId: offer.id, label: offer.label, available: false, reason: { code: e.code, message: e.message } };
    }
  });
  const best = Math.min(...rows.filter((r) => r.available).map((r) => r.totalEur!));
  return rows
    .map((r) => (r.available ? { ...r, overCheapestEur: Math.round((r.totalEur! - best) * 100) / 100 } : r))
    .sort((a, b) => (a.available === b.available ? (a.totalEur ?? 0) - (b.totalEur ?? 0) : a.available ? -1 : 1));
}
