import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { isCourantError } from '../core/errors.ts';
import { byteLines, lineBlocks } from './lines.ts';

async function* chunked(bytes: Uint8Array, cuts: number[]): AsyncGenerator<Uint8Array> {
  let at = 0;
  for (const c of [...new Set(cuts.map((x) => x % (bytes.length + 1)))].sort((a, b) => a - b)) {
    yield bytes.slice(at, c);
    at = c;
  }
  yield bytes.slice(at);
}

async function viaStrings(bytes: Uint8Array, cuts: number[]): Promise<[number, string][]> {
  const out: [number, string][] = [];
  for await (const { first, lines } of lineBlocks(chunked(bytes, cuts)))
    lines.forEach((l, i) => out.push([first + i, l]));
  return out;
}

async function viaBytes(bytes: Uint8Array, cuts: number[]): Promise<[number, string][]> {
  const out: [number, string][] = [];
  for await (const b of byteLines(chunked(bytes, cuts)))
    for (let i = 0; i < b.count; i++) out.push([b.first + i, b.text(i)]);
  return out;
}

test('byte line spans give the same lines and numbers as the string reader, wherever chunks are cut', async () => {
  const piece = fc.constantFrom('a', ';', '\n', '\r\n', 'é', '€', '𝄞', '2024-01-01T00:30:00+01:00;12', '\n\n');
  await fc.assert(
    fc.asyncProperty(
      fc.boolean(),
      fc.array(piece, { maxLength: 40 }),
      fc.array(fc.nat(), { maxLength: 6 }),
      async (bom, parts, cuts) => {
        const bytes = new TextEncoder().encode((bom ? '\ufeff' : '') + parts.join(''));
        assert.deepEqual(await viaBytes(bytes, cuts), await viaStrings(bytes, cuts));
      },
    ),
    { numRuns: 500 },
  );
});

/** The lines of `text` up to the first one longer than `max` (CR before LF not counted), and that line's number. */
function reference(text: string, max: number): { lines: [number, string][]; tooLong?: number } {
  const parts = text.replace(/^\ufeff/, '').split('\n');
  // an unterminated last line is only kept when not empty
  if (parts[parts.length - 1]!.replace(/\r$/, '') === '') parts.pop();
  const lines: [number, string][] = [];
  for (let i = 0; i < parts.length; i++) {
    const l = parts[i]!.replace(/\r$/, '');
    if (l.length > max) return { lines, tooLong: i + 1 };
    lines.push([i + 1, l]);
  }
  return { lines };
}

async function collect(
  blocks: AsyncIterable<[number, string][]>,
): Promise<{ lines: [number, string][]; tooLong?: number }> {
  const lines: [number, string][] = [];
  try {
    for await (const b of blocks) lines.push(...b);
  } catch (e) {
    assert.ok(isCourantError(e) && e.code === 'IMPORT_LINE_TOO_LONG', String(e));
    assert.match(e.message, new RegExp(`^t\\.csv, line ${String(e.details?.line)}: the line is longer than`));
    return { lines, tooLong: e.details?.line as number };
  }
  return { lines };
}

test('a line longer than the limit stops both readers at that line, after every line before it, wherever chunks are cut', async () => {
  const piece = fc.constantFrom('a', 'bcd', ';', '\n', '\r\n', '0123456789', '\n\n');
  await fc.assert(
    fc.asyncProperty(
      fc.boolean(),
      fc.array(piece, { maxLength: 40 }),
      fc.array(fc.nat(), { maxLength: 8 }),
      fc.integer({ min: 1, max: 24 }),
      async (bom, parts, cuts, max) => {
        const text = (bom ? '\ufeff' : '') + parts.join('');
        const bytes = new TextEncoder().encode(text);
        const limit = { fileName: 't.csv', lineBytes: max };
        const expected = reference(text, max);
        const strings = collect(
          (async function* () {
            for await (const { first, lines } of lineBlocks(chunked(bytes, cuts), limit))
              yield lines.map((l, i): [number, string] => [first + i, l]);
          })(),
        );
        const spans = collect(
          (async function* () {
            for await (const b of byteLines(chunked(bytes, cuts), limit))
              yield Array.from({ length: b.count }, (_, i): [number, string] => [b.first + i, b.text(i)]);
          })(),
        );
        assert.deepEqual(await strings, expected);
        assert.deepEqual(await spans, expected);
      },
    ),
    { numRuns: 1000 },
  );
});

test('a 64 MB line is refused with its line number, in 1 MiB chunks or in one piece', async () => {
  const head = new TextEncoder().encode('start,value\n2024-01-01T00:00:00Z,1\n');
  const tail = new TextEncoder().encode('\n2024-01-01T01:00:00Z,2\n');
  const whole = new Uint8Array(head.length + (64 << 20) + tail.length).fill(0x61);
  whole.set(head);
  whole.set(tail, whole.length - tail.length);
  const inMiB = async function* (): AsyncGenerator<Uint8Array> {
    for (let i = 0; i < whole.length; i += 1 << 20) yield whole.subarray(i, i + (1 << 20));
  };
  const inOne = async function* (): AsyncGenerator<Uint8Array> {
    yield whole;
  };
  for (const [read, file] of [
    [lineBlocks, inMiB],
    [byteLines, inMiB],
    [lineBlocks, inOne],
    [byteLines, inOne],
  ] as const) {
    const seen: number[] = [];
    await assert.rejects(
      (async () => {
        for await (const b of read(file(), { fileName: 'long.csv', lineBytes: 64 * 1024 })) seen.push(b.first);
      })(),
      (e: unknown) => {
        assert.ok(isCourantError(e), String(e));
        assert.equal(e.code, 'IMPORT_LINE_TOO_LONG');
        assert.equal(e.details?.line, 3);
        assert.match(e.message, /^long\.csv, line 3: the line is longer than 64 KiB \(limits\.lineBytes\)/);
        return true;
      },
    );
    assert.deepEqual(seen, [1], `${read.name}: the lines before the long one were read`);
  }
});
