/**
 * @module enedis/serve/throttle
 * Per-client quotas of the Data Connect face, as Enedis's gateway counts them (enedis-formats.md §1.4: 5 requests a
 * second, 10,000 an hour per application in v5): a token bucket for the second (a burst of `perSecond`, refilled
 * continuously) and a fixed hourly window. Values in, values out: the caller keeps the map and passes the time.
 */

export interface QuotaLimits {
  readonly perSecond: number;
  readonly perHour: number;
}

export const ENEDIS_V5_QUOTAS: QuotaLimits = Object.freeze({ perSecond: 5, perHour: 10_000 });

interface Bucket {
  tokens: number;
  at: number;
  hourStart: number;
  hourCount: number;
}

export type QuotaDecision =
  | { readonly allowed: true; readonly limit: number; readonly remaining: number; readonly resetAt: number }
  | { readonly allowed: false; readonly limit: number; readonly remaining: number; readonly nextAccess: number };

const HOUR = 3_600_000;

export class ClientQuotas {
  private readonly buckets = new Map<string, Bucket>();
  constructor(private readonly limits: QuotaLimits = ENEDIS_V5_QUOTAS) {}

  /** Counts one request of `client` at `now` when the quotas allow it; says when the next may come otherwise. */
  take(client: string, now: number): QuotaDecision {
    const { perSecond, perHour } = this.limits;
    let b = this.buckets.get(client);
    if (!b) this.buckets.set(client, (b = { tokens: perSecond, at: now, hourStart: now, hourCount: 0 }));
    b.tokens = Math.min(perSecond, b.tokens + ((now - b.at) * perSecond) / 1000);
    b.at = now;
    if (now - b.hourStart >= HOUR) {
      b.hourStart = now;
      b.hourCount = 0;
    }
    if (b.hourCount >= perHour) return { allowed: false, limit: perHour, remaining: 0, nextAccess: b.hourStart + HOUR };
    if (b.tokens < 1)
      return {
        allowed: false,
        limit: perHour,
        remaining: perHour - b.hourCount,
        nextAccess: now + Math.ceil(((1 - b.tokens) * 1000) / perSecond),
      };
    b.tokens -= 1;
    b.hourCount++;
    this.forgetIdle(now);
    return { allowed: true, limit: perHour, remaining: perHour - b.hourCount, resetAt: b.hourStart + HOUR };
  }

  /** Drops clients idle for over an hour, so the map holds only the clients of the last hour. */
  private forgetIdle(now: number): void {
    if (this.buckets.size < 1024) return;
    for (const [k, b] of this.buckets) if (now - b.at > HOUR) this.buckets.delete(k);
  }
}
