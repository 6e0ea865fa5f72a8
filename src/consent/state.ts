/**
 * @module consent/state
 * The current state of consents, occupancy, household controls and legal requests, folded from the ledger.
 * The policy engine reads it; the service that appends an event applies it here in the same call, so a
 * withdrawal is visible to the very next decision (no cache outlives a change).
 *
 * Grants are kept with their validity interval [from, end) even after they end, so a decision "at time t"
 * is exact for any t and the history stays explainable.
 */
import type { Prm } from '../core/prm.ts';
import type { FixedStep } from '../core/step.ts';
import type { ConsentTerms, LedgerEvent } from './events.ts';
import { ladderRank, type DataCategory, type LadderStep, type Occupancy, type PurposeId } from './model.ts';
import type { Protection } from './protection.ts';

export type ConsentStatus = 'active' | 'withdrawn' | 'expired' | 'superseded';

export interface ConsentRecord {
  readonly terms: ConsentTerms;
  status: ConsentStatus;
  /** Current expiry (moves with renewals). */
  expiresAt: number;
  /** When the consent stopped (withdrawal, supersession, expiry event); undefined while active. */
  endedAt: number | undefined;
  readonly events: number[];
}

/** What the policy engine scans: one entry per consent, indexed by usage point, recipient and purpose. */
export interface Grant {
  readonly consentId: string;
  readonly subject: string;
  readonly rank: number;
  readonly step: LadderStep;
  readonly categories: readonly DataCategory[];
  readonly from: number;
  /** Exclusive end: min(expiry, withdrawal/supersession). Mutated in place when the consent ends. */
  end: number;
  /** Start of the consenting household's occupancy: nothing before it may be read under this consent (R19). */
  readonly occupancyFrom: number;
  /** A protected consent: it allows only a protected delivery (policy.ts). */
  readonly protection?: Protection | undefined;
}

export interface LegalGrant {
  readonly requestId: string;
  readonly prms: ReadonlySet<string>;
  readonly rangeFrom: number;
  readonly rangeTo: number;
  readonly validFrom: number;
  readonly validUntil: number;
}

export interface HouseholdControls {
  fineRecording: boolean;
  recordedStep: FixedStep | null;
  /** Months of fine history the household chose to keep beyond the default (R3 opt-in), 0 = default. */
  fineRetentionMonths: number;
}

export function grantKey(prm: string, recipient: string, purpose: string): string {
  return `${prm}|${recipient}|${purpose}`;
}

export class ConsentState {
  readonly consents = new Map<string, ConsentRecord>();
  readonly grants = new Map<string, Grant[]>();
  private readonly grantById = new Map<string, Grant>();
  /** Occupancy periods by usage point, oldest first. */
  readonly occupancy = new Map<string, Occupancy[]>();
  readonly suppliers = new Map<string, { subject: string; supplier: string }>();
  readonly controls = new Map<string, HouseholdControls>();
  readonly legal = new Map<string, LegalGrant[]>();
  lastSeq = 0;

  /** The current occupant of a usage point at `at`, if any. */
  occupantAt(prm: string, at: number): Occupancy | undefined {
    const list = this.occupancy.get(prm);
    if (!list) return undefined;
    for (let i = list.length - 1; i >= 0; i--) {
      const o = list[i]!;
      if (o.from <= at && (o.to === undefined || at < o.to)) return o;
    }
    return undefined;
  }

  /** The ongoing occupancy of `subject` on `prm` (not moved out). */
  currentOccupancy(prm: string, subject: string): Occupancy | undefined {
    const list = this.occupancy.get(prm);
    const last = list?.[list.length - 1];
    return last && last.subject === subject && last.to === undefined ? last : undefined;
  }

  prmsOf(subject: string): Prm[] {
    const out: Prm[] = [];
    for (const [prm, list] of this.occupancy) {
      const last = list[list.length - 1];
      if (last && last.subject === subject && last.to === undefined) out.push(prm as Prm);
    }
    return out;
  }

  controlsOf(prm: string): HouseholdControls {
    return this.controls.get(prm) ?? { fineRecording: true, recordedStep: null, fineRetentionMonths: 0 };
  }

