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
