/**
 * Test support: runs one fixture file through format detection and its importer (no store), and condenses the
 * result into the shape of `<name>.expected.json` (per series: count, first/last interval start, value sum,
 * first and last three points with quality; notices).
 */
import { createReadStream, readFileSync } from 'node:fs';
import { basename } from 'node:path';
import type { Prm } from '../src/core/prm.ts';
import { seriesId, type Direction } from '../src/core/series.ts';
import { isNotice, type ImportNotice } from '../src/importers/importer.ts';
import { HEAD_BYTES, detectImporter } from '../src/importers/registry.ts';
import { readWorkbook } from '../src/importers/portal-xlsx/xlsx-workbook.ts';

export interface ExpectedSeries {
  points: number;
  first: string;
  last: string;
  sum: number;
  head: [string, number, number][];
  tail: [string, number, number][];
}
export interface Expected {
  ctx?: { prm?: string; direction?: Direction };
  format?: string;
  series?: Record<string, ExpectedSeries>;
  notices?: { metadata: unknown[]; calendars: unknown[]; messages: number };
  error?: { code: string; includes: string[] };
}

export async function runFixture(
  path: string,
  ctx: Expected['ctx'] = {},
): Promise<Required<Pick<Expected, 'format' | 'series' | 'notices'>>> {
  const head = readFileSync(path).subarray(0, HEAD_BYTES);
  const importer = detectImporter(head, basename(path));
  const pts = new Map<string, [number, number, number][]>();
  const notices: ImportNotice[] = [];
  for await (const item of importer.parse(
    createReadStream(path, { highWaterMark: 4096 }) as AsyncIterable<Uint8Array>,
    {
      fileName: basename(path),
      prm: ctx.prm as Prm | undefined,
      direction: ctx.direction,
      workbook: readWorkbook,
    },
  )) {
    if (isNotice(item)) {
      notices.push(item);
      continue;
    }
    const k = `${item.key.prm} ${seriesId(item.key)}`;
    const list = pts.get(k) ?? pts.set(k, []).get(k)!;
    for (let i = 0; i < item.ts.length; i++) list.push([item.ts[i]!, item.values[i]!, item.quality?.[i] ?? 0]);
  }
  const series: Record<string, ExpectedSeries> = {};
  const iso = (t: number) => new Date(t).toISOString();
  const round = (v: number) => Math.round(v * 1000) / 1000;
  for (const [k, list] of [...pts.entries()].sort((a, b) => (a[0] < b[0] ? -1 : 1))) {
    const row = (p: [number, number, number]): [string, number, number] => [iso(p[0]), round(p[1]), p[2]];
    series[k] = {
      points: list.length,
      first: iso(list[0]![0]),
      last: iso(list[list.length - 1]![0]),
      sum: round(list.reduce((a, p) => a + p[1], 0)),
      head: list.slice(0, 3).map(row),
      tail: list.slice(-3).map(row),
    };
  }
  return {
    format: importer.id,
    series,
    // JSON round trip: the expected files cannot hold `undefined` members
    notices: JSON.parse(
      JSON.stringify({
        metadata: notices.filter((n) => n.kind === 'metadata'),
        calendars: notices.filter((n) => n.kind === 'calendar'),
        messages: notices.filter((n) => n.kind === 'notice').length,
      }),
    ) as Expected['notices'] & object,
  };
}
