/**
 * @module enedis/serve/refusals
 * The error answers the hub gives on its Data Connect face, in Enedis's own shapes (enedis-formats.md §1.7), so a
 * client written for Enedis reads them with the code it already has. Bodies recorded from Enedis are copied word for
 * word (`enedis-samples/dc-errors__collected.json`); where Enedis was never seen refusing a case (an unknown parameter,
 * a window too long, an end in the future) the description is ours, under Enedis's `Invalid_request` code. The codes
 * are the keys of `DC_ERRORS` (enedis/dc-errors.ts), which is how the hub reads these bodies back as a client.
 */

/** A v5 error body: `{error, error_description[, error_uri]}`. */
export interface DcErrorBody {
  readonly error: string;
  readonly error_description: string;
  readonly error_uri?: string;
}

/** The WSO2 gateway's bodies: a `fault` for credentials, flat with `nextAccessTime` for throttling. */
export interface GatewayFaultBody {
  readonly fault: { readonly code: number; readonly message: string; readonly description: string };
}
export interface GatewayThrottleBody {
  readonly code: string;
  readonly message: string;
  readonly description: string;
  readonly nextAccessTime: string;
}

export type DcRefusalBody = DcErrorBody | GatewayFaultBody | GatewayThrottleBody;

/** A refusal: the HTTP status and the body to send. */
export interface DcRefusal {
  readonly status: number;
  readonly body: DcRefusalBody;
}

/** `400 Invalid_request` with a description. */
export function invalidRequest(description: string): DcRefusal {
  return { status: 400, body: { error: 'Invalid_request', error_description: description } };
}

/** Recorded from Enedis (bokub/linky fixtures). */
export const START_NOT_BEFORE_END = 'Start date should be before end date.';

/** 403 `ADAM-DC-0008`, as recorded: the one answer for a usage point the client may not read, whoever holds it. */
export const NO_CONSENT: DcRefusal = Object.freeze({
  status: 403,
  body: Object.freeze({
    error: 'ADAM-DC-0008',
    error_description: 'No consent can be found for this customer and this usage point.',
  }),
});

/** 404 `no_data_found`, as recorded (a load curve not collected, or nothing held over the period). */
export const NO_DATA: DcRefusal = Object.freeze({
  status: 404,
  body: Object.freeze({
    error: 'no_data_found',
    error_description: 'no measure found for this usage point',
    error_uri: 'https://bluecoder.enedis.fr/api-doc/consulter-souscrire',
  }),
});

/** 400 `ADAM-ERR0123`, as recorded: the period starts before the household's consent may reach (its move-in). */
export const BEFORE_ACTIVATION: DcRefusal = Object.freeze({
  status: 400,
  body: Object.freeze({
    error: 'ADAM-ERR0123',
    error_description:
      'La demande ne peut pas aboutir, la période demandée est antérieure à la date de dernière mise en service du point.',
  }),
});

/** 401 WSO2 `900901`, as recorded: no token, an unknown one, an expired or revoked one — one answer for all. */
export const INVALID_CREDENTIALS: DcRefusal = Object.freeze({
  status: 401,
  body: Object.freeze({
    fault: Object.freeze({
      code: 900901,
      message: 'Invalid Credentials',
      description: 'Invalid Credentials. Make sure you have provided the correct security credentials',
    }),
  }),
});

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** The gateway's time format, `2026-Jul-17 05:00:00+0000 UTC` (read back by `parseNextAccessTime`). */
export function gatewayTime(utcMs: number): string {
  const d = new Date(utcMs);
  const p = (n: number) => String(n).padStart(2, '0');
  return (
    `${d.getUTCFullYear()}-${MONTHS[d.getUTCMonth()]}-${p(d.getUTCDate())} ` +
    `${p(d.getUTCHours())}:${p(d.getUTCMinutes())}:${p(d.getUTCSeconds())}+0000 UTC`
  );
}

/** 429 WSO2 `900804` with the instant the next call may come, in the recorded wording (its odd " ." included). */
export function throttled(nextAccess: number): DcRefusal {
  const t = gatewayTime(nextAccess);
  return {
    status: 429,
    body: {
      code: '900804',
      message: 'Message throttled out',
      description: `You have exceeded your quota .You can access API after ${t}`,
      nextAccessTime: t,
    },
  };
}

/** conso.boris.sh wraps Enedis's error in its own envelope (recorded in bokub/linky's fixtures). */
export interface ConsoErrorBody {
  readonly status: number;
  readonly message: string;
  readonly error: DcRefusalBody;
}

/** The same refusal on the conso-api face: the status kept, the Enedis body inside conso.boris.sh's envelope. */
export function consoWrapped(r: DcRefusal): { status: number; body: ConsoErrorBody } {
  return { status: r.status, body: { status: r.status, message: 'The Enedis API returned an error', error: r.body } };
}
