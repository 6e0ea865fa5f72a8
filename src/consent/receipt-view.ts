/**
 * @module consent/receipt-view
 * A receipt's claims read back in the household's words (French or English) for its "My receipts" page: what the
 * signed payload (receipt.ts) says happened, and for a consent the application, purpose, data, step, expiry, notice
 * and controller. The payload is read defensively: a receipt that does not verify is still shown, marked as such.
 */
import { DATA_CATEGORIES, isLadderStep, isPurpose, PURPOSES } from './model.ts';
import { stepWords, type Lang } from './notices.ts';
import type { ReceiptPayload } from './receipt.ts';
import { isProtectionLevel, protectionWords } from './protection.ts';

/** A consent's terms as its receipt states them. */
export interface ConsentClaims {
  readonly recipientName: string;
  readonly purposes: string[];
  readonly categories: string[];
  readonly stepText: string | null;
  readonly expiresAt: string | null;
  readonly notice: { readonly version: string; readonly hash: string } | null;
  readonly controller: string | null;
}

export interface ReceiptClaims {
  /** What the event was, in one sentence. */
  readonly what: string;
  readonly consent: ConsentClaims | null;
}

export interface ReadContext {
  /** The registered name of an application, for receipts older than `hub:recipientName`. */
  readonly nameOf: (recipientId: string) => string | undefined;
  /** Why a consent was closed (move-out or erasure): the ledger row says it, the receipt does not. */
  readonly supersededBy?: 'move-out' | 'erasure' | undefined;
}

type Rec = Record<string, unknown>;
const isRec = (v: unknown): v is Rec => typeof v === 'object' && v !== null && !Array.isArray(v);
const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);
const num = (v: unknown): number | undefined => (typeof v === 'number' && Number.isFinite(v) ? v : undefined);

const TAG: Record<Lang, string> = { fr: 'fr-FR', en: 'en-GB' };
const day = (lang: Lang, ms: number | string): string =>
  new Intl.DateTimeFormat(TAG[lang], { timeZone: 'Europe/Paris', day: 'numeric', month: 'long', year: 'numeric' })
    .format(new Date(ms))
    .replace(/^1 /, lang === 'fr' ? '1er ' : '1 ');
const values = (lang: Lang, n: number): string => {
  const count = new Intl.NumberFormat(TAG[lang]).format(n);
  if (lang === 'fr') return `${count} valeur${n > 1 ? 's' : ''}`;
  return `${count} value${n === 1 ? '' : 's'}`;
};

const W = {
  given: { fr: 'Accord donné à {name}', en: 'Consent given to {name}' },
  renewed: { fr: 'Accord renouvelé pour {name}', en: 'Consent renewed for {name}' },
  withdrawn: { fr: 'Accord retiré à {name}', en: 'Consent withdrawn from {name}' },
  expired: { fr: 'Accord donné à {name} arrivé à échéance', en: 'Consent given to {name} expired' },
  'superseded:move-out': {
    fr: 'Accord donné à {name} clos à votre départ du logement',
    en: 'Consent given to {name} ended when you moved out',
  },
  'superseded:erasure': {
    fr: 'Accord donné à {name} clos par l’effacement de vos données',
    en: 'Consent given to {name} ended by the erasure of your data',
  },
  superseded: { fr: 'Accord donné à {name} clos', en: 'Consent given to {name} ended' },
  'stop-fine-recording': { fr: 'Enregistrement détaillé arrêté', en: 'Detailed recording stopped' },
  'resume-fine-recording': { fr: 'Enregistrement détaillé repris', en: 'Detailed recording resumed' },
  'purge-fine-history': {
    fr: 'Historique détaillé effacé ({values} supprimées)',
    en: 'Detailed history erased ({values} deleted)',
  },
  'change-step': {
    fr: 'Fréquence la plus fine enregistrée : {step}',
    en: 'Finest step recorded: {step}',
  },
  'delete-data:all': {
    fr: 'Toutes vos données depuis votre arrivée supprimées ({values})',
    en: 'All your data since you moved in deleted ({values})',
  },
  'delete-data': {
    fr: 'Vos données du {from} au {to} supprimées ({values})',
    en: 'Your data from {from} to {to} deleted ({values})',
  },
  'extend-fine-retention': {
    fr: 'Historique détaillé conservé {months} mois',
    en: 'Detailed history kept for {months} months',
  },
  'erased:request': {
    fr: 'Toutes vos données effacées à votre demande ({values})',
    en: 'All your data erased at your request ({values})',
  },
  'erased:move-out': {
    fr: 'Vos données effacées à votre départ du logement ({values})',
    en: 'Your data erased when you moved out ({values})',
  },
  'occupancy-started': { fr: 'Arrivée dans le logement enregistrée', en: 'Move-in recorded' },
  'occupancy-started:since': {
    fr: 'Arrivée dans le logement enregistrée, depuis le {since}',
    en: 'Move-in recorded, since {since}',
  },
  'moved-out': { fr: 'Départ du logement enregistré', en: 'Move-out recorded' },
  other: { fr: 'Événement enregistré dans le registre', en: 'Event recorded in the ledger' },
} as const satisfies Record<string, Record<Lang, string>>;

function say(key: keyof typeof W, lang: Lang, params: Record<string, string> = {}): string {
  return W[key][lang].replace(/\{(\w+)\}/g, (m, k: string) => params[k] ?? m);
}

