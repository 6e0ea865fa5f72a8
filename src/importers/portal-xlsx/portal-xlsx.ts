/**
 * @module importers/portal-xlsx
 * Family B of enedis-formats.md §2.3: the customer-portal XLSX export (since ~Feb 2025), sheet
 * "Consommation Horaire" (or "Production …"): PRM in the cell right of "Point Référence Mesure (PRM) :", a table
 * `Début | Fin | Valeur (en kW)` with Paris wall times **without offset** (`dd/mm/yyyy HH:MM:SS`), values often
 * text with a decimal comma, `NA` for missing. Start and end are both given, so the step is read per row and no
 * end/start guess is needed; the repeated autumn hour is resolved by order.
 *
 * The zip/XML reading is done by a maintained library (read-excel-file) behind `ctx.workbook`, an adapter
 * injected by the service, so this module stays platform-free.
 */
import { CourantError, isCourantError } from '../../core/errors.ts';
import type { Direction } from '../../core/series.ts';
import { Collector } from '../collector.ts';
import {
  nonexistentTimeError,
  parseDecimal,
  parseError,
  type ImportContext,
  type ImportItem,
  type Importer,
  type SheetRows,
} from '../importer.ts';
import { readAllBytes } from '../lines.ts';
import { WallClock, parseFrenchNaive } from '../time.ts';

export const MAX_XLSX_BYTES = 64 * 1024 * 1024;

export const portalXlsxImporter: Importer = {
  id: 'portal-xlsx',
  label: 'Enedis customer-portal XLSX (Consommation/Production Horaire, kW)',
  detect(head, fileName) {
    // a zip (PK\x03\x04); the name or the presence of an xl/ entry tells a workbook from any other zip
    const zip = head.length >= 4 && head[0] === 0x50 && head[1] === 0x4b && head[2] === 0x03 && head[3] === 0x04;
    if (!zip) return false;
    if (fileName && /\.xlsx$/i.test(fileName)) return true;
    return new TextDecoder('latin1').decode(head).includes('xl/');
  },
  parse(chunks, ctx) {
    return parseXlsx(chunks, ctx);
  },
  isolate: true,
};

/** The workbook through the injected reader, its refusals (size limits, unreadable zip) naming the file. */
async function readWith(ctx: ImportContext, bytes: Uint8Array): ReturnType<NonNullable<ImportContext['workbook']>> {
  try {
    return await ctx.workbook!(bytes);
  } catch (e) {
    if (!isCourantError(e)) throw e;
    throw new CourantError(e.code, `${ctx.fileName}: ${e.message}`, {
      cause: e,
      details: { file: ctx.fileName, ...e.details },
    });
  }
}

function naiveOf(cell: unknown): number {
  if (cell instanceof Date) return cell.getTime(); // the library maps Excel serial dates to UTC = wall time
  if (typeof cell === 'string') return parseFrenchNaive(cell);
  return Number.NaN;
}

/** A date cell as the household sees it, for messages (a Date cell holds the wall time as if UTC). */
function wallText(cell: unknown, naive: number): string {
  return cell instanceof Date ? new Date(naive).toISOString().slice(0, 19).replace('T', ' ') : cellText(cell);
}

function cellText(cell: unknown): string {
  return cell === null || cell === undefined ? '' : String(cell).trim();
}

