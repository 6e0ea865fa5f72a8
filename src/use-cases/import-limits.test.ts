// The import limits on the command line's path (importSources over files on disk, limits from the configuration):
// each refusal has its catalogue code, names the file, and stores nothing. The HTTP path:
// test/e2e/import-limits.test.ts.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, openSync, readFileSync, writeFileSync, writeSync, closeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '../config/load.ts';
import { isCourantError } from '../core/errors.ts';
import type { Prm } from '../core/prm.ts';
import type { ImportLimits } from '../importers/limits.ts';
import type { ReadingStore } from '../ports/reading-store.ts';
import { openReadingStore } from '../backend/open-storage.ts';
import { writeXlsx, writeXlsxBomb } from '../../test/xlsx-writer.ts';
import { fileSources, importSources } from './import-files.ts';

const dir = mkdtempSync(join(tmpdir(), 'courant-limits-'));
const fx = (n: string) => join(import.meta.dirname, '../../test/fixtures/enedis', n);
/** Limits as `courant import` gets them: the configuration loaded once, with these overrides. */
const limitsWith = (limits: Partial<ImportLimits>) =>
  loadConfig({ env: {}, cwd: dir, overrides: { limits } }).config.limits;
let store: ReadingStore;
const PRM = '14290000000001' as Prm; // the portal CSV masks its usage point

before(async () => {
  store = await openReadingStore({ dataDir: dir });
});
after(async () => {
  await store.close();
});

async function refused(
  path: string,
  limits: ImportLimits,
  code: string,
  message: RegExp,
  opts: { parseIn?: 'inline' | 'worker'; prm?: Prm } = {},
) {
  const held = await store.list();
  await assert.rejects(importSources(store, await fileSources([path]), { limits, ...opts }), (e: unknown) => {
    assert.ok(isCourantError(e), String(e));
    assert.equal(e.code, code, e.message);
    assert.match(e.message, message);
    return true;
  });
  assert.deepEqual(await store.list(), held, 'nothing from the refused file is stored');
}

/** A portal workbook with `rows` half hours (about 270 bytes of sheet XML each). */
function portalWorkbook(rows: number): Uint8Array {
  const cells: Record<string, string> = {
    A1: 'Point Référence Mesure (PRM) :',
    B1: '12345678901234',
    A3: 'Début',
    B3: 'Fin',
    C3: 'Valeur (en kW)',
  };
  for (let r = 4; r < rows + 4; r++)
    Object.assign(cells, { [`A${r}`]: '01/01/2024 00:00:00', [`B${r}`]: '01/01/2024 00:30:00', [`C${r}`]: '0,462' });
  return writeXlsx([{ name: 'Consommation Horaire', cells }]);
}

test('an XLSX zip bomb is refused before it is inflated, with IMPORT_DECOMPRESSED_TOO_LARGE naming the file (the file the HTTP test uploads)', async () => {
  const path = join(dir, 'bomb.xlsx');
  writeFileSync(path, writeXlsxBomb(64 << 20)); // about 160 KB
  await refused(
    path,
    limitsWith({ xlsxDecompressedBytes: 16 << 20 }),
    'IMPORT_DECOMPRESSED_TOO_LARGE',
    /^bomb\.xlsx: the workbook would expand to 64 MiB once unzipped, more than the 16 MiB accepted \(limits\.xlsxDecompressedBytes\)/,
  );
  // just over the default limit: both sizes read "64 MiB", so the message gives them in bytes
  await refused(
    path,
    limitsWith({}),
    'IMPORT_DECOMPRESSED_TOO_LARGE',
    /^bomb\.xlsx: the workbook would expand to 6711\d{4} bytes once unzipped, more than the 67108864 bytes accepted/,
  );
});

