/**
 * @module importers/enedis-csv/fast-row
 * The hot path of a portal / SGE HDM load curve: a row `YYYY-MM-DDTHH:MM:SS+HH:MM;1234` read straight from the
 * file's bytes, without decoding it to a string (a curve file holds millions of such rows). Anything else (a decimal
 * value, another stamp shape, spaces) returns false and the caller takes the general string path, which also makes
 * the error messages; so this never decides that a row is bad, only that it is the common good shape.
 */
import { naiveDay } from '../time.ts';

/** Results of the last successful `readCurveRow` (module scratch: no object per row). */
export const row = { t: 0, value: 0 as number | null };

let lastDayKey = -1;
let lastDayMs = 0;

/** Offsets of the digits of `YYYY-MM-DDTHH:MM:SS+HH:MM`. */
const DIGITS = new Uint8Array([0, 1, 2, 3, 5, 6, 8, 9, 11, 12, 14, 15, 17, 18, 20, 21, 23, 24]);
const d2 = (b: Uint8Array, i: number) => (b[i]! - 48) * 10 + (b[i + 1]! - 48);
const isDigit = (c: number) => c >= 48 && c <= 57;

export function readCurveRow(b: Uint8Array, s: number, e: number): boolean {
  if (e - s < 26 || b[s + 25] !== 59 /* ; */) return false;
  if (
    b[s + 4] !== 45 ||
    b[s + 7] !== 45 ||
    b[s + 10] !== 84 ||
    b[s + 13] !== 58 ||
    b[s + 16] !== 58 ||
    b[s + 22] !== 58
  )
    return false;
  const sign = b[s + 19];
  if (sign !== 43 && sign !== 45) return false;
  for (let k = 0; k < DIGITS.length; k++) if (!isDigit(b[s + DIGITS[k]!]!)) return false;
  const y = d2(b, s) * 100 + d2(b, s + 2);
  const mo = d2(b, s + 5);
  const d = d2(b, s + 8);
  const key = y * 10_000 + mo * 100 + d;
  if (key !== lastDayKey) {
    const ms = naiveDay(y, mo, d);
    if (ms !== ms) return false; // no such day
    lastDayKey = key;
    lastDayMs = ms;
  }
  const hh = d2(b, s + 11);
  const mi = d2(b, s + 14);
  const ss = d2(b, s + 17);
  const oh = d2(b, s + 20);
  const om = d2(b, s + 23);
  if (hh > 23 || mi > 59 || ss > 59 || oh > 23 || om > 59) return false; // as offsetStampToUtc: no such time
  const off = (oh * 60 + om) * (sign === 45 ? -60_000 : 60_000);
  // the value: empty (no reading), or plain digits
  let v = 0;
  const vs = s + 26;
  if (vs === e) row.value = null;
  else {
    if (e - vs > 15) return false;
    for (let i = vs; i < e; i++) {
      const c = b[i]!;
      if (c < 48 || c > 57) return false;
      v = v * 10 + (c - 48);
    }
    row.value = v;
  }
  row.t = lastDayMs + hh * 3_600_000 + mi * 60_000 + ss * 1000 - off;
  return true;
}
