/**
 * @module use-cases/parse-worker/parse-clock
 * The parser thread's time limit counts only the time it is the one holding the import up: the clock runs while
 * it is told to (the import waits for the thread, and the thread has input) and stops otherwise, so a slow upload
 * or a slow store never counts against the parser, while a thread that spins on one file is stopped after the
 * budget. `expire` is called once when the budget is spent while running.
 */
export class ParseClock {
  private left: number;
  private since = 0;
  private timer: ReturnType<typeof setTimeout> | undefined;

  constructor(
    budgetMs: number,
    private readonly expire: () => void,
  ) {
    this.left = budgetMs;
  }

  run(running: boolean): void {
    if (running === (this.timer !== undefined)) return;
    if (running) {
      this.since = performance.now();
      this.timer = setTimeout(this.expire, Math.max(0, this.left));
      return;
    }
    clearTimeout(this.timer);
    this.timer = undefined;
    this.left -= performance.now() - this.since;
  }
}
