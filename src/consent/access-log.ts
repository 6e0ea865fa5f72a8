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

/** Entries that came from one request: the same instant, caller, usage point, range, purpose and outcome. */
export interface AccessLogRequest extends AccessLogEntry {
  /** Every step and data category the request was decided on (one log entry per series read). */
  readonly steps: readonly string[];
  readonly categories: readonly string[];
  /** How many entries (series) the request produced. */
  readonly reads: number;
}

/**
 * Folds the entries one request produced into one line. The guard decides a request as one batch, one entry per
 * series it touches (a daily total is computed from every finer series held), all with the same instant; the
 * household asked who read what, not how many series sit behind one answer.
 */
export function groupAccessLog(entries: readonly AccessLogEntry[]): AccessLogRequest[] {
  const out = new Map<string, AccessLogRequest & { steps: string[]; categories: string[] }>();
  for (const e of entries) {
    const key = [e.at, e.actorKind, e.actorId, e.prm, e.rangeFrom, e.rangeTo, e.purpose, e.basis].join('|');
    const g = out.get(key);
    if (!g) {
      out.set(key, { ...e, steps: [e.step], categories: [e.category], reads: 1 });
      continue;
    }
    if (!g.steps.includes(e.step)) g.steps.push(e.step);
    if (!g.categories.includes(e.category)) g.categories.push(e.category);
    out.set(key, { ...g, reads: g.reads + 1 });
  }
  return [...out.values()];
}