async function* parseXlsx(chunks: AsyncIterable<Uint8Array>, ctx: ImportContext): AsyncGenerator<ImportItem> {
  if (!ctx.workbook)
    throw new CourantError('IMPORT_UNRECOGNISED_FORMAT', `${ctx.fileName}: no XLSX reader available in this context`);
  const bytes = await readAllBytes(
    chunks,
    MAX_XLSX_BYTES,
    () =>
      new CourantError(
        'IMPORT_TOO_LARGE',
        `${ctx.fileName}: XLSX files above ${MAX_XLSX_BYTES / 1024 / 1024} MiB are not accepted (the portal exports 7 days per file)`,
      ),
  );
  const wb = await readWith(ctx, bytes);
  const sheetName = wb.sheetNames.find((n) => /^(Consommation|Production)/i.test(n.trim()));
  if (!sheetName)
    throw new CourantError(
      'IMPORT_MISSING_SHEET',
      `${ctx.fileName}: no sheet "Consommation Horaire" or "Production …"; sheets found: ${wb.sheetNames.map((n) => JSON.stringify(n)).join(', ')}`,
      {
        details: { file: ctx.fileName, sheets: [...wb.sheetNames] },
      },
    );
  const direction: Direction = /^Production/i.test(sheetName) ? 'production' : 'consumption';
  const rows: SheetRows = await wb.read(sheetName);
  const col = new Collector(ctx, 'enedis_portal');
  let prmText: string | undefined;
  let header: { row: number; start: number; end: number; value: number; factor: number } | undefined;
  for (let r = 0; r < rows.length && !header; r++) {
    const row = rows[r]!;
    for (let c = 0; c < row.length; c++) {
      const t = cellText(row[c]);
      if (/^Point R[ée]f[ée]rence Mesure/i.test(t))
        prmText = cellText(row.slice(c + 1).find((x) => cellText(x) !== ''));
      if (t === 'Début' && cellText(row[c + 1]) === 'Fin') {
        const vc = row.findIndex((x, k) => k > c + 1 && /^Valeur/i.test(cellText(x)));
        if (vc < 0)
          throw parseError(
            ctx,
            { line: r + 1, field: 'Valeur' },
            `sheet "${sheetName}": no "Valeur" column next to "Début | Fin"`,
          );
        const unit = /\(en\s*(k?W)\)/i.exec(cellText(row[vc]))?.[1] ?? 'kW';
        header = { row: r, start: c, end: c + 1, value: vc, factor: unit.toLowerCase() === 'kw' ? 1000 : 1 };
      }
    }
  }
  if (!header)
    throw parseError(
      ctx,
      { field: 'Début' },
      `sheet "${sheetName}": the table header "Début | Fin | Valeur (en kW)" was not found`,
    );
  if (prmText === undefined)
    throw parseError(
      ctx,
      { field: 'Point Référence Mesure (PRM)' },
      `sheet "${sheetName}": the PRM cell was not found`,
    );
  const prm = col.prm(prmText, { line: 0, field: 'PRM' });
  const startClock = new WallClock();
  const endClock = new WallClock();
  for (let r = header.row + 1; r < rows.length; r++) {
    const row = rows[r]!;
    const where = { line: r + 1 };
    if (row.every((x) => cellText(x) === '')) continue;
    const s = naiveOf(row[header.start]);
    const e = naiveOf(row[header.end]);
    if (Number.isNaN(s))
      throw parseError(
        ctx,
        { ...where, field: 'Début' },
        `sheet "${sheetName}": ${JSON.stringify(cellText(row[header.start]))} is not a date`,
      );
    if (Number.isNaN(e))
      throw parseError(
        ctx,
        { ...where, field: 'Fin' },
        `sheet "${sheetName}": ${JSON.stringify(cellText(row[header.end]))} is not a date`,
      );
    const raw = row[header.value];
    const v = typeof raw === 'number' ? raw : parseDecimal(cellText(raw));
    // a wall time in the spring gap is refused (docs/importers.md § Daylight saving)
    const start = startClock.toUtc(s);
    if (start !== start) throw nonexistentTimeError(ctx, { ...where, field: 'Début' }, wallText(row[header.start], s));
    const end = endClock.toUtc(e);
    if (end !== end) throw nonexistentTimeError(ctx, { ...where, field: 'Fin' }, wallText(row[header.end], e));
    if (v === null) continue; // NA: missing, never 0
    if (Number.isNaN(v))
      throw parseError(
        ctx,
        { ...where, field: 'Valeur' },
        `sheet "${sheetName}": ${JSON.stringify(cellText(raw))} is not a number`,
      );
    col.curve(prm, direction, end - start, start, v * header.factor, 0, where);
  }
  yield* col.rest();
  yield* col.notices();
}
