/**
 * @module use-cases/costs-latest
 * "What would my curve cost today?": each offer reduced to its latest price grid, made valid for every day. Used
 * when the household's data predates the price table (the 2007 demo, an old export), so that the comparison of
 * offers on its own curve still answers; the answer says which grid it used (`prices: 'latest'`, `priceTableFrom`).
 */
import type { Offer } from '../tariffs/model.ts';

/** The day every re-dated grid starts: before any Linky or load curve export. */
const OPEN_FROM = '1990-01-01';

export function latestPrices(offers: readonly Offer[]): Offer[] {
  return offers.map((o) => {
    const latest = [...o.periods].sort((a, b) => (a.from < b.from ? 1 : -1))[0];
    // periods[].from keeps its meaning for validity; the grid's own date is kept in `source` for the page
    return latest
      ? {
          ...o,
          periods: [
            {
              ...latest,
              from: OPEN_FROM,
              to: undefined,
              source: `${latest.source} (grid of ${latest.from}, applied to every day)`,
            },
          ],
        }
      : o;
  });
}
