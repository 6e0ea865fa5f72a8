/**
 * @module adapters/enedis/rate-limiter
 * One limiter per application, shared by every call: a token bucket of `perSecond` requests per second, an hourly
 * budget, and a "closed until" instant set from a 429's `nextAccessTime`. Time and sleeping are injected.
 */
export interface Clock {
  now(): number;
  sleep(ms: number): Promise<void>;
}

export const realClock: Clock = { now: () => Date.now(), sleep: (ms) => new Promise((r) => setTimeout(r, ms)) };

export class RateLimiter {
  private tokens: number;
  private last: number;
  private hourStart: number;
  private hourCount = 0;
  private closedUntil = 0;
  private chain: Promise<void> = Promise.resolve();
  constructor(
    private readonly clock: Clock,
    private readonly perSecond = 5,
    private readonly perHour = 1000,
  ) {
    this.tokens = perSecond;
    this.last = clock.now();
    this.hourStart = clock.now();
  }

  /** Waits for a slot; calls are served in order. */
  acquire(): Promise<void> {
    const next = this.chain.then(() => this.take());
    this.chain = next.catch(() => undefined);
    return next;
  }

  /** Enedis said "come back at t" (429 nextAccessTime). */
  closeUntil(t: number): void {
    this.closedUntil = Math.max(this.closedUntil, t);
  }

  private async take(): Promise<void> {
    for (;;) {
      const now = this.clock.now();
      if (now < this.closedUntil) {
        await this.clock.sleep(this.closedUntil - now);
        continue;
      }
      if (now - this.hourStart >= 3_600_000) {
        this.hourStart = now;
        this.hourCount = 0;
      }
      if (this.hourCount >= this.perHour) {
        await this.clock.sleep(this.hourStart + 3_600_000 - now);
        continue;
      }
      this.tokens = Math.min(this.perSecond, this.tokens + ((now - this.last) / 1000) * this.perSecond);
      this.last = now;
      if (this.tokens >= 1) {
        this.tokens -= 1;
        this.hourCount++;
        return;
      }
      await this.clock.sleep(Math.ceil(((1 - this.tokens) / this.perSecond) * 1000));
    }
  }
}
