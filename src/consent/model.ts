/**
 * @module consent/model
 * The vocabulary of consent and rights: actors, purposes (W3C DPV terms), data categories, steps of the
 * granularity ladder, and the bases a decision can rest on. Protocol knowledge is data (tables), not code.
 *
 * Sources: rulebook /work/shared/reference/rules.md (R1–R19), W3C DPV https://w3id.org/dpv,
 * ISO/IEC TS 27560 draft field names (coolharsh55/dpv-consent-record).
 */
import type { Prm } from '../core/prm.ts';
import { STEPS, type Step } from '../core/step.ts';
import type { Protection } from './protection.ts';

/** Who is acting. `id` is an account id (household, operator) or a declared party id (recipient, authority). */
export type ActorKind = 'household' | 'operator' | 'recipient' | 'authority';
export interface Actor {
  readonly kind: ActorKind;
  readonly id: string;
}

export const DPV = 'https://w3id.org/dpv#';

/** Purposes a household may consent to, with their DPV term. Each is its own box on the consent screen (R5). */
export const PURPOSES = {
  'service-provision': {
    dpv: 'dpv:ServiceProvision',
    fr: 'fournir le service demandé (affichage, alertes)',
    en: 'provide the requested service (display, alerts)',
  },
  'personalised-advice': {
    dpv: 'dpv:ProvidePersonalisedRecommendations',
    fr: 'conseils personnalisés d’économie d’énergie',
    en: 'personalised energy-saving advice',
  },
  'anonymised-statistics': {
    dpv: 'dpv:ResearchAndDevelopment',
    fr: 'contribution à des statistiques anonymisées',
    en: 'contribution to anonymised statistics',
  },
  'academic-research': { dpv: 'dpv:AcademicResearch', fr: 'recherche académique', en: 'academic research' },
  billing: {
    dpv: 'dpv:FulfilmentOfContractualObligation',
    fr: 'facturation par le fournisseur',
    en: 'billing by the supplier',
  },
  marketing: { dpv: 'dpv:DirectMarketing', fr: 'offres commerciales', en: 'commercial offers' },
} as const;
export type PurposeId = keyof typeof PURPOSES;
/** Purpose used by authorities acting under a legal request; never consentable. */
export const LEGAL_PURPOSE = 'legal-obligation' as const;
export type AccessPurpose = PurposeId | typeof LEGAL_PURPOSE | 'self';

export function isPurpose(v: unknown): v is PurposeId {
  return typeof v === 'string' && Object.hasOwn(PURPOSES, v);
}

/** Data categories (DPV personal data terms extended with the project's `hub:` prefix). */
export const DATA_CATEGORIES = {
  consumption: { term: 'hub:ElectricityConsumption', fr: 'consommation d’électricité', en: 'electricity consumption' },
  production: { term: 'hub:ElectricityProduction', fr: 'production d’électricité', en: 'electricity production' },
  'max-power': { term: 'hub:MaximumPower', fr: 'puissance maximale', en: 'maximum power' },
  index: { term: 'hub:MeterIndex', fr: 'index du compteur', en: 'meter index' },
} as const;
export type DataCategory = keyof typeof DATA_CATEGORIES;
export function isDataCategory(v: unknown): v is DataCategory {
  return typeof v === 'string' && Object.hasOwn(DATA_CATEGORIES, v);
}

/**
 * The granularity ladder, finest first. `P1M` (monthly) sits above the core steps: suppliers may get it for
 * billing without consent (R4). A consent to a step allows that step or any coarser step derivable from it.
 */
export type LadderStep = Step | 'P1M';
export const LADDER: readonly LadderStep[] = ['raw', ...STEPS, 'P1M'];
const LADDER_MS: Record<LadderStep, number> = {
  raw: 0,
  PT1M: 60_000,
  PT10M: 600_000,
  PT15M: 900_000,
  PT30M: 1_800_000,
  PT1H: 3_600_000,
  P1D: 86_400_000,
  P1M: 2_592_000_000,
};
export function isLadderStep(v: unknown): v is LadderStep {
  return typeof v === 'string' && Object.hasOwn(LADDER_MS, v);
}
/** Rank used by the policy: higher is coarser. */
export function ladderRank(s: LadderStep): number {
  return LADDER_MS[s];
}
/**
 * True when data at `requested` can be derived from data at `granted` by aggregation: same step, or a coarser step
 * whose length is a whole multiple (PT15M is not derivable from PT10M). Days and months are calendar units and are
 * derivable from any sub-daily step.
 */
export function derivable(requested: LadderStep, granted: LadderStep): boolean {
  if (requested === granted || granted === 'raw') return true;
  if (requested === 'raw') return false;
  const r = LADDER_MS[requested];
  const g = LADDER_MS[granted];
  if (r < g) return false;
  if (requested === 'P1D' || requested === 'P1M') return true;
  return r % g === 0;
}
/** Steps finer than a day: the "fine data" of the rulebook (load curve, real time). */
export function isFine(s: LadderStep): boolean {
  return LADDER_MS[s] < LADDER_MS.P1D;
}

/** What a decision rests on. Returned with every allowed decision so it can be logged and shown. */
export type Basis =
  | { readonly kind: 'self'; readonly subject: string }
  /** `protection`: the consent is protected, so what is delivered under it must be the protected values. */
  | { readonly kind: 'consent'; readonly consentId: string; readonly protection?: Protection | undefined }
  | { readonly kind: 'legal-request'; readonly requestId: string }
  | { readonly kind: 'contract'; readonly ref: string };

/** A declared third party: who it is and the purposes it actually pursues (R8: no purpose that is not pursued). */
export interface RecipientDeclaration {
  readonly id: string;
  readonly name: string;
  readonly role: 'service' | 'supplier' | 'research' | 'operator';
  readonly purposes: readonly PurposeId[];
  readonly contact?: string;
  /** Company name and registration number, or the public body (registered clients). */
  readonly legalIdentity?: string | undefined;
  /** The finest step it may ask for (registered clients); the consent screen offers nothing finer. */
  readonly finestStep?: LadderStep | undefined;
  /** How long it promises to keep what it receives, in months (registered clients). */
  readonly retentionMonths?: number | undefined;
  /** It needs only daily totals and accepts them with calibrated noise (consent/protection.ts): the consent screen
   * then offers a protected daily box. */
  readonly acceptsProtectedDaily?: boolean | undefined;
}

/** One usage point occupancy period of a household (data subject). `to` undefined while ongoing. */
export interface Occupancy {
  readonly prm: Prm;
  readonly subject: string;
  readonly from: number;
  readonly to?: number | undefined;
}

export const YEAR_MS = 365 * 86_400_000;
/** Default consent duration (R6: the hub asks again after a year) and the hard cap (Data Connect P3Y). */
export const DEFAULT_CONSENT_MS = YEAR_MS;
export const MAX_CONSENT_MS = 3 * YEAR_MS + 86_400_000; // 3 calendar years may include a 29 February
