/**
 * @module adapters/postgres/postgres-consent-ledger
 * The consent ledger table on PostgreSQL: appends strictly ordered across every hub instance sharing the database, the
 * rows as stored for verification, and setting a damaged table aside.
 *
 * An append is one transaction that first takes the consent-ledger advisory lock (postgres-locks.ts), then reads the
 * head and inserts the row only if it follows it (seq = head + 1, prev_hash = head's hash). Another instance appending
 * at the same moment waits for the lock and then sees the new head, so its row (chained on the old head) is refused
 * with nothing written, and its caller re-reads the head: the chain never forks. The seq primary key is a second
 * guard.
 */
import type { PoolClient } from 'pg';
import { canonicalJson } from '../../consent/canonical.ts';
import { eventConsentId, eventPrm, type ChainedEvent } from '../../consent/events.ts';
import type { LedgerRead, StoredRow } from '../../consent/ledger-integrity.ts';
import type { ActorKind } from '../../consent/model.ts';
import { CourantError } from '../../core/errors.ts';
import { PG_LEDGER_DDL } from './migrations/0001-repositories.ts';
import { writeFailed, type PostgresDatabase } from './postgres-database.ts';
import { LOCKS, LOCK_SQL } from './postgres-locks.ts';

const COLUMNS = 'seq, event_id, at_ms, actor_kind, actor_id, type, prm, consent_id, body, prev_hash, hash, receipt';
const INSERT = `INSERT INTO consent_ledger (${COLUMNS}) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)`;
const firstLine = (e: unknown) => String((e as Error).message ?? e).split('\n')[0]!;

type Row = Record<string, unknown>;

export const storedRow = (x: Row): StoredRow => ({
  seq: Number(x.seq),
  eventId: String(x.event_id),
  at: Number(x.at_ms),
  actor: { kind: String(x.actor_kind) as ActorKind, id: String(x.actor_id) },
  type: String(x.type),
  prm: x.prm == null ? null : String(x.prm),
  consentId: x.consent_id == null ? null : String(x.consent_id),
  body: String(x.body),
  prevHash: String(x.prev_hash),
  hash: String(x.hash),
  receipt: x.receipt == null ? null : String(x.receipt),
});

const eventValues = (e: ChainedEvent, receipt: string | null): unknown[] => [
  e.seq,
  e.eventId,
  e.at,
  e.actor.kind,
  e.actor.id,
  e.body.type,
  eventPrm(e.body) ?? null,
  eventConsentId(e.body) ?? null,
  canonicalJson(e.body),
  e.prevHash,
  e.hash,
  receipt,
];

const rowValues = (r: StoredRow): unknown[] => [
  r.seq,
  r.eventId,
  r.at,
  r.actor.kind,
  r.actor.id,
  r.type,
  r.prm,
  r.consentId,
  r.body,
  r.prevHash,
  r.hash,
  r.receipt,
];

/** Run `fn`, turning a storage failure into LEDGER_UNREADABLE. */
export async function readingLedger<T>(what: string, fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (cause) {
    throw new CourantError('LEDGER_UNREADABLE', `consent ledger ${what}: ${firstLine(cause)}`, { cause });
  }
}

async function lockedHead(client: PoolClient): Promise<{ seq: number; hash: string } | null> {
  await client.query(LOCK_SQL, [LOCKS.consentLedger]);
  const r = await client.query<Row>('SELECT seq, hash FROM consent_ledger ORDER BY seq DESC LIMIT 1');
  return r.rows[0] ? { seq: Number(r.rows[0].seq), hash: String(r.rows[0].hash) } : null;
}

/** Append one chained row and its receipt if it follows the head, under the ledger lock. */
export async function appendLedger(db: PostgresDatabase, e: ChainedEvent, receipt: string | null): Promise<void> {
  try {
    await db.transaction(async (client) => {
      const h = await lockedHead(client);
      if ((h?.seq ?? 0) + 1 !== e.seq || (h && h.hash !== e.prevHash)) {
        throw new CourantError(
          'STORE_WRITE_FAILED',
          `ledger append: seq ${e.seq} does not follow the head (seq ${h?.seq ?? 0}); nothing written`,
          { details: { seq: e.seq, head: h?.seq ?? 0 } },
        );
      }
      await client.query(INSERT, eventValues(e, receipt));
    });
  } catch (cause) {
    throw writeFailed('ledger append', cause);
  }
}

/** The rows after `seq`, in seq order: a range scan of the primary key, usually empty. */
export async function rowsAfter(db: PostgresDatabase, seq: number): Promise<StoredRow[]> {
  const r = await readingLedger('catch-up', () =>
    db.query(`SELECT ${COLUMNS} FROM consent_ledger WHERE seq > $1 ORDER BY seq`, [seq]),
  );
  return r.rows.map(storedRow);
}

/** Every row as stored, in seq order. PostgreSQL reads a table whole or fails: no partial salvage here. */
export async function readLedgerRows(db: PostgresDatabase): Promise<LedgerRead> {
  const r = await readingLedger('read', () => db.query(`SELECT ${COLUMNS} FROM consent_ledger ORDER BY seq`));
  return { rows: r.rows.map(storedRow), unreadable: [] };
}

/**
 * Rename the ledger table to `name` (kept for inspection), create a new ledger table holding `keep` as stored and then
 * `ack`, all in one transaction under the ledger lock.
 */
export async function setAsideLedger(
  db: PostgresDatabase,
  name: string,
  keep: readonly StoredRow[],
  ack: ChainedEvent,
  receipt: string,
): Promise<void> {
  if (!/^consent_ledger_damaged_\d+$/.test(name))
    throw new CourantError('INPUT_INVALID', `set-aside table name ${name} is not consent_ledger_damaged_<seq>`);
  try {
    await db.transaction(async (client) => {
      await client.query(LOCK_SQL, [LOCKS.consentLedger]);
      await client.query(`ALTER TABLE consent_ledger RENAME TO ${name}`);
      await client.query(PG_LEDGER_DDL);
      for (const r of keep) await client.query(INSERT, rowValues(r));
      await client.query(INSERT, eventValues(ack, receipt));
    });
  } catch (cause) {
    throw new CourantError(
      'STORE_WRITE_FAILED',
      `setting the damaged consent ledger aside as ${name}: ${firstLine(cause)}; nothing changed`,
      { cause },
    );
  }
}
