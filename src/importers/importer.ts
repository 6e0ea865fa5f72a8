/**
 * @module importers/importer
 * One interface for every Enedis (and plain) file format: `detect` looks at the first bytes, `parse` streams the
 * file and yields `ReadingBatch`es (≤ BATCH_POINTS points each) and notices (metadata, calendars, warnings).
 * Importers are pure: bytes in, readings out. Opening files, storing and summarising is `use-cases/import-files.ts`.
 *
 * Canonical representation (docs/importers.md): interval **start** in UTC; load curves as `power` (W, mean over
 * the step) AND `energy` (Wh = W × step) at the native step; daily energy as `energy` at P1D; daily peaks as
 * `max_power` (VA) at P1D stamped at the Paris civil day start; cumulative indexes as `index` with a register.
 */
import { CourantError } from '../core/errors.ts';
import type { Prm } from '../core/prm.ts';
import type { Direction, ReadingBatch } from '../core/series.ts';
import { formatBytes } from './limits.ts';

/** A sheet as rows of cell values (strings, numbers, dates or null), read by an adapter (XLSX needs a zip reader). */
export type SheetRows = readonly (readonly unknown[])[];
/** Reads the named sheets of a workbook; throws IMPORT_MISSING_SHEET when absent. Injected by the service. */
export type WorkbookReader = (
  bytes: Uint8Array,
) => Promise<{ sheetNames: readonly string[]; read(name: string): Promise<SheetRows> }>;

export interface ImportContext {
  /** File name as given by the user (for messages and format hints). */
  readonly fileName: string;
  /** Usage point expected by the user (`--prm`); files naming another one are refused. Needed when a file masks its
   * PRM.
   */
  readonly prm?: Prm | undefined;
  /**
   * Read a PRM of fourteen zeros as masked: anonymised Enedis files (SGE samples, some supplier exports) carry it in
   * place of the real number, so it takes `prm` like a masked one (and is refused without it). The hub's upload route
   * sets it: a household's file then never creates a meter `00000000000000`.
   */
  readonly zerosMasked?: boolean | undefined;
  /** Direction for formats that do not say it (Data Connect v5 answers); otherwise guessed from the file name. */
  readonly direction?: Direction | undefined;
  /** XLSX reader adapter. */
  readonly workbook?: WorkbookReader | undefined;
  /** Longest line (or single JSON value) accepted (`limits.lineBytes`); DEFAULT_IMPORT_LIMITS.lineBytes when absent. */
  readonly lineBytes?: number | undefined;
}

/** Facts an importer learns besides readings. */
export type ImportNotice =
  | { readonly kind: 'notice'; readonly level: 'info' | 'warning'; readonly message: string }
  | {
      readonly kind: 'metadata';
      readonly prm: Prm;
      readonly subscribedKva?: number | undefined;
      readonly tariffOption?: string | undefined;
      readonly offpeakHours?: string | undefined;
      readonly contractStart?: string | undefined;
      readonly segment?: string | undefined;
    }
  | {
      readonly kind: 'calendar';
      readonly prm: Prm;
      /** Validity of this mapping, UTC ms; `to` undefined = open-ended. */
      readonly from: number;
      readonly to: number | undefined;
      readonly calendarId: string;
      readonly label: string;
      /** register (e.g. "EASF01") → temporal class (e.g. "BUHC" = Tempo blue off-peak). */
      readonly registers: Readonly<Record<string, { classId: string; label: string }>>;
    };

export type ImportItem = ReadingBatch | ImportNotice;

export interface Importer {
  readonly id: string;
  readonly label: string;
  /** True when the first bytes (at least 4 KiB when the file is that long) look like this format. */
  detect(head: Uint8Array, fileName?: string): boolean;
  parse(chunks: AsyncIterable<Uint8Array>, ctx: ImportContext): AsyncIterable<ImportItem>;
  /**
   * The format is read whole by a third-party library (XLSX: zip + XML): the import service always parses it in the
   * parser thread, under its memory and time limits, never on the hub's event loop.
   */
  readonly isolate?: boolean;
}

export function isNotice(item: ImportItem): item is ImportNotice {
  return 'kind' in item;
}

/** Where in a file an error is: a 1-based line, or a JSON path; and the field. */
export interface Where {
  readonly line?: number | undefined;
  readonly path?: string | undefined;
  readonly field?: string | undefined;
}

/** `file, line 12, field "start"` (or the JSON path instead of the line). */
function located(ctx: Pick<ImportContext, 'fileName'>, where: Where): string {
  return [
    ctx.fileName,
    where.line !== undefined ? `line ${where.line}` : undefined,
    where.path,
    where.field !== undefined ? `field "${where.field}"` : undefined,
  ]
    .filter((x) => x !== undefined)
    .join(', ');
}

/** The one way importers report bad input: names the file, line or JSON path, and field. */
export function parseError(ctx: Pick<ImportContext, 'fileName'>, where: Where, message: string): CourantError {
  return new CourantError('IMPORT_PARSE_ERROR', `${located(ctx, where)}: ${message}`, {
    details: { file: ctx.fileName, ...where },
  });
}

/**
 * An offset-less Paris wall time in the hour skipped when clocks go forward: refused, never moved to another instant
 * (docs/importers.md § Daylight saving).
 */
export function nonexistentTimeError(ctx: Pick<ImportContext, 'fileName'>, where: Where, text: string): CourantError {
  return new CourantError(
    'IMPORT_NONEXISTENT_TIME',
    `${located(ctx, where)}: ${JSON.stringify(text.slice(0, 40))} does not exist in Paris time (clocks go forward over that hour, and the stamp has no offset to say what was meant); nothing from this file was stored`,
    { details: { file: ctx.fileName, ...where } },
  );
}

/** A line (or a JSON value) longer than the limit: the file is refused where it happens, never read further. */
export function lineTooLong(ctx: Pick<ImportContext, 'fileName'>, where: Where, limit: number): CourantError {
  const at = [ctx.fileName, where.line !== undefined ? `line ${where.line}` : undefined, where.path]
    .filter((x) => x !== undefined)
    .join(', ');
  const [what, where_] =
    where.path !== undefined ? ['a JSON value is', 'answer holds one'] : ['the line is', 'file has lines'];
  return new CourantError(
    'IMPORT_LINE_TOO_LONG',
    `${at}: ${what} longer than ${formatBytes(limit)} (limits.lineBytes); no Enedis ${where_} this long. Nothing from this file was stored.`,
    {
      details: { file: ctx.fileName, ...where, limit },
    },
  );
}

/** Parse a decimal number written with a dot or a French comma; empty → null; otherwise NaN when malformed. */
export function parseDecimal(text: string): number | null {
  const t = text.trim();
  if (t === '' || t === 'null' || t === 'NA') return null;
  const n = Number(t.indexOf(',') >= 0 ? t.replace(',', '.') : t);
  return Number.isFinite(n) ? n : Number.NaN;
}

export function decodeHead(head: Uint8Array): string {
  let s = new TextDecoder('utf-8', { fatal: false }).decode(head);
  if (s.charCodeAt(0) === 0xfeff) s = s.slice(1);
  return s;
}
