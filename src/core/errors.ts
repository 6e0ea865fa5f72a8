/**
 * @module core/errors
 * The error catalogue: every error courant raises has a stable code listed here.
 * Codes never change meaning once published; `docs/errors.md` is kept in sync by a test.
 *
 * Errors are rendered only at the edges (HTTP → JSON body with `code`, CLI → message + exit code).
 *
 * Each area owns a block of codes:
 *   CONFIG_*  configuration        STORE_*   storage engines
 *   INPUT_*   user-supplied values HTTP_*    HTTP edge
 *   TIC_*     live meter decoding  IMPORT_*  file importers
 *   DC_*      Enedis Data Connect  CONSENT_* / AUTH_* / LEDGER_*  rights and consent
 *   REVEAL_*  inference detectors  CLI_*     command line
 *   STATS_*   published statistics
 */

export interface ErrorSpec {
  /** HTTP status used when this error reaches the HTTP edge. */
  readonly status: number;
  /** One line, for docs/errors.md: what it means and what to do. */
  readonly doc: string;
}

export const ERROR_CATALOGUE = {
  // configuration
  CONFIG_INVALID: {
    status: 500,
    doc: 'The configuration file or an environment override is invalid; the message names the key and the file.',
  },
  CONFIG_UNREADABLE: { status: 500, doc: 'The configuration file exists but cannot be read or parsed as JSON.' },
  // input values
  INPUT_INVALID_PRM: { status: 400, doc: 'A usage point identifier (PRM) is not exactly 14 digits.' },
  INPUT_INVALID_STEP: { status: 400, doc: 'A step is not one of PT1M, PT10M, PT15M, PT30M, PT1H, P1D (or "raw").' },
  INPUT_INVALID_RANGE: { status: 400, doc: 'A time range is malformed or its start is not before its end.' },
  INPUT_INVALID_DATE: {
    status: 400,
    doc: 'A date or instant cannot be parsed (use ISO-8601, e.g. 2007-01-01 or 2007-01-01T00:00:00Z).',
  },
  INPUT_INVALID_READING: {
    status: 400,
    doc: 'A reading has a non-finite value, an unknown series or an invalid timestamp.',
  },
  INPUT_INVALID: { status: 400, doc: 'A request or command argument is invalid; the message names the field.' },
  // storage
  STORE_UNREADABLE: {
    status: 500,
    doc: 'The database file cannot be opened (corrupt, not a DuckDB file, or permissions).',
  },
  STORE_LOCKED: {
    status: 503,
    doc: 'The database file is held by another process (the running hub); use its API or stop it.',
  },
  STORE_WRITE_FAILED: {
    status: 500,
    doc: 'A write failed. On an engine with transactional writes (DuckDB) it was rolled back and nothing from it was stored; on one without (ClickHouse) part of it may be stored, and writing the same call again is safe.',
  },
  STORE_UNAVAILABLE: {
    status: 503,
    doc: 'The storage server (ClickHouse, PostgreSQL) cannot be reached or refused a query or the credentials; the message names the server or the query error.',
  },
  STORE_CLOSED: { status: 503, doc: 'The store was used after being closed.' },
  STORE_UNSUPPORTED: { status: 501, doc: 'The storage engine lacks a capability the operation needs.' },
  STORE_SCHEMA_TOO_NEW: {
    status: 500,
    doc: "The database file has a schema version above this release's (a newer release wrote it); it is left untouched. The message names both versions: run that release or a later one.",
  },
  STORE_MIGRATION_FAILED: {
    status: 500,
    doc: "Upgrading the database file to this release's schema failed; every migration of that open was rolled back and the file is unchanged. The message names the migration and both versions.",
  },
  // HTTP edge
  HTTP_NOT_FOUND: {
    status: 404,
    doc: 'Not found or no access. The same answer is given whether the thing is absent or belongs to someone else.',
  },
  HTTP_BAD_REQUEST: { status: 400, doc: 'The request is malformed (query string, JSON body or content type).' },
  HTTP_BODY_TOO_LARGE: {
    status: 413,
    doc: 'A JSON request body is larger than limits.jsonBodyBytes (file uploads have their own limit, limits.uploadBytes).',
  },
  HTTP_TOO_MANY_POINTS: {
    status: 400,
    doc: 'The requested range at the requested step exceeds the maximum number of points per response; ask for a coarser step or a shorter range.',
  },
  HTTP_INTERNAL: {
    status: 500,
    doc: 'Unexpected server error; details are logged on the hub, never sent to the client.',
  },
  HUB_UNREACHABLE: { status: 503, doc: 'The CLI found a running hub (lock held) but could not reach its local API.' },
  HUB_STOPPING: {
    status: 503,
    doc: 'The hub is stopping: the request arrived while it was draining, or was still running at the drain timeout (server.drainTimeoutMs). Nothing was changed by it unless it says otherwise; send it again once the hub has restarted.',
  },
  // consent, rights and the ledger
  CONSENT_INVALID: {
    status: 400,
    doc: 'A consent request is malformed: unknown purpose, data category, step or recipient; the message names the field.',
  },
  CONSENT_NOT_SPECIFIC: {
    status: 400,
    doc: 'A consent bundles several purposes or steps in one record; give one consent per step and per purpose (R5).',
  },
  CONSENT_EXPIRY_INVALID: {
    status: 400,
    doc: 'A consent expiry is in the past, not after the start, or more than 3 years away.',
  },
  CONSENT_NOT_SUBJECT: {
    status: 403,
    doc: 'Only the current occupant of the usage point (the data subject) may give or change this consent; a proxy or another household may not.',
  },
  CONSENT_NOT_FOUND: {
    status: 404,
    doc: 'No such consent for this household (the same answer whether it does not exist or belongs to someone else).',
  },
  CONSENT_NOT_ACTIVE: {
    status: 409,
    doc: 'The consent was already withdrawn, expired or ended by a move-out; it cannot be used or changed again.',
  },
  CONSENT_NOTICE_UNKNOWN: {
    status: 400,
    doc: 'The consent names a notice version the hub does not know, or the notice hash does not match the text shown.',
  },
  CONSENT_PURPOSE_UNDECLARED: {
    status: 400,
    doc: 'The recipient has not declared this purpose in the configuration; a purpose not actually pursued cannot be consented to (R8).',
  },
  CONSENT_ACCESS_DENIED: {
    status: 403,
    doc: 'The policy engine refused the read: no consent, legal request or ownership covers this actor, usage point, step, purpose and time.',
  },
  LEGAL_REQUEST_INVALID: {
    status: 400,
    doc: 'A legal request lacks a reference, authority, legal basis, named usage points or a bounded range (no bulk or standing access).',
  },
  LEDGER_BROKEN: {
    status: 500,
    doc: 'The consent ledger hash chain does not verify: a row was altered, removed or reordered; the message names the first broken link.',
  },
  LEDGER_BAD_SIGNATURE: {
    status: 500,
    doc: 'A receipt signature does not verify with the hub public key, or the receipt does not match its ledger event.',
  },
  LEDGER_UNREADABLE: {
    status: 500,
    doc: 'Part of the consent ledger cannot be read from the database file (storage-level damage, e.g. a failed block checksum); the message names the first unreadable seq. Acknowledge it with `courant ledger acknowledge` to set the damaged rows aside.',
  },
  LEDGER_FROZEN: {
    status: 503,
    doc: 'The consent ledger has an unacknowledged break, so no event (consent, withdrawal, control, occupancy…) is appended; the message names the first bad seq. An operator acknowledges it with `courant ledger acknowledge --reason …` or POST /api/admin/ledger/acknowledge.',
  },
  RECEIPT_INVALID: {
    status: 400,
    doc: 'A consent receipt is malformed, forged (bad signature), or replayed against another event.',
  },
  KEYSTORE_UNREADABLE: {
    status: 500,
    doc: 'The receipt signing key file cannot be read or is not a valid Ed25519 JWK.',
  },
  AUTH_INVALID_CREDENTIALS: { status: 401, doc: 'Unknown user or wrong password (the answer does not say which).' },
  AUTH_RATE_LIMITED: {
    status: 429,
    doc: 'Too many failed logins for this account or address; wait before trying again.',
  },
  AUTH_SESSION_INVALID: { status: 401, doc: 'The session is missing, expired or revoked; log in again.' },
  AUTH_CSRF: { status: 403, doc: 'A state-changing request lacks a valid CSRF token; nothing was changed.' },
  AUTH_FORBIDDEN: { status: 403, doc: 'The account role does not allow this action.' },
  AUTH_SETUP_DONE: { status: 409, doc: 'The owner account already exists; first-start set-up cannot run again.' },
  AUTH_SETUP_TOKEN: {
    status: 403,
    doc: 'The first-start set-up link is missing, wrong or already used; restart the hub to print a new one.',
  },
  AUTH_LOCAL_ONLY: {
    status: 403,
    doc: "The local API token of the command line is accepted from the hub's own machine (loopback) only.",
  },
  OCCUPANCY_TAKEN: {
    status: 409,
    doc: "The usage point already has an occupant, or the move-in date falls inside an earlier household's stay; record that household's move-out first, or move in from after it left. The message names the field.",
  },
  OCCUPANCY_NONE: {
    status: 409,
    doc: 'No household lives at this usage point now, so there is no move-out to record.',
  },
  ACCOUNT_UNKNOWN: {
    status: 404,
    doc: 'No account has this username (operator actions such as a move-in); the message names the field.',
  },
  ACCOUNT_NOT_HOUSEHOLD: {
    status: 400,
    doc: 'The account is not a household (operator, recipient or authority), or is disabled: only a household lives at a usage point.',
  },
  // third parties: registered clients and the OAuth2 authorisation server
  CLIENT_INVALID: {
    status: 400,
    doc: 'A client registration is incomplete or malformed (name, legal identity, contact, redirect URIs, purposes, finest step, retention); the message names the field.',
  },
  CLIENT_EXISTS: { status: 409, doc: 'A client with this identifier is already registered; nothing was written.' },
  CLIENT_UNKNOWN: { status: 404, doc: 'No registered client has this identifier.' },
  OAUTH_INVALID_REQUEST: {
    status: 400,
    doc: 'An OAuth2 request lacks a parameter, repeats one, has an unknown one or a malformed value (RFC 6749 invalid_request).',
  },
  OAUTH_INVALID_CLIENT: {
    status: 401,
    doc: 'Client authentication failed: unknown client, wrong secret or disabled client (the answer does not say which).',
  },
  OAUTH_INVALID_GRANT: {
    status: 400,
    doc: 'The authorisation code is unknown, used, expired, issued to another client or redirect URI, or the PKCE verifier does not match.',
  },
  OAUTH_UNSUPPORTED_GRANT_TYPE: {
    status: 400,
    doc: 'The token endpoint accepts grant_type authorization_code and client_credentials only.',
  },
  OAUTH_TOKEN_INVALID: {
    status: 401,
    doc: 'The bearer access token is missing, unknown, expired or revoked (one answer for all).',
  },
  // inference detectors and their evaluation
  REVEAL_DATASET_INVALID: {
    status: 400,
    doc: 'An evaluation data-set folder is not in a known format (UCI, ECO, REFIT/UK-DALE) or a file in it is malformed; the message names the file and line.',
  },
  REVEAL_DATASET_COLUMN_UNKNOWN: {
    status: 400,
    doc: 'A ground-truth column of an evaluation data-set file has a name the alias table does not know (neither an appliance a detector scores nor a column named as ignored); the message names the file and the column. Rename the column (see docs/reveal.md, "Data-set folders").',
  },
  REVEAL_NO_SERIES: {
    status: 404,
    doc: 'The household has no consumption series the detectors can read (power at PT1M… or energy at PT30M…); import or load data first.',
  },
  // published statistics
  STATS_INVALID: {
    status: 400,
    doc: 'A statistics release query or area assignment is invalid (publisher, area kind, bucket, period, statistics, clip, bucket limit, area code); the message names the field.',
  },
  STATS_BUDGET_EXCEEDED: {
    status: 409,
    doc: 'The release would spend more privacy budget (ρ) than the data set has left; nothing was published. The message names the budget remaining.',
  },
  STATS_RELEASES_DAMAGED: {
    status: 500,
    doc: 'courant stats verify: the release chain does not verify (a release row was altered, removed or reordered) or a published file no longer matches the SHA-256 and size its release records; the message names the first problem.',
  },
  // file importers
  IMPORT_UNRECOGNISED_FORMAT: {
    status: 415,
    doc: 'The file is in none of the supported formats; the message lists them (Data Connect v5/2026 JSON, portal CSV/XLSX, SGE HDM/R63 CSV, plain CSV).',
  },
  IMPORT_PARSE_ERROR: {
    status: 400,
    doc: 'A file could not be read: truncated JSON, wrong CSV header, a value that is not a number, a bad date; the message names the file, the line (or JSON path) and the field. Nothing from the file was stored.',
  },
  IMPORT_CONFLICTING_ROWS: {
    status: 400,
    doc: 'A file gives one interval of a series twice with different values (or so far apart that the first value is no longer held to compare); the message names the file, the line (or JSON path) and both values. The same value twice is merged and only noted. Nothing from the file was stored.',
  },
  IMPORT_NONEXISTENT_TIME: {
    status: 400,
    doc: 'An offset-less Paris wall time falls in the hour skipped when clocks go forward (e.g. 2025-03-30 02:30); the message names the file, the line (or JSON path) and the field. Nothing from the file was stored.',
  },
  IMPORT_PRM_MISMATCH: {
    status: 400,
    doc: 'The usage point in the file differs from the one given with --prm (or the file masks its PRM and none was given). Nothing from the file was stored.',
  },
  IMPORT_MISSING_SHEET: {
    status: 400,
    doc: 'An XLSX export lacks the expected sheet ("Consommation Horaire"…); the message names the file and the sheets found.',
  },
  IMPORT_TOO_LARGE: {
    status: 413,
    doc: "An upload exceeds limits.uploadBytes (import the file with `courant import` on the hub's machine), or an XLSX file exceeds 64 MiB (the portal exports 7 days per file).",
  },
  IMPORT_FILE_UNREADABLE: {
    status: 400,
    doc: 'An import file cannot be opened (missing, a directory, or no permission).',
  },
  IMPORT_LINE_TOO_LONG: {
    status: 422,
    doc: 'A line of a text file (or a single JSON value) is longer than limits.lineBytes; no Enedis format has lines beyond a few kilobytes. The message names the file and the line. Nothing from the file was stored.',
  },
  IMPORT_DECOMPRESSED_TOO_LARGE: {
    status: 413,
    doc: 'An XLSX workbook would expand beyond limits.xlsxDecompressedBytes once unzipped (by the sizes its zip declares, or by what it really inflates to). Nothing from the file was stored.',
  },
  IMPORT_TOO_MANY_ENTRIES: {
    status: 422,
    doc: "An XLSX workbook's zip holds more entries than limits.xlsxEntries (a portal export holds about ten). Nothing from the file was stored.",
  },
  IMPORT_TOO_MANY_ROWS: {
    status: 413,
    doc: 'A file gives more readings than limits.rowsPerFile; split it. Nothing from the file was stored.',
  },
  IMPORT_PARSE_TIMEOUT: {
    status: 422,
    doc: 'Reading a file took the parser longer than limits.parseSeconds; its thread was stopped. Nothing from the file was stored.',
  },
  IMPORT_PARSE_MEMORY: {
    status: 413,
    doc: 'Reading a file needed more memory than limits.parserMemoryMb; its thread was stopped. Nothing from the file was stored.',
  },
  IMPORT_BUSY: {
    status: 429,
    doc: 'This account already runs as many imports as limits.importsPerAccount allows; wait for them to finish and send the file again.',
  },
  // Enedis Data Connect client
  DC_AUTH_FAILED: {
    status: 502,
    doc: 'Data Connect refused the client credentials (invalid client id/secret or token endpoint error).',
  },
  DC_NO_CONSENT: {
    status: 403,
    doc: 'Enedis has no valid consent for this usage point (revoked, expired, or the customer is no longer the holder: ADAM-DC-0007/0008); ask the household to consent again.',
  },
  DC_NO_DATA: {
    status: 404,
    doc: 'Enedis has no measure for this period: for load curves, hourly collection is usually not enabled in the customer space.',
  },
  DC_BEFORE_ACTIVATION: {
    status: 400,
    doc: 'The requested period starts before the last activation of the usage point (ADAM-ERR0123); the client clamps to the contract start.',
  },
  DC_RATE_LIMITED: {
    status: 429,
    doc: 'Data Connect quota exceeded (429); the client waited and retried until its retry budget ran out; the message gives nextAccessTime.',
  },
  DC_BAD_REQUEST: {
    status: 400,
    doc: 'Data Connect rejected the request (bad dates, no subscribed service); the message quotes the Enedis error.',
  },
  DC_UNAVAILABLE: {
    status: 502,
    doc: 'Data Connect answered with a technical error or could not be reached after retries; try again later.',
  },
  DC_FORBIDDEN: {
    status: 502,
    doc: 'The API is not subscribed for this application on DataHub (900908), an operator-side problem.',
  },
  // tariffs and costs
  TARIFF_INVALID: {
    status: 400,
    doc: 'A tariff or price table is malformed (unknown option, overlapping validity, bad off-peak range); the message names the field.',
  },
  TARIFF_NO_PRICE: {
    status: 404,
    doc: 'No price in the table is valid on a date to cost; extend the price table or choose another offer.',
  },
  TARIFF_NO_COLOUR: {
    status: 400,
    doc: 'A Tempo or EJP day has no colour in the calendar; import the colour calendar for the period.',
  },
  // live meter decoding (TIC)
  TIC_SOURCE_FAILED: {
    status: 503,
    doc: 'The TIC byte source (serial port, file, TCP bridge) cannot be opened or read; the message names it and the system error.',
  },
  TIC_NO_SIGNAL: {
    status: 503,
    doc: 'No valid TIC group arrived at 9600 or 1200 Bd (7E1) during auto-detection: check the wiring, the adapter, and that the meter output is on.',
  },
  MQTT_UNREACHABLE: {
    status: 503,
    doc: 'The MQTT broker configured for the Home Assistant bridge cannot be reached or refused the connection.',
  },
  // CLI
  CLI_USAGE: { status: 400, doc: 'Unknown command or option, or a missing required option.' },
  CLI_OUTPUT_FAILED: { status: 500, doc: 'The output file could not be written.' },
} as const satisfies Record<string, ErrorSpec>;

export type ErrorCode = keyof typeof ERROR_CATALOGUE;

/** The one error class courant throws. `details` is safe to show to the caller who caused it. */
export class CourantError extends Error {
  readonly code: ErrorCode;
  readonly status: number;
  readonly details: Readonly<Record<string, unknown>> | undefined;

  constructor(code: ErrorCode, message: string, options?: { cause?: unknown; details?: Record<string, unknown> }) {
    super(message, options?.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'CourantError';
    this.code = code;
    this.status = ERROR_CATALOGUE[code].status;
    this.details = options?.details;
  }

  toJSON(): { code: ErrorCode; message: string; details?: Readonly<Record<string, unknown>> } {
    return this.details
      ? { code: this.code, message: this.message, details: this.details }
      : { code: this.code, message: this.message };
  }
}

export function isCourantError(e: unknown): e is CourantError {
  return e instanceof CourantError;
}
