/**
 * @module consent/policy
 * The policy engine: one pure function decides, in batches, whether an actor may read a usage point's data at a
 * given step, for a given purpose, over a given range, at a given instant. Deny by default; every allow carries
 * its basis (the household itself, a consent id, a legal request id, or the supplier contract for monthly data).
 *
 * Rules encoded (rulebook R1–R19): R1/R6 no basis for the hub but a consent naming it; R4 monthly data to the
 * household's supplier for billing; R6 recipient, purpose, category, step ladder, expiry, withdrawal, current
 * occupant; R15 real-time data needs a consent at the `raw` step; R19 nothing before the consenting household's
 * occupancy; authorities only through an accepted legal request scoped to named usage points and a range.
 */
import type { Prm } from '../core/prm.ts';
import type { TimeRange } from '../core/range.ts';
import {
  derivable,
  ladderRank,
  LEGAL_PURPOSE,
  type AccessPurpose,
  type Actor,
  type Basis,
  type DataCategory,
  type LadderStep,
} from './model.ts';
import { grantKey, type ConsentState } from './state.ts';
import { PROTECTED_CATEGORY, PROTECTED_STEP } from './protection.ts';

export interface AccessRequest {
  readonly actor: Actor;
  readonly prm: Prm;
  readonly step: LadderStep;
  readonly purpose: AccessPurpose;
  readonly category: DataCategory;
  readonly range: TimeRange;
  /** The instant of the access (normally now). */
  readonly at: number;
  /**
   * The caller delivers protected values (daily consumption with the consent's noise: only the access service's
   * read does). A protected consent allows nothing else; without this flag it is no basis at all.
   */
  readonly protectedDelivery?: boolean | undefined;
}

export type DenyReason =
  | 'not-occupant'
  | 'outside-occupancy'
  | 'no-consent'
  | 'consent-ended'
  | 'step-too-fine'
  | 'category-not-covered'
  | 'no-legal-request'
  | 'bad-purpose'
  | 'protected-only';

export type Decision =
  { readonly allowed: true; readonly basis: Basis } | { readonly allowed: false; readonly reason: DenyReason };

const DENY: Record<DenyReason, Decision> = {
  'not-occupant': Object.freeze({ allowed: false, reason: 'not-occupant' }),
  'outside-occupancy': Object.freeze({ allowed: false, reason: 'outside-occupancy' }),
  'no-consent': Object.freeze({ allowed: false, reason: 'no-consent' }),
  'consent-ended': Object.freeze({ allowed: false, reason: 'consent-ended' }),
  'step-too-fine': Object.freeze({ allowed: false, reason: 'step-too-fine' }),
  'category-not-covered': Object.freeze({ allowed: false, reason: 'category-not-covered' }),
  'no-legal-request': Object.freeze({ allowed: false, reason: 'no-legal-request' }),
  'bad-purpose': Object.freeze({ allowed: false, reason: 'bad-purpose' }),
  'protected-only': Object.freeze({ allowed: false, reason: 'protected-only' }),
};

/** Decide a batch. Output[i] answers input[i]. */
export function decide(state: ConsentState, requests: readonly AccessRequest[]): Decision[] {
  const out = new Array<Decision>(requests.length);
  for (let i = 0; i < requests.length; i++) out[i] = decideOne(state, requests[i]!);
  return out;
}

export function decideOne(state: ConsentState, r: AccessRequest): Decision {
  if (!(r.range.from < r.range.to)) return DENY['outside-occupancy'];
  switch (r.actor.kind) {
    case 'household':
      return decideSelf(state, r);
    case 'authority':
      return decideAuthority(state, r);
    case 'recipient':
    case 'operator':
      // The operator has no default access: it is treated exactly like any recipient.
      return decideRecipient(state, r);
    default:
      return DENY['no-consent'];
  }
}

function decideSelf(state: ConsentState, r: AccessRequest): Decision {
  const occ = state.occupantAt(r.prm, r.at);
  if (!occ || occ.subject !== r.actor.id) return DENY['not-occupant'];
  // R19: a household sees nothing recorded before it moved in.
  if (r.range.from < occ.from) return DENY['outside-occupancy'];
  return { allowed: true, basis: { kind: 'self', subject: occ.subject } };
}

function decideAuthority(state: ConsentState, r: AccessRequest): Decision {
  if (r.purpose !== LEGAL_PURPOSE) return DENY['bad-purpose'];
  const list = state.legal.get(r.actor.id);
  if (list) {
    for (const g of list) {
      if (
        g.prms.has(r.prm) &&
        g.validFrom <= r.at &&
        r.at < g.validUntil &&
        g.rangeFrom <= r.range.from &&
        r.range.to <= g.rangeTo
      ) {
        return { allowed: true, basis: { kind: 'legal-request', requestId: g.requestId } };
      }
    }
  }
  return DENY['no-legal-request'];
}

function decideRecipient(state: ConsentState, r: AccessRequest): Decision {
  if (r.purpose === 'self' || r.purpose === LEGAL_PURPOSE) return DENY['bad-purpose'];
  const occ = state.occupantAt(r.prm, r.at);
  if (!occ) return DENY['no-consent'];
  // R4: the household's supplier may have monthly consumption for billing without consent.
  if (r.purpose === 'billing' && r.step === 'P1M' && r.category === 'consumption') {
    const s = state.suppliers.get(r.prm);
    if (s && s.supplier === r.actor.id && s.subject === occ.subject && r.range.from >= occ.from) {
      return { allowed: true, basis: { kind: 'contract', ref: `supplier:${s.supplier}` } };
    }
  }
  const grants = state.grants.get(grantKey(r.prm, r.actor.id, r.purpose));
  if (!grants) return DENY['no-consent'];
  const rank = ladderRank(r.step);
  let reason: DenyReason = 'no-consent';
  // an exact basis is preferred; a protected one is kept in case no other consent allows the read
  let protectedBasis: Decision | undefined;
  for (let j = 0; j < grants.length; j++) {
    const g = grants[j]!;
    // R6: the consent must come from the current occupant and be in force at this instant.
    if (g.subject !== occ.subject) continue;
    if (!(g.from <= r.at && r.at < g.end)) {
      if (reason === 'no-consent') reason = 'consent-ended';
      continue;
    }
    if (rank < g.rank || !derivable(r.step, g.step)) {
      reason = 'step-too-fine';
      continue;
    }
    if (!g.categories.includes(r.category)) {
      reason = 'category-not-covered';
      continue;
    }
    if (r.range.from < g.occupancyFrom) {
      reason = 'outside-occupancy';
      continue;
    }
    if (g.protection) {
      // a protected consent allows only the protected delivery of daily consumption, never the exact values
      if (!r.protectedDelivery || r.step !== PROTECTED_STEP || r.category !== PROTECTED_CATEGORY) {
        reason = 'protected-only';
        continue;
      }
      protectedBasis ??= {
        allowed: true,
        basis: { kind: 'consent', consentId: g.consentId, protection: g.protection },
      };
      continue;
    }
    return { allowed: true, basis: { kind: 'consent', consentId: g.consentId } };
  }
  return protectedBasis ?? DENY[reason];
}
