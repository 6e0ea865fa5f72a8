import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
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
  for await (const { first, lines } of lineBlocks(chunked(bytes, cuts))) lines.forEach((l, i) => out.push([first + i, l]));
  return out;
}

async function viaBytes(bytes: Uint8Array, cuts: number[]): Promise<[number, string][]> {
  const out: [number, string][] = [];
  for await (const b of byteLines(chunked(bytes, cuts))) for (let i = 0; i < b.count; i++) out.push([b.first + i, b.text(i)]);
  return out;
}

test('byte line spans give the same lines and numbers as the string reader, wherever chunks are cut', async () => {
  const piece = fc.constantFrom('a', ';', '\n', '\r\n', 'é', '€', '𝄞', '2024-01-01T00:30:00+01:00;12', '\n\n');
  await fc.assert(
    fc.asyncProperty(fc.boolean(), fc.array(piece, { maxLength: 40 }), fc.array(fc.nat(), { maxLength: 6 }), async (bom, parts, cuts) => {
      const bytes = new TextEncoder().encode((bom ? '\ufeff' : '') + parts.join(''));
      assert.deepEqual(await viaBytes(bytes, cuts), await viaStrings(bytes, cuts));
    }),
    { numRuns: 500 },
  );
});
