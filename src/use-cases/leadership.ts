/**
 * @module use-cases/leadership
 * Runs a task on one hub instance at a time: each instance tries the lease (ports/leader-lease.ts) every `everyMs`;
 * the one that holds it starts the task, checks at the same pace that it still holds it and stops the task as soon as
 * it does not (so two instances never run it at once for longer than one check). When the holder stops (its lease is
 * released) or dies (its database connection ends with it), another instance takes the lease at its next try and
 * starts the task. The first try is awaited: an instance that takes the lease at start and cannot start the task
 * fails its start with that error, as a hub alone on its database always did.
 */
import type { LeaderLease } from '../ports/leader-lease.ts';

export interface Leadership {
  /** Whether this instance runs the task now. */
  readonly leading: boolean;
  /** Stop trying; stop the task if it runs and give the lease up. */
  stop(): Promise<void>;
}

export interface LeadOptions<T> {
  readonly lease: LeaderLease;
  /** Start the task (this instance just took the lease). */
  start(): Promise<T>;
  /** Stop the task (the lease was lost, or the hub stops). */
  stop(task: T): Promise<void>;
  /** How often to try the lease, and to check it is still held (ms). */
  readonly everyMs: number;
  /** Told when leadership changes or a try fails. */
  readonly onChange?: ((leading: boolean, why: string) => void) | undefined;
}

export async function runAsLeader<T>(o: LeadOptions<T>): Promise<Leadership> {
  let task: { value: T } | null = null;
  let stopped = false;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const end = async (why: string) => {
    const t = task;
    task = null;
    if (t) {
      await o.stop(t.value).catch(() => undefined);
      o.onChange?.(false, why);
    }
  };
  const step = async (first: boolean) => {
    if (!task) {
      if (!(await o.lease.tryAcquire().catch(() => false)) || stopped) return;
      try {
        task = { value: await o.start() };
        o.onChange?.(true, 'took the lease');
      } catch (e) {
        // the task would not start here: give the lease to another instance
        await o.lease.release().catch(() => undefined);
        if (first) throw e;
        o.onChange?.(false, `the task did not start: ${(e as Error).message}`);
      }
    } else if (!(await o.lease.held().catch(() => false))) {
      await end('lost the lease');
    }
  };
  let running: Promise<void> = Promise.resolve();
  const next = () => {
    if (!stopped) timer = setTimeout(tick, o.everyMs);
  };
  const tick = () => {
    running = step(false).finally(next);
  };
  await step(true);
  next();
  return {
    get leading() {
      return task !== null;
    },
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await running;
      await end('stopping');
      await o.lease.release().catch(() => undefined);
    },
  };
}
