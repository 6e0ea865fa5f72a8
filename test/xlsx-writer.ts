/**
 * Test support: writes a minimal OOXML workbook (inline-string cells) with fflate, to turn the transcribed cells
 * of a real portal export into an .xlsx fixture (test/fixtures/enedis/make-xlsx.ts), and zip bombs for the limits.
 */
import { strToU8, zipSync } from 'fflate';

export type Cells = Record<string, string>; // "C17" → text

const MAIN = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

function sheetXml(cells: Cells): string {
  const byRow = new Map<number, [string, string][]>();
  for (const [ref, v] of Object.entries(cells)) {
    const row = Number(/\d+$/.exec(ref)![0]);
    (byRow.get(row) ?? byRow.set(row, []).get(row)!).push([ref, v]);
  }
  const colNo = (ref: string) => [.../^[A-Z]+/.exec(ref)![0]].reduce((a, c) => a * 26 + c.charCodeAt(0) - 64, 0);
  const rows = [...byRow.entries()]
    .sort((a, b) => a[0] - b[0])
    .map(
      ([r, cs]) =>
        `<row r="${r}">${cs
          .sort((a, b) => colNo(a[0]) - colNo(b[0]))
          .map(([ref, v]) => `<c r="${ref}" t="inlineStr"><is><t xml:space="preserve">${esc(v)}</t></is></c>`)
          .join('')}</row>`,
    )
    .join('');
  return `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>${rows}</sheetData></worksheet>`;
}

export function writeXlsx(sheets: { name: string; cells: Cells }[]): Uint8Array {
  return zipSync(workbookParts(sheets.map((s) => ({ name: s.name, xml: strToU8(sheetXml(s.cells)) }))));
}

/**
 * A valid workbook ("Consommation Horaire", one cell) whose shared-strings part is `bytes` of XML made of one
 * repeated string: the zip is about four hundred times smaller than what it expands to (a zip bomb, for the import
 * limits). The XLSX library reads every shared string, whatever the sheet uses.
 */
export function writeXlsxBomb(bytes: number): Uint8Array {
  const files = workbookParts([
    {
      name: 'Consommation Horaire',
      xml: strToU8(
        sheetXml({ A1: 'NA' }).replace('t="inlineStr"><is><t xml:space="preserve">NA</t></is>', 't="s"><v>0</v>'),
      ),
    },
  ]);
  const si = '<si><t>NA</t></si>';
  files['xl/sharedStrings.xml'] = strToU8(
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><sst xmlns="${MAIN}">${si.repeat(Math.ceil(bytes / si.length))}</sst>`,
  );
  const add = (name: string, close: string, part: string) =>
    (files[name] = strToU8(new TextDecoder().decode(files[name]).replace(close, part + close)));
  add(
    '[Content_Types].xml',
    '</Types>',
    '<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>',
  );
  add(
    'xl/_rels/workbook.xml.rels',
    '</Relationships>',
    '<Relationship Id="rIdStrings" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/>',
  );
  return zipSync(files);
}

function workbookParts(sheets: { name: string; xml: Uint8Array }[]): Record<string, Uint8Array> {
  const files: Record<string, Uint8Array> = {};
  files['[Content_Types].xml'] = strToU8(
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>${sheets.map((_, i) => `<Override PartName="/xl/worksheets/sheet${i + 1}.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>`).join('')}</Types>`,
  );
  files['_rels/.rels'] = strToU8(
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>`,
  );
  files['xl/workbook.xml'] = strToU8(
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets>${sheets.map((s, i) => `<sheet name="${esc(s.name)}" sheetId="${i + 1}" r:id="rId${i + 1}"/>`).join('')}</sheets></workbook>`,
  );
  files['xl/_rels/workbook.xml.rels'] = strToU8(
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${sheets.map((_, i) => `<Relationship Id="rId${i + 1}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet${i + 1}.xml"/>`).join('')}</Relationships>`,
  );
  sheets.forEach((s, i) => (files[`xl/worksheets/sheet${i + 1}.xml`] = s.xml));
  return files;
}

/** Parse a `sheet;cell;value` transcription into sheets. */
export function cellsFromTranscription(text: string): { name: string; cells: Cells }[] {
  const out = new Map<string, Cells>();
  for (const line of text.split('\n').slice(1)) {
    if (!line.trim()) continue;
    const [sheet, cell, ...rest] = line.split(';');
    (out.get(sheet!) ?? out.set(sheet!, {}).get(sheet!)!)[cell!] = rest.join(';');
  }
  return [...out.entries()].map(([name, cells]) => ({ name, cells }));
}
