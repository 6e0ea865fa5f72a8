/**
 * @module importers/dataconnect/flat-view
 * The fields of one flat JSON object as spans of the text it was read from (see flat-scan.ts), reused from element
 * to element so that reading a curve point allocates nothing.
 */
import type { Template } from './flat-template.ts';

/** Value kinds in a {@link FlatView} slot. */
export const ABSENT = 0;
export const STRING = 1;
export const NUMBER = 2;

/** Elements with more fields than this never get a template (they still take the generic scan). */
export const MAX_FIELDS = 16;

/** The known fields of the last scanned flat object, as spans of `text` (strings without their quotes). */
export class FlatView {
  /** The text holding the element; spans index into it. */
  text = '';
  /**
   * The UTF-8 bytes of `text` when they are aligned with it (same length, so every byte below 0x80 is the
   * character at the same index and every other byte stands for one non-ASCII character), for the template match
   * to read instead of `charCodeAt`; undefined otherwise. Set by the reader per chunk.
   */
  bytes: Uint8Array | undefined;
  bytesView: DataView | undefined;

  /** Set (or clear) the bytes aligned with the next text (see {@link bytes}). */
  setBytes(bytes: Uint8Array | undefined): void {
    this.bytes = bytes;
    this.bytesView = bytes && new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  }
  /** The element's own span `[objStart, objEnd)`. */
  objStart = 0;
  objEnd = 0;
  /** Per slot (slot k holds `keys[k]`): kind, value span, its ASCII digits read as one number, and a bit per non-digit
   * position (bit 30: beyond 29).
   */
  readonly kind: Uint8Array;
  readonly start: Int32Array;
  readonly end: Int32Array;
  readonly digits: Float64Array;
  readonly nonDigits: Int32Array;
  /** Slot of the key matched last: keys usually come in the same order, so its successor is tried first. */
  private last = -1;
  /** Fields of the last generic scan, in text order (slot -1: a key not in `keys`), for learning a template. */
  nFields = 0;
  readonly fSlot = new Int32Array(MAX_FIELDS);
  readonly fKind = new Uint8Array(MAX_FIELDS);
  readonly fStart = new Int32Array(MAX_FIELDS);
  readonly fEnd = new Int32Array(MAX_FIELDS);
  /** The learnt layout tried first, the shape of the last generic scan, and generic scans since a template was learnt.
   */
  tpl: Template | undefined;
  prev: unknown;
  misses = 0;
  /** The template whose kinds `kind` holds (written once per run of matches, not per element). */
  kindsOwner: Template | undefined;
  /**
   * The template this element matched (undefined after a generic scan): the slots it fixes hold the same value in
   * every element it matches, so a hook may cache what it derives from them per layout ({@link fixed}).
   */
  layout: Template | undefined;
  /** The template whose fixed slots' spans are still to be written (on first access: most elements never need them). */
  lazy: Template | undefined;

  /** `keys[k]` is read into slot `k`; other keys are skipped (a duplicate key keeps its last value, as JSON.parse). */
  constructor(readonly keys: readonly string[]) {
    const n = keys.length;
    if (n > 31) throw new Error('a flat view reads at most 31 keys');
    this.kind = new Uint8Array(n);
    this.start = new Int32Array(n);
    this.end = new Int32Array(n);
    this.digits = new Float64Array(n);
    this.nonDigits = new Int32Array(n);
  }

  /** Bit k: slot k is fixed by `kindsOwner` (its value or absence is a constant of the layout). */
  fixedMask = 0;

  /** Whether the slot's value (or absence) is the same in every element of the current layout. */
  fixed(slot: number): boolean {
    return this.layout !== undefined && ((this.fixedMask >>> slot) & 1) === 1;
  }

  private need(slot: number): void {
    if (this.lazy !== undefined && ((this.fixedMask >>> slot) & 1) === 1) this.lazy.fillFixed(this);
  }

  /** Start of the slot's text in `text` (read spans through this and {@link length}, not the arrays). */
  startOf(slot: number): number {
    this.need(slot);
    return this.start[slot]!;
  }

  /** The slot's value as JSON.parse would give it (undefined when absent). */
  value(slot: number): string | number | undefined {
    const k = this.kind[slot];
    if (k === ABSENT) return undefined;
    this.need(slot);
    const s = this.text.slice(this.start[slot], this.end[slot]);
    return k === STRING ? s : Number(s);
  }

  /** The slot's string value, undefined when absent or a number. */
  str(slot: number): string | undefined {
    this.need(slot);
    return this.kind[slot] === STRING ? this.text.slice(this.start[slot], this.end[slot]) : undefined;
  }

  /** Length of the slot's text (for strings, without the quotes). */
  length(slot: number): number {
    this.need(slot);
    return this.end[slot]! - this.start[slot]!;
  }

