/**
 * @module adapters/sql-schema/consent-rows
 * Rows of the consent side tables (consent_access_log, consent_legal_requests, consent_deletions) as both SQL engines
 * store them: one mapping from a row to the port's records, whatever numeric type the driver hands back.
 */
import type { AccessLogEntry } from '../../consent/access-log.ts';
import type { LegalRequest } from '../../consent/legal-requests.ts';
import type { DeletionRecord } from '../../ports/consent-repository.ts';
import type { SqlRow } from './client-rows.ts';

const numOrNull = (v: unknown): number | null => (v == null ? null : Number(v));

export const toAccessLogEntry = (x: SqlRow): AccessLogEntry => ({
  entryId: String(x.entry_id),
  at: Number(x.at_ms),
  actorKind: String(x.actor_kind),
  actorId: String(x.actor_id),
  prm: String(x.prm),
  rangeFrom: Number(x.range_from),
  rangeTo: Number(x.range_to),
  step: String(x.step),
  purpose: String(x.purpose),
  category: String(x.category),
  allowed: Boolean(x.allowed),
  basis: String(x.basis),
});

export const toLegalRequest = (x: SqlRow): LegalRequest => ({
  requestId: String(x.request_id),
  reference: String(x.reference),
  authorityId: String(x.authority_id),
  authorityType: String(x.authority_type) as LegalRequest['authorityType'],
  legalBasis: String(x.legal_basis),
  prms: JSON.parse(String(x.prms)) as LegalRequest['prms'],
  rangeFrom: Number(x.range_from),
  rangeTo: Number(x.range_to),
  secret: Boolean(x.secret),
  receivedAt: Number(x.received_at),
  outcome: String(x.outcome) as LegalRequest['outcome'],
  decidedAt: numOrNull(x.decided_at) ?? undefined,
  validUntil: numOrNull(x.valid_until) ?? undefined,
  decidedBy: x.decided_by == null ? undefined : String(x.decided_by),
});

export const toDeletion = (x: SqlRow): DeletionRecord => ({
  recordId: String(x.record_id),
  at: Number(x.at_ms),
  prm: String(x.prm),
  reason: String(x.reason) as DeletionRecord['reason'],
  what: String(x.what),
  rangeFrom: numOrNull(x.range_from),
  rangeTo: numOrNull(x.range_to),
  deleted: Number(x.deleted),
  actorId: String(x.actor_id),
});
