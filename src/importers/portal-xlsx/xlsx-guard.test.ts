import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { strToU8, unzipSync, zipSync } from 'fflate';
import { isCourantError } from '../../core/errors.ts';
import { writeXlsxBomb } from '../../../test/xlsx-writer.ts';
import { guardXlsx } from './xlsx-guard.ts';
import { readWorkbook } from './xlsx-workbook.ts';

const LIMITS = { decompressedBytes: 16 << 20, entries: 64 };
const fixture = () =>
  new Uint8Array(readFileSync(new URL('../../../test/fixtures/enedis/portal-xlsx.xlsx', import.meta.url)));
const refusal = (code: string, message: RegExp) => (e: unknown) => {
  assert.ok(isCourantError(e), String(e));
  assert.equal(e.code, code);
  assert.match(e.message, message);
  return true;
};

test('a real portal workbook passes: the library reads the same sheets from the guarded archive', async () => {
  const bytes = fixture();
  const guarded = unzipSync(guardXlsx(bytes, LIMITS));
  const original = unzipSync(bytes, { filter: (f) => /\.(xml|rels)$/.test(f.name) });
  assert.deepEqual(Object.keys(guarded).sort(), Object.keys(original).sort());
  for (const name of Object.keys(original)) assert.deepEqual(guarded[name], original[name], name);
  const wb = await readWorkbook(bytes);
  assert.ok(wb.sheetNames.some((n) => n.startsWith('Consommation')));
});

test('a workbook declaring more unzipped bytes than the limit is refused before anything is inflated', () => {
  const bomb = writeXlsxBomb(64 << 20);
  assert.ok(bomb.length < 1 << 20, `the bomb is small (${bomb.length} bytes)`);
  assert.throws(
    () => guardXlsx(bomb, LIMITS),
    refusal(
      'IMPORT_DECOMPRESSED_TOO_LARGE',
      /would expand to 64 MiB once unzipped, more than the 16 MiB accepted \(limits\.xlsxDecompressedBytes\)/,
    ),
  );
});

test('a zip holding more entries than the limit is refused', () => {
  const parts: Record<string, Uint8Array> = {};
  for (let i = 0; i < 65; i++) parts[`xl/p${i}.xml`] = strToU8('<a/>');
  assert.throws(
    () => guardXlsx(zipSync(parts), LIMITS),
    refusal('IMPORT_TOO_MANY_ENTRIES', /holds 65 entries, more than the 64 accepted \(limits\.xlsxEntries\)/),
  );
});

test('an entry that lies about its size is stopped once it inflates past the size it declares', () => {
  const zip = zipSync({ 'xl/worksheets/sheet1.xml': strToU8('<row/>'.repeat(1 << 20)) });
  // declare 1 KiB in the central directory and the local header: the sum passes, the inflation must not
  const view = new DataView(zip.buffer);
  const local = 0;
  const central = view.getUint32(zip.length - 22 + 16, true);
  view.setUint32(local + 22, 1024, true);
  view.setUint32(central + 24, 1024, true);
  assert.throws(
    () => guardXlsx(zip, LIMITS),
    refusal(
      'IMPORT_DECOMPRESSED_TOO_LARGE',
      /the entry "xl\/worksheets\/sheet1\.xml" expands beyond the 1024 bytes it declares/,
    ),
  );
});

test("damaged archives are refused with a plain sentence, never the zip or XML library's own message", async () => {
  const bytes = fixture();
  const cut = bytes.slice(0, bytes.length - 30); // no end record
  assert.throws(
    () => guardXlsx(cut, LIMITS),
    refusal('IMPORT_PARSE_ERROR', /^not a readable XLSX workbook \(no zip directory at its end\)$/),
  );
  const garbled = bytes.slice();
  garbled.fill(0x41, 40, 400); // inside the first entry's compressed data
  await assert.rejects(readWorkbook(garbled), refusal('IMPORT_PARSE_ERROR', /^not a readable XLSX workbook \(/));
  const notXml = zipSync({ '[Content_Types].xml': strToU8('<Types'), 'xl/workbook.xml': strToU8('<<<') });
  await assert.rejects(
    readWorkbook(notXml),
    refusal('IMPORT_PARSE_ERROR', /^not a readable XLSX workbook \(its sheets could not be read as a spreadsheet\)$/),
  );
});
