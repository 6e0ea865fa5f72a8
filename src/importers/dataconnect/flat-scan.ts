/**
 * @module importers/dataconnect/flat-scan
 * Fast path of the streaming JSON reader for the overwhelming element shape of Data Connect curves: a flat object
 * of string / number values without escapes (`{"v":"1234","d":"2024-01-01 00:30:00","p":"PT30M","n":"B"}`).
 * One charCode pass records where each known key's value lies in the text, and the digits it holds
 * ({@link FlatView}); no JSON.parse, no object and no string per element.
 *
 * Hand-written because a general JSON parser must build every element; anything outside this narrow grammar
 * (nested values, `true`/`false`/`null`, escapes, control characters, malformed numbers, broken syntax) is
 * declined and the caller takes the general path, which builds the value with JSON.parse and reports errors.
 * On a slow CPU a JS pass over every character already costs about what the whole import may, so elements that
 * repeat the previous ones' layout are matched against a learnt template instead (flat-template.ts).
 */
import { FlatView, MAX_FIELDS, ABSENT, STRING, NUMBER, numberDigits, numberEnd, stringValueEnd } from './flat-view.ts';
import { learn } from './flat-template.ts';

export { FlatView, ABSENT, STRING, NUMBER };

const isWs = (c: number) => c === 32 || c === 10 || c === 13 || c === 9;

/** Index of the closing quote of a key whose text starts at `i`; -1 if unfinished, -2 on an escape or control
 * character.
 */
function keyEnd(s: string, i: number, n: number): number {
  for (let j = i; j < n; j++) {
    const c = s.charCodeAt(j);
    if (c === 34) return j;
    if (c === 92 || c < 32) return -2;
  }
  return -1;
}

/**
 * Scan the flat object starting at `s[i]` (a `{`) into `view`: the index after its `}`, -1 when the text ends
 * first (wait for more), -2 when it is not a flat object of strings and numbers (take the general path).
 */
export function scanFlat(s: string, i: number, n: number, view: FlatView): number {
  const tpl = view.tpl;
  if (tpl !== undefined) {
    const b = view.bytes;
    const e = b !== undefined ? tpl.matchBytes(s, b, view.bytesView!, i, n, view) : tpl.match(s, i, n, view);
    if (e >= 0) return finish(view, s, i, e);
    view.tpl = undefined; // a template is dropped at its first miss: a wrong guess never costs twice
  }
  const e = scanGeneric(s, i, n, view);
  if (e >= 0 && (view.misses++ < 8 || (view.misses & 63) === 0)) learn(s, i, e, view);
  return e;
}

function scanGeneric(s: string, i: number, n: number, view: FlatView): number {
  const kind = view.kind;
  kind.fill(ABSENT);
  view.kindsOwner = view.layout = view.lazy = undefined;
  view.fixedMask = 0;
  let nf = 0;
  let j = i + 1;
  while (j < n && isWs(s.charCodeAt(j))) j++;
  if (j >= n) return -1;
  view.nFields = 0;
  if (s.charCodeAt(j) === 125) return finish(view, s, i, j + 1);
  for (;;) {
    if (s.charCodeAt(j) !== 34) return -2;
    const ks = j + 1;
    j = keyEnd(s, ks, n);
    if (j < 0) return j;
    const slot = view.slotOf(s, ks, j);
    j++;
    while (j < n && isWs(s.charCodeAt(j))) j++;
    if (j >= n) return -1;
    if (s.charCodeAt(j) !== 58) return -2;
    j++;
    while (j < n && isWs(s.charCodeAt(j))) j++;
    if (j >= n) return -1;
    let vs: number;
    let ve: number;
    let k: number;
    if (s.charCodeAt(j) === 34) {
      vs = j + 1;
      ve = stringValueEnd(s, vs, n, view, slot);
      if (ve < 0) return ve;
      j = ve + 1;
      k = STRING;
    } else {
      vs = j;
      ve = j = numberEnd(s, j, n);
      if (j < 0) return j;
      if (slot >= 0) numberDigits(s, vs, ve, view, slot);
      k = NUMBER;
    }
    if (slot >= 0) {
      kind[slot] = k;
      view.start[slot] = vs;
      view.end[slot] = ve;
    }
    if (nf < MAX_FIELDS) {
      view.fSlot[nf] = slot;
      view.fKind[nf] = k;
      view.fStart[nf] = vs;
      view.fEnd[nf] = ve;
    }
    view.nFields = ++nf;
    while (j < n && isWs(s.charCodeAt(j))) j++;
    if (j >= n) return -1;
    const d = s.charCodeAt(j);
    if (d === 125) return finish(view, s, i, j + 1);
    if (d !== 44) return -2;
    j++;
    while (j < n && isWs(s.charCodeAt(j))) j++;
    if (j >= n) return -1;
  }
}

function finish(view: FlatView, s: string, start: number, end: number): number {
  view.text = s;
  view.objStart = start;
  view.objEnd = end;
  return end;
}
