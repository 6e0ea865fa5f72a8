/**
 * @module importers/lines
 * Streams text lines out of byte chunks (UTF-8, BOM dropped, CRLF or LF) with their 1-based line numbers.
 * Lines are handed out in arrays per chunk so the hot loop of an importer stays a plain `for`.
 */

export interface LineBlock {
  /** Line number of lines[0]. */
  readonly first: number;
  readonly lines: string[];
}

export async function* lineBlocks(chunks: AsyncIterable<Uint8Array>): AsyncGenerator<LineBlock> {
  const dec = new TextDecoder('utf-8');
  let carry = '';
  let lineNo = 1;
  let bom = true;
  for await (const chunk of chunks) {
    let text = carry + dec.decode(chunk, { stream: true });
    if (bom && text.length > 0) {
      if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
      bom = false;
    }
    const lines = text.split('\n');
    carry = lines.pop()!;
    if (lines.length === 0) continue;
    for (let i = 0; i < lines.length; i++) {
      const l = lines[i]!;
      if (l.length > 0 && l.charCodeAt(l.length - 1) === 13) lines[i] = l.slice(0, -1);
    }
    yield { first: lineNo, lines };
    lineNo += lines.length;
  }
  carry += dec.decode();
  if (bom && carry.charCodeAt(0) === 0xfeff) carry = carry.slice(1);
  if (carry.endsWith('\r')) carry = carry.slice(0, -1);
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

/**
 * Streams lines out of byte chunks as spans (UTF-8 BOM dropped, CRLF or LF). A block is only valid until the next
 * one is requested (its arrays are reused). Newlines are found with the native `indexOf`; a line never splits a
 * multi-byte character since 0x0A never occurs inside one.
 */
export async function* byteLines(chunks: AsyncIterable<Uint8Array>): AsyncGenerator<ByteLineBlock> {
  const dec = new TextDecoder('utf-8');
  let carry: Uint8Array = new Uint8Array(0);
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
    if (carry.length === 0) bytes = chunk;
    else {
      bytes = new Uint8Array(carry.length + chunk.length);
      bytes.set(carry);
      bytes.set(chunk, carry.length);
    }
    let pos = 0;
    if (bom) {
      if (bytes.length < 3 && bytes.every((b, i) => b === [0xef, 0xbb, 0xbf][i])) {
        carry = bytes.slice();
        continue;
      }
      if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) pos = 3;
      bom = false;
    }
    let count = 0;
    for (let nl = bytes.indexOf(10, pos); nl >= 0; nl = bytes.indexOf(10, pos)) {
      count = add(count, bytes, pos, nl);
      pos = nl + 1;
    }
    carry = bytes.slice(pos);
    if (count === 0) continue;
    yield block(bytes, count, lineNo);
    lineNo += count;
  }
  if (bom && carry[0] === 0xef && carry[1] === 0xbb && carry[2] === 0xbf) carry = carry.subarray(3);
  if (carry.length > 0) yield block(carry, add(0, carry, 0, carry.length), lineNo);
}

/** Collect a whole (small) text file, refusing more than `maxBytes`. */
export async function readAllText(chunks: AsyncIterable<Uint8Array>, maxBytes: number, onTooLarge: () => Error): Promise<string> {
  const s = new TextDecoder('utf-8').decode(await readAllBytes(chunks, maxBytes, onTooLarge));
  return s.charCodeAt(0) === 0xfeff ? s.slice(1) : s;
}

/** Collect a whole (small) binary file, refusing more than `maxBytes`. */
export async function readAllBytes(chunks: AsyncIterable<Uint8Array>, maxBytes: number, onTooLarge: () => Error): Promise<Uint8Array> {
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
