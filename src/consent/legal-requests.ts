/**
 * @module consent/legal-requests
 * Authorities get data only through a recorded legal request: reference, authority, legal basis, scope limited to
 * named usage points and a bounded range, a short validity, no bulk or standing access.
 * The household sees the request unless it is marked legally secret; the public transparency report only counts.
 */
import { CourantError } from '../core/errors.ts';
import { isPrm, type Prm } from '../core/prm.ts';

export const AUTHORITY_TYPES = {
  judicial: { fr: 'autorité judiciaire', en: 'judicial authority' },
  police: { fr: 'police ou gendarmerie', en: 'police' },
  tax: { fr: 'administration fiscale', en: 'tax administration' },
  regulator: { fr: 'autorité de régulation (CNIL, CRE)', en: 'regulator (CNIL, CRE)' },
  other: { fr: 'autre autorité', en: 'other authority' },
} as const;
export type AuthorityType = keyof typeof AUTHORITY_TYPES;
export type LegalOutcome = 'pending' | 'accepted' | 'refused';

/** At most this many usage points per request, and at most this validity: no bulk, no standing access. */
export const MAX_PRMS_PER_REQUEST = 10;
export const MAX_VALIDITY_MS = 30 * 86_400_000;
export const MAX_RANGE_MS = 3 * 366 * 86_400_000;

export interface LegalRequest {
  readonly requestId: string;
  readonly reference: string;
  readonly authorityId: string;
  readonly authorityType: AuthorityType;
  readonly legalBasis: string;
  readonly prms: readonly Prm[];
  readonly rangeFrom: number;
  readonly rangeTo: number;
  readonly secret: boolean;
  readonly receivedAt: number;
  readonly outcome: LegalOutcome;
  readonly decidedAt?: number | undefined;
  readonly validUntil?: number | undefined;
  readonly decidedBy?: string | undefined;
}

export interface LegalRequestInput {
  readonly reference: string;
  readonly authorityId: string;
  readonly authorityType: string;
  readonly legalBasis: string;
  readonly prms: readonly string[];
  readonly rangeFrom: number;
  readonly rangeTo: number;
  readonly secret?: boolean;
}

const invalid = (field: string, msg: string) =>
  new CourantError('LEGAL_REQUEST_INVALID', `legalRequest.${field}: ${msg}`, {
    details: { where: `legalRequest.${field}` },
  });

export function validateLegalRequest(
  input: LegalRequestInput,
  ctx: { now: number; newId: () => string },
): LegalRequest {
  for (const f of ['reference', 'authorityId', 'legalBasis'] as const) {
    if (typeof input[f] !== 'string' || input[f].trim().length < 3)
      throw invalid(f, 'is required (at least 3 characters)');
  }
  if (!Object.hasOwn(AUTHORITY_TYPES, input.authorityType))
    throw invalid(
      'authorityType',
      `${JSON.stringify(input.authorityType)} is not one of ${Object.keys(AUTHORITY_TYPES).join(', ')}`,
    );
  if (!Array.isArray(input.prms) || input.prms.length === 0)
    throw invalid('prms', 'name at least one usage point (no bulk access)');
  if (input.prms.length > MAX_PRMS_PER_REQUEST)
    throw invalid(
      'prms',
      `${input.prms.length} usage points; at most ${MAX_PRMS_PER_REQUEST} per request (no bulk access)`,
    );
  input.prms.forEach((p, i) => {
    if (!isPrm(p)) throw invalid(`prms[${i}]`, `${JSON.stringify(p)} is not a 14-digit usage point`);
  });
  if (!Number.isFinite(input.rangeFrom) || !Number.isFinite(input.rangeTo) || !(input.rangeFrom < input.rangeTo))
    throw invalid('range', 'a bounded range with from < to is required');
  if (input.rangeTo - input.rangeFrom > MAX_RANGE_MS) throw invalid('range', 'longer than 3 years');
  return {
    requestId: ctx.newId(),
    reference: input.reference.trim(),
    authorityId: input.authorityId.trim(),
    authorityType: input.authorityType as AuthorityType,
    legalBasis: input.legalBasis.trim(),
    prms: [...new Set(input.prms as Prm[])],
    rangeFrom: input.rangeFrom,
    rangeTo: input.rangeTo,
    secret: input.secret === true,
    receivedAt: ctx.now,
    outcome: 'pending',
  };
}

/** Public transparency report: counts by authority type and outcome, nothing else. */
export function transparencyReport(
  requests: readonly LegalRequest[],
): { authorityType: AuthorityType; outcome: LegalOutcome; count: number }[] {
  const counts = new Map<string, number>();
  for (const r of requests)
    counts.set(`${r.authorityType}|${r.outcome}`, (counts.get(`${r.authorityType}|${r.outcome}`) ?? 0) + 1);
  return [...counts]
    .map(([k, count]) => {
      const [authorityType, outcome] = k.split('|') as [AuthorityType, LegalOutcome];
      return { authorityType, outcome, count };
    })
    .sort((a, b) => a.authorityType.localeCompare(b.authorityType) || a.outcome.localeCompare(b.outcome));
}

/** What the household sees: its requests, except legally secret ones. */
export function visibleToHousehold(requests: readonly LegalRequest[], prms: ReadonlySet<string>): LegalRequest[] {
  return requests.filter((r) => !r.secret && r.prms.some((p) => prms.has(p)));
}
