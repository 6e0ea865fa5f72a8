/**
 * @module ports/consent-repository
 * The storage port of consent and rights data: the ledger (append-only), receipts, access log, legal requests and
 * deletion records. The DuckDB adapter is src/adapters/duckdb/duckdb-consent-repository.ts; any other engine must pass
 * the same conformance test.
 */
import type { AccessLogEntry } from '../consent/access-log.ts';
import type { ChainedEvent } from '../consent/events.ts';
import type { LedgerRead, StoredRow } from '../consent/ledger-integrity.ts';
import type { LegalRequest } from '../consent/legal-requests.ts';

export type DeletionReason = 'retention' | 'control' | 'erasure' | 'move-out';

/** What was deleted, never the data itself. */
export interface DeletionRecord {
  readonly recordId: string;
  readonly at: number;
  readonly prm: string;
  readonly reason: DeletionReason;
  /** e.g. "finer than P1D", "P1D", "all". */
  readonly what: string;
  readonly rangeFrom: number | null;
  readonly rangeTo: number | null;
  readonly deleted: number;
  readonly actorId: string;
}

export interface ConsentRepository {
  /**
   * True when other hub instances may append to this ledger at the same time (a database server several instances
   * share): the ledger service then catches up with their rows (`rowsAfter`) before each decision and append, and
   * re-chains an append refused on a stale head. False when this process is the only writer (a DuckDB file is opened
   * by one process): the state in memory is exact and nothing is queried.
   */
  readonly sharedByInstances: boolean;
  /** Prepare the storage if the engine needs it (DuckDB: nothing, its schema migrations ran when the database opened).
   * Idempotent.
   */
  init(): Promise<void>;
  /** Last chained row, or null on an empty ledger. */
  head(): Promise<{ seq: number; hash: string } | null>;
  /** Append one chained row and its receipt atomically. Refuses a row that does not follow the stored head
   *  (STORE_WRITE_FAILED, nothing written, `details.head` the stored head's seq): another writer got there first. */
  append(e: ChainedEvent, receipt: string | null): Promise<void>;
  /** All rows in seq order, as stored (a tampered row comes back tampered). A row whose JSON does not parse is left
   *  out: `readLedger` reports it. Storage that cannot be read: LEDGER_UNREADABLE. */
  events(): Promise<ChainedEvent[]>;
  /** The rows after `seq` as stored, unparsed, in seq order: what others appended since this instance's head. One
   *  indexed query on an engine shared by instances; storage that cannot be read: LEDGER_UNREADABLE. */
  rowsAfter(seq: number): Promise<readonly StoredRow[]>;
  /** Every row as stored, unparsed, and the seq ranges the storage cannot read: what verification works on. */
  readLedger(): Promise<LedgerRead>;
  /** An operator acknowledged storage-level damage: keep the damaged table under `name`, and start a new ledger table
   *  holding `keep` (the readable rows, as stored) then `ack`, atomically. */
  setAside(name: string, keep: readonly StoredRow[], ack: ChainedEvent, receipt: string): Promise<void>;
  receipt(eventId: string): Promise<string | null>;
  receipts(): Promise<Map<string, string>>;
  logAccess(entries: readonly AccessLogEntry[]): Promise<void>;
  accessLog(prm: string, from?: number): Promise<AccessLogEntry[]>;
  saveLegalRequest(r: LegalRequest): Promise<void>;
  legalRequests(): Promise<LegalRequest[]>;
  addDeletion(d: DeletionRecord): Promise<void>;
  deletions(prm?: string): Promise<DeletionRecord[]>;
}
