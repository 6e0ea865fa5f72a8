/**
 * @module importers/dataconnect/flat-template
 * Templates for the flat-object scanner: the elements of a curve repeat one layout (same keys, order, spacing, and
 * mostly the same step and flags), so once two consecutive elements share it, the next ones are matched against
 * the text they share (4 bytes per load from the chunk's bytes when they are aligned with the text, else natively or
 * in a short loop) and only the values that changed (`v`, `d`) are scanned character by character. A match checks
 * exactly what the generic scan checks, so the view it fills is the
 * same; a miss drops the template and the element takes the generic scan (which may learn a new one).
 */
import {
  ABSENT,
  FlatView,
  MAX_FIELDS,
  STRING,
  numberDigits,
  numberEnd,
  stringValueEnd,
  stringValueEndBytes,
} from './flat-view.ts';

/** The text of one element split at its values: `lits[0] value0 lits[1] value1 … lits[k]` (quotes stay in the
 * literals).
 */
interface Shape {
  readonly lits: string[];
  readonly vals: string[];
  readonly slots: number[];
  readonly kinds: number[];
}

/** Literals at least this long are compared by the native `indexOf` (once the template has proven itself). */
const NATIVE_MIN = 16;
/** Matches before a template may use `indexOf`, whose miss can search far ahead: a rare, one-off cost. */
const PROVEN = 1024;

/** After a generic scan of `s[i, end)`: learn a template when this element has the previous one's layout. */
export function learn(s: string, i: number, end: number, view: FlatView): void {
  const nf = view.nFields;
  if (nf > MAX_FIELDS) return;
  const shape: Shape = { lits: [], vals: [], slots: [], kinds: [] };
  let at = i;
  for (let f = 0; f < nf; f++) {
    const slot = view.fSlot[f]!;
    if (slot >= 0 && shape.slots.includes(slot)) return; // a duplicate key: no template
    shape.lits.push(s.slice(at, view.fStart[f]));
    shape.vals.push(s.slice(view.fStart[f], view.fEnd[f]));
    shape.slots.push(slot);
    shape.kinds.push(view.fKind[f]!);
    at = view.fEnd[f]!;
  }
  shape.lits.push(s.slice(at, end));
  const prev = view.prev as Shape | undefined;
  view.prev = shape;
  if (
    !prev ||
    prev.lits.length !== shape.lits.length ||
    prev.lits.some((l, k) => l !== shape.lits[k] || prev.kinds[k] !== shape.kinds[k])
  )
    return;
  view.tpl = new Template(shape, prev, view);
  view.misses = 0;
}

/**
 * A copy of `s` in one piece: the literals are built by concatenating slices of a chunk, and V8 reads such
 * cons/sliced strings through an indirection on every `charCodeAt`, and a sliced one keeps its whole chunk alive.
 * Property names are internalized as flat strings.
 */
function flatString(s: string): string {
  return Object.keys({ [s]: 0 })[0]!;
}

/** A learnt layout: literals and, between them, the values that changed (holes). */
export class Template {
  private readonly lits: string[] = [];
  private readonly holeSlot: Int32Array;
  private readonly holeKind: Uint8Array;
  /** Values that did not change: slot, the literal holding it, offset and length there, digits and non-digits. */
  private readonly fixSlot: number[] = [];
  private readonly fixLit: number[] = [];
  private readonly fixOff: number[] = [];
  private readonly fixLen: number[] = [];
  private readonly fixDigits: number[] = [];
  private readonly fixNonDigits: number[] = [];
  private readonly litStart: Int32Array;
  /** The literals' characters, all in one array (`litCodes[litAt[k] ..]`): typed loads beat `lit.charCodeAt` here. */
  private readonly litCodes: Uint16Array;
  private readonly litAt: Int32Array;
  /** The literals' characters 4 by 4 as little-endian words (`litWords[wordAt[k] ..]`), compared to the bytes in one
   * load each.
   */
  private readonly litWords: Int32Array;
  private readonly wordAt: Int32Array;
  /** False when a literal holds a character above 0xFF: then no element in bytes can match. */
  private bytesOk = true;
  private readonly kinds: Uint8Array;
  private matches = 0;
  /** Bit k: slot k is absent or fixed. */
  private readonly fixedMask: number;