test('a 64 MB line is refused with its line number, through the portal CSV reader (byte lines) and the plain CSV reader', async () => {
  const portal = join(dir, 'long.csv');
  const fd = openSync(portal, 'w');
  // header, 1 row
  writeSync(fd, readFileSync(fx('portal-heure-dst-fall.csv'), 'utf8').split('\n').slice(0, 4).join('\n') + '\n');
  const mib = Buffer.alloc(1 << 20, 0x39);
  for (let i = 0; i < 64; i++) writeSync(fd, mib);
  writeSync(fd, '\n2023-10-28T01:00:00+02:00;270\n');
  closeSync(fd);
  await refused(
    portal,
    limitsWith({}),
    'IMPORT_LINE_TOO_LONG',
    /^long\.csv, line 5: the line is longer than 64 KiB \(limits\.lineBytes\)/,
    { parseIn: 'inline', prm: PRM },
  );
  await refused(portal, limitsWith({}), 'IMPORT_LINE_TOO_LONG', /^long\.csv, line 5: /, {
    parseIn: 'worker',
    prm: PRM,
  });
  const plain = join(dir, 'plain.csv');
  writeFileSync(
    plain,
    `prm,start,step,unit,value\n00000000000051,2024-10-27T00:00:00+02:00,PT1H,W,700\n00000000000051,2024-10-27T01:00:00+02:00,PT1H,W,${'7'.repeat(2000)}\n`,
  );
  await refused(
    plain,
    limitsWith({ lineBytes: 1024 }),
    'IMPORT_LINE_TOO_LONG',
    /^plain\.csv, line 3: the line is longer than 1 KiB \(limits\.lineBytes\)/,
  );
});

test('a Data Connect answer holding a 64 MB string is refused with the line and JSON path', async () => {
  const path = join(dir, 'answer.json');
  const doc = readFileSync(fx('dc2026-curve.json'), 'utf8').replace(
    '"modeCalcul": "MESURE"',
    `"modeCalcul": "${'M'.repeat(64 << 20)}"`,
  );
  writeFileSync(path, doc);
  await refused(
    path,
    limitsWith({}),
    'IMPORT_LINE_TOO_LONG',
    /^answer\.json, line 8, \$\.modeCalcul \(column 17\): a JSON value is longer than 64 KiB \(limits\.lineBytes\)/,
  );
});

test('a file giving more readings than limits.rowsPerFile is refused, parsed in place or in the parser thread', async () => {
  for (const parseIn of ['inline', 'worker'] as const) {
    await refused(
      fx('dc2026-curve.json'),
      limitsWith({ rowsPerFile: 100 }),
      'IMPORT_TOO_MANY_ROWS',
      /^dc2026-curve\.json: the file gives more than 100 readings \(limits\.rowsPerFile\)/,
      { parseIn },
    );
  }
});

test('the parser thread is stopped past limits.parseSeconds or limits.parserMemoryMb; XLSX files always go to that thread', async () => {
  const path = join(dir, 'year.xlsx');
  writeFileSync(path, portalWorkbook(100_000)); // 27 MB of sheet XML: about 2 s and 150 MB of heap to read
  // even when asked to parse in place: a workbook is never read on the event loop
  await refused(
    path,
    limitsWith({ parseSeconds: 0.2 }),
    'IMPORT_PARSE_TIMEOUT',
    /^year\.xlsx: reading the file took longer than 0\.2 s \(limits\.parseSeconds\); its parser was stopped/,
    { parseIn: 'inline' },
  );
  await refused(
    path,
    limitsWith({ parserMemoryMb: 64 }),
    'IMPORT_PARSE_MEMORY',
    /^year\.xlsx: reading the file needed more than 64 MiB of memory \(limits\.parserMemoryMb\)/,
  );
});

test("an XLSX the library cannot read is refused with a plain sentence, never the library's own message", async () => {
  const path = join(dir, 'odd.xlsx');
  const good = portalWorkbook(2);
  const { unzipSync, zipSync, strToU8 } = await import('fflate');
  const parts = unzipSync(good);
  parts['xl/workbook.xml'] = strToU8(
    '<workbook><sheets><sheet name="Consommation Horaire" r:id="rId9"/></sheets></workbook>',
  ); // a relation that does not exist
  writeFileSync(path, zipSync(parts));
  await refused(
    path,
    limitsWith({}),
    'IMPORT_PARSE_ERROR',
    /^odd\.xlsx: not a readable XLSX workbook \(its sheets could not be read as a spreadsheet\)$/,
  );
});
