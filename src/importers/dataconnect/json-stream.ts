/**
 * @module importers/dataconnect/json-stream
 * A streaming JSON reader for Data Connect answers, so a 2 GB answer never needs 2 GB of memory: the envelope is
 * parsed incrementally by a small state machine, and the elements of chosen arrays (`grandeur[].points`,
 * `interval_reading`) are handed one by one to a callback: flat objects as a field view found in one charCode pass
 * (flat-scan.ts, no object per element), anything else cut out by a string-aware bracket scanner and decoded by
 * the native JSON.parse. A callback that cannot handle an element yet (its
 * envelope fields come after the array) returns false and the element is kept in the document instead.
 *
 * Hand-written because no streaming JSON parser is among the project's dependencies; syntax errors report the
 * line, column and JSON path.
 *
 * A single value read whole (a string, a number, an element of a streamed array) may be at most `ctx.lineBytes`
 * characters long: an unfinished one is held over and scanned again with each chunk, so without a bound one huge
 * string would cost time quadratic in its length. Longer ones refuse the file (IMPORT_LINE_TOO_LONG) as soon as the
 * held-over text passes the limit.
 */
import { lineTooLong, parseError, type ImportContext, type Where } from '../importer.ts';
import { DEFAULT_IMPORT_LIMITS } from '../limits.ts';
import { FlatView, scanFlat } from './flat-scan.ts';

type Frame =
  | { kind: 'obj'; value: Record<string, unknown>; key: string | undefined; path: string }
  | { kind: 'arr'; value: unknown[]; path: string; streamed: boolean; index: number };

export interface StreamHooks {
  /** Whether the array at this JSON path (e.g. `$.grandeur[0].points`) is streamed. */
  streamed(path: string): boolean;
  /**
   * One element of a streamed array (`arrayPath[index]`); `stack` holds the partially built ancestors (root first).
   * Return false to keep it in the document.
   */
  element(value: unknown, arrayPath: string, index: number, stack: readonly unknown[]): boolean;
  /** With `flat`: the keys read into the {@link FlatView} slots (slot k holds `flatKeys[k]`). */
  readonly flatKeys?: readonly string[];
  /**
   * Optional fast path: an element that is a flat object of strings and numbers without escapes, as a reusable
   * view of its `flatKeys` fields (valid only during the call). Same contract as `element` (false: keep it).
   */
  flat?(view: FlatView, arrayPath: string, index: number, stack: readonly unknown[]): boolean;
}

const WS = (c: number) => c === 32 || c === 10 || c === 13 || c === 9;

export class JsonStream {
  private readonly stack: Frame[] = [];
  /** The values of the stack frames, kept in step with it (handed to the element hook without allocating). */
  private readonly values: unknown[] = [];
  private root: unknown = undefined;
  private done = false;
  /** Text not consumed yet (an unfinished token or element). */
  private buf = '';
  private line = 1;
  private lineStart = 0;
  private consumed = 0;
  /** In the envelope: expecting a key, a colon, a value, or a comma/close. */
  private expect: 'value' | 'key' | 'colon' | 'after' = 'value';

  /** The field view handed to `hooks.flat` (undefined without that hook). */
  private readonly view: FlatView | undefined;
  /** Longest value read whole, and longest text held over between chunks (characters). */
  private readonly max: number;

  constructor(
    private readonly ctx: ImportContext,
    private readonly hooks: StreamHooks,
  ) {
    this.view = hooks.flat ? new FlatView(hooks.flatKeys ?? []) : undefined;
    this.max = ctx.lineBytes ?? DEFAULT_IMPORT_LIMITS.lineBytes;
  }

  /** The text being read, and the index in it of the first character not yet counted in `consumed`. */
  private cur = '';
  private curStart = 0;

  /** Line, JSON path and column of `this.cur[at]`. */
  private where(at: number): Where {
    this.advanceLines(this.cur, this.curStart, at);
    const frame = this.stack[this.stack.length - 1];
    const path = frame
      ? frame.kind === 'arr'
        ? `${frame.path}[${frame.index}]`
        : frame.key !== undefined
          ? `${frame.path}.${frame.key}`
          : frame.path
      : '$';
    return { line: this.line, path: `${path} (column ${this.consumed + at - this.curStart - this.lineStart + 1})` };
  }

  private fail(at: number, message: string): never {
    throw parseError(this.ctx, this.where(at), message);
  }

  /** The value starting at `this.cur[at]` is longer than the limit. */
  private tooLong(at: number): never {
    throw lineTooLong(this.ctx, this.where(at), this.max);
  }

  /** Text held over for the next chunk: an unfinished value, which must not pass the limit. */
  private holdOver(text: string): void {
    this.buf = text;
    if (text.length > this.max) {
      this.cur = text;
      this.curStart = 0;
      let at = 0; // held over from before the separator: the value itself starts after it
      while (at < text.length && (WS(text.charCodeAt(at)) || text.charCodeAt(at) === 44)) at++;
      this.tooLong(at);
    }
  }

