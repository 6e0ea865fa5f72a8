/**
 * @module importers/enedis-csv
 * Families A and C of enedis-formats.md §2: the legacy customer-portal CSV ("Conso Heure" load curve, "Conso Jour"
 * daily indexes with their calendar trailer) and the SGE "HDM" history CSV, which has the same layout. One file
 * can hold several blocks (indexes, calendar, daily max power), each opened by an `Identifiant PRM;…` header.
 *
 * Clock: stamps carry their offset (authoritative, so DST needs no guessing). Linky (C5) curves stamp the interval
 * end; C4 (> 36 kVA) curves stamp the start — recognised because their first stamp is local midnight of the
 * header's start date, which an end stamp can never be. Index stamps sit at a fixed 22:00 or 23:00 UTC and are
 * keyed to the nearest Paris midnight (§2.2).
 */
import type { Prm } from '../../core/prm.ts';
import { QUALITY, type Direction } from '../../core/series.ts';
import { Collector } from '../collector.ts';
import {
  decodeHead,
  parseError,
  type ImportContext,
  type ImportItem,
  type ImportNotice,
  type Importer,
} from '../importer.ts';
import { byteLines } from '../lines.ts';
import { readCurveRow, row } from './fast-row.ts';
import { nearestParisMidnight, offsetStampToUtc, parisDayOf, parseFrenchNaive, parseIsoStamp } from '../time.ts';
import { loneWallUtc } from '../wall-time.ts';
import { StepInference } from './step-inference.ts';
import { calendarNotice, registerName } from './calendar-trailer.ts';

const HEADER = 'Identifiant PRM;Type de donnees';
const METIER: Readonly<Record<string, Direction>> = {
  Consommation: 'consumption',
  Production: 'production',
  Injection: 'production',
};

type Block =
  | { kind: 'none' }
  | { kind: 'meta' }
  | { kind: 'columns'; type: string; prm: Prm; direction: Direction; startNaive: number; unit: string }
  | { kind: 'curve'; prm: Prm; direction: Direction; steps: StepInference; startNaive: number; first: boolean }
  | { kind: 'index'; prm: Prm; direction: Direction; registers: string[]; prevT: number; prevTotal: number | null }
  | { kind: 'pmax'; prm: Prm; direction: Direction }
  | { kind: 'daily'; prm: Prm; direction: Direction }
  | { kind: 'calendar'; prm: Prm };

export const enedisCsvImporter: Importer = {
  id: 'enedis-csv',
  label: 'Enedis portal CSV (Conso Heure / Conso Jour) and SGE HDM CSV',
  detect(head) {
    return decodeHead(head).startsWith(HEADER);
  },
  parse(chunks, ctx) {
    return parseEnedisCsv(chunks, ctx);
  },
};

function stamp(text: string, ctx: ImportContext, line: number): number {
  const fast = offsetStampToUtc(text);
  if (fast === fast) return fast; // not NaN
  const p = parseIsoStamp(text.trim());
  if (Number.isNaN(p.naive))
    throw parseError(ctx, { line, field: 'Horodate' }, `${JSON.stringify(text.slice(0, 40))} is not an ISO-8601 stamp`);
  return p.offsetMin === undefined
    ? loneWallUtc(p.naive, ctx, { line, field: 'Horodate' }, text.trim())
    : p.naive - p.offsetMin * 60_000;
}

function number(text: string, ctx: ImportContext, line: number, field: string): number | null {
  if (text === '') return null;
  const v = +text;
  if (v !== v || v === Infinity || v === -Infinity || text.trim() === '')
    throw parseError(ctx, { line, field }, `${JSON.stringify(text.slice(0, 40))} is not a number`);
  return v;
}

