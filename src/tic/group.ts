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
import { labelByKey, labelKey, type LabelSpec, type ValueKind } from './labels/index.ts';
import { decodeStge } from './stge.ts';

const SP = 0x20;
const HT = 0x09;
const HORODATE_LENGTH = 13;

export type GroupResult = { readonly ok: true; readonly group: TicGroup } | { readonly ok: false; readonly reason: RejectReason; readonly label?: string };

function text(b: Uint8Array, start: number, end: number): string {
  let s = '';
  for (let i = start; i < end; i++) s += String.fromCharCode(b[i]!);
  return s;
}

function reject(reason: RejectReason, label?: string): GroupResult {
  return label === undefined ? { ok: false, reason } : { ok: false, reason, label };
}

/** Parse g[0, n): the group without its LF and CR. Bytes are known to be printable ASCII or HT. */
export function parseGroup(g: Uint8Array, n: number, crMissing: boolean): GroupResult {
  let i = 0;
  while (i < n && g[i] !== SP && g[i] !== HT) i++;
  if (i === 0 || i >= n - 2) return reject('malformed');
  const sep = g[i]!;
  if (g[n - 2] !== sep) return reject('malformed');
  const key = labelKey(g, 0, i);
  const labelText = key < 0 ? undefined : text(g, 0, i);
  const expected = sep === SP ? ticChecksum(g, 0, n - 2) : ticChecksum(g, 0, n - 1);
  if (g[n - 1] !== expected) return reject('checksum', labelText);
  if (key < 0) return reject('bad_label');
  const spec = labelByKey(key);
  if (!spec) return reject('unknown_label', labelText);
  // Standard labels need HT (their data may contain spaces); historic labels normally use SP, and HT is accepted for
  // the post-2013 blue meters that use it (esciara/pyteleinfo), checked with the method that matches the separator.
  if (sep === SP && spec.mode === 'standard') return reject('malformed', labelText);
  let ds = i + 1;
  const de = n - 2;
  let horodate: Horodate | undefined;
  if (spec.horodate !== 'none') {
    if (de - ds < HORODATE_LENGTH + 1 || g[ds + HORODATE_LENGTH] !== HT) return reject('horodate', labelText);
    const h = parseHorodate(g, ds, spec.horodate === 'blank-season');
    if (!h) return reject('horodate', labelText);
    horodate = h;
    ds += HORODATE_LENGTH + 1;
  }
  for (let k = ds; k < de; k++) {
    const b = g[k]!;
    if (b === HT || (b === SP && sep === SP)) return reject('malformed', labelText);
  }
  if (de - ds !== spec.width) return reject('width', labelText);
  const raw = text(g, ds, de);
  const value = decodeValue(spec, g, ds, de, raw, horodate);
  if (value === undefined) return reject('charset', labelText);
  if (value === null) return reject('implausible', labelText);
  const group: TicGroup = horodate
    ? { label: spec.label, spec, raw, value, horodate, ...(crMissing ? { crMissing } : {}) }
    : { label: spec.label, spec, raw, value, ...(crMissing ? { crMissing } : {}) };
  return { ok: true, group };
}

const TEXT_DECODERS: Record<Exclude<ValueKind, 'int'>, (raw: string, h: Horodate | undefined) => TicValue> = {
  stge: decodeStge,
  instant: (_raw, h) => new Date(h!.ms).toISOString(),
  text: (raw) => raw.trim(),
  id: (raw) => raw,
};

/** undefined = characters not allowed; null = out of plausible bounds. */
function decodeValue(spec: LabelSpec, g: Uint8Array, ds: number, de: number, raw: string, h: Horodate | undefined): TicValue | undefined | null {
  if (spec.kind === 'int') {
    let v = 0;
    for (let k = ds; k < de; k++) {
      const d = g[k]! - 0x30;
      if (d < 0 || d > 9) return undefined;
      v = v * 10 + d;
    }
    v *= spec.scale;
    return spec.max !== undefined && v > spec.max * spec.scale ? null : v;
  }
  if (!spec.pattern.test(raw)) return undefined;
  return TEXT_DECODERS[spec.kind](raw, h);
}
