/**
 * @module consent/events
 * The consent ledger's event model. The ledger is append-only and hash-chained (ledger.ts); the current state
 * (who occupies which usage point, which consents are active, which household controls are set) is a fold of it
 * (state.ts). Field names follow ISO/IEC TS 27560 where one exists (see receipt.ts for the mapping).
 */
import type { Prm } from '../core/prm.ts';
import type { TimeRange } from '../core/range.ts';
import type { FixedStep } from '../core/step.ts';
import type { Actor, DataCategory, LadderStep, PurposeId } from './model.ts';
import type { Protection } from './protection.ts';

/** The exact notice the household saw: version, language and hash of the rendered text (R13). */
export interface NoticeRef {
  readonly version: string;
  readonly lang: 'fr' | 'en';
  readonly hash: string;
}

export type Channel = 'web' | 'cli' | 'api';

/** Everything agreed in one consent: one recipient, one purpose, one step (R5), for a bounded time (R6). */
export interface ConsentTerms {
  readonly consentId: string;
  readonly subject: string;
  readonly prm: Prm;
  readonly controller: string;
  readonly recipient: string;
  /** The recipient's registered name when the consent was given: what receipts and the journal show. */
  readonly recipientName?: string | undefined;
  /** ISO 27560 keeps a list; R5 makes it exactly one. */
  readonly purposes: readonly PurposeId[];
  readonly categories: readonly DataCategory[];
  readonly step: LadderStep;
  readonly legalBasis: 'eu-gdpr:A6-1-a';
  readonly notice: NoticeRef;
  readonly channel: Channel;
  readonly givenAt: number;
  readonly expiresAt: number;
  /** ISO-8601 duration as asked, e.g. "P1Y". */
  readonly duration: string;
  /**
   * Protected daily sharing (protection.ts): the recipient gets daily consumption with calibrated noise, never the
   * exact values. Absent on consents without protection (and on every consent recorded before it existed).
   */
  readonly protection?: Protection | undefined;
}

/** Household controls mirroring Code de la consommation D. 224-27 (R11). */
export type ControlAction =
  | { readonly kind: 'stop-fine-recording' }
  | { readonly kind: 'resume-fine-recording' }
  | { readonly kind: 'purge-fine-history'; readonly deleted: number }
  | { readonly kind: 'change-step'; readonly step: FixedStep }
  | { readonly kind: 'delete-data'; readonly range: TimeRange | null; readonly deleted: number }
  | { readonly kind: 'extend-fine-retention'; readonly months: number };

/** Kinds of damage ledger verification finds (ledger-integrity.ts). */
export type DamageKind = 'unreadable' | 'missing' | 'unparsable' | 'link-mismatch' | 'hash-mismatch' | 'bad-signature';

/** One damaged seq (or range of seqs, `through` inclusive) as verification found it when an operator acknowledged it.
 */
export interface AcknowledgedDamage {
  readonly seq: number;
  readonly through?: number | undefined;
  readonly kind: DamageKind;
}

export type EventBody =
  | {
      readonly type: 'occupancy-started';
      readonly prm: Prm;
      readonly subject: string;
      readonly supplier?: string | undefined;
      /** Start of the occupancy when earlier than the event (first-start set-up: the owner's data already held). */
      readonly since?: number | undefined;
    }
  | {
      readonly type: 'moved-out';
      readonly prm: Prm;
      readonly subject: string;
      /** End of the occupancy when earlier than the event (the operator records a move-out after the day of it). */
      readonly until?: number | undefined;
    }
  | { readonly type: 'given'; readonly terms: ConsentTerms }
  | { readonly type: 'renewed'; readonly consentId: string; readonly expiresAt: number; readonly notice: NoticeRef }
  | { readonly type: 'withdrawn'; readonly consentId: string; readonly channel: Channel }
  | { readonly type: 'expired'; readonly consentId: string }
  | { readonly type: 'superseded'; readonly consentId: string; readonly reason: 'move-out' | 'erasure' }
  | { readonly type: 'control'; readonly prm: Prm; readonly subject: string; readonly action: ControlAction }
  | {
      readonly type: 'erased';
      readonly prm: Prm;
      readonly subject: string;
      readonly reason: 'request' | 'move-out';
      readonly deleted: number;
    }
  /** An operator acknowledged damage found before this event, so the ledger takes new events again; the damage stays
   *  reported. `setAside` names the table the unreadable rows were moved to, when storage-level damage was found. */
  | {
      readonly type: 'ledger-acknowledged';
      readonly covers: readonly AcknowledgedDamage[];
      readonly reason: string;
      readonly setAside?: string | undefined;
    };

export type EventType = EventBody['type'];

/** One ledger event before chaining. `seq` starts at 1 and has no gaps. */
export interface LedgerEvent {
  readonly seq: number;
  readonly eventId: string;
  readonly at: number;
  readonly actor: Actor;
  readonly body: EventBody;
}

/** A chained row as stored: the event plus the previous row's hash and its own. */
export interface ChainedEvent extends LedgerEvent {
  readonly prevHash: string;
  readonly hash: string;
}

/** The usage point an event concerns, for per-household views and exports. */
export function eventPrm(body: EventBody): Prm | undefined {
  switch (body.type) {
    case 'given':
      return body.terms.prm;
    case 'occupancy-started':
    case 'moved-out':
    case 'control':
    case 'erased':
      return body.prm;
    default:
      return undefined;
  }
}

/** The consent an event concerns, if any. */
export function eventConsentId(body: EventBody): string | undefined {
  if (body.type === 'given') return body.terms.consentId;
  return 'consentId' in body ? body.consentId : undefined;
}