  /** Whether the slot holds the string `s` (compared in place). */
  is(slot: number, s: string): boolean {
    if (this.kind[slot] !== STRING) return false;
    this.need(slot);
    const a = this.start[slot]!;
    if (this.end[slot]! - a !== s.length) return false;
    for (let k = 0; k < s.length; k++) if (this.text.charCodeAt(a + k) !== s.charCodeAt(k)) return false;
    return true;
  }

  /** The slot's value when it is 1–15 ASCII digits (as a string or a number), else NaN: exactly `+value`. */
  uint(slot: number): number {
    this.need(slot);
    const len = this.end[slot]! - this.start[slot]!;
    return this.kind[slot] !== ABSENT && this.nonDigits[slot] === 0 && len > 0 && len <= 15
      ? this.digits[slot]!
      : Number.NaN;
  }

  /** The whole element decoded by JSON.parse (for hooks that fall back, and for elements kept in the document). */
  object(): Record<string, unknown> {
    return JSON.parse(this.text.slice(this.objStart, this.objEnd)) as Record<string, unknown>;
  }

  /** Slot of the key spanning `s[a, b)`, or -1. */
  slotOf(s: string, a: number, b: number): number {
    const keys = this.keys;
    const n = keys.length;
    const guess = this.last + 1 < n ? this.last + 1 : 0;
    for (let t = 0; t < n; t++) {
      const slot = guess + t < n ? guess + t : guess + t - n;
      const key = keys[slot]!;
      if (key.length !== b - a) continue;
      let k = 0;
      while (k < key.length && key.charCodeAt(k) === s.charCodeAt(a + k)) k++;
      if (k === key.length) return (this.last = slot);
    }
    return -1;
  }
}

/**
 * Index of the closing quote of a string value whose text starts at `i`, recording in `slot` (when ≥ 0) its digits
 * as one number and where its non-digits are; -1 if unfinished, -2 on an escape or a control character.
 */
export function stringValueEnd(s: string, i: number, n: number, view: FlatView, slot: number): number {
  let a = 0;
  let m = 0;
  for (let j = i; j < n; j++) {
    const c = s.charCodeAt(j);
    const d = c - 48;
    if (d >= 0 && d <= 9) {
      a = a * 10 + d;
      continue;
    }
    if (c === 34) {
      if (slot >= 0) {
        view.digits[slot] = a;
        view.nonDigits[slot] = m;
      }
      return j;
    }
    if (c === 92 || c < 32) return -2;
    const k = j - i;
    m |= k < 30 ? 1 << k : 1 << 30;
  }
  return -1;
}

/** {@link stringValueEnd} over bytes aligned with the text (`FlatView.bytes`): a byte ≥ 0x80 is a character like any
 * other.
 */
export function stringValueEndBytes(b: Uint8Array, i: number, n: number, view: FlatView, slot: number): number {
  let a = 0;
  let m = 0;
  for (let j = i; j < n; j++) {
    const c = b[j]!;
    const d = c - 48;
    if (d >= 0 && d <= 9) {
      a = a * 10 + d;
      continue;
    }
    if (c === 34) {
      if (slot >= 0) {
        view.digits[slot] = a;
        view.nonDigits[slot] = m;
      }
      return j;
    }
    if (c === 92 || c < 32) return -2;
    const k = j - i;
    m |= k < 30 ? 1 << k : 1 << 30;
  }
  return -1;
}

/** End of a JSON number starting at `i` (strict grammar); -1 if it reaches the end of the text, -2 if malformed. */
export function numberEnd(s: string, i: number, n: number): number {
  let j = i;
  if (j < n && s.charCodeAt(j) === 45) j++;
  if (j >= n) return -1;
  let c = s.charCodeAt(j);
  if (c === 48) j++;
  else if (c >= 49 && c <= 57) while (j < n && (c = s.charCodeAt(j)) >= 48 && c <= 57) j++;
  else return -2;
  if (j >= n) return -1;
  if (s.charCodeAt(j) === 46) {
    const f = ++j;
    while (j < n && (c = s.charCodeAt(j)) >= 48 && c <= 57) j++;
    if (j >= n) return -1;
    if (j === f) return -2;
  }
  c = s.charCodeAt(j);
  if (c === 101 || c === 69) {
    j++;
    if (j < n && ((c = s.charCodeAt(j)) === 43 || c === 45)) j++;
    const e = j;
    while (j < n && (c = s.charCodeAt(j)) >= 48 && c <= 57) j++;
    if (j >= n) return -1;
    if (j === e) return -2;
  }
  return j;
}

/** Record the digits of the number `s[a, b)` in `slot` as {@link stringValueEnd} does for strings. */
export function numberDigits(s: string, a: number, b: number, view: FlatView, slot: number): void {
  let v = 0;
  let m = 0;
  for (let j = a; j < b; j++) {
    const d = s.charCodeAt(j) - 48;
    if (d >= 0 && d <= 9) v = v * 10 + d;
    else m |= j - a < 30 ? 1 << (j - a) : 1 << 30;
  }
  view.digits[slot] = v;
  view.nonDigits[slot] = m;
}
