/**
 * @module importers/plain-csv
 * A plain, documented CSV for anything else (docs/importers.md § Plain CSV), plus the community `debut;kW`
 * files written by browser scripts and read by ha-linky (enedis-formats.md §2.3).
 *
 * Header (`,` or `;`): `start` and `value` required; optional `unit` (W, kW, Wh, kWh, VA, kVA; default W),
 * `end` or `step` (PT10M…PT1H, P1D), `prm`, `direction` (consumption|production). `start` is the interval START,
 * ISO-8601 with an offset (or Z); without an offset it is Paris wall time. W/kW rows are mean power over the step
 * (stored as power and energy), Wh/kWh rows energy over the step, VA rows daily peaks. Without `end`/`step` the
 * step is the distance to the next row.
 * `debut;kW` (and `debut;fin;kWh`, whose values are in fact kW) map to start / end / value in kW.
 */
import type { Prm } from '../../core/prm.ts';
import type { Direction } from '../../core/series.ts';
import { Collector, stepCodeMs } from '../collector.ts';
import {
  decodeHead,
  parseDecimal,
  parseError,
  type ImportContext,
  type ImportItem,
  type Importer,
} from '../importer.ts';
import { lineBlocks } from '../lines.ts';
import { StepInference } from '../enedis-csv/step-inference.ts';
import { WallClock, parseIsoStamp, parisDayOf } from '../time.ts';
import { wallUtc } from '../wall-time.ts';

const UNITS: Readonly<Record<string, { kind: 'power' | 'energy' | 'max_power'; factor: number }>> = {
  W: { kind: 'power', factor: 1 },
  kW: { kind: 'power', factor: 1000 },
  Wh: { kind: 'energy', factor: 1 },
  kWh: { kind: 'energy', factor: 1000 },
  VA: { kind: 'max_power', factor: 1 },
  kVA: { kind: 'max_power', factor: 1000 },
};
const ALIASES: Readonly<Record<string, string>> = {
  debut: 'start',
  fin: 'end',
  kw: 'value',
  kwh: 'value',
  valeur: 'value',
};

function headerOf(line: string): { sep: string; names: string[] } {
  const sep = line.includes(';') ? ';' : ',';
  return { sep, names: line.split(sep).map((s) => s.trim().replace(/^"|"$/g, '')) };
}

export const plainCsvImporter: Importer = {
  id: 'plain-csv',
  label: 'Plain CSV (start,value[,unit,end|step,prm,direction]) and ha-linky "debut;kW" files',
  detect(head) {
    const first = decodeHead(head).split(/\r?\n/, 1)[0]!;
    const { names } = headerOf(first);
    const lower = names.map((n) => ALIASES[n.toLowerCase()] ?? n.toLowerCase());
    return lower.includes('start') && lower.includes('value');
  },
  parse(chunks, ctx) {
    return parsePlain(chunks, ctx);
  },
};

