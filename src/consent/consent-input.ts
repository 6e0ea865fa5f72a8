/**
 * @module consent/consent-input
 * Validation of a consent request into the terms recorded in the ledger. Every refusal is a CourantError with a
 * stable code and the field at fault; nothing is written when validation fails.
 */
import { CourantError } from '../core/errors.ts';
import { isPrm, type Prm } from '../core/prm.ts';
import type { Channel, ConsentTerms, NoticeRef } from './events.ts';
import {
  isDataCategory,
  isLadderStep,
  isPurpose,
  ladderRank,
  MAX_CONSENT_MS,
  DEFAULT_CONSENT_MS,
  type Actor,
  type DataCategory,
  type LadderStep,
  type PurposeId,
  type RecipientDeclaration,
} from './model.ts';
import type { ConsentState } from './state.ts';
import {
  isProtectionLevel,
  PROTECTED_CATEGORY,
  PROTECTED_STEP,
  PROTECTION_LEVELS,
  protectionOf,
  UNPROTECTABLE_PURPOSES,
  type Protection,
} from './protection.ts';

/** What a household submits for one ticked box. */
export interface GiveInput {
  readonly prm: string;
  readonly recipient: string;
  readonly purposes: readonly string[];
  readonly categories: readonly string[];
  readonly step: string;
  readonly notice: NoticeRef;
  readonly channel?: Channel;
  /** Expiry instant (UTC ms); default one year from now. */
  readonly expiresAt?: number;
  /** A protection level (protection.ts): daily consumption delivered with calibrated noise, never exact. */
  readonly protection?: string | undefined;
}

export interface GiveContext {
  readonly now: number;
  readonly state: ConsentState;
  readonly recipients: ReadonlyMap<string, RecipientDeclaration>;
  readonly controller: string;
  readonly newId: () => string;
}

const bad = (code: 'CONSENT_INVALID' | 'CONSENT_NOT_SPECIFIC', field: string, msg: string) =>
  new CourantError(code, `consent.${field}: ${msg}`, { details: { where: `consent.${field}` } });

/** Check that the actor is the current occupant of the usage point (R7). Same answer whether the PRM exists or not. */
export function requireOccupant(state: ConsentState, actor: Actor, prm: string, now: number): Prm {
  if (actor.kind !== 'household' || !isPrm(prm)) {
    throw new CourantError(
      'CONSENT_NOT_SUBJECT',
      `only the household occupying usage point ${isPrm(prm) ? prm : '(invalid)'} may do this`,
      {
        details: { where: 'prm' },
      },
    );
  }
  const occ = state.occupantAt(prm, now);
  if (!occ || occ.subject !== actor.id) {
    throw new CourantError('CONSENT_NOT_SUBJECT', `only the household occupying usage point ${prm} may do this`, {
      details: { where: 'prm' },
    });
  }
  return prm;
}

export function checkExpiry(
  now: number,
  givenAt: number,
  expiresAt: unknown,
  field = 'expiresAt',
): asserts expiresAt is number {
  if (typeof expiresAt !== 'number' || !Number.isFinite(expiresAt)) {
    throw new CourantError(
      'CONSENT_EXPIRY_INVALID',
      `consent.${field}: ${JSON.stringify(expiresAt) ?? String(expiresAt)} is not an instant (UTC milliseconds)`,
      { details: { where: `consent.${field}` } },
    );
  }
  if (expiresAt <= now || expiresAt <= givenAt) {
    throw new CourantError(
      'CONSENT_EXPIRY_INVALID',
      `consent.${field}: ${new Date(expiresAt).toISOString()} is not in the future`,
      {
        details: { where: `consent.${field}` },
      },
    );
  }
  if (expiresAt - givenAt > MAX_CONSENT_MS) {
    throw new CourantError(
      'CONSENT_EXPIRY_INVALID',
      `consent.${field}: ${new Date(expiresAt).toISOString()} is more than 3 years after ${new Date(givenAt).toISOString()}`,
      {
        details: { where: `consent.${field}` },
      },
    );
  }
}

function isoDuration(ms: number): string {
  if (ms === DEFAULT_CONSENT_MS) return 'P1Y';
  return `P${Math.round(ms / 86_400_000)}D`;
}

