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

const BY_KEY = new Map<number, LabelSpec>();
const BY_NAME = new Map<string, LabelSpec>();
for (const spec of ALL_LABELS) {
  const k = keyOf(spec.label);
  if (BY_KEY.has(k)) throw new Error(`label table: ${spec.label} is listed twice`);
  BY_KEY.set(k, spec);
  BY_NAME.set(spec.label, spec);
}

export function labelByKey(key: number): LabelSpec | undefined {
  return BY_KEY.get(key);
}

export function labelSpec(label: string, mode?: TicMode): LabelSpec | undefined {
  const s = BY_NAME.get(label);
  return s && (mode === undefined || s.mode === mode) ? s : undefined;
}
