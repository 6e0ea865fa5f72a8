/**
 * @module oauth/duration
 * The `duration` of an authorisation request, an ISO-8601 period as Enedis accepts it (P1Y, P3Y, P1Y4M, P1095D):
 * default one year, at most three years (the consent ledger's own cap).
 */
import { MAX_CONSENT_MS } from '../consent/model.ts';

export const DEFAULT_DURATION = 'P1Y';

/** The expiry instant `period` after `from` (calendar years, months and days in UTC), or null if malformed. */
export function addPeriod(from: number, period: string): number | null {
  const m = /^P(?:(\d{1,4})Y)?(?:(\d{1,4})M)?(?:(\d{1,5})W)?(?:(\d{1,5})D)?$/.exec(period);
  if (!m || period === 'P') return null;
  const d = new Date(from);
  d.setUTCFullYear(d.getUTCFullYear() + Number(m[1] ?? 0), d.getUTCMonth() + Number(m[2] ?? 0));
  d.setUTCDate(d.getUTCDate() + 7 * Number(m[3] ?? 0) + Number(m[4] ?? 0));
  const t = d.getTime();
  return t > from ? t : null;
}

/** Expiry for a requested duration, or a message saying what is wrong with it. */
export function expiryOf(from: number, period: string | undefined): { expiresAt: number } | { problem: string } {
  const p = period ?? DEFAULT_DURATION;
  const t = addPeriod(from, p);
  if (t === null) return { problem: `duration ${JSON.stringify(p)} is not an ISO-8601 period such as P1Y or P6M` };
  if (t - from > MAX_CONSENT_MS) return { problem: `duration ${p} is longer than three years` };
  return { expiresAt: t };
}