  /** Count the line breaks of `text[from, end)`; `text[from]` is at offset `consumed` of the document. */
  private advanceLines(text: string, from: number, end: number): void {
    let i = text.indexOf('\n', from);
    while (i >= 0 && i < end) {
      this.line++;
      this.lineStart = this.consumed + i - from + 1;
      i = text.indexOf('\n', i + 1);
    }
  }

  /**
   * Read the next piece of text. `bytes`, when given, are the UTF-8 bytes `chunk` was decoded from (by a streaming
   * decoder). When the chunk starts with the same ASCII character as its bytes, the decoder emitted nothing held over
   * from the previous bytes, so no character stands for fewer bytes than one; if there are then as many bytes as
   * characters, none stands for more either: byte i is character i for every ASCII character, every other byte
   * stands for one non-ASCII character (an undecodable byte → U+FFFD), and the flat fast path may read the bytes.
   */
  write(chunk: string, bytes?: Uint8Array): void {
    const view = this.view;
    view?.setBytes(undefined);
    let start = 0;
    if (this.buf !== '') {
      // The leftover (an unfinished token or element) is finished in a small joined head, then reading goes on in
      // the chunk itself: `buf + chunk` would be a cons string, read through an indirection by every charCodeAt
      // (2× slower, measured), and joining all of it would copy every chunk once more.
      for (let k = Math.min(chunk.length, 256); ; k = Math.min(chunk.length, k * 8)) {
        const held = this.buf.length;
        const head = [this.buf, chunk.slice(0, k)].join('');
        const i = this.run(head, 0);
        if (i >= held && k < chunk.length) {
          start = i - held;
          break;
        }
        if (k === chunk.length) {
          this.holdOver(head.slice(i));
          return;
        }
        this.buf = this.buf.slice(i); // complete items before i were read: only the unfinished rest is kept
      }
    }
    if (
      bytes !== undefined &&
      bytes.length === chunk.length &&
      bytes.length > 0 &&
      bytes[0]! < 0x80 &&
      chunk.charCodeAt(0) === bytes[0]
    )
      view?.setBytes(bytes);
    try {
      this.holdOver(chunk.slice(this.run(chunk, start)));
    } finally {
      view?.setBytes(undefined);
    }
  }

  /** Read `text` from `start` as far as it goes; the index of the first character left for later. */
  private run(text: string, start: number): number {
    this.cur = text;
    this.curStart = start;
    let i = start;
    const n = text.length;
    loop: while (i < n) {
      const top = this.stack[this.stack.length - 1];
      if (top && top.kind === 'arr' && top.streamed && (this.expect === 'value' || top.index > 0)) {
        // element scan: flat objects go through the hook's field view (flat-scan.ts), anything else is cut out by
        // the string-aware bracket scanner and decoded by the native JSON.parse
        let j = i;
        if (this.expect === 'after') {
          while (j < n && WS(text.charCodeAt(j))) j++;
          if (j >= n) break;
          if (text.charCodeAt(j) !== 44) {
            i = j; // a closing bracket (or an error)
            if (text.charCodeAt(i) === 93) {
              this.close(i);
              i++;
              continue;
            }
            this.fail(i, `expected "," or "]", found ${JSON.stringify(text[i])}`);
          }
          j++;
        }
        while (j < n && WS(text.charCodeAt(j))) j++;
        if (j >= n) break;
        if (text.charCodeAt(j) === 93 && top.index === 0 && this.expect === 'value') {
          this.expect = 'after';
          i = j;
          continue;
        }
        const view = this.view;
        const flat = this.hooks.flat;
        for (;;) {
          const c0 = text.charCodeAt(j);
          const fe = view && c0 === 123 ? scanFlat(text, j, n, view) : -2;
          if (fe === -1) break loop; // unfinished: wait for more text
          if (fe >= 0) {
            if (fe - j > this.max) this.tooLong(j);
            if (!flat!(view!, top.path, top.index, this.values)) top.value.push(view!.object());
            i = fe;
          } else {
            const end = scanValue(text, j);
            if (end < 0 || (end === n && c0 !== 123 && c0 !== 91 && c0 !== 34)) break loop; // unfinished
            if (end === j) this.fail(j, `expected a value, found ${JSON.stringify(text[j])}`); // `[,` `[}` …
            if (end - j > this.max) this.tooLong(j);
            let v: unknown;
            try {
              v = JSON.parse(text.slice(j, end));
            } catch (e) {
              this.fail(j, `invalid JSON (${(e as Error).message.replace(/ in JSON at position \d+.*$/, '')})`);
            }
            if (!this.hooks.element(v, top.path, top.index, this.values)) top.value.push(v);
            i = end;
          }
          top.index++;
          this.expect = 'after';
          // the next element, if the text holds its start
          j = i;
          while (j < n && WS(text.charCodeAt(j))) j++;
          if (j >= n || text.charCodeAt(j) !== 44) continue loop;
          j++;
          while (j < n && WS(text.charCodeAt(j))) j++;
          if (j >= n) break loop;
        }
      }
      const c = text.charCodeAt(i);
      if (WS(c)) {
        i++;
        continue;
      }
      if (this.done) this.fail(i, 'unexpected text after the end of the document');
      switch (this.expect) {
        case 'key': {
          if (
            c === 125 /* } */ &&
            top?.kind === 'obj' &&
            top.key === undefined &&
            Object.keys(top.value).length === 0
          ) {
            this.close(i);
            i++;
            continue loop;
          }
          if (c !== 34) this.fail(i, 'expected a property name');
          const end = scanString(text, i);
          if (end < 0) break loop;
          if (end - i > this.max) this.tooLong(i);
          (top as Extract<Frame, { kind: 'obj' }>).key = JSON.parse(text.slice(i, end)) as string;
          i = end;
          this.expect = 'colon';
          continue loop;
        }
        case 'colon':
          if (c !== 58) this.fail(i, 'expected ":"');
          i++;
          this.expect = 'value';
          continue loop;
        case 'after':
          if (c === 44 /* , */) {
            if (!top) this.fail(i, 'unexpected ","');
            this.expect = top.kind === 'obj' ? 'key' : 'value';
            i++;
            continue loop;
          }
          if ((c === 125 && top?.kind === 'obj') || (c === 93 && top?.kind === 'arr')) {
            this.close(i);
            i++;
            continue loop;
          }
          this.fail(i, `expected "," or a closing bracket, found ${JSON.stringify(text[i])}`);
          break;
        case 'value': {
          if (c === 123 /* { */ || c === 91 /* [ */) {
            const path = this.childPath();
            const frame: Frame =
              c === 123
                ? { kind: 'obj', value: {}, key: undefined, path }
                : { kind: 'arr', value: [], path, streamed: this.hooks.streamed(path), index: 0 };
            this.stack.push(frame);
            this.values.push(frame.value);
            this.expect = c === 123 ? 'key' : 'value';
            i++;
            continue loop;
          }
          if (c === 93 && top?.kind === 'arr' && top.value.length === 0 && top.index === 0) {
            this.close(i);
            i++;
            continue loop;
          }
          const end = scanValue(text, i);
          if (end < 0 || (end === n && c !== 34)) break loop; // a number may continue in the next chunk
          if (end - i > this.max) this.tooLong(i);
          let v: unknown;
          try {
            v = JSON.parse(text.slice(i, end));
          } catch {
            this.fail(i, `invalid value ${JSON.stringify(text.slice(i, Math.min(end, i + 20)))}`);
          }
          this.attach(v);
          i = end;
          continue loop;
        }
      }
    }
    this.advanceLines(text, start, i);
    this.consumed += i - start;
    return i;
  }

