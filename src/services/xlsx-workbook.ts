/**
 * @module services/xlsx-workbook
 * Adapter: the `WorkbookReader` importers use, backed by the maintained `read-excel-file` library
 * (zip + XML parsing of OOXML; we do not hand-write that).
 */
import readXlsxFile from 'read-excel-file/node';
import { CourantError } from '../core/errors.ts';
import type { SheetRows, WorkbookReader } from '../importers/importer.ts';

export const readWorkbook: WorkbookReader = async (bytes) => {
  let sheets: { sheet: string; data: unknown[][] }[];
  try {
    sheets = (await readXlsxFile(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength))) as unknown as { sheet: string; data: unknown[][] }[];
  } catch (cause) {
    throw new CourantError('IMPORT_PARSE_ERROR', `not a readable XLSX workbook: ${(cause as Error).message}`, { cause });
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