/** Validate a give request into consent terms. Does not check the notice hash (the service does, it has the texts). */
export function prepareConsent(actor: Actor, input: GiveInput, ctx: GiveContext): ConsentTerms {
  const prm = requireOccupant(ctx.state, actor, input.prm, ctx.now);
  if (typeof input.recipient !== 'string')
    throw bad(
      'CONSENT_INVALID',
      'recipient',
      `${JSON.stringify(input.recipient) ?? 'nothing'} is not a recipient id (a string)`,
    );
  const rec = ctx.recipients.get(input.recipient);
  if (!rec) throw bad('CONSENT_INVALID', 'recipient', `${JSON.stringify(input.recipient)} is not a declared recipient`);
  if (!Array.isArray(input.purposes) || input.purposes.length === 0)
    throw bad('CONSENT_INVALID', 'purposes', 'one purpose is required');
  if (input.purposes.length > 1)
    throw bad(
      'CONSENT_NOT_SPECIFIC',
      'purposes',
      `${input.purposes.length} purposes in one consent; give one consent per purpose (R5)`,
    );
  const purpose = input.purposes[0];
  if (!isPurpose(purpose))
    throw bad('CONSENT_INVALID', 'purposes[0]', `${JSON.stringify(purpose)} is not a known purpose`);
  if (!rec.purposes.includes(purpose)) {
    throw new CourantError(
      'CONSENT_PURPOSE_UNDECLARED',
      `consent.purposes[0]: ${rec.id} does not declare the purpose ${purpose}`,
      { details: { where: 'consent.purposes[0]' } },
    );
  }
  if (typeof input.step !== 'string' || input.step.includes(','))
    throw bad('CONSENT_NOT_SPECIFIC', 'step', 'exactly one step per consent (R5)');
  if (!isLadderStep(input.step))
    throw bad('CONSENT_INVALID', 'step', `${JSON.stringify(input.step)} is not a step (raw, PT1M … P1D, P1M)`);
  if (rec.finestStep !== undefined && ladderRank(input.step) < ladderRank(rec.finestStep))
    throw bad('CONSENT_INVALID', 'step', `${rec.name} may ask for ${rec.finestStep} at the finest, not ${input.step}`);
  if (!Array.isArray(input.categories) || input.categories.length === 0)
    throw bad('CONSENT_INVALID', 'categories', 'at least one data category is required');
  input.categories.forEach((c, i) => {
    if (!isDataCategory(c))
      throw bad('CONSENT_INVALID', `categories[${i}]`, `${JSON.stringify(c)} is not a data category`);
  });
  if (!input.notice || typeof input.notice.hash !== 'string' || typeof input.notice.version !== 'string') {
    throw new CourantError(
      'CONSENT_NOTICE_UNKNOWN',
      'consent.notice: the version and hash of the notice shown are required (R13)',
      { details: { where: 'consent.notice' } },
    );
  }
  const lang: unknown = input.notice.lang;
  if (lang !== undefined && lang !== 'fr' && lang !== 'en')
    throw bad('CONSENT_INVALID', 'notice.lang', `${JSON.stringify(lang)} is not "fr" or "en"`);
  const channel: unknown = input.channel;
  if (channel !== undefined && channel !== 'web' && channel !== 'cli' && channel !== 'api')
    throw bad('CONSENT_INVALID', 'channel', `${JSON.stringify(channel)} is not "web", "cli" or "api"`);
  const expiresAt: unknown = input.expiresAt ?? ctx.now + DEFAULT_CONSENT_MS;
  checkExpiry(ctx.now, ctx.now, expiresAt);
  const protection = protectionInput(input, rec, purpose);
  return {
    consentId: ctx.newId(),
    subject: actor.id,
    prm,
    controller: ctx.controller,
    recipient: rec.id,
    recipientName: rec.name,
    purposes: [purpose as PurposeId],
    categories: [...new Set(input.categories as DataCategory[])],
    step: input.step as LadderStep,
    legalBasis: 'eu-gdpr:A6-1-a',
    notice: { version: input.notice.version, lang: input.notice.lang === 'en' ? 'en' : 'fr', hash: input.notice.hash },
    channel: input.channel ?? 'web',
    givenAt: ctx.now,
    expiresAt,
    duration: isoDuration(expiresAt - ctx.now),
    ...(protection ? { protection } : {}),
  };
}

/** A protection asked for: a known level, daily consumption only, from a client that declared it accepts it. */
function protectionInput(input: GiveInput, rec: RecipientDeclaration, purpose: PurposeId): Protection | undefined {
  const level: unknown = input.protection;
  if (level === undefined) return undefined;
  if (!isProtectionLevel(level))
    throw bad(
      'CONSENT_INVALID',
      'protection',
      `${JSON.stringify(level)} is not a protection level (${Object.keys(PROTECTION_LEVELS).join(', ')})`,
    );
  if (!rec.acceptsProtectedDaily)
    throw bad('CONSENT_INVALID', 'protection', `${rec.name} has not declared that it accepts protected daily data`);
  if (UNPROTECTABLE_PURPOSES.includes(purpose))
    throw bad('CONSENT_INVALID', 'protection', `a protected consent cannot serve the purpose ${purpose}`);
  if (input.step !== PROTECTED_STEP)
    throw bad('CONSENT_INVALID', 'protection', `a protected consent is for daily data (P1D), not ${input.step}`);
  if (input.categories.some((c) => c !== PROTECTED_CATEGORY))
    throw bad('CONSENT_INVALID', 'protection', 'a protected consent covers consumption only');
  return protectionOf(level);
}
