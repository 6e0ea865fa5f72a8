/**
 * Hand-derived checks on the real fixtures, independent of the expected files: DST days have 46 and 50 half
 * hours, curves are contiguous, units convert, and load-curve energy sums to the daily values of the same capture.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { createReadStream } from 'node:fs';
import type { Prm } from '../core/prm.ts';
import { seriesId } from '../core/series.ts';
import { isNotice, type Importer } from './importer.ts';
import { enedisCsvImporter } from './enedis-csv/enedis-csv.ts';
import { sgeR63Importer } from './sge-r63/sge-r63.ts';
import { dc2026Importer } from './dataconnect/v2026.ts';
import { portalXlsxImporter } from './portal-xlsx/portal-xlsx.ts';
import { readWorkbook } from './portal-xlsx/xlsx-workbook.ts';

const dir = join(import.meta.dirname, '../../test/fixtures/enedis');
async function points(imp: Importer, file: string, series: string, prm?: string): Promise<[number, number][]> {
  const out: [number, number][] = [];
  for await (const it of imp.parse(createReadStream(join(dir, file)) as AsyncIterable<Uint8Array>, {
    fileName: file,
    prm: prm as Prm | undefined,
    workbook: readWorkbook,
  })) {
    if (isNotice(it) || seriesId(it.key) !== series) continue;
    for (let i = 0; i < it.ts.length; i++) out.push([it.ts[i]!, it.values[i]!]);
  }
  return out;
}
const H = 3_600_000;
const inDay = (pts: [number, number][], from: string, hours: number) =>
  pts.filter(([t]) => t >= Date.parse(from) && t < Date.parse(from) + hours * H);

test('portal CSV, autumn 2023: 29 Oct (25 h) holds 50 contiguous half hours', async () => {
  const p = await points(
    enedisCsvImporter,
    'portal-heure-dst-fall.csv',
    'power.consumption.PT30M.enedis_portal',
    '14290000000001',
  );
  const day = inDay(p, '2023-10-28T22:00:00Z', 25);
  assert.equal(day.length, 50);
  day.forEach(([t], i) => assert.equal(t, Date.parse('2023-10-28T22:00:00Z') + i * 1_800_000));
});

test('portal CSV, spring 2024: 31 Mar (23 h) holds 46 half hours', async () => {
  const p = await points(
    enedisCsvImporter,
    'portal-heure-dst-spring.csv',
    'power.consumption.PT30M.enedis_portal',
    '14290000000001',
  );
  assert.equal(inDay(p, '2024-03-30T23:00:00Z', 23).length, 46);
});

test('R63 without offsets: the repeated 02:00/02:30 rows become contiguous intervals', async () => {
  const p = await points(sgeR63Importer, 'sge-r63-dst-fall.csv', 'power.consumption.PT30M.enedis_sge');
  for (let i = 1; i < p.length; i++) assert.equal(p[i]![0] - p[i - 1]![0], 1_800_000);
  // first row "2023-10-28 23:30:00" (CEST) is the END of 23:00–23:30 CEST = 21:00Z
  assert.equal(p[0]![0], Date.parse('2023-10-28T21:00:00Z'));
});

test('C4 meter in the HDM CSV stamps interval starts', async () => {
  const p = await points(enedisCsvImporter, 'sge-hdm-c4-10min.csv', 'power.consumption.PT10M.enedis_sge');
  assert.equal(p[0]![0], Date.parse('2020-02-02T23:00:00Z')); // 2020-02-03T00:00:00+01:00
});

test('portal XLSX: kW text with a decimal comma becomes W and Wh; start/end read as Paris wall time', async () => {
  const w = await points(portalXlsxImporter, 'portal-xlsx.xlsx', 'power.consumption.PT30M.enedis_portal');
  const e = await points(portalXlsxImporter, 'portal-xlsx.xlsx', 'energy.consumption.PT30M.enedis_portal');
  assert.deepEqual(w[0], [Date.parse('2023-12-31T23:00:00Z'), 2906]);
  assert.deepEqual(e[0], [Date.parse('2023-12-31T23:00:00Z'), 1453]);
  const dst = await points(portalXlsxImporter, 'portal-xlsx-dst-fall.xlsx', 'power.consumption.PT30M.enedis_portal');
  assert.equal(dst.length, 49); // 50 half hours on 27 Oct 2024, one "NA"
  assert.equal(dst.at(-1)![0], Date.parse('2024-10-27T22:30:00Z'));
});

test('Data Connect 2026 capture: each day of curve energy equals the daily value (33 495 and 38 022 Wh)', async () => {
  const e = await points(dc2026Importer, 'dc2026-curve.json', 'energy.consumption.PT30M.enedis_api');
  const d = await points(dc2026Importer, 'dc2026-daily.json', 'energy.consumption.P1D.enedis_api');
  assert.deepEqual(
    d.map(([, v]) => v),
    [33495, 38022],
  );
  for (const [day, wh] of d)
    assert.equal(
      inDay(e, new Date(day).toISOString(), 24).reduce((a, [, v]) => a + v, 0),
      wh,
    );
});
