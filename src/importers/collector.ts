/**
 * @module importers/collector
 * Shared plumbing of the importers: PRM checks, step codes, and per-series buffers flushed as `ReadingBatch`es of
 * at most BATCH_POINTS points (typed arrays, so a 2 GB file never needs more than a few batches in memory).
 */
import { CourantError } from '../core/errors.ts';
import { isPrm, type Prm } from '../core/prm.ts';
import { QUALITY, seriesId, type Direction, type Quantity, type ReadingBatch, type SeriesKey, type Source } from '../core/series.ts';
import type { FixedStep } from '../core/step.ts';
import type { ImportContext, Where } from './importer.ts';

export const BATCH_POINTS = 10_000;

/** Enedis step codes and minutes → courant steps. PT5M exists in the swagger enum but has no courant step. */
const STEP_BY_MS = new Map<number, FixedStep>([
  [600_000, 'PT10M'],
  [900_000, 'PT15M'],
  [1_800_000, 'PT30M'],
  [3_600_000, 'PT1H'],
]);
const STEP_CODES: Readonly<Record<string, number>> = { PT10M: 600_000, PT15M: 900_000, PT30M: 1_800_000, PT60M: 3_600_000, PT1H: 3_600_000 };

export function stepOfMs(ms: number): FixedStep | undefined {
  if (ms === 1_800_000) return 'PT30M'; // the common case, without a map lookup (called for every curve row)
  return STEP_BY_MS.get(ms);
}

/** `PT30M` / `PT60M` … → ms, or undefined. */
export function stepCodeMs(code: string): number | undefined {
  return STEP_CODES[code];
}

/** Direction from a file name when the format does not carry it (Data Connect v5 answers). */
export function directionFromName(ctx: ImportContext): Direction {
  if (ctx.direction) return ctx.direction;
  return /prod/i.test(ctx.fileName) ? 'production' : 'consumption';
}

interface Buffer {
  key: SeriesKey;
  ts: Float64Array;
  values: Float64Array;
  quality: Uint8Array;
  n: number;
}

export class Collector {
  private readonly buffers = new Map<string, Buffer>();
  private readonly full: ReadingBatch[] = [];
  private prmSeen: Prm | undefined;
  constructor(
    private readonly ctx: ImportContext,
    readonly source: Source,
  ) {}

  /**
   * The usage point of the file, checked against `--prm`. Masked PRMs (`1429xxxxxxxxxx`, `<masque>`) take the
   * `--prm` value, which is then required.
   */
  prm(raw: string, where: Where): Prm {
    const text = raw.trim();
    if (this.prmSeen !== undefined && text === this.prmSeen) return this.prmSeen;
    let prm: Prm;
    if (isPrm(text)) {
      if (this.ctx.prm !== undefined && this.ctx.prm !== text)
        throw new CourantError('IMPORT_PRM_MISMATCH', `${this.ctx.fileName}${where.line ? `, line ${where.line}` : ''}${where.path ? `, ${where.path}` : ''}: the file is for usage point ${text}, not ${this.ctx.prm} given with --prm; nothing was stored`, {
          details: { file: this.ctx.fileName, filePrm: text, expected: this.ctx.prm, ...where },
        });
      prm = text;
    } else if (this.ctx.prm !== undefined && /^[\dx*X<>a-zA-Z]*$/.test(text.replace(/\s/g, '')) && /x|masque|\*/i.test(text)) {
      prm = this.ctx.prm;
    } else if (/x|masque|\*/i.test(text)) {
      throw new CourantError('IMPORT_PRM_MISMATCH', `${this.ctx.fileName}: the file masks its usage point (${JSON.stringify(text)}); give it with --prm`, {
        details: { file: this.ctx.fileName, filePrm: text, ...where },
      });
    } else {
      throw new CourantError('IMPORT_PARSE_ERROR', `${this.ctx.fileName}${where.line ? `, line ${where.line}` : ''}${where.path ? `, ${where.path}` : ''}, field "${where.field ?? 'prm'}": ${JSON.stringify(text.slice(0, 30))} is not a usage point (14 digits)`, {
        details: { file: this.ctx.fileName, ...where },
      });
    }
    if (this.prmSeen === undefined) this.prmSeen = prm;
    return prm;
  }

