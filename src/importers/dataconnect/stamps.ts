/**
 * @module importers/dataconnect/stamps
 * Data Connect dates: `YYYY-MM-DD` (a Paris civil day), `YYYY-MM-DD HH:MM:SS` (Paris wall time, no offset, despite
 * the swagger calling it UTC — enedis-formats.md §1.5), or ISO with `Z` (the "Mesures V1" TOUT variant).
 */
import { parseError, type ImportContext } from '../importer.ts';
import {
  WallClock,
  naiveFromDigits,
  naiveFromFields,
  nearestParisMidnight,
  parseIsoStamp,
  parseNaive,
  wallToUtc,
} from '../time.ts';
import { wallUtc } from '../wall-time.ts';
import { STRING, type FlatView } from './flat-view.ts';

export function dayStart(text: string, ctx: ImportContext, path: string): number {
  const p = parseIsoStamp(text);
  if (Number.isNaN(p.naive)) throw parseError(ctx, { path }, `${JSON.stringify(text)} is not a date`);
  // an instant near midnight
  if (p.offsetMin !== undefined) return nearestParisMidnight(p.naive - p.offsetMin * 60_000);
  return wallToUtc(Math.floor(p.naive / 86_400_000) * 86_400_000);
}

/** A date → UTC: its offset, else Paris wall time through `clock`; throws naming `path` when malformed or in the spring
 * gap.
 */
export function instant(text: string, clock: WallClock, ctx: ImportContext, path: string): number {
  const p = parseIsoStamp(text);
  if (Number.isNaN(p.naive)) throw parseError(ctx, { path }, `${JSON.stringify(text)} is not a date`);
  return p.offsetMin === undefined ? wallUtc(p.naive, clock, ctx, { path }, text) : p.naive - p.offsetMin * 60_000;
}

/** `YYYY-MM-DD HH:MM:SS` wall time → UTC without allocating; NaN for any other shape or the spring gap (then use
 * `instant`).
 */
export function instantFast(text: string, clock: WallClock): number {
  if (text.length !== 19 || text.charCodeAt(10) !== 32) return Number.NaN;
  const n = parseNaive(text);
  return n === n ? clock.toUtc(n) : Number.NaN;
}

/** Where a `YYYY-MM-DD HH:MM:SS` stamp has its non-digits (bits of a {@link FlatView} slot). */
const STAMP_NON_DIGITS = (1 << 4) | (1 << 7) | (1 << 10) | (1 << 13) | (1 << 16);

/**
 * A view slot holding `YYYY-MM-DD HH:MM:SS` (or with `T`) → naive wall time (ms as if UTC) from the digits the scan
 * read, without a string; NaN for any other shape (then slice it and use `instant`).
 */
export function viewNaive(view: FlatView, slot: number): number {
  if (view.kind[slot] !== STRING || view.length(slot) !== 19 || view.nonDigits[slot] !== STAMP_NON_DIGITS)
    return Number.NaN;
  const a = view.startOf(slot);
  const b = view.bytes;
  if (b !== undefined) {
    // the scan checked that all but these 5 are ASCII digits: read them from the bytes, no division
    const sep = b[a + 10];
    if (b[a + 4] !== 45 || b[a + 7] !== 45 || b[a + 13] !== 58 || b[a + 16] !== 58 || (sep !== 32 && sep !== 84))
      return Number.NaN;
    const year = b[a]! * 1000 + b[a + 1]! * 100 + b[a + 2]! * 10 + b[a + 3]! - 53_328; // 48 × 1111
    const dayKey = year * 10_000 + b[a + 5]! * 1000 + b[a + 6]! * 100 + b[a + 8]! * 10 + b[a + 9]! - 53_328;
    return naiveFromFields(
      dayKey,
      b[a + 11]! * 10 + b[a + 12]! - 528,
      b[a + 14]! * 10 + b[a + 15]! - 528,
      b[a + 17]! * 10 + b[a + 18]! - 528,
    ); // 48 × 11
  }
  const t = view.text;
  const sep = t.charCodeAt(a + 10);
  if (
    t.charCodeAt(a + 4) !== 45 ||
    t.charCodeAt(a + 7) !== 45 ||
    t.charCodeAt(a + 13) !== 58 ||
    t.charCodeAt(a + 16) !== 58 ||
    (sep !== 32 && sep !== 84)
  )
    return Number.NaN;
  return naiveFromDigits(view.digits[slot]!);
}
