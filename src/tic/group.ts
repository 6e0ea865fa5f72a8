/**
 * @module tic/group
 * One information group (the bytes between LF and CR) → an accepted group or a rejection reason.
 * Positional parsing, never split-on-whitespace: the checksum may itself be a space and standard data may hold spaces.
 *   historic: label SP data SP checksum              (sum: label…data, "method 1")
 *   standard: label HT [horodate HT] data HT checksum (sum: label…last HT, "method 2")
 * A checksum is weak (6 bits, order-blind), so every group is then checked against its label row:
 * width, character class, horodate syntax and plausibility bounds.
 */
import { ticChecksum } from './checksum.ts';
import type { RejectReason, TicGroup, TicValue } from './frame.ts';
import { parseHorodate, type Horodate } from './horodate.ts';
import { ALL_LABELS, labelIndex, labelKey, type LabelSpec, type ValueKind } from './labels/index.ts';
import { decodeStge } from './stge.ts';

const SP = 0x20;
const HT = 0x09;
const HORODATE_LENGTH = 13;

/** A rejection reason, or the accepted group. */
export type GroupResult = Group | RejectReason;

/**
 * Accepted group. A class with a fixed shape (cheap to allocate on the hot path); the raw text of numeric fields is
 * rebuilt on demand from the value, since digits left-padded to the width are all the raw text can be.
 */
export class Group implements TicGroup {
  constructor(
    /** Position of the label in ALL_LABELS. */
    readonly slot: number,
    readonly spec: LabelSpec,
    readonly value: TicValue,
    private readonly rawText: string | null,
    readonly horodate: Horodate | undefined,
    readonly crMissing: boolean,
  ) {}
  get label(): string {
    return this.spec.label;
  }
  get raw(): string {
    return this.rawText ?? String((this.value as number) / this.spec.scale).padStart(this.spec.width, '0');
  }
}

// Per-label caches (indexed like ALL_LABELS): decoding is pure, so identical input may share one immutable result.
// Bounded by the number of labels; they only save allocations on the hot path.
const lastText: ({ raw: string; value: TicValue } | undefined)[] = new Array(ALL_LABELS.length);
const lastHorodate: ({ bytes: Uint8Array; blank: boolean; h: Horodate } | undefined)[] = new Array(ALL_LABELS.length);
const INTERN_SLOTS = 512;
const internKeys: (Uint8Array | undefined)[] = new Array(INTERN_SLOTS);
const internValues: string[] = new Array(INTERN_SLOTS);

function sameBytes(a: Uint8Array, b: Uint8Array, at: number): boolean {
  for (let k = 0; k < a.length; k++) if (a[k] !== b[at + k]) return false;
  return true;
}

function cachedHorodate(slot: number, g: Uint8Array, at: number, blank: boolean): Horodate | null {
  const c = lastHorodate[slot];
  if (c && c.blank === blank && sameBytes(c.bytes, g, at)) return c.h;
  const h = parseHorodate(g, at, blank);
  if (h) lastHorodate[slot] = { bytes: g.slice(at, at + HORODATE_LENGTH), blank, h };
  return h;
}

/** Latin-1 text of b[start, end), from a small hash table of recent strings (FNV-1a of the bytes, checked on hit). */
function intern(b: Uint8Array, start: number, end: number): string {
  let h = 0x811c9dc5 ^ (end - start);
  for (let i = start; i < end; i++) h = Math.imul(h ^ b[i]!, 0x01000193);
  const slot = (h >>> 0) & (INTERN_SLOTS - 1);
  const k = internKeys[slot];
  if (k && k.length === end - start && sameBytes(k, b, start)) return internValues[slot]!;
  const s = text(b, start, end);
  internKeys[slot] = b.slice(start, end);
  internValues[slot] = s;
  return s;
}

/** Latin-1 text of b[start, end). */
export function text(b: Uint8Array, start: number, end: number): string {
  return LATIN1.decode(b.subarray(start, end));
}

