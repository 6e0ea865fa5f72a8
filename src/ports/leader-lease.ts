/**
 * @module ports/leader-lease
 * Which hub instance runs what must run once (the live sources: the meter's TIC line, the MQTT bridge). Hub instances
 * sharing one database each try to take the lease; one holds it at a time, and when its holder stops or dies it is
 * free again for the next try of another. Engines where one process opens the database (a DuckDB file) hold it always.
 * use-cases/leadership.ts runs a task while the lease is held.
 */
export interface LeaderLease {
  /** Take the lease if it is free; true when this instance holds it (now or already). */
  tryAcquire(): Promise<boolean>;
  /** Whether this instance still holds it (false once its hold was lost: connection broken, server restarted). */
  held(): Promise<boolean>;
  /** Give it up: another instance takes it at its next try. */
  release(): Promise<void>;
}

/** The lease of a database one process alone opens: always held by that process. */
export const SOLE_LEASE: LeaderLease = {
  tryAcquire: async () => true,
  held: async () => true,
  release: async () => undefined,
};