function stepText(v: unknown, lang: Lang): string | null {
  return isLadderStep(v) ? stepWords(v, lang) : null;
}

/** A protected consent's frequency, as the receipt states its protection. */
function protectedText(v: unknown, lang: Lang): string | null {
  if (!isRec(v) || !isProtectionLevel(v.level)) return null;
  if (v.kind === 'month-smoothed' && v.level === 'monthly')
    return protectionWords({ kind: v.kind, level: v.level }, lang);
  if (v.kind !== 'noised-daily' || v.level !== 'standard' || num(v.sigmaWh) === undefined) return null;
  return protectionWords({ kind: 'noised-daily', level: v.level, sigmaWh: num(v.sigmaWh)! }, lang);
}

function consentClaims(p: Rec, lang: Lang, ctx: ReadContext): ConsentClaims | null {
  const blocks = Array.isArray(p.purposes) ? p.purposes.filter(isRec) : [];
  const first = blocks[0];
  if (!first) return null;
  const recipientId = Array.isArray(first.recipient_third_parties) ? str(first.recipient_third_parties[0]) : undefined;
  const recipientName =
    str(first['hub:recipientName']) ?? (recipientId ? (ctx.nameOf(recipientId) ?? recipientId) : '?');
  const purposes = blocks.map((b) => {
    const id = b['hub:purposeId'];
    return isPurpose(id) ? PURPOSES[id][lang] : (str(b.purpose) ?? '?');
  });
  const terms = Object.values(DATA_CATEGORIES);
  const categories = (Array.isArray(first.pii_information) ? first.pii_information.filter(isRec) : []).map((i) => {
    const c = terms.find((t) => t.term === i.pii_type);
    return c ? c[lang] : (str(i.pii_type) ?? '?');
  });
  const notice = isRec(first.notice) ? first.notice : undefined;
  const controllers = Array.isArray(first.pii_controllers) ? first.pii_controllers : [];
  return {
    recipientName,
    purposes,
    categories,
    stepText: protectedText(first['hub:protection'], lang) ?? stepText(first['hub:granularity'], lang),
    expiresAt: str(first['dpv:hasExpiryTime']) ?? null,
    notice:
      notice && str(notice.version) && str(notice.hash)
        ? { version: str(notice.version)!, hash: str(notice.hash)!.replace(/^sha256:/, '') }
        : null,
    controller: str(controllers[0]) ?? null,
  };
}

function controlWhat(c: unknown, type: string, lang: Lang): string {
  const x = isRec(c) ? c : {};
  const kind = str(x.kind) ?? type;
  const n = num(x.deleted) ?? 0;
  switch (kind) {
    case 'stop-fine-recording':
    case 'resume-fine-recording':
      return say(kind, lang);
    case 'purge-fine-history':
      return say(kind, lang, { values: values(lang, n) });
    case 'change-step':
      return say(kind, lang, { step: stepText(x.step, lang) ?? '?' });
    case 'delete-data': {
      const r = isRec(x.range) ? x.range : undefined;
      const from = num(r?.from);
      const to = num(r?.to);
      return from === undefined || to === undefined
        ? say('delete-data:all', lang, { values: values(lang, n) })
        : say('delete-data', lang, { from: day(lang, from), to: day(lang, to), values: values(lang, n) });
    }
    case 'extend-fine-retention':
      return say(kind, lang, { months: String(num(x.months) ?? '?') });
    case 'erased':
      return say(x.reason === 'move-out' ? 'erased:move-out' : 'erased:request', lang, { values: values(lang, n) });
    case 'occupancy-started': {
      const since = str(x.since);
      return since ? say('occupancy-started:since', lang, { since: day(lang, since) }) : say(kind, lang);
    }
    case 'moved-out':
      return say(kind, lang);
    default:
      return say('other', lang);
  }
}

/** The receipt's claims in words. `payload` may come from a receipt that did not verify: nothing in it is trusted. */
export function readReceipt(payload: ReceiptPayload | Rec, lang: Lang, ctx: ReadContext): ReceiptClaims {
  const p = payload as Rec;
  const event = isRec(p['hub:event']) ? p['hub:event'] : {};
  const type = str(event.type) ?? '';
  const consent = consentClaims(p, lang, ctx);
  if (consent && (type === 'given' || type === 'renewed' || type === 'withdrawn' || type === 'expired'))
    return { what: say(type, lang, { name: consent.recipientName }), consent };
  if (consent && type === 'superseded') {
    const key = ctx.supersededBy ? (`superseded:${ctx.supersededBy}` as const) : 'superseded';
    return { what: say(key, lang, { name: consent.recipientName }), consent };
  }
  return { what: controlWhat(p['hub:control'], type, lang), consent: null };
}

/** The payload of a compact JWS without checking its signature (to show what a receipt that fails says). */
export function unverifiedPayload(jws: string): Rec | undefined {
  const part = jws.split('.')[1];
  if (!part) return undefined;
  try {
    const v: unknown = JSON.parse(new TextDecoder().decode(base64url(part)));
    return isRec(v) ? v : undefined;
  } catch {
    return undefined;
  }
}

function base64url(s: string): Uint8Array {
  const b = atob(s.replace(/-/g, '+').replace(/_/g, '/') + '='.repeat((4 - (s.length % 4)) % 4));
  return Uint8Array.from(b, (c) => c.charCodeAt(0));
}
