/**
 * @module tariffs/compare
 * "Which offer is cheapest for me": the household's own curve costed under every offer of the table.
 * An offer that cannot be costed (no Tempo colour for a day, no price for the subscribed power or the dates) is
 * listed as unavailable with the reason, never silently skipped. An offer closed to new customers is costed and listed
 * after the open ones, never counted as the cheapest: a household cannot switch to it.
 */
import { isCourantError } from '../core/errors.ts';
import { costCurve, type EnergyCurve } from './cost.ts';
import type { DayCalendar, Offer } from './model.ts';
import { DEFAULT_OFFERS } from './prices.ts';

export interface OfferComparison {
  readonly offerId: string;
  readonly label: { readonly fr: string; readonly en: string };
  readonly available: boolean;
  /** The offer takes no new customer: shown for comparison, never the cheapest. */
  readonly closed?: true;
  readonly reason?: { code: string; message: string };
  readonly kwh?: number;
  readonly energyEur?: number;
  readonly subscriptionEur?: number;
  readonly totalEur?: number;
  /** Difference with the cheapest available open offer, € (below zero for a closed offer that would cost less). */
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
        ...(offer.closedToNewCustomers ? { closed: true as const } : {}),
        kwh: Math.round(c.total.kwh * 1000) / 1000,
        energyEur: r(c.total.energyEur),
        subscriptionEur: r(c.total.subscriptionEur),
        totalEur: r(c.total.totalEur),
      };
    } catch (e) {
      if (!isCourantError(e)) throw e;
      return {
        offerId: offer.id,
        label: offer.label,
        available: false,
        ...(offer.closedToNewCustomers ? { closed: true as const } : {}),
        reason: { code: e.code, message: e.message },
      };
    }
  });
  const open = rows.filter((r) => r.available && !r.closed);
  const best = Math.min(...(open.length ? open : rows.filter((r) => r.available)).map((r) => r.totalEur!));
  // open and costed first, then closed and costed, then what could not be costed; each by total
  const rank = (r: OfferComparison) => (!r.available ? 2 : r.closed ? 1 : 0);
  return rows
    .map((r) => (r.available ? { ...r, overCheapestEur: Math.round((r.totalEur! - best) * 100) / 100 } : r))
    .sort((a, b) => rank(a) - rank(b) || (a.totalEur ?? 0) - (b.totalEur ?? 0));
}
