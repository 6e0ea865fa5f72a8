/**
 * @module use-cases/export
 * Exports a usage point's readings as CSV (usage_point, series, interval_start, step, value, unit) or JSON lines,
 * streamed series by series so memory stays flat. Used by `courant export` and `GET /api/usage-points/:prm/export`.
 */
import { CourantError } from '../core/errors.ts';
import { parsePrm } from '../core/prm.ts';
import { checkRange, parseInstant, toIso } from '../core/range.ts';
import { seriesId } from '../core/series.ts';
import { isCoarserOrEqual, parseStep, stepMs, type FixedStep, type Step } from '../core/step.ts';
import type { ReadingStore } from '../ports/reading-store.ts';

export type ExportFormat = 'csv' | 'json';
export interface ExportRequest {
  prm: unknown;
  from?: unknown;
  to?: unknown;
  step?: unknown;
  format?: unknown;
}

export const CSV_HEADER = 'usage_point,series,interval_start,step,value,unit\n';
const PAGE_MS = 31 * 86_400_000; // read a month at a time

export function parseFormat(v: unknown): ExportFormat {
  if (v === undefined || v === '' || v === 'csv') return 'csv';
  if (v === 'json') return 'json';
  throw new CourantError('INPUT_INVALID', `format: ${JSON.stringify(v)} is not csv or json`);
}

/** Yields text chunks of the export. Throws before yielding anything when the request is invalid or nothing is held. */
export async function* exportReadings(
  store: ReadingStore,
  req: ExportRequest,
  onProgress?: (msg: string) => void,
): AsyncGenerator<string> {
  const prm = parsePrm(req.prm, '--prm');
  const format = parseFormat(req.format);
  const step: Step | undefined = req.step === undefined || req.step === '' ? undefined : parseStep(req.step, '--step');
  const from = req.from === undefined || req.from === '' ? 0 : parseInstant(req.from, '--from');
  const to = req.to === undefined || req.to === '' ? 4_294_967_295_000 : parseInstant(req.to, '--to');
  checkRange({ from, to }, '--from/--to');
  const held = await store.list(prm);
  if (held.length === 0) throw new CourantError('HTTP_NOT_FOUND', `usage point ${prm}: not found or no access`);
  const chosen = step ? held.filter((s) => isCoarserOrEqual(step, s.step)) : held;
  if (step && chosen.length === 0)
    throw new CourantError(
      'INPUT_INVALID_STEP',
      `--step: no series of ${prm} can be given at ${step} (held: ${[...new Set(held.map((s) => s.step))].join(', ')})`,
    );
  if (format === 'csv') yield CSV_HEADER;
  let total = 0;
  for (const s of chosen) {
    const outStep = step ?? s.step;
    const id = seriesId({ ...s, step: outStep });
    const lo = Math.max(from, s.first);
    const hi = Math.min(to, s.last + (s.step === 'raw' ? 1000 : stepMs(s.step)));
    for (let a = lo; a < hi; a += PAGE_MS) {
      const range = { from: a, to: Math.min(hi, a + PAGE_MS) };
      const q = {
        prm,
        quantity: s.quantity,
        direction: s.direction,
        register: s.register,
        step: s.step,
        source: s.source,
        range,
      };
      const cols = outStep === s.step ? await store.read(q) : await store.resample({ ...q, to: outStep as FixedStep });
      const lines: string[] = [];
      for (let i = 0; i < cols.ts.length; i++) {
        lines.push(
          format === 'csv'
            ? `${prm},${id},${toIso(cols.ts[i]!)},${outStep},${cols.values[i]},${s.unit}\n`
            : JSON.stringify({
                usage_point: prm,
                series: id,
                interval_start: toIso(cols.ts[i]!),
                step: outStep,
                value: cols.values[i],
                unit: s.unit,
              }) + '\n',
        );
      }
      total += cols.ts.length;
      if (lines.length) yield lines.join('');
    }
    onProgress?.(`exported ${id}: ${total} points so far`);
  }
}