async function* parseEnedisCsv(chunks: AsyncIterable<Uint8Array>, ctx: ImportContext): AsyncGenerator<ImportItem> {
  const source = /SGE|HDM/i.test(ctx.fileName) ? 'enedis_sge' : 'enedis_portal';
  const col = new Collector(ctx, source);
  const notices: ImportNotice[] = [];
  let block: Block = { kind: 'none' };
  let sawHeader = false;

  const endBlock = () => {
    if (block.kind === 'curve') block.steps.finish();
  };

  for await (const lines of byteLines(chunks, ctx)) {
    const { first, count, bytes, starts, ends } = lines;
    for (let i = 0; i < count; i++) {
      const lineNo = first + i;
      // hot path: a curve row in the common shape, read from the bytes (see fast-row.ts)
      if (block.kind === 'curve' && !block.first && readCurveRow(bytes, starts[i]!, ends[i]!)) {
        block.steps.add(row.t, row.value, lineNo);
        continue;
      }
      if (starts[i] === ends[i]) continue;
      const line = lines.text(i);
      if (line.startsWith(HEADER)) {
        endBlock();
        block = { kind: 'meta' };
        sawHeader = true;
        continue;
      }
      if (!sawHeader)
        throw parseError(ctx, { line: lineNo, field: 'Identifiant PRM' }, `expected the header "${HEADER};…"`);
      switch (block.kind) {
        case 'meta': {
          const c = line.split(';');
          if (c.length < 8)
            throw parseError(ctx, { line: lineNo }, `the metadata line has ${c.length} fields, expected at least 8`);
          const prm = col.prm(c[0]!, { line: lineNo, field: 'Identifiant PRM' });
          const direction = METIER[c[5]!.trim()];
          if (!direction)
            throw parseError(
              ctx,
              { line: lineNo, field: 'Grandeur metier' },
              `${JSON.stringify(c[5])} is neither Consommation nor Production`,
            );
          const startNaive = parseFrenchNaive(c[2]!);
          block = { kind: 'columns', type: c[1]!.trim(), prm, direction, startNaive, unit: c[7]!.trim() };
          break;
        }
        case 'columns': {
          const b: Extract<Block, { kind: 'columns' }> = block;
          const c = line.split(';');
          if (c[0] !== 'Horodate')
            throw parseError(
              ctx,
              { line: lineNo, field: 'Horodate' },
              `expected the column header "Horodate;…", found ${JSON.stringify(line.slice(0, 40))}`,
            );
          if (c[1] === 'Valeur') {
            if (/courbe/i.test(b.type)) {
              if (b.unit !== 'W')
                notices.push({
                  kind: 'notice',
                  level: 'warning',
                  message: `${ctx.fileName}, line ${lineNo - 1}: unit ${JSON.stringify(b.unit)}, read as W (mean power)`,
                });
              const prm: Prm = b.prm;
              const dir: Direction = b.direction;
              const where = { line: 0 }; // one object reused for every point (only read when a step is refused)
              const steps = new StepInference(
                'end',
                (start, step, value, line) => {
                  where.line = line;
                  col.curve(prm, dir, step, start, value, QUALITY.OK, where);
                },
                (line) =>
                  notices.push({
                    kind: 'notice',
                    level: 'warning',
                    message: `${ctx.fileName}, line ${line}: isolated stamp, its step cannot be inferred; skipped`,
                  }),
              );
              block = { kind: 'curve', prm, direction: dir, steps, startNaive: b.startNaive, first: true };
            } else if (/puissance/i.test(b.type)) block = { kind: 'pmax', prm: b.prm, direction: b.direction };
            else block = { kind: 'daily', prm: b.prm, direction: b.direction };
          } else if (c[1] === 'Type de releve') {
            block = {
              kind: 'index',
              prm: b.prm,
              direction: b.direction,
              registers: c.slice(2).map(registerName),
              prevT: Number.NaN,
              prevTotal: null,
            };
          } else
            throw parseError(
              ctx,
              { line: lineNo, field: c[1] ?? '' },
              `unknown column header ${JSON.stringify(line.slice(0, 60))}`,
            );
          break;
        }
        case 'curve': {
          const sc = line.indexOf(';');
          if (sc < 0) throw parseError(ctx, { line: lineNo }, 'expected "Horodate;Valeur"');
          const t = stamp(line.slice(0, sc), ctx, lineNo);
          const value = number(line.slice(sc + 1), ctx, lineNo, 'Valeur');
          if (block.first) {
            block.first = false;
            const p = parseIsoStamp(line.slice(0, sc));
            const isStart = p.naive === block.startNaive;
            if (isStart) {
              const prm = block.prm;
              const dir = block.direction;
              const where = { line: 0 };
              block.steps = new StepInference(
                'start',
                (start, step, value, line) => {
                  where.line = line;
                  col.curve(prm, dir, step, start, value, QUALITY.OK, where);
                },
                (line) =>
                  notices.push({
                    kind: 'notice',
                    level: 'warning',
                    message: `${ctx.fileName}, line ${line}: isolated stamp; skipped`,
                  }),
              );
              notices.push({
                kind: 'notice',
                level: 'info',
                message: `${ctx.fileName}: stamps start at local midnight of the start date: read as interval starts (non-Linky meter)`,
              });
            }
          }
          block.steps.add(t, value, lineNo);
          break;
        }
        case 'index':
        case 'calendar': {
          if (line.startsWith('Periode;')) {
            block = { kind: 'calendar', prm: block.prm };
            break;
          }
          if (block.kind === 'calendar') {
            const n = calendarNotice(line, block.prm, ctx, lineNo);
            if (n) notices.push(n);
            break;
          }
          const c = line.split(';');
          const t = nearestParisMidnight(stamp(c[0]!, ctx, lineNo));
          const where = { line: lineNo };
          for (let k = 0; k < block.registers.length; k++) {
            const reg = block.registers[k]!;
            const v = number(c[k + 2] ?? '', ctx, lineNo, reg);
            if (v !== null) col.push(col.key(block.prm, 'index', block.direction, 'P1D', reg), t, v, 0, where);
          }
          // daily energy of the previous day = difference of the total register (derived, flagged so)
          const total =
            block.registers.indexOf('EAST') >= 0
              ? number(c[block.registers.indexOf('EAST') + 2] ?? '', ctx, lineNo, 'EAS T')
              : null;
          if (
            total !== null &&
            block.prevTotal !== null &&
            t - block.prevT <= 25 * 3_600_000 &&
            total >= block.prevTotal
          )
            col.push(
              col.key(block.prm, 'energy', block.direction, 'P1D'),
              block.prevT,
              total - block.prevTotal,
              QUALITY.DERIVED,
              where,
            );
          block.prevT = t;
          block.prevTotal = total;
          break;
        }
        case 'pmax':
        case 'daily': {
          const sc = line.indexOf(';');
          const t = stamp(line.slice(0, sc), ctx, lineNo);
          const value = number(line.slice(sc + 1), ctx, lineNo, 'Valeur');
          if (value === null) break;
          if (block.kind === 'pmax')
            col.push(col.key(block.prm, 'max_power', block.direction, 'P1D'), parisDayOf(t), value, 0, {
              line: lineNo,
            });
          else
            col.push(col.key(block.prm, 'energy', block.direction, 'P1D'), nearestParisMidnight(t), value, 0, {
              line: lineNo,
            });
          break;
        }
        case 'none':
          throw parseError(ctx, { line: lineNo }, 'data before any header');
      }
    }
    yield* col.ready();
  }
  if (!sawHeader) throw parseError(ctx, { line: 1, field: 'Identifiant PRM' }, `expected the header "${HEADER};…"`);
  if (block.kind === 'meta' || block.kind === 'columns')
    throw parseError(ctx, { field: 'Horodate' }, 'the file ends inside a header: truncated');
  endBlock();
  yield* col.rest();
  yield* notices;
  yield* col.notices();
}
