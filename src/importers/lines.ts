/**
 * @module importers/lines
 * Streams text lines out of byte chunks (UTF-8, BOM dropped, CRLF or LF) with their 1-based line numbers.
 * Lines are handed out in arrays per chunk so the hot loop of an importer stays a plain `for`.
 *
 * A line may be at most `lineBytes` long (no Enedis format has lines beyond a few kilobytes): a longer one refuses
 * the file with IMPORT_LINE_TOO_LONG and its line number, as soon as the unfinished line passes the limit. So the
 * unfinished line carried from one chunk to the next never holds more than the limit, and it is never scanned again
 * for a line break (it holds none): time stays linear in the file size, memory flat, whatever the file holds.
 */
import { lineTooLong } from './importer.ts';
import { DEFAULT_IMPORT_LIMITS } from './limits.ts';

export interface LineBlock {
  /** Line number of lines[0]. */
  readonly first: number;
  readonly lines: string[];
}

/** Where lines come from (for the message) and how long one may be (`limits.lineBytes`). */
export interface LineLimit {
  readonly fileName: string;
  readonly lineBytes?: number | undefined;
}

const UNNAMED: LineLimit = { fileName: 'input' };

/** Whether a line of `length` units whose last unit is `last` is over `max` (a CR before the line feed is not counted).
 */
const over = (length: number, last: number | undefined, max: number) => length > max + (last === 13 ? 1 : 0);

export async function* lineBlocks(
  chunks: AsyncIterable<Uint8Array>,
  limit: LineLimit = UNNAMED,
): AsyncGenerator<LineBlock> {
  const max = limit.lineBytes ?? DEFAULT_IMPORT_LIMITS.lineBytes;
  const dec = new TextDecoder('utf-8');
  /** The unfinished last line: no line feed in it, at most `max` characters (+ a CR). */
  let carry = '';
  let lineNo = 1;
  let bom = true;
  for await (const chunk of chunks) {
    let text = dec.decode(chunk, { stream: true });
    if (bom && text.length > 0) {
      if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
      bom = false;
    }
    if (text.indexOf('\n') < 0) {
      if (text.length === 0) continue;
      if (over(carry.length + text.length, text.charCodeAt(text.length - 1), max))
        throw lineTooLong(limit, { line: lineNo }, max);
      carry += text;
      continue;
    }
    const lines = (carry.length > 0 ? carry + text : text).split('\n');
    carry = lines.pop()!;
    let tooLong = -1;
    for (let i = 0; i < lines.length; i++) {
      let l = lines[i]!;
      if (l.length > 0 && l.charCodeAt(l.length - 1) === 13) lines[i] = l = l.slice(0, -1);
      if (l.length > max) {
        tooLong = lineNo + i;
        lines.length = i;
        break;
      }
    }
    if (tooLong < 0 && over(carry.length, carry.charCodeAt(carry.length - 1), max)) tooLong = lineNo + lines.length;
    if (lines.length > 0) yield { first: lineNo, lines };
    lineNo += lines.length;
    if (tooLong >= 0) throw lineTooLong(limit, { line: tooLong }, max);
  }
  carry += dec.decode();
  if (bom && carry.charCodeAt(0) === 0xfeff) carry = carry.slice(1);
  if (carry.endsWith('\r')) carry = carry.slice(0, -1);
  if (carry.length > max) throw lineTooLong(limit, { line: lineNo }, max);
  if (carry.length > 0) yield { first: lineNo, lines: [carry] };
}

/** Lines as byte spans of one buffer: the hot loop of a large CSV reads its fields without making strings. */
export interface ByteLineBlock {
  /** Line number of line 0. */
  readonly first: number;
  readonly count: number;
  readonly bytes: Uint8Array;
  /** Start and end (exclusive, CR dropped) of each line in `bytes`; valid for indices < count. */
  readonly starts: Int32Array;
  readonly ends: Int32Array;
  /** Line i as text (UTF-8). */
  text(i: number): string;
}

function concat(parts: readonly Uint8Array[], length: number, tail?: Uint8Array): Uint8Array {
  const out = new Uint8Array(length + (tail?.length ?? 0));
  let o = 0;
  for (const p of parts) {
    out.set(p, o);
    o += p.length;
  }
  if (tail) out.set(tail, o);
  return out;
}

/**
 * Streams lines out of byte chunks as spans (UTF-8 BOM dropped, CRLF or LF). A block is only valid until the next
 * one is requested (its arrays are reused). Newlines are found with the native `indexOf`; a line never splits a
 * multi-byte character since 0x0A never occurs inside one.
 */