/** One decoder for all (TextDecoder is a web-platform global: available in Node and browsers alike). */
const LATIN1 = new TextDecoder('latin1');

/** The label text of a group, when its first field can be a label (for rejection reports). */
export function groupLabel(g: Uint8Array, n: number): string | undefined {
  let i = 0;
  while (i < n && g[i] !== SP && g[i] !== HT) i++;
  return labelKey(g, 0, i) < 0 ? undefined : text(g, 0, i);
}

/** Parse g[0, n): the group without its LF and CR. Bytes are known to be printable ASCII or HT. */
/** `sum` = sum of g[0, n), accumulated while the bytes arrived (saves a pass for the checksum). */
export function parseGroup(g: Uint8Array, n: number, crMissing: boolean, sum = -1): GroupResult {
  let i = 0;
  while (i < n) {
    const b = g[i]!;
    if (b === SP || b === HT) break;
    i++;
  }
  if (i === 0 || i >= n - 2) return 'malformed';
  const sep = g[i]!;
  if (g[n - 2] !== sep) return 'malformed';
  const summed = sum >= 0 ? sum - g[n - 1]! - (sep === SP ? SP : 0) : -1;
  const expected =
    summed >= 0 ? (summed & 0x3f) + 0x20 : sep === SP ? ticChecksum(g, 0, n - 2) : ticChecksum(g, 0, n - 1);
  if (g[n - 1] !== expected) return 'checksum';
  const slot = labelIndex(g, 0, i);
  if (slot === -2) return 'bad_label';
  if (slot < 0) return 'unknown_label';
  const spec = ALL_LABELS[slot]!;
  // Standard labels need HT (their data may contain spaces); historic labels normally use SP, and HT is accepted for
  // the post-2013 blue meters that use it (esciara/pyteleinfo), checked with the method that matches the separator.
  if (sep === SP && spec.mode === 'standard') return 'malformed';
  let ds = i + 1;
  const de = n - 2;
  let horodate: Horodate | undefined;
  if (spec.horodate !== 'none') {
    if (de - ds < HORODATE_LENGTH + 1 || g[ds + HORODATE_LENGTH] !== HT) return 'horodate';
    const h = cachedHorodate(slot, g, ds, spec.horodate === 'blank-season');
    if (!h) return 'horodate';
    horodate = h;
    ds += HORODATE_LENGTH + 1;
  }
  // A separator inside the data cannot pass the digit check or the label pattern (none allows HT; historic ones no SP).
  const w = de - ds;
  if (w > spec.width || w < spec.minWidth) return 'width';
  if (spec.kind === 'int') {
    let v = 0;
    for (let k = ds; k < de; k++) {
      const d = g[k]! - 0x30;
      if (d < 0 || d > 9) return 'charset';
      v = v * 10 + d;
    }
    v *= spec.scale;
    if (spec.max !== undefined && v > spec.max) return 'implausible';
    return new Group(slot, spec, v, null, horodate, crMissing);
  }
  const raw = intern(g, ds, de);
  // Text values repeat frame after frame: reuse the last decoded value when the (interned) raw text is the same.
  const last = lastText[slot];
  let value: TicValue;
  if (last && last.raw === raw && spec.kind !== 'instant') value = last.value;
  else {
    if (!spec.pattern.test(raw)) return 'charset';
    value = TEXT_DECODERS[spec.kind](raw, horodate);
    lastText[slot] = { raw, value };
  }
  return new Group(slot, spec, value, raw, horodate, crMissing);
}

const TEXT_DECODERS: Record<Exclude<ValueKind, 'int'>, (raw: string, h: Horodate | undefined) => TicValue> = {
  stge: decodeStge,
  instant: (_raw, h) => new Date(h!.ms).toISOString(),
  text: (raw) => raw.trim(),
  id: (raw) => raw,
};
