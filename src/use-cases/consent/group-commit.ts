/**
 * @module use-cases/consent/group-commit
 * Group commit for the household's journal: every read waits until its journal lines are stored before it is answered
 * (nothing acknowledged is ever missing from the journal), but concurrent reads share one write. While a write is in
 * flight, new lines queue; when it ends, everything queued goes in the next single write. An idle journal adds no
 * delay (the first line is written at once); a busy one writes once per round trip instead of once per request.
 */
export class GroupCommit<T> {
  private queue: T[] = [];
  private waiters: { resolve(): void; reject(e: unknown): void }[] = [];
  private running = false;

  constructor(
    private readonly write: (items: readonly T[]) => Promise<void>,
    /** Largest single write; a longer queue is written in several (each still one statement). */
    private readonly maxBatch = 1000,
  ) {}

  /** Resolves once `items` are stored; rejects if the write that carried them failed (they are not retried). */
  add(items: readonly T[]): Promise<void> {
    if (items.length === 0) return Promise.resolve();
    return new Promise<void>((resolve, reject) => {
      for (const x of items) this.queue.push(x);
      this.waiters.push({ resolve, reject });
      if (!this.running) void this.drain();
    });
  }

  private async drain(): Promise<void> {
    this.running = true;
    while (this.queue.length) {
      const items = this.queue;
      const waiters = this.waiters;
      this.queue = [];
      this.waiters = [];
      try {
        for (let i = 0; i < items.length; i += this.maxBatch) await this.write(items.slice(i, i + this.maxBatch));
        for (const w of waiters) w.resolve();
      } catch (e) {
        for (const w of waiters) w.reject(e);
      }
    }
    this.running = false;
  }
}
