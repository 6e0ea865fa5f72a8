/**
 * @module adapters/duckdb/duckdb-ledger-salvage
 * Reading the consent ledger when its storage may be damaged, and setting a damaged table aside.
 *
 * DuckDB checks a checksum on every block it reads; one flipped bit makes every query touching that block fail with
 * "IO Error: Corrupt database file". The ledger is then read by seq ranges, halving a failing range until the rows
 * that cannot be read are isolated (within a query budget), so verification can name the first unreadable seq and
 * keep everything else. Writing into such a table invalidates the whole database instance (DuckDB cannot roll the
 * failed append back), so an acknowledged storage break is handled by renaming the table aside, never by appending
 * to it: a new `consent_ledger` receives the readable rows, as stored, and the acknowledgement, in one transaction.
 */
import type { DuckDBConnection, DuckDBValue } from '@duckdb/node-api';
import { CourantError } from '../../core/errors.ts';
import type { ChainedEvent } from '../../consent/events.ts';
import { eventConsentId, eventPrm } from '../../consent/events.ts';
import type { LedgerRead, StoredRow, UnreadableRange } from '../../consent/ledger-integrity.ts';
import type { ActorKind } from '../../consent/model.ts';
import { canonicalJson } from '../../consent/canonical.ts';

/**
 * The ledger table as the current schema defines it (migrations/), to re-create it after setting a damaged one aside.
 * A migration that changes `consent_ledger` changes this too; migrations.test.ts compares the two.
 */
export const LEDGER_DDL = `CREATE TABLE consent_ledger (
     seq BIGINT PRIMARY KEY, event_id VARCHAR NOT NULL UNIQUE, at_ms BIGINT NOT NULL,
     actor_kind VARCHAR NOT NULL, actor_id VARCHAR NOT NULL, type VARCHAR NOT NULL,
     prm VARCHAR, consent_id VARCHAR, body VARCHAR NOT NULL,
     prev_hash VARCHAR NOT NULL, hash VARCHAR NOT NULL, receipt VARCHAR)`;

const COLUMNS = 'seq, event_id, at_ms, actor_kind, actor_id, type, prm, consent_id, body, prev_hash, hash, receipt';
/** Queries spent isolating unreadable rows before the remaining failing ranges are reported whole. */
const SALVAGE_BUDGET = 256;

type Row = Record<string, DuckDBValue>;
const firstLine = (e: unknown) => String((e as Error).message ?? e).split('\n')[0]!;

async function select(conn: DuckDBConnection, sql: string, params: DuckDBValue[] = []): Promise<Row[]> {
  return (await conn.runAndReadAll(sql, params)).getRowObjects() as Row[];
}

function stored(x: Row): StoredRow {
  return {
    seq: Number(x.seq as bigint),
    eventId: String(x.event_id),
    at: Number(x.at_ms as bigint),
    actor: { kind: String(x.actor_kind) as ActorKind, id: String(x.actor_id) },
    type: String(x.type),
    prm: x.prm == null ? null : String(x.prm),
    consentId: x.consent_id == null ? null : String(x.consent_id),
    body: String(x.body),
    prevHash: String(x.prev_hash),
    hash: String(x.hash),
    receipt: x.receipt == null ? null : String(x.receipt),
  };
}

/** Lowest and highest seq from the table's statistics and catalogue, which survive a damaged data block. */
async function seqExtent(conn: DuckDBConnection): Promise<{ from: number; to: number } | undefined> {
  try {
    const [r] = await select(conn, 'SELECT min(seq) AS lo, max(seq) AS hi FROM consent_ledger');
    if (r && r.lo != null && r.hi != null) return { from: Number(r.lo as bigint), to: Number(r.hi as bigint) };
  } catch {
    /* statistics unreadable too: try the catalogue's row count */
  }
  try {
    const [r] = await select(
      conn,
      "SELECT estimated_size AS n FROM duckdb_tables() WHERE table_name = 'consent_ledger'",
    );
    const n = r ? Number(r.n as bigint) : 0;
    return n > 0 ? { from: 1, to: n } : undefined;
  } catch {
    return undefined;
  }
}

