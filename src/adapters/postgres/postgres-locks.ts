/**
 * @module adapters/postgres/postgres-locks
 * The advisory lock keys of the database. Most are transaction-level locks (`pg_advisory_xact_lock`) that serialise
 * the writers of one database: several hub instances may share it, and what must happen one at a time across all of
 * them takes one of these keys inside its transaction. A transaction lock is released by COMMIT or ROLLBACK, and by
 * the server when a client's connection dies, so a crashed instance never leaves it held. The live sources' lease is
 * a session-level lock (postgres-leader-lease.ts). Keys are scoped to the database by the server.
 */
export const LOCKS = {
  /** Applying schema migrations (two instances starting at once: one migrates, the other then sees the version). */
  migrations: 0x636f_0001,
  /** Appending to (or setting aside) the consent ledger: the head read and the insert are one step. */
  consentLedger: 0x636f_0002,
  /** Publishing a release: the head read, the chained row, its spend and files are one step. */
  releaseLedger: 0x636f_0003,
  /** The lease of the live sources (a session-level lock held on a dedicated connection: postgres-leader-lease.ts). */
  liveSources: 0x636f_0004,
} as const;

export const LOCK_SQL = 'SELECT pg_advisory_xact_lock($1)';
