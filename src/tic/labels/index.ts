/**
 * @module tic/labels
 * All labels of both modes, looked up straight from the group bytes: a label (≤ 9 characters of A–Z, 0–9, '+', '-')
 * maps to an exact integer key in base 39, so the hot path finds its row without building a string.
 */
import { HISTORIC_LABELS } from './historic.ts';
import { STANDARD_LABELS } from './standard.ts';
import type { LabelSpec, TicMode } from './types.ts';

export type { LabelSpec, TicMode, TicQuantity, ValueKind } from './types.ts';
export { HISTORIC_LABELS } from './historic.ts';
export { STANDARD_LABELS } from './standard.ts';

export const ALL_LABELS: readonly LabelSpec[] = [...HISTORIC_LABELS, ...STANDARD_LABELS];
export const MAX_LABEL_LENGTH = 9; // SMAXSN1-1 … SMAXSN3-1

/** Digit of one label character in base 39 (1–38), or 0 when the byte cannot appear in a label. */
const DIGIT = new Uint8Array(128);
for (let c = 0x41; c <= 0x5a; c++) DIGIT[c] = c - 0x41 + 1; // A–Z → 1–26
for (let c = 0x30; c <= 0x39; c++) DIGIT[c] = c - 0x30 + 27; // 0–9 → 27–36
DIGIT[0x2b] = 37; // '+'
DIGIT[0x2d] = 38; // '-'

/** Integer key of bytes[start, end) as a label, or -1 when they cannot form a label. */
export function labelKey(bytes: Uint8Array, start: number, end: number): number {
  const n = end - start;
  if (n < 1 || n > MAX_LABEL_LENGTH) return -1;
  let key = 0;
  for (let i = start; i < end; i++) {
    const b = bytes[i]!;
    const d = b < 128 ? DIGIT[b]! : 0;
    if (d === 0) return -1;
    key = key * 39 + d;
  }
  return key;
}

function keyOf(label: string): number {
  const k = labelKey(new TextEncoder().encode(label), 0, label.length);
  if (k < 0) throw new Error(`label table: ${label} is not a valid label`);
  return k;
}

const BY_KEY = new Map<number, number>();
const BY_NAME = new Map<string, LabelSpec>();
ALL_LABELS.forEach((spec, i) => {
  const k = keyOf(spec.label);
  if (BY_KEY.has(k)) throw new Error(`label table: ${spec.label} is listed twice`);
  BY_KEY.set(k, i);
  BY_NAME.set(spec.label, spec);
});

// Hot-path lookup without boxed numbers: the first 5 characters and the rest give two small integers (base-39 digits
// are never 0, so both parts are unique), found in an open-addressing table of 1024 slots.
const SLOTS = 1024;
const tHi = new Int32Array(SLOTS).fill(-1);
const tLo = new Int32Array(SLOTS);
const tIdx = new Int16Array(SLOTS);
const slotOf = (hi: number, lo: number) => (Math.imul(hi, 0x9e3779b1) ^ Math.imul(lo + 1, 0x85ebca77)) >>> 22;
function split(bytes: Uint8Array, start: number, end: number): [number, number] | null {
  let hi = 0;
  let lo = 0;
  for (let i = start; i < end; i++) {
    const b = bytes[i]!;
    const d = b < 128 ? DIGIT[b]! : 0;
    if (d === 0) return null;
    if (i - start < 5) hi = hi * 39 + d;
    else lo = lo * 39 + d;
  }
  return [hi, lo];
}
ALL_LABELS.forEach((spec, i) => {
  const [hi, lo] = split(new TextEncoder().encode(spec.label), 0, spec.label.length)!;
  let h = slotOf(hi, lo);
  while (tHi[h] !== -1) h = (h + 1) & (SLOTS - 1);
  tHi[h] = hi;
  tLo[h] = lo;
  tIdx[h] = i;
});

/** Position in ALL_LABELS of the label in bytes[start, end) (lets callers keep per-label state in arrays); -1 = unknown
 * label, -2 = not a label.
 */
export function labelIndex(bytes: Uint8Array, start: number, end: number): number {
  const n = end - start;
  if (n < 1 || n > MAX_LABEL_LENGTH) return -2;
  let hi = 0;
  let lo = 0;
  for (let i = start; i < end; i++) {
    const b = bytes[i]!;
    const d = b < 128 ? DIGIT[b]! : 0;
    if (d === 0) return -2;
    if (i - start < 5) hi = hi * 39 + d;
    else lo = lo * 39 + d;
  }
  let h = slotOf(hi, lo);
  while (tHi[h] !== -1) {
    if (tHi[h] === hi && tLo[h] === lo) return tIdx[h]!;
    h = (h + 1) & (SLOTS - 1);
  }
  return -1;
}

export function labelByKey(key: number): LabelSpec | undefined {
  const i = BY_KEY.get(key);
  return i === undefined ? undefined : ALL_LABELS[i];
}

export function labelSpec(label: string, mode?: TicMode): LabelSpec | undefined {
  const s = BY_NAME.get(label);
  return s && (mode === undefined || s.mode === mode) ? s : undefined;
}
