/**
 * @module core/reading-batch
 * Validation of a batch of readings before any engine stores it, shared by every ReadingStore adapter so a bad batch is
 * refused with the same code and message (naming the batch and the point) whatever the engine.
 */
import { CourantError } from './errors.ts';
import { isPrm } from './prm.ts';
import { QUANTITIES, SOURCES, type ReadingBatch } from './series.ts';
import { isStep } from './step.ts';

/** The error for a bad batch (built only on failure: validation runs for every batch of every write). */
function badBatch(b: ReadingBatch, n: number, msg: string): CourantError {
  return new CourantError(
    'INPUT_INVALID_READING',
    `batch ${n} (${b.key?.prm}/${b.key?.quantity}/${b.key?.step}): ${msg}`,
    { details: { batch: n } },
  );
}

/** Checks a batch (throws INPUT_INVALID_READING) and returns, from the same pass, its largest ts and whether ts
 * strictly increase.
 */
export function validateBatch(b: ReadingBatch, n: number): { max: number; increasing: boolean } {
  const k = b.key;
  if (!k || !isPrm(k.prm)) throw badBatch(b, n, 'usage point is not a 14-digit PRM');
  if (!(k.quantity in QUANTITIES)) throw badBatch(b, n, `unknown quantity ${JSON.stringify(k.quantity)}`);
  if (k.direction !== 'consumption' && k.direction !== 'production')
    throw badBatch(b, n, `unknown direction ${JSON.stringify(k.direction)}`);
  if (!isStep(k.step)) throw badBatch(b, n, `unknown step ${JSON.stringify(k.step)}`);
  if (!(SOURCES as readonly string[]).includes(k.source))
    throw badBatch(b, n, `unknown source ${JSON.stringify(k.source)}`);
  if (typeof k.register !== 'string') throw badBatch(b, n, 'register must be a string');
  if (b.ts.length !== b.values.length || (b.quality && b.quality.length !== b.ts.length))
    throw badBatch(b, n, 'ts, values and quality differ in length');
  const ts = b.ts;
  const values = b.values;
  let max = -1;
  let increasing = true;
  let prev = -1;
  for (let i = 0; i < ts.length; i++) {
    const t = ts[i]!;
    const sec = t / 1000; // whole seconds; cheaper than t % 1000 on doubles
    if (!(t >= 0 && t < 4294967296000) || sec !== Math.floor(sec))
      throw badBatch(b, n, `point ${i}: timestamp ${t} is not a whole second between 1970 and 2106`);
    const v = values[i]!;
    if (v - v !== 0)
      // NaN or ±Infinity
      throw badBatch(b, n, `point ${i} at ${new Date(t).toISOString()}: value ${v} is not a finite number`);
    if (t <= prev) increasing = false;
    if (t > max) max = t;
    prev = t;
  }
  return { max, increasing };
}