/** Every row that can be read, in seq order, and the seq ranges that cannot. */
/** The rows after `seq`, in seq order (conformance; the hub never catches up on a file it alone writes). */
export async function rowsAfter(conn: DuckDBConnection, seq: number): Promise<StoredRow[]> {
  return readingLedger('catch-up', async () =>
    (await select(conn, `SELECT ${COLUMNS} FROM consent_ledger WHERE seq > $1 ORDER BY seq`, [seq])).map(stored),
  );
}

export async function readLedger(conn: DuckDBConnection): Promise<LedgerRead> {
  try {
    return {
      rows: (await select(conn, `SELECT ${COLUMNS} FROM consent_ledger ORDER BY seq`)).map(stored),
      unreadable: [],
    };
  } catch (whole) {
    const extent = await seqExtent(conn);
    if (!extent)
      return {
        rows: [],
        unreadable: [{ from: 1, to: 1, detail: `${firstLine(whole)} (extent of the table unknown)` }],
      };
    const rows: StoredRow[] = [];
    const bad: UnreadableRange[] = [];
    let budget = SALVAGE_BUDGET;
    const visit = async (from: number, to: number): Promise<void> => {
      try {
        rows.push(
          ...(
            await select(conn, `SELECT ${COLUMNS} FROM consent_ledger WHERE seq BETWEEN $1 AND $2 ORDER BY seq`, [
              from,
              to,
            ])
          ).map(stored),
        );
      } catch (e) {
        if (from === to || --budget <= 0) {
          const last = bad.at(-1);
          if (last && last.to === from - 1) bad[bad.length - 1] = { ...last, to };
          else bad.push({ from, to, detail: firstLine(e) });
          return;
        }
        const mid = Math.floor((from + to) / 2);
        await visit(from, mid);
        await visit(mid + 1, to);
      }
    };
    await visit(extent.from, extent.to);
    return { rows, unreadable: bad };
  }
}

/** Run `fn`, turning a storage failure into LEDGER_UNREADABLE. */
export async function readingLedger<T>(what: string, fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (cause) {
    throw new CourantError('LEDGER_UNREADABLE', `consent ledger ${what}: ${firstLine(cause)}`, { cause });
  }
}

const values = (
  r: { seq: number; eventId: string; at: number; actor: { kind: string; id: string } },
  type: string,
  prm: string | null,
  consentId: string | null,
  body: string,
  prevHash: string,
  hash: string,
  receipt: string | null,
): DuckDBValue[] => [
  r.seq,
  r.eventId,
  r.at,
  r.actor.kind,
  r.actor.id,
  type,
  prm,
  consentId,
  body,
  prevHash,
  hash,
  receipt,
];

/**
 * Rename the ledger table to `name` (kept for inspection), create a new ledger table holding `keep` as stored and
 * then `ack`, all in one transaction on `conn` (a connection no other statement uses meanwhile).
 */
export async function setAsideLedger(
  conn: DuckDBConnection,
  name: string,
  keep: readonly StoredRow[],
  ack: ChainedEvent,
  receipt: string,
): Promise<void> {
  if (!/^consent_ledger_damaged_\d+$/.test(name))
    throw new CourantError('INPUT_INVALID', `set-aside table name ${name} is not consent_ledger_damaged_<seq>`);
  try {
    await conn.run('BEGIN TRANSACTION');
    await conn.run(`ALTER TABLE consent_ledger RENAME TO ${name}`);
    await conn.run(LEDGER_DDL);
    const insert = await conn.prepare(
      'INSERT INTO consent_ledger VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)',
    );
    for (const r of keep) {
      insert.bind(values(r, r.type, r.prm, r.consentId, r.body, r.prevHash, r.hash, r.receipt));
      await insert.run();
    }
    insert.bind(
      values(
        ack,
        ack.body.type,
        eventPrm(ack.body) ?? null,
        eventConsentId(ack.body) ?? null,
        canonicalJson(ack.body),
        ack.prevHash,
        ack.hash,
        receipt,
      ),
    );
    await insert.run();
    await conn.run('COMMIT');
  } catch (cause) {
    await conn.run('ROLLBACK').catch(() => undefined);
    throw new CourantError(
      'STORE_WRITE_FAILED',
      `setting the damaged consent ledger aside as ${name}: ${firstLine(cause)}; nothing changed`,
      { cause },
    );
  }
}