  private childPath(): string {
    const top = this.stack[this.stack.length - 1];
    if (!top) return '$';
    return top.kind === 'obj' ? `${top.path}.${top.key}` : `${top.path}[${top.index}]`;
  }

  private attach(v: unknown): void {
    const top = this.stack[this.stack.length - 1];
    if (!top) {
      this.root = v;
      this.done = true;
    } else if (top.kind === 'obj') {
      top.value[top.key!] = v;
      top.key = undefined;
    } else {
      top.value.push(v);
      top.index++;
    }
    this.expect = 'after';
  }

  private close(_at: number): void {
    const f = this.stack.pop()!;
    this.values.pop();
    this.attach(f.value);
  }

  /** The document (streamed arrays hold only the elements the callback kept). Throws when truncated. */
  end(): unknown {
    if (!this.done && this.buf.trim() !== '' && this.stack.length === 0) this.write(' '); // a bare number at the root
    this.cur = this.buf;
    this.curStart = 0;
    if (!this.done) this.fail(this.buf.length, 'invalid JSON (truncated)');
    if (this.buf.trim() !== '') this.fail(0, 'unexpected text after the end of the document');
    return this.root;
  }
}

/** End index (exclusive) of the JSON string starting at `i` (a `"`), or -1 if it does not end in `s`. */
function scanString(s: string, i: number): number {
  let j = i + 1;
  for (;;) {
    const q = s.indexOf('"', j);
    if (q < 0) return -1;
    let bs = 0;
    for (let k = q - 1; k > i && s.charCodeAt(k) === 92; k--) bs++;
    if (bs % 2 === 0) return q + 1;
    j = q + 1;
  }
}

/** End index of the JSON value starting at `i`, or -1 if incomplete. */
function scanValue(s: string, i: number): number {
  const c = s.charCodeAt(i);
  if (c === 34) return scanString(s, i);
  if (c !== 123 && c !== 91) {
    let j = i;
    while (j < s.length) {
      const d = s.charCodeAt(j);
      if (d === 44 || d === 125 || d === 93 || WS(d)) return j;
      j++;
    }
    return s.length; // may be incomplete: callers treat "reached the end" as unfinished for numbers
  }
  let depth = 0;
  let j = i;
  while (j < s.length) {
    const d = s.charCodeAt(j);
    if (d === 34) {
      const e = scanString(s, j);
      if (e < 0) return -1;
      j = e;
      continue;
    }
    if (d === 123 || d === 91) depth++;
    else if (d === 125 || d === 93) {
      depth--;
      if (depth === 0) return j + 1;
    }
    j++;
  }
  return -1;
}