  key(prm: Prm, quantity: Quantity, direction: Direction, step: FixedStep, register = ''): SeriesKey {
    return { prm, quantity, direction, register, step, source: this.source };
  }

  private buffer(key: SeriesKey): Buffer {
    const id = key.prm + seriesId(key);
    let b = this.buffers.get(id);
    if (!b) {
      b = { key, ts: new Float64Array(BATCH_POINTS), values: new Float64Array(BATCH_POINTS), quality: new Uint8Array(BATCH_POINTS), n: 0 };
      this.buffers.set(id, b);
    }
    return b;
  }

  push(key: SeriesKey, ts: number, value: number, quality = 0): void {
    this.append(this.buffer(key), ts, value, quality);
  }

  private append(b: Buffer, ts: number, value: number, quality: number): void {
    b.ts[b.n] = ts;
    b.values[b.n] = value;
    b.quality[b.n] = quality;
    if (++b.n === BATCH_POINTS) {
      this.full.push({ key: b.key, ts: b.ts, values: b.values, quality: b.quality });
      b.ts = new Float64Array(BATCH_POINTS);
      b.values = new Float64Array(BATCH_POINTS);
      b.quality = new Uint8Array(BATCH_POINTS);
      b.n = 0;
    }
  }

  /** A load-curve point: mean power over [start, start+step) stored as `power` (W) and `energy` (Wh = W × h). */
  curve(prm: Prm, direction: Direction, stepMs: number, start: number, watts: number, quality: number, where: Where): void {
    // hot path: the (power, energy) buffers of the last curve series are cached, no key string per point
    let pair = this.lastCurve;
    if (pair === undefined || pair.prm !== prm || pair.direction !== direction || pair.stepMs !== stepMs) {
      const step = stepOfMs(stepMs);
      if (!step) throw new CourantError('IMPORT_PARSE_ERROR', `${this.ctx.fileName}${where.line ? `, line ${where.line}` : ''}${where.path ? `, ${where.path}` : ''}: a step of ${stepMs / 60_000} minutes is not supported (10, 15, 30 or 60)`, { details: { file: this.ctx.fileName, ...where } });
      pair = this.lastCurve = { prm, direction, stepMs, power: this.buffer(this.key(prm, 'power', direction, step)), energy: this.buffer(this.key(prm, 'energy', direction, step)) };
    }
    this.append(pair.power, start, watts, quality);
    this.append(pair.energy, start, (watts * stepMs) / 3_600_000, quality);
  }
  private lastCurve: { prm: Prm; direction: Direction; stepMs: number; power: Buffer; energy: Buffer } | undefined;

  /** Full batches ready to be yielded (call after each chunk). */
  *ready(): Generator<ReadingBatch> {
    while (this.full.length > 0) yield this.full.shift()!;
  }

  /**
   * Everything left, at the end of the file. Copies (not views) so that every batch owns its memory: a batch may be
   * handed over to another thread (services/parse-worker) while the collector lives on.
   */
  *rest(): Generator<ReadingBatch> {
    yield* this.ready();
    for (const b of this.buffers.values()) {
      if (b.n > 0) yield { key: b.key, ts: b.ts.slice(0, b.n), values: b.values.slice(0, b.n), quality: b.quality.slice(0, b.n) };
      b.n = 0;
    }
  }
}

/** Quality bits from Enedis point flags (`n` nature, `iv` likelihood index, `ec` complementary state); see docs/importers.md. */
export function qualityOf(nature: string | undefined, iv: string | undefined, ec: string | undefined): number {
  if (nature === 'B' && (iv === '0' || iv === undefined) && (ec === '0' || ec === undefined)) return 0; // the common case
  let q = 0;
  const n = nature?.trim().toUpperCase();
  if (n === 'E' || n === 'C' || n === 'R' || n === 'P') q |= QUALITY.ESTIMATED; // estimated / corrected / rebuilt
  if (n === 'S' || n === 'D') q |= QUALITY.DOUBTFUL;
  if ((iv !== undefined && iv.trim() !== '' && iv.trim() !== '0') || (ec !== undefined && ec.trim() !== '' && ec.trim() !== '0')) q |= QUALITY.DOUBTFUL;
  return q;
}