  /** Consent status at `at`, accounting for expiry by time even before an `expired` event is written. */
  statusAt(id: string, at: number): ConsentStatus | undefined {
    const c = this.consents.get(id);
    if (!c) return undefined;
    if (c.status === 'active' && at >= c.expiresAt) return 'expired';
    return c.status;
  }

  addLegalGrant(prms: readonly string[], authority: string, g: Omit<LegalGrant, 'prms'>): void {
    const grant: LegalGrant = { ...g, prms: new Set(prms) };
    const list = this.legal.get(authority) ?? [];
    list.push(grant);
    this.legal.set(authority, list);
  }

  apply(e: LedgerEvent): void {
    this.lastSeq = e.seq;
    const b = e.body;
    switch (b.type) {
      case 'occupancy-started': {
        const list = this.occupancy.get(b.prm) ?? [];
        list.push({ prm: b.prm, subject: b.subject, from: b.since !== undefined && b.since < e.at ? b.since : e.at });
        this.occupancy.set(b.prm, list);
        if (b.supplier) this.suppliers.set(b.prm, { subject: b.subject, supplier: b.supplier });
        this.controls.delete(b.prm);
        return;
      }
      case 'moved-out': {
        const list = this.occupancy.get(b.prm);
        const last = list?.[list.length - 1];
        if (list && last && last.subject === b.subject && last.to === undefined)
          list[list.length - 1] = {
            ...last,
            to: b.until !== undefined && b.until < e.at ? Math.max(b.until, last.from) : e.at,
          };
        this.suppliers.delete(b.prm);
        this.controls.delete(b.prm);
        return;
      }
      case 'given': {
        const t = b.terms;
        const occ = this.currentOccupancy(t.prm, t.subject);
        const rec: ConsentRecord = {
          terms: t,
          status: 'active',
          expiresAt: t.expiresAt,
          endedAt: undefined,
          events: [e.seq],
        };
        this.consents.set(t.consentId, rec);
        const g: Grant = {
          consentId: t.consentId,
          subject: t.subject,
          rank: ladderRank(t.step),
          step: t.step,
          categories: t.categories,
          from: t.givenAt,
          end: t.expiresAt,
          occupancyFrom: occ ? occ.from : t.givenAt,
          ...(t.protection ? { protection: t.protection } : {}),
        };
        this.grantById.set(t.consentId, g);
        for (const p of t.purposes as readonly PurposeId[]) {
          const k = grantKey(t.prm, t.recipient, p);
          const list = this.grants.get(k) ?? [];
          list.push(g);
          this.grants.set(k, list);
        }
        return;
      }
      case 'renewed': {
        const c = this.consents.get(b.consentId);
        const g = this.grantById.get(b.consentId);
        if (!c || !g || c.status !== 'active') return;
        c.expiresAt = b.expiresAt;
        g.end = b.expiresAt;
        c.events.push(e.seq);
        return;
      }
      case 'withdrawn':
      case 'expired':
      case 'superseded': {
        const c = this.consents.get(b.consentId);
        const g = this.grantById.get(b.consentId);
        if (!c || !g || c.status !== 'active') return;
        c.status = b.type === 'withdrawn' ? 'withdrawn' : b.type === 'expired' ? 'expired' : 'superseded';
        c.endedAt = Math.min(e.at, c.expiresAt);
        g.end = Math.min(g.end, e.at);
        c.events.push(e.seq);
        return;
      }
      case 'control': {
        const cur = { ...this.controlsOf(b.prm) };
        const a = b.action;
        if (a.kind === 'stop-fine-recording') cur.fineRecording = false;
        else if (a.kind === 'resume-fine-recording') cur.fineRecording = true;
        else if (a.kind === 'change-step') cur.recordedStep = a.step;
        else if (a.kind === 'extend-fine-retention') cur.fineRetentionMonths = a.months;
        this.controls.set(b.prm, cur);
        return;
      }
      case 'erased':
      case 'ledger-acknowledged':
        return;
    }
  }

  static from(events: Iterable<LedgerEvent>): ConsentState {
    const s = new ConsentState();
    for (const e of events) s.apply(e);
    return s;
  }
}
