/**
 * @module consent/access-log
 * Every read of personal data by anyone other than the household itself is recorded (who, which usage point,
 * range, step, purpose, basis) and shown to the household. The record is built from the policy decision, so
 * there is no path that reads without producing one.
 */
import type { Basis } from './model.ts';
import type { AccessRequest, Decision } from './policy.ts';

export interface AccessLogEntry {
  readonly entryId: string;
  readonly at: number;
  readonly actorKind: string;
  readonly actorId: string;
  readonly prm: string;
  readonly rangeFrom: number;
  readonly rangeTo: number;
  readonly step: string;
  readonly purpose: string;
  readonly category: string;
  readonly allowed: boolean;
  /** "consent:<id>", "legal-request:<id>", "contract:<ref>", or the deny reason. */
  readonly basis: string;
}

export function basisRef(b: Basis): string {
  switch (b.kind) {
    case 'self':
      return 'self';
    case 'consent':
      return `consent:${b.consentId}`;
    case 'legal-request':
      return `legal-request:${b.requestId}`;
    case 'contract':
      return `contract:${b.ref}`;
  }
}

/**
 * The log entry for a decision, or undefined for households: their own reads are not logged, and a
 * household's refused attempt on a usage point it does not occupy goes to the operator's refusal log, never to the
 * log shown to the occupant (which would disclose another household to it).
 */
export function accessLogEntry(r: AccessRequest, d: Decision, entryId: string): AccessLogEntry | undefined {
  if (r.actor.kind === 'household') return undefined;
  return {
    entryId,
    at: r.at,
    actorKind: r.actor.kind,
    actorId: r.actor.id,
    prm: r.prm,
    rangeFrom: r.range.from,
    rangeTo: r.range.to,
    step: r.step,
    purpose: r.purpose,
    category: r.category,
    allowed: d.allowed,
    basis: d.allowed ? basisRef(d.basis) : `denied:${d.reason}`,
  };
}
