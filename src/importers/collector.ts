/**
 * @module importers/collector
 * Shared plumbing of the importers: PRM checks, step codes, and per-series buffers flushed as `ReadingBatch`es of
 * at most BATCH_POINTS points (typed arrays, so a 2 GB file never needs more than a few batches in memory).
 *
 * Every point passes one check (docs/importers.md § Repeated rows): a start its series already holds in this file is
 * merged when the value and quality are the same (counted, and named in one notice at the end, `notices()`), and
 * refuses the file otherwise (IMPORT_CONFLICTING_ROWS). So the batches never hold one start twice, and what the
 * summary counts is what the store keeps.
 */
import { CourantError } from '../core/errors.ts';
import { isPrm, type Prm } from '../core/prm.ts';
import {
  QUALITY,
  seriesId,
  type Direction,
  type Quantity,
  type ReadingBatch,
  type SeriesKey,
  type Source,
} from '../core/series.ts';
import type { FixedStep } from '../core/step.ts';
import type { ImportContext, ImportNotice, Where } from './importer.ts';
import { DIFFERENT, KEPT_SLOTS, NEW, SAME, SeenSlots, type Seen } from './seen-slots.ts';

export const BATCH_POINTS = 10_000;

/** Enedis step codes and minutes → courant steps. PT5M exists in the swagger enum but has no courant step. */
const STEP_BY_MS = new Map<number, FixedStep>([
  [600_000, 'PT10M'],
  [900_000, 'PT15M'],
  [1_800_000, 'PT30M'],
  [3_600_000, 'PT1H'],
]);
const STEP_CODES: Readonly<Record<string, number>> = {
  PT10M: 600_000,
  PT15M: 900_000,
  PT30M: 1_800_000,
  PT60M: 3_600_000,
  PT1H: 3_600_000,
};

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
  /** Starts already given in this file (for a curve, on the power buffer; energy mirrors it). */
  seen: SeenSlots | undefined;
}

/** Repeated rows named in the notice; the others are counted. */
const LISTED = 5;