async function* parsePlain(chunks: AsyncIterable<Uint8Array>, ctx: ImportContext): AsyncGenerator<ImportItem> {
  const col = new Collector(ctx, 'csv');
  let sep = ',';
  let idx: Record<string, number> | undefined;
  let haLinky = false;
  const clocks = new Map<string, WallClock>();
  const inference = new Map<string, StepInference>();
  const clockOf = (k: string) => clocks.get(k) ?? clocks.set(k, new WallClock()).get(k)!;
  const notices: ImportItem[] = [];
  /** An ISO stamp of a column → UTC: its own offset, else Paris wall time (refused in the spring gap). */
  const stampOf = (text: string, clock: WallClock, line: number, field: string): number => {
    const p = parseIsoStamp(text);
    if (Number.isNaN(p.naive))
      throw parseError(ctx, { line, field }, `${JSON.stringify(text.slice(0, 40))} is not an ISO-8601 date`);
    return p.offsetMin === undefined
      ? wallUtc(p.naive, clock, ctx, { line, field }, text)
      : p.naive - p.offsetMin * 60_000;
  };
  for await (const { first, lines } of lineBlocks(chunks, ctx)) {
    for (let i = 0; i < lines.length; i++) {
      const line = lines[i]!;
      const lineNo = first + i;
      if (line.trim() === '' || line.startsWith('#')) continue;
      if (!idx) {
        const h = headerOf(line);
        sep = h.sep;
        idx = {};
        h.names.forEach((n, k) => {
          const low = n.toLowerCase();
          if (low === 'kw' || low === 'kwh') haLinky = true;
          idx![ALIASES[low] ?? low] = k;
        });
        if (idx.start === undefined)
          throw parseError(ctx, { line: lineNo, field: 'start' }, 'the header has no "start" column');
        if (idx.value === undefined)
          throw parseError(ctx, { line: lineNo, field: 'value' }, 'the header has no "value" column');
        continue;
      }
      const c = line.split(sep);
      const get = (n: string) => (idx![n] === undefined ? undefined : c[idx![n]!]?.trim().replace(/^"|"$/g, ''));
      const prmText = get('prm');
      let prm: Prm;
      if (prmText !== undefined && prmText !== '') prm = col.prm(prmText, { line: lineNo, field: 'prm' });
      else if (ctx.prm) prm = ctx.prm;
      else throw parseError(ctx, { line: lineNo, field: 'prm' }, 'no "prm" column: give the usage point with --prm');
      const dirText = get('direction') || 'consumption';
      if (dirText !== 'consumption' && dirText !== 'production')
        throw parseError(
          ctx,
          { line: lineNo, field: 'direction' },
          `${JSON.stringify(dirText)} is neither consumption nor production`,
        );
      const direction = dirText as Direction;
      const unitText = haLinky ? 'kW' : get('unit') || 'W';
      const unit = UNITS[unitText];
      if (!unit)
        throw parseError(
          ctx,
          { line: lineNo, field: 'unit' },
          `unknown unit ${JSON.stringify(unitText)} (W, kW, Wh, kWh, VA, kVA)`,
        );
      const seriesKey = prm + direction + unitText;
      const startText = get('start') ?? '';
      const start = stampOf(startText, clockOf(seriesKey + 's'), lineNo, 'start');
      const valueText = get('value') ?? '';
      const raw = parseDecimal(valueText);
      if (raw !== null && Number.isNaN(raw))
        throw parseError(
          ctx,
          { line: lineNo, field: 'value' },
          `${JSON.stringify(valueText.slice(0, 30))} is not a number`,
        );
      const value = raw === null ? null : raw * unit.factor;
      if (unit.kind === 'max_power') {
        if (value !== null)
          col.push(col.key(prm, 'max_power', direction, 'P1D'), parisDayOf(start), value, 0, { line: lineNo });
        continue;
      }
      let stepMs: number | undefined;
      const endText = get('end');
      const stepText = get('step');
      if (endText) {
        const end = stampOf(endText, clockOf(seriesKey + 'e'), lineNo, 'end');
        stepMs = end - start;
      } else if (stepText) {
        if (stepText === 'P1D') {
          if (unit.kind !== 'energy')
            throw parseError(ctx, { line: lineNo, field: 'step' }, 'a P1D step needs an energy unit (Wh, kWh)');
          if (value !== null) col.push(col.key(prm, 'energy', direction, 'P1D'), start, value, 0, { line: lineNo });
          continue;
        }
        stepMs = stepCodeMs(stepText);
        if (stepMs === undefined)
          throw parseError(ctx, { line: lineNo, field: 'step' }, `unknown step ${JSON.stringify(stepText)}`);
      }
      const emit = (s: number, ms: number, v: number, where: { line: number }) => {
        col.curve(prm, direction, ms, s, unit.kind === 'power' ? v : (v * 3_600_000) / ms, 0, where);
      };
      if (stepMs !== undefined) {
        if (value !== null) emit(start, stepMs, value, { line: lineNo });
      } else {
        let inf = inference.get(seriesKey);
        if (!inf)
          inference.set(
            seriesKey,
            (inf = new StepInference(
              'start',
              (s, ms, v, line) => emit(s, ms, v, { line }),
              (line) =>
                notices.push({
                  kind: 'notice',
                  level: 'warning',
                  message: `${ctx.fileName}, line ${line}: step unknown (single row); skipped`,
                }),
            )),
          );
        inf.add(start, value, lineNo);
      }
    }
    yield* col.ready();
  }
  if (!idx) throw parseError(ctx, { line: 1, field: 'start' }, 'empty file');
  for (const inf of inference.values()) inf.finish();
  yield* col.rest();
  yield* notices;
  yield* col.notices();
}
