/**
 * @module importers/portal-xlsx/xlsx-workbook
 * Adapter: the `WorkbookReader` importers use, backed by the maintained `read-excel-file` library
 * (zip + XML parsing of OOXML; we do not hand-write that). The library only ever sees what xlsx-guard.ts let
 * through (entry count and unzipped size within the limits); the import service runs it in the parser thread.
 */
import readXlsxFile from 'read-excel-file/node';
import { CourantError, isCourantError } from '../../core/errors.ts';
import type { SheetRows, WorkbookReader } from '../importer.ts';
import { DEFAULT_IMPORT_LIMITS } from '../limits.ts';
import { guardXlsx, type XlsxLimits } from './xlsx-guard.ts';

export function workbookReader(limits: XlsxLimits): WorkbookReader {
  return async (bytes) => {
    const safe = guardXlsx(bytes, limits);
    let sheets: { sheet: string; data: unknown[][] }[];
    try {
      sheets = (await readXlsxFile(Buffer.from(safe.buffer, safe.byteOffset, safe.byteLength))) as unknown as {
        sheet: string;
        data: unknown[][];
      }[];
    } catch (cause) {
      if (isCourantError(cause)) throw cause;
      // the library's own message names its internals (a stack overflow, an undefined property): not for the user
      throw new CourantError(
        'IMPORT_PARSE_ERROR',
        'not a readable XLSX workbook (its sheets could not be read as a spreadsheet)',
        { cause },
      );
    }
    return {
      sheetNames: sheets.map((s) => s.sheet),
      async read(name: string): Promise<SheetRows> {
        const s = sheets.find((x) => x.sheet === name);
        if (!s) throw new CourantError('IMPORT_MISSING_SHEET', `sheet ${JSON.stringify(name)} not found`);
        return s.data;
      },
    };
  };
}

/** A reader with the default limits, for tools and tests that use an importer without a configuration. */
export const readWorkbook: WorkbookReader = workbookReader({
  decompressedBytes: DEFAULT_IMPORT_LIMITS.xlsxDecompressedBytes,
  entries: DEFAULT_IMPORT_LIMITS.xlsxEntries,
});
