/**
 * @module consent/receipt
 * Receipts handed to the household for every consent event and every control action (R11 "durable medium",
 * R13 proof). The payload follows the ISO/IEC TS 27560 record structure (field names of the public draft published
 * by the DPV editor, coolharsh55/dpv-consent-record record.json) expressed with W3C DPV terms, plus project terms
 * under `hub:`. It is bound to its ledger row by the row's hash, so it cannot be replayed against another event.
 * A Kantara Consent Receipt v1.1 view is derived from the same terms for tools that only know Kantara.
 */
import { DATA_CATEGORIES, PURPOSES, type PurposeId } from './model.ts';
import type { ChainedEvent, ConsentTerms } from './events.ts';

export const RECEIPT_CONTEXT = {
  dpv: 'https://w3id.org/dpv#',
  'eu-gdpr': 'https://w3id.org/dpv/legal/eu/gdpr#',
  loc: 'https://w3id.org/dpv/loc#',
  hub: 'https://courant.invalid/ns#',
} as const;

export interface ReceiptPayload {
  readonly '@context': typeof RECEIPT_CONTEXT;
  readonly schema_version: 'ISO/IEC TS 27560:2023';
  readonly receipt_id: string;
  readonly record_id: string;
  readonly pii_principal_id: string;
  /** Absent on an operator's acknowledgement of ledger damage, which concerns no usage point. */
  readonly 'hub:usagePointId'?: string;
  readonly 'hub:event': { readonly seq: number; readonly type: string; readonly time: string; readonly hash: string };
  readonly purposes?: readonly unknown[];
  readonly 'hub:control'?: unknown;
  readonly event: readonly {
    readonly event_time: string;
    readonly type: 'explicit';
    readonly state: string;
    readonly entity_id: string;
    readonly duration?: string;
  }[];
  readonly iss: string;
  readonly iat: number;
}

const iso = (ms: number) => new Date(ms).toISOString();

function purposeBlock(t: ConsentTerms, retentionMonths: number) {
  return t.purposes.map((p: PurposeId) => ({
    purpose: PURPOSES[p].dpv,
    'hub:purposeId': p,
    purpose_type: PURPOSES[p].dpv,
    lawful_basis: t.legalBasis,
    pii_information: t.categories.map((c) => ({ pii_type: DATA_CATEGORIES[c].term, pii_optional: false })),
    'hub:granularity': t.step,
    // protected daily sharing: what the recipient gets is noised (consent/protection.ts)
    ...(t.protection ? { 'hub:protection': { ...t.protection } } : {}),
    pii_controllers: [t.controller],
    recipient_third_parties: [t.recipient],
    ...(t.recipientName ? { 'hub:recipientName': t.recipientName } : {}),
    collection_method: `hub:channel-${t.channel}`,
    retention_period: `P${retentionMonths}M`,
    jurisdiction: 'loc:FR',
    withdrawal_method: 'hub:OneClickWithdrawal',
    privacy_rights_reference: 'eu-gdpr:A7-3',
    notice: { version: t.notice.version, lang: t.notice.lang, hash: `sha256:${t.notice.hash}` },
    'dpv:hasExpiryTime': iso(t.expiresAt),
  }));
}

/**
 * Build the receipt payload for a ledger event. `terms` are the consent's terms for consent events.
 * Returns undefined for events that do not get a receipt (none today; kept for forward compatibility).
 */
export function receiptPayload(
  e: ChainedEvent,
  ctx: { issuer: string; terms?: ConsentTerms; retentionMonths: number },
): ReceiptPayload {
  const b = e.body;
  const base = {
    '@context': RECEIPT_CONTEXT,
    schema_version: 'ISO/IEC TS 27560:2023' as const,
    receipt_id: e.eventId,
    'hub:event': { seq: e.seq, type: b.type, time: iso(e.at), hash: e.hash },
    iss: ctx.issuer,
    iat: Math.floor(e.at / 1000),
  };
  const t = ctx.terms;
  if (
    t &&
    (b.type === 'given' ||
      b.type === 'renewed' ||
      b.type === 'withdrawn' ||
      b.type === 'expired' ||
      b.type === 'superseded')
  ) {
    const state = b.type === 'given' || b.type === 'renewed' ? 'given' : b.type;
    return {
      ...base,
      record_id: t.consentId,
      pii_principal_id: t.subject,
      'hub:usagePointId': t.prm,
      purposes: purposeBlock(t, ctx.retentionMonths),
      event: [
        {
          event_time: iso(e.at),
          type: 'explicit',
          state,
          entity_id: e.actor.id,
          ...(state === 'given' ? { duration: t.duration } : {}),
        },
      ],
    };
  }
  if (b.type === 'control' || b.type === 'erased' || b.type === 'occupancy-started' || b.type === 'moved-out') {
    return {
      ...base,
      record_id: e.eventId,
      pii_principal_id: b.subject,
      'hub:usagePointId': b.prm,
      'hub:control':
        b.type === 'control'
          ? b.action
          : {
              kind: b.type,
              ...(b.type === 'erased' ? { reason: b.reason, deleted: b.deleted } : {}),
              ...(b.type === 'occupancy-started' && b.since !== undefined ? { since: iso(b.since) } : {}),
              ...(b.type === 'moved-out' && b.until !== undefined ? { until: iso(b.until) } : {}),
            },
      event: [{ event_time: iso(e.at), type: 'explicit', state: b.type, entity_id: e.actor.id }],
    };
  }
  if (b.type === 'ledger-acknowledged') {
    return {
      ...base,
      record_id: e.eventId,
      pii_principal_id: e.actor.id,
      'hub:control': {
        kind: b.type,
        covers: b.covers,
        reason: b.reason,
        ...(b.setAside ? { setAside: b.setAside } : {}),
      },
      event: [{ event_time: iso(e.at), type: 'explicit', state: b.type, entity_id: e.actor.id }],
    };
  }
  throw new TypeError(`receiptPayload: event ${e.eventId} (${b.type}) needs the consent terms`);
}

/** Kantara Consent Receipt v1.1 view of a consent (field names per KI-CR-v1.1.0). Kantara has no expiry date or events.
 */
export function kantaraView(
  t: ConsentTerms,
  ctx: { controllerName: string; controllerContact: string; policyUrl: string },
) {
  return {
    version: 'KI-CR-v1.1.0',
    jurisdiction: 'FR',
    consentTimestamp: Math.floor(t.givenAt / 1000),
    collectionMethod: t.channel,
    consentReceiptID: t.consentId,
    language: t.notice.lang,
    piiPrincipalId: t.subject,
    piiControllers: [
      {
        piiController: ctx.controllerName,
        contact: ctx.controllerContact,
        email: ctx.controllerContact,
        onBehalf: false,
      },
    ],
    policyUrl: ctx.policyUrl,
    services: [
      {
        service: `courant:${t.prm}`,
        purposes: t.purposes.map((p) => ({
          purpose: PURPOSES[p].en,
          purposeCategory: [PURPOSES[p].dpv],
          consentType: 'EXPLICIT',
          piiCategory: t.categories.map((c) => DATA_CATEGORIES[c].en),
          primaryPurpose: true,
          termination: `expires ${iso(t.expiresAt)}; withdraw at any time in one click`,
          thirdPartyDisclosure: true,
          thirdPartyName: t.recipientName ?? t.recipient,
        })),
      },
    ],
    sensitive: false,
    spiCat: [],
  };
}
