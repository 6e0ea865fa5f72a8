import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { offsetStampToUtc } from '../time.ts';
import { readCurveRow, row } from './fast-row.ts';

const enc = new TextEncoder();
const pad = (n: number, w: number) => String(n).padStart(w, '0');

/** The general path's reading of a row: stamp through offsetStampToUtc, value through Number (empty = none). */
function slow(text: string): { t: number; value: number | null } | undefined {
  const sc = text.indexOf(';');
  if (sc < 0) return undefined;
  const t = offsetStampToUtc(text.slice(0, sc));
  const v = text.slice(sc + 1);
  const value = v === '' ? null : Number(v);
  if (Number.isNaN(t) || (value !== null && !Number.isFinite(value))) return undefined;
  return { t, value };
}

function fast(text: string): { t: number; value: number | null } | undefined {
  const b = enc.encode(`xx${text}yy`); // spans inside a larger buffer, as in a file
  return readCurveRow(b, 2, b.length - 2) ? { t: row.t, value: row.value } : undefined;
}

const stampArb = fc.record({
  t: fc.integer({ min: Date.UTC(1971, 0, 1) / 60_000, max: Date.UTC(2099, 0, 1) / 60_000 }),
  offMin: fc.integer({ min: -14 * 60, max: 14 * 60 }),
});

test('a well-formed curve row reads the same from bytes as through the string path', () => {
  fc.assert(
    fc.property(stampArb, fc.option(fc.nat({ max: 10_000_000 })), ({ t, offMin }, value) => {
      const local = new Date(t * 60_000 + offMin * 60_000);
      const off = Math.abs(offMin);
      const stamp = `${local.toISOString().slice(0, 19)}${offMin < 0 ? '-' : '+'}${pad(Math.floor(off / 60), 2)}:${pad(off % 60, 2)}`;
      const text = `${stamp};${value ?? ''}`;
      const f = fast(text);
      assert.ok(f, text);
      assert.deepEqual(f, slow(text));
      assert.equal(f.t, t * 60_000);
    }),
    { numRuns: 2000 },
  );
});

test('any other row is left to the string path, never misread', () => {
  const chars = fc.constantFrom(...'0123456789-+:;T ,.eE\tZ'.split(''));
  const base = '2024-03-31T02:30:00+02:00;1234';
  fc.assert(
    fc.property(fc.array(fc.tuple(fc.nat({ max: base.length }), chars), { maxLength: 4 }), (edits) => {
      let text = base;
      for (const [i, c] of edits) text = text.slice(0, i) + c + text.slice(i + 1);
      const f = fast(text);
      if (f !== undefined) assert.deepEqual(f, slow(text), text);
    }),
    { numRuns: 3000 },
  );
  for (const text of [
    '2024-02-30T00:30:00+01:00;1',
    '2024-01-01T00:30:00+01:00;1.5',
    '2024-01-01T00:30:00+01:00; 1',
    '2024-01-01 00:30:00+01:00;1',
    '2024-01-01T00:30:00Z;1',
    '2024-01-01T24:00:00+01:00;1',
    '2024-01-01T00:30:00+01:60;1',
    '2024-01-01T00:30:00+24:00;1',
  ])
    assert.equal(fast(text), undefined, text);
});