/** Where a row is, for messages: `line 12` or a JSON path. */
function whereText(where: Where): string {
  return where.line !== undefined && where.line > 0 ? `line ${where.line}` : (where.path ?? 'the file');
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
    const zeros = this.ctx.zerosMasked === true && /^0{14}$/.test(text);
    if (zeros && this.ctx.prm !== undefined) prm = this.ctx.prm;
    else if (zeros)
      throw new CourantError(
        'IMPORT_PRM_MISMATCH',
        `${this.ctx.fileName}: the file gives its usage point as ${text} (masked); give the real one with x-prm`,
        { details: { file: this.ctx.fileName, filePrm: text, ...where } },
      );
    else if (isPrm(text)) {
      if (this.ctx.prm !== undefined && this.ctx.prm !== text)
        throw new CourantError(
          'IMPORT_PRM_MISMATCH',
          `${this.ctx.fileName}${where.line ? `, line ${where.line}` : ''}${where.path ? `, ${where.path}` : ''}: the file is for usage point ${text}, not ${this.ctx.prm} given with --prm; nothing was stored`,
          {
            details: { file: this.ctx.fileName, filePrm: text, expected: this.ctx.prm, ...where },
          },
        );
      prm = text;
    } else if (
      this.ctx.prm !== undefined &&
      /^[\dx*X<>a-zA-Z]*$/.test(text.replace(/\s/g, '')) &&
      /x|masque|\*/i.test(text)
    ) {
      prm = this.ctx.prm;
    } else if (/x|masque|\*/i.test(text)) {
      throw new CourantError(
        'IMPORT_PRM_MISMATCH',
        `${this.ctx.fileName}: the file masks its usage point (${JSON.stringify(text)}); give it with --prm`,
        {
          details: { file: this.ctx.fileName, filePrm: text, ...where },
        },
      );
    } else {
      throw new CourantError(
        'IMPORT_PARSE_ERROR',
        `${this.ctx.fileName}${where.line ? `, line ${where.line}` : ''}${where.path ? `, ${where.path}` : ''}, field "${where.field ?? 'prm'}": ${JSON.stringify(text.slice(0, 30))} is not a usage point (14 digits)`,
        {
          details: { file: this.ctx.fileName, ...where },
        },
      );
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
      b = {
        key,
        ts: new Float64Array(BATCH_POINTS),
        values: new Float64Array(BATCH_POINTS),
        quality: new Uint8Array(BATCH_POINTS),
        n: 0,
        seen: undefined,
      };
      this.buffers.set(id, b);
    }
    return b;
  }

  /** A point of a series without a fixed grid (daily values, indexes, peaks); `where` names its row in messages. */
  push(key: SeriesKey, ts: number, value: number, quality = 0, where: Where = {}): void {
    const b = this.buffer(key);
    const seen = (b.seen ??= new SeenSlots(0));
    const s = seen.add(ts, value, quality);
    if (s !== NEW) return this.repeated(s, seen, key, ts, value, quality, where);
    this.append(b, ts, value, quality);
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
  curve(
    prm: Prm,
    direction: Direction,
    stepMs: number,
    start: number,
    watts: number,
    quality: number,
    where: Where,
  ): void {
    // hot path: the (power, energy) buffers of the last curve series are cached, no key string per point
    let pair = this.lastCurve;
    if (pair === undefined || pair.prm !== prm || pair.direction !== direction || pair.stepMs !== stepMs) {
      const step = stepOfMs(stepMs);
      if (!step)
        throw new CourantError(
          'IMPORT_PARSE_ERROR',
          `${this.ctx.fileName}${where.line ? `, line ${where.line}` : ''}${where.path ? `, ${where.path}` : ''}: a step of ${stepMs / 60_000} minutes is not supported (10, 15, 30 or 60)`,
          { details: { file: this.ctx.fileName, ...where } },
        );
      const power = this.buffer(this.key(prm, 'power', direction, step));
      power.seen ??= new SeenSlots(stepMs);
      pair = this.lastCurve = {
        prm,
        direction,
        stepMs,
        power,
        seen: power.seen,
        energy: this.buffer(this.key(prm, 'energy', direction, step)),
      };
    }
    const s = pair.seen.add(start, watts, quality);
    if (s !== NEW) return this.repeated(s, pair.seen, pair.power.key, start, watts, quality, where);
    this.append(pair.power, start, watts, quality);
    this.append(pair.energy, start, (watts * stepMs) / 3_600_000, quality);
  }
  private lastCurve:
    { prm: Prm; direction: Direction; stepMs: number; power: Buffer; seen: SeenSlots; energy: Buffer } | undefined;

  private merged = 0;
  private readonly mergedListed: string[] = [];

  /** A start already given: merged when the value is the same, else the file is refused. */
  private repeated(
    s: Seen,
    seen: SeenSlots,
    key: SeriesKey,
    ts: number,
    value: number,
    quality: number,
    where: Where,
  ): void {
    if (s === SAME) {
      if (this.merged++ < LISTED)
        this.mergedListed.push(`${whereText(where)} (${seriesId(key)} at ${new Date(ts).toISOString()})`);
      return;
    }
    const at = `${this.ctx.fileName}, ${whereText(where)}`;
    const what = `the interval of ${seriesId(key)} starting ${new Date(ts).toISOString()}`;
    const details = { file: this.ctx.fileName, ...where, series: seriesId(key), ts };
    if (s === DIFFERENT) {
      // the quality bits are named only when they are what differs
      const q = (x: number) => (seen.heldQuality === quality ? '' : ` (quality bits ${x})`);
      throw new CourantError(
        'IMPORT_CONFLICTING_ROWS',
        `${at}: ${what} was already given as ${seen.heldValue}${q(seen.heldQuality)} by an earlier row; this row gives ${value}${q(quality)}. Keep one of the two rows; nothing from this file was stored`,
        { details },
      );
    }
    throw new CourantError(
      'IMPORT_CONFLICTING_ROWS',
      `${at}: ${what} was already given by an earlier row too far back to compare the values (they are held for at least the ${KEPT_SLOTS} intervals of a series last read); split the file; nothing from it was stored`,
      { details },
    );
  }

  /** The notice naming merged repeated rows (the first few, then how many more); call once, at the end. */
  *notices(): Generator<ImportNotice> {
    if (this.merged === 0) return;
    const more = this.merged > LISTED ? ` and ${this.merged - LISTED} more` : '';
    const rows = this.merged === 1 ? '1 row repeats' : `${this.merged} rows repeat`;
    yield {
      kind: 'notice',
      level: 'warning',
      message: `${this.ctx.fileName}: ${rows} the interval and value of an earlier row and ${this.merged === 1 ? 'was' : 'were'} merged: ${this.mergedListed.join(', ')}${more}`,
    };
  }

  /** Full batches ready to be yielded (call after each chunk). */
  *ready(): Generator<ReadingBatch> {
    while (this.full.length > 0) yield this.full.shift()!;
  }

  /**
   * Everything left, at the end of the file. Copies (not views) so that every batch owns its memory: a batch may be
   * handed over to another thread (use-cases/parse-worker) while the collector lives on.
   */
  *rest(): Generator<ReadingBatch> {
    yield* this.ready();
    for (const b of this.buffers.values()) {
      if (b.n > 0)
        yield { key: b.key, ts: b.ts.slice(0, b.n), values: b.values.slice(0, b.n), quality: b.quality.slice(0, b.n) };
      b.n = 0;
    }
  }
}

/** Quality bits from Enedis point flags (`n` nature, `iv` likelihood index, `ec` complementary state); see
 * docs/importers.md.
 */
export function qualityOf(nature: string | undefined, iv: string | undefined, ec: string | undefined): number {
  // the common case
  if (nature === 'B' && (iv === '0' || iv === undefined) && (ec === '0' || ec === undefined)) return 0;
  let q = 0;
  const n = nature?.trim().toUpperCase();
  if (n === 'E' || n === 'C' || n === 'R' || n === 'P') q |= QUALITY.ESTIMATED; // estimated / corrected / rebuilt
  if (n === 'S' || n === 'D') q |= QUALITY.DOUBTFUL;
  if (
    (iv !== undefined && iv.trim() !== '' && iv.trim() !== '0') ||
    (ec !== undefined && ec.trim() !== '' && ec.trim() !== '0')
  )
    q |= QUALITY.DOUBTFUL;
  return q;
}
