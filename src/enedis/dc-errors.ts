/**
 * @module enedis/dc-errors
 * Enedis error bodies → stable courant codes and clear messages, as a table (enedis-formats.md §1.7). Bodies come
 * in three shapes: v5 `{error, error_description}` (sometimes nested by proxies), WSO2 gateway `{fault: {code,
 * message, description}}` and flat `{code, message, description, nextAccessTime}`. Matching is on the code, never on
 * the HTTP status or the message, which vary (ADAM-DC-0007 is 403 in the docs and 400 in 2026).
 */
import { CourantError, type ErrorCode } from '../core/errors.ts';

export interface DcErrorRule {
  readonly code: ErrorCode;
  readonly retry: 'no' | 'backoff' | 'wait' | 'token';
  readonly en: string;
  readonly fr: string;
}

export const DC_ERRORS: Readonly<Record<string, DcErrorRule>> = {
  no_data_found: {
    code: 'DC_NO_DATA',
    retry: 'no',
    en: 'hourly collection is not enabled for this meter in the customer space (or no data for this period)',
    fr: "la collecte horaire n'est pas activée pour ce compteur dans l'espace client Enedis (ou pas de données sur la période)",
  },
  'ADAM-DC-0007': {
    code: 'DC_NO_CONSENT',
    retry: 'no',
    en: 'the customer is no longer the holder of this usage point (move, new contract): ask for a new consent',
    fr: "le client n'est plus titulaire de ce point (déménagement, nouveau contrat) : demander un nouveau consentement",
  },
  'ADAM-DC-0008': {
    code: 'DC_NO_CONSENT',
    retry: 'no',
    en: 'no consent for this customer and usage point (revoked or expired)',
    fr: 'aucun consentement pour ce client et ce point (révoqué ou expiré)',
  },
  'ADAM-ERR0123': {
    code: 'DC_BEFORE_ACTIVATION',
    retry: 'no',
    en: 'the period starts before the last activation of the usage point',
    fr: 'la période commence avant la dernière mise en service du point',
  },
  Invalid_request: {
    code: 'DC_BAD_REQUEST',
    retry: 'no',
    en: 'Enedis refused the request',
    fr: 'Enedis a refusé la requête',
  },
  'Bad request': {
    code: 'DC_BAD_REQUEST',
    retry: 'no',
    en: 'Enedis refused the request (no subscribed service on this usage point?)',
    fr: 'Enedis a refusé la requête (aucun service souscrit sur ce point ?)',
  },
  technical_error: {
    code: 'DC_UNAVAILABLE',
    retry: 'backoff',
    en: 'Enedis technical error',
    fr: 'erreur technique Enedis',
  },
  '900804': {
    code: 'DC_RATE_LIMITED',
    retry: 'wait',
    en: 'quota exceeded (message throttled out)',
    fr: 'quota dépassé',
  },
  '900807': { code: 'DC_RATE_LIMITED', retry: 'wait', en: 'quota exceeded', fr: 'quota dépassé' },
  '429': { code: 'DC_RATE_LIMITED', retry: 'wait', en: 'quota exceeded', fr: 'quota dépassé' },
  '900901': {
    code: 'DC_AUTH_FAILED',
    retry: 'token',
    en: 'invalid or expired access token',
    fr: "jeton d'accès invalide ou expiré",
  },
  '900908': {
    code: 'DC_FORBIDDEN',
    retry: 'no',
    en: 'this API is not subscribed for the application on DataHub (operator side)',
    fr: "cette API n'est pas souscrite pour l'application sur DataHub (côté opérateur)",
  },
};

const BY_STATUS: readonly [number, DcErrorRule][] = [
  [401, { code: 'DC_AUTH_FAILED', retry: 'token', en: 'authentication refused', fr: 'authentification refusée' }],
  [
    403,
    { code: 'DC_NO_CONSENT', retry: 'no', en: 'access refused for this usage point', fr: 'accès refusé pour ce point' },
  ],
  [404, { code: 'DC_NO_DATA', retry: 'no', en: 'no data', fr: 'pas de données' }],
  [429, { code: 'DC_RATE_LIMITED', retry: 'wait', en: 'quota exceeded', fr: 'quota dépassé' }],
  [500, { code: 'DC_UNAVAILABLE', retry: 'backoff', en: 'Enedis unavailable', fr: 'Enedis indisponible' }],
];

export interface DcErrorInfo {
  readonly status: number;
  readonly enedisCode: string | undefined;
  readonly description: string | undefined;
  readonly rule: DcErrorRule;
  /** UTC ms from `nextAccessTime`, when given. */
  readonly nextAccess: number | undefined;
}

const MONTHS: Readonly<Record<string, number>> = {
  Jan: 0,
  Feb: 1,
  Mar: 2,
  Apr: 3,
  May: 4,
  Jun: 5,
  Jul: 6,
  Aug: 7,
  Sep: 8,
  Oct: 9,
  Nov: 10,
  Dec: 11,
};

/** `2026-Jul-17 05:00:00+0000 UTC` (the gateway's format) or ISO. */
export function parseNextAccessTime(s: string): number | undefined {
  const m = /(\d{4})-([A-Za-z]{3})-(\d{2})[ T](\d{2}):(\d{2}):(\d{2})/.exec(s);
  if (m && MONTHS[m[2]!] !== undefined)
    return Date.UTC(Number(m[1]), MONTHS[m[2]!]!, Number(m[3]), Number(m[4]), Number(m[5]), Number(m[6]));
  const t = Date.parse(s);
  return Number.isNaN(t) ? undefined : t;
}

export function classifyError(status: number, body: unknown): DcErrorInfo {
  let b = (body && typeof body === 'object' ? body : {}) as Record<string, unknown>;
  if (b.error && typeof b.error === 'object') b = b.error as Record<string, unknown>; // proxy wrapping
  const fault = b.fault && typeof b.fault === 'object' ? (b.fault as Record<string, unknown>) : undefined;
  const src = fault ?? b;
  const code = src.error ?? src.code;
  const enedisCode = code === undefined ? undefined : String(code);
  const description = [src.error_description, src.description, src.message].find((x) => typeof x === 'string') as
    string | undefined;
  const rule =
    (enedisCode && DC_ERRORS[enedisCode]) ||
    BY_STATUS.find(([s]) => s === status)?.[1] ||
    (status >= 500
      ? BY_STATUS[4]![1]
      : {
          code: 'DC_BAD_REQUEST' as const,
          retry: 'no' as const,
          en: 'Enedis refused the request',
          fr: 'Enedis a refusé la requête',
        });
  const next = typeof src.nextAccessTime === 'string' ? parseNextAccessTime(src.nextAccessTime) : undefined;
  return { status, enedisCode, description, rule, nextAccess: next };
}

export function toCourantError(info: DcErrorInfo, what: string): CourantError {
  const quoted = [info.enedisCode, info.description].filter(Boolean).join(': ');
  return new CourantError(
    info.rule.code,
    `${what}: ${info.rule.en}${quoted ? ` (Enedis ${info.status}: ${quoted})` : ` (HTTP ${info.status})`}${info.nextAccess ? `; next access ${new Date(info.nextAccess).toISOString()}` : ''}`,
    {
      details: { status: info.status, enedisCode: info.enedisCode, fr: info.rule.fr },
    },
  );
}