  constructor(cur: Shape, prev: Shape, view: FlatView) {
    const holeSlot: number[] = [];
    const holeKind: number[] = [];
    this.kinds = new Uint8Array(view.kind.length);
    let lit = cur.lits[0]!;
    for (let f = 0; f < cur.vals.length; f++) {
      const slot = cur.slots[f]!;
      if (slot >= 0) this.kinds[slot] = cur.kinds[f]!;
      if (cur.vals[f] === prev.vals[f]) {
        if (slot >= 0) {
          this.fixSlot.push(slot);
          this.fixLit.push(this.lits.length);
          this.fixOff.push(lit.length);
          this.fixLen.push(cur.vals[f]!.length);
          // the view holds this element's digits for the slot (the generic scan just read it)
          this.fixDigits.push(view.digits[slot]!);
          this.fixNonDigits.push(view.nonDigits[slot]!);
        }
        lit += cur.vals[f]! + cur.lits[f + 1]!;
      } else {
        this.lits.push(lit);
        holeSlot.push(slot);
        holeKind.push(cur.kinds[f]!);
        lit = cur.lits[f + 1]!;
      }
    }
    this.lits.push(lit);
    for (let k = 0; k < this.lits.length; k++) this.lits[k] = flatString(this.lits[k]!);
    this.holeSlot = Int32Array.from(holeSlot);
    this.holeKind = Uint8Array.from(holeKind);
    this.litStart = new Int32Array(this.lits.length);
    this.litAt = new Int32Array(this.lits.length + 1);
    for (let k = 0; k < this.lits.length; k++) this.litAt[k + 1] = this.litAt[k]! + this.lits[k]!.length;
    this.litCodes = new Uint16Array(this.litAt[this.lits.length]!);
    for (let k = 0; k < this.lits.length; k++)
      for (let c = 0; c < this.lits[k]!.length; c++) this.litCodes[this.litAt[k]! + c] = this.lits[k]!.charCodeAt(c);
    this.wordAt = new Int32Array(this.lits.length + 1);
    for (let k = 0; k < this.lits.length; k++) this.wordAt[k + 1] = this.wordAt[k]! + (this.lits[k]!.length >> 2);
    this.litWords = new Int32Array(this.wordAt[this.lits.length]!);
    for (let k = 0; k < this.lits.length; k++)
      for (let w = 0; w < this.lits[k]!.length >> 2; w++) {
        const at = this.litAt[k]! + 4 * w;
        const [c0, c1, c2, c3] = [
          this.litCodes[at]!,
          this.litCodes[at + 1]!,
          this.litCodes[at + 2]!,
          this.litCodes[at + 3]!,
        ];
        this.litWords[this.wordAt[k]! + w] = c0 | (c1 << 8) | (c2 << 16) | (c3 << 24);
        if ((c0 | c1 | c2 | c3) > 0xff) this.bytesOk = false; // such a literal matches no bytes: words could not say so
      }
    let mask = 0;
    for (let k = 0; k < this.kinds.length; k++)
      if (this.kinds[k] === ABSENT || this.fixSlot.includes(k)) mask |= 1 << k;
    this.fixedMask = mask;
  }

  /** End of the element at `s[i]` when it has this layout (its values checked as the generic scan does), else -1. */
  match(s: string, i: number, n: number, view: FlatView): number {
    const lits = this.lits;
    const h = this.holeSlot.length;
    const native = this.matches >= PROVEN;
    let pos = i;
    for (let k = 0; ; k++) {
      const lit = lits[k]!;
      const len = lit.length;
      if (pos + len > n) return -1;
      if (native && len >= NATIVE_MIN) {
        if (
          s.charCodeAt(pos) !== lit.charCodeAt(0) ||
          s.charCodeAt(pos + len - 1) !== lit.charCodeAt(len - 1) ||
          s.indexOf(lit, pos) !== pos
        )
          return -1;
      } else {
        const codes = this.litCodes;
        const at = this.litAt[k]! - pos;
        for (let c = pos; c < pos + len; c++) if (s.charCodeAt(c) !== codes[at + c]) return -1;
      }
      this.litStart[k] = pos;
      pos += len;
      if (k === h) break;
      const slot = this.holeSlot[k]!;
      let e: number;
      if (this.holeKind[k] === STRING) e = stringValueEnd(s, pos, n, view, slot);
      else {
        e = numberEnd(s, pos, n);
        if (e >= 0 && slot >= 0) numberDigits(s, pos, e, view, slot);
      }
      if (e < 0) return -1;
      if (slot >= 0) {
        view.start[slot] = pos;
        view.end[slot] = e;
      }
      pos = e;
    }
    return this.matched(view, pos);
  }

  /**
   * {@link match} reading the chunk's bytes where it compares and scans character by character (`b` is aligned
   * with `s`, see `FlatView.bytes`; `dv` views them): typed-array loads cost about half a `charCodeAt`, and the
   * literals are compared 4 bytes per load (measured).
   */
  matchBytes(s: string, b: Uint8Array, dv: DataView, i: number, n: number, view: FlatView): number {
    if (!this.bytesOk) return -1;
    const codes = this.litCodes;
    const words = this.litWords;
    const h = this.holeSlot.length;
    let pos = i;
    for (let k = 0; ; k++) {
      const len = this.litAt[k + 1]! - this.litAt[k]!;
      if (pos + len > n) return -1;
      const end = pos + len;
      let c = pos;
      for (let w = this.wordAt[k]!; c + 4 <= end; c += 4, w++) if (dv.getInt32(c, true) !== words[w]) return -1;
      for (const at = this.litAt[k]! - pos; c < end; c++) if (b[c] !== codes[at + c]) return -1;
      this.litStart[k] = pos;
      pos += len;
      if (k === h) break;
      const slot = this.holeSlot[k]!;
      let e: number;
      if (this.holeKind[k] === STRING) e = stringValueEndBytes(b, pos, n, view, slot);
      else {
        e = numberEnd(s, pos, n);
        if (e >= 0 && slot >= 0) numberDigits(s, pos, e, view, slot);
      }
      if (e < 0) return -1;
      if (slot >= 0) {
        view.start[slot] = pos;
        view.end[slot] = e;
      }
      pos = e;
    }
    return this.matched(view, pos);
  }

  private matched(view: FlatView, pos: number): number {
    if (view.kindsOwner !== this) {
      view.kind.set(this.kinds);
      view.fixedMask = this.fixedMask;
      for (let f = 0; f < this.fixSlot.length; f++) {
        view.digits[this.fixSlot[f]!] = this.fixDigits[f]!;
        view.nonDigits[this.fixSlot[f]!] = this.fixNonDigits[f]!;
      }
      view.kindsOwner = this;
    }
    view.layout = view.lazy = this;
    this.matches++;
    return pos;
  }

  /** Write the spans of the fixed slots of the element matched last (it is still `view.text`). */
  fillFixed(view: FlatView): void {
    for (let f = 0; f < this.fixSlot.length; f++) {
      const slot = this.fixSlot[f]!;
      const a = this.litStart[this.fixLit[f]!]! + this.fixOff[f]!;
      view.start[slot] = a;
      view.end[slot] = a + this.fixLen[f]!;
    }
    view.lazy = undefined;
  }
}
