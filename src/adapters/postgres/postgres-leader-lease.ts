/**
 * @module adapters/postgres/postgres-leader-lease
 * The lease of the live sources on PostgreSQL: a session-level advisory lock (`pg_try_advisory_lock`) taken on a
 * connection of its own. The server holds it as long as that session lives, so it is free again as soon as the holder
 * releases it, closes the connection or dies (the server sees the socket close). A holder cut off from the server is
 * dropped by the server's TCP keepalives (set on the session: about 11 s), and sees it itself at its next check
 * (`held` fails or finds the lock gone), so it stops its sources before another instance can take over.
 */
import type pg from 'pg';
import type { LeaderLease } from '../../ports/leader-lease.ts';
import type { PostgresDatabase } from './postgres-database.ts';
import { LOCKS } from './postgres-locks.ts';

/** Server-side keepalives of the lease's session: idle 5 s, then 3 probes 2 s apart. */
const KEEPALIVES = 'SET tcp_keepalives_idle = 5; SET tcp_keepalives_interval = 2; SET tcp_keepalives_count = 3';
/** A check that does not answer within this is a lost lease (ms). */
const CHECK_TIMEOUT = 5_000;
/** How long ending the lease's session may take before it is let go (ms). */
const END_TIMEOUT = 2_000;

export class PostgresLeaderLease implements LeaderLease {
  private client: pg.Client | null = null;

  constructor(
    private readonly db: PostgresDatabase,
    private readonly key: number = LOCKS.liveSources,
  ) {}

  /**
   * Ends the lease's session. Bounded: `end()` on a client whose connection the server already closed may never
   * settle, and the session (with its lock) is gone anyway then.
   */
  private async drop(): Promise<void> {
    const c = this.client;
    this.client = null;
    if (!c) return;
    let timer: ReturnType<typeof setTimeout> | undefined;
    await Promise.race([
      c.end().catch(() => undefined),
      new Promise<void>((resolve) => (timer = setTimeout(resolve, END_TIMEOUT))),
    ]);
    clearTimeout(timer);
  }

  private async ask<R extends Record<string, unknown>>(sql: string, params: unknown[] = []): Promise<R[]> {
    const c = this.client!;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error('the lease check did not answer')), CHECK_TIMEOUT);
    });
    try {
      return (await Promise.race([c.query<R>(sql, params), timeout])).rows;
    } finally {
      clearTimeout(timer);
    }
  }

  async tryAcquire(): Promise<boolean> {
    if (this.client && (await this.held())) return true;
    await this.drop();
    try {
      this.client = await this.db.dedicated();
      await this.client.query(KEEPALIVES);
      const [r] = await this.ask<{ ok: boolean }>('SELECT pg_try_advisory_lock($1) AS ok', [this.key]);
      if (r?.ok === true) return true;
    } catch {
      // the server cannot be reached: not held
    }
    await this.drop();
    return false;
  }

  async held(): Promise<boolean> {
    if (!this.client) return false;
    try {
      const [r] = await this.ask<{ n: number }>(
        `SELECT count(*)::int AS n FROM pg_locks
         WHERE locktype = 'advisory' AND classid = 0 AND objid = $1 AND objsubid = 1 AND granted AND pid = pg_backend_pid()`,
        [this.key],
      );
      if (r?.n === 1) return true;
    } catch {
      // the connection is gone: so is the lock
    }
    await this.drop();
    return false;
  }

  async release(): Promise<void> {
    // ending the session frees its session-level locks
    await this.drop();
  }
}
