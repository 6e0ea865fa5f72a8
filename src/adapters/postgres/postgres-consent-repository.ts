/**
 * @module adapters/postgres/postgres-consent-repository
 * ConsentRepository on PostgreSQL (tables consent_ledger, consent_access_log, consent_legal_requests,
 * consent_deletions; schema migration 1). The ledger has no UPDATE or DELETE path here; its appends are serialised
 * across hub instances by an advisory lock (postgres-consent-ledger.ts) and its integrity is checked by the hash chain.
 */
import type { AccessLogEntry } from '../../consent/access-log.ts';
import { toAccessLogEntry, toDeletion, toLegalRequest } from '../sql-schema/consent-rows.ts';
import type { ChainedEvent, EventBody } from '../../consent/events.ts';
import type { LedgerRead, StoredRow } from '../../consent/ledger-integrity.ts';
import type { LegalRequest } from '../../consent/legal-requests.ts';
import type { ConsentRepository, DeletionRecord } from '../../ports/consent-repository.ts';
import { appendLedger, readLedgerRows, readingLedger, rowsAfter, setAsideLedger } from './postgres-consent-ledger.ts';
import { writeFailed, type Params, type PostgresDatabase } from './postgres-database.ts';

type Row = Record<string, unknown>;

export class PostgresConsentRepository implements ConsentRepository {
  /** Every hub instance on the database appends to the same ledger. */
  readonly sharedByInstances = true;

  constructor(private readonly db: PostgresDatabase) {}

  private async rows(sql: string, params: Params = []): Promise<Row[]> {
    return (await this.db.query(sql, params)).rows;
  }

  private async write(what: string, sql: string, params: Params): Promise<void> {
    try {
      await this.db.query(sql, params);
    } catch (cause) {
      throw writeFailed(what, cause);
    }
  }

  /** Nothing to prepare: the tables are created by the schema migrations when the database opens. */
  async init(): Promise<void> {}

  async head(): Promise<{ seq: number; hash: string } | null> {
    const r = await readingLedger('head', () =>
      this.rows('SELECT seq, hash FROM consent_ledger ORDER BY seq DESC LIMIT 1'),
    );
    return r[0] ? { seq: Number(r[0].seq), hash: String(r[0].hash) } : null;
  }

  append(e: ChainedEvent, receipt: string | null): Promise<void> {
    return appendLedger(this.db, e, receipt);
  }

  async events(): Promise<ChainedEvent[]> {
    const out: ChainedEvent[] = [];
    for (const r of (await this.readLedger()).rows) {
      let body: EventBody;
      try {
        body = JSON.parse(r.body) as EventBody;
      } catch {
        continue; // damaged row: reported by readLedger and ledger verification
      }
      out.push({ seq: r.seq, eventId: r.eventId, at: r.at, actor: r.actor, body, prevHash: r.prevHash, hash: r.hash });
    }
    return out;
  }

  rowsAfter(seq: number): Promise<readonly StoredRow[]> {
    return rowsAfter(this.db, seq);
  }

  readLedger(): Promise<LedgerRead> {
    return readLedgerRows(this.db);
  }

  setAside(name: string, keep: readonly StoredRow[], ack: ChainedEvent, receipt: string): Promise<void> {
    return setAsideLedger(this.db, name, keep, ack, receipt);
  }

  async receipt(eventId: string): Promise<string | null> {
    const r = await readingLedger('receipt', () =>
      this.rows('SELECT receipt FROM consent_ledger WHERE event_id = $1', [eventId]),
    );
    return r[0]?.receipt == null ? null : String(r[0].receipt);
  }

  async receipts(): Promise<Map<string, string>> {
    const r = await readingLedger('receipts', () =>
      this.rows('SELECT event_id, receipt FROM consent_ledger WHERE receipt IS NOT NULL ORDER BY seq'),
    );
    return new Map(r.map((x) => [String(x.event_id), String(x.receipt)]));
  }