export async function* byteLines(
  chunks: AsyncIterable<Uint8Array>,
  limit: LineLimit = UNNAMED,
): AsyncGenerator<ByteLineBlock> {
  const max = limit.lineBytes ?? DEFAULT_IMPORT_LIMITS.lineBytes;
  const dec = new TextDecoder('utf-8');
  /** The unfinished last line, in pieces (copies): no 0x0A in them, `carried` bytes in all, at most `max` (+ a CR). */
  let carry: Uint8Array[] = [];
  let carried = 0;
  let lineNo = 1;
  let bom = true;
  let starts = new Int32Array(1 << 16);
  let ends = new Int32Array(1 << 16);
  const block = (bytes: Uint8Array, count: number, first: number): ByteLineBlock => ({
    first,
    count,
    bytes,
    starts,
    ends,
    text: (i) => dec.decode(bytes.subarray(starts[i], ends[i])),
  });
  const add = (count: number, bytes: Uint8Array, s: number, e: number): number => {
    if (count === starts.length) {
      const ns = new Int32Array(count * 2);
      ns.set(starts);
      starts = ns;
      const ne = new Int32Array(count * 2);
      ne.set(ends);
      ends = ne;
    }
    starts[count] = s;
    ends[count] = e > s && bytes[e - 1] === 13 ? e - 1 : e;
    return count + 1;
  };
  for await (const chunk of chunks) {
    let bytes: Uint8Array;
    /** The carried bytes hold no line feed: the search starts after them. */
    let from = 0;
    if (carried === 0) bytes = chunk;
    else if (!bom && chunk.indexOf(10) < 0) {
      if (chunk.length === 0) continue;
      if (over(carried + chunk.length, chunk[chunk.length - 1], max)) throw lineTooLong(limit, { line: lineNo }, max);
      carry.push(chunk.slice());
      carried += chunk.length;
      continue;
    } else {
      bytes = concat(carry, carried, chunk);
      from = carried;
      carry = [];
      carried = 0;
    }
    let pos = 0;
    if (bom) {
      if (bytes.length < 3 && bytes.every((b, i) => b === [0xef, 0xbb, 0xbf][i])) {
        carry = [bytes.slice()];
        carried = bytes.length;
        continue;
      }
      if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) pos = 3;
      bom = false;
    }
    let count = 0;
    let tooLong = -1;
    for (let nl = bytes.indexOf(10, Math.max(pos, from)); nl >= 0; nl = bytes.indexOf(10, pos)) {
      count = add(count, bytes, pos, nl);
      if (ends[count - 1]! - pos > max) {
        tooLong = lineNo + --count;
        break;
      }
      pos = nl + 1;
    }
    if (tooLong < 0 && pos < bytes.length) {
      if (over(bytes.length - pos, bytes[bytes.length - 1], max)) tooLong = lineNo + count;
      else {
        carry = [bytes.slice(pos)];
        carried = bytes.length - pos;
      }
    }
    if (count > 0) yield block(bytes, count, lineNo);
    lineNo += count;
    if (tooLong >= 0) throw lineTooLong(limit, { line: tooLong }, max);
  }
  let rest = concat(carry, carried);
  if (bom && rest[0] === 0xef && rest[1] === 0xbb && rest[2] === 0xbf) rest = rest.subarray(3);
  if (rest.length > 0) yield block(rest, add(0, rest, 0, rest.length), lineNo);
}

/** Collect a whole (small) text file, refusing more than `maxBytes`. */
export async function readAllText(
  chunks: AsyncIterable<Uint8Array>,
  maxBytes: number,
  onTooLarge: () => Error,
): Promise<string> {
  const s = new TextDecoder('utf-8').decode(await readAllBytes(chunks, maxBytes, onTooLarge));
  return s.charCodeAt(0) === 0xfeff ? s.slice(1) : s;
}

/** Collect a whole (small) binary file, refusing more than `maxBytes`. */
export async function readAllBytes(
  chunks: AsyncIterable<Uint8Array>,
  maxBytes: number,
  onTooLarge: () => Error,
): Promise<Uint8Array> {
  const parts: Uint8Array[] = [];
  let n = 0;
  for await (const c of chunks) {
    n += c.length;
    if (n > maxBytes) throw onTooLarge();
    parts.push(c);
  }
  const all = new Uint8Array(n);
  let o = 0;
  for (const p of parts) {
    all.set(p, o);
    o += p.length;
  }
  return all;
}