  /** One INSERT of the whole batch, the fields as twelve array parameters unnested into rows: atomic on its own. */
  async logAccess(entries: readonly AccessLogEntry[]): Promise<void> {
    if (entries.length === 0) return;
    const col = <T>(f: (a: AccessLogEntry) => T): T[] => entries.map(f);
    await this.write(
      'access log',
      `INSERT INTO consent_access_log (entry_id, at_ms, actor_kind, actor_id, prm, range_from, range_to, step, purpose,
         category, allowed, basis)
       SELECT e, a, k, i, p, f, t, s, u, c, o, b
       FROM unnest($1::text[], $2::bigint[], $3::text[], $4::text[], $5::text[], $6::bigint[], $7::bigint[],
         $8::text[], $9::text[], $10::text[], $11::boolean[], $12::text[])
         WITH ORDINALITY AS x(e, a, k, i, p, f, t, s, u, c, o, b, n)
       ORDER BY n`,
      [
        col((a) => a.entryId),
        col((a) => a.at),
        col((a) => a.actorKind),
        col((a) => a.actorId),
        col((a) => a.prm),
        col((a) => a.rangeFrom),
        col((a) => a.rangeTo),
        col((a) => a.step),
        col((a) => a.purpose),
        col((a) => a.category),
        col((a) => a.allowed),
        col((a) => a.basis),
      ],
    );
  }

  async accessLog(prm: string, from = 0): Promise<AccessLogEntry[]> {
    const r = await this.rows('SELECT * FROM consent_access_log WHERE prm = $1 AND at_ms >= $2 ORDER BY at_ms, n', [
      prm,
      from,
    ]);
    return r.map(toAccessLogEntry);
  }

  async saveLegalRequest(q: LegalRequest): Promise<void> {
    await this.write(
      'legal request',
      `INSERT INTO consent_legal_requests VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)
       ON CONFLICT (request_id) DO UPDATE SET reference = EXCLUDED.reference, authority_id = EXCLUDED.authority_id,
         authority_type = EXCLUDED.authority_type, legal_basis = EXCLUDED.legal_basis, prms = EXCLUDED.prms,
         range_from = EXCLUDED.range_from, range_to = EXCLUDED.range_to, secret = EXCLUDED.secret,
         received_at = EXCLUDED.received_at, outcome = EXCLUDED.outcome, decided_at = EXCLUDED.decided_at,
         valid_until = EXCLUDED.valid_until, decided_by = EXCLUDED.decided_by`,
      [
        q.requestId,
        q.reference,
        q.authorityId,
        q.authorityType,
        q.legalBasis,
        JSON.stringify(q.prms),
        q.rangeFrom,
        q.rangeTo,
        q.secret,
        q.receivedAt,
        q.outcome,
        q.decidedAt ?? null,
        q.validUntil ?? null,
        q.decidedBy ?? null,
      ],
    );
  }

  async legalRequests(): Promise<LegalRequest[]> {
    const r = await this.rows('SELECT * FROM consent_legal_requests ORDER BY received_at, request_id COLLATE "C"');
    return r.map(toLegalRequest);
  }

  async addDeletion(d: DeletionRecord): Promise<void> {
    await this.write('deletion record', 'INSERT INTO consent_deletions VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)', [
      d.recordId,
      d.at,
      d.prm,
      d.reason,
      d.what,
      d.rangeFrom,
      d.rangeTo,
      d.deleted,
      d.actorId,
    ]);
  }

  async deletions(prm?: string): Promise<DeletionRecord[]> {
    const order = 'ORDER BY at_ms, record_id COLLATE "C"';
    const r = prm
      ? await this.rows(`SELECT * FROM consent_deletions WHERE prm = $1 ${order}`, [prm])
      : await this.rows(`SELECT * FROM consent_deletions ${order}`);
    return r.map(toDeletion);
  }
}
