// Property: the flat-object fast path of the streaming JSON reader (field view, learnt templates, digits read while
// scanning) gives exactly what JSON.parse gives, for random arrays of flat objects (random key order, unknown and
// duplicate keys, unicode, escapes, whitespace, numbers, repeated layouts with changing values, nested values and
// literals that must take the general path) cut into chunks anywhere, read as text or through aligned bytes.
// Elements kept in the document rebuild it.
// With one stray character anywhere in the array, the reader fails exactly when JSON.parse does.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { isCourantError } from '../../core/errors.ts';
import { JsonStream } from './json-stream.ts';
import { viewNaive } from './stamps.ts';
import { parseNaive } from '../time.ts';

const KEYS = ['v', 'd', 'p', 'n', 'iv', 'ec'];
const WS = fc.constantFrom('', '', '', ' ', '\n', '\t ', '\r\n  ');

/** A value as JSON text, and whether the fast path must take it (a string without escapes, or a number). */
type Val = { text: string; simple: boolean };
const str = (s: string): Val => ({ text: JSON.stringify(s), simple: JSON.stringify(s) === `"${s}"` });
const stamp = fc
  .tuple(
    fc.integer({ min: 0, max: 9999 }),
    fc.integer({ min: 0, max: 13 }),
    fc.integer({ min: 0, max: 32 }),
    fc.integer({ min: 0, max: 25 }),
    fc.integer({ min: 0, max: 60 }),
    fc.integer({ min: 0, max: 60 }),
    fc.constantFrom(' ', 'T', 'x'),
  )
  .map(
    ([y, mo, d, h, mi, s, sep]) =>
      `${String(y).padStart(4, '0')}-${String(mo).padStart(2, '0')}-${String(d).padStart(2, '0')}${sep}${String(h).padStart(2, '0')}:${String(mi).padStart(2, '0')}:${String(s).padStart(2, '0')}`,
  );
const value: fc.Arbitrary<Val> = fc.oneof(
  { weight: 4, arbitrary: fc.stringMatching(/^[0-9]{1,17}$/).map(str) },
  { weight: 4, arbitrary: stamp.map(str) },
  { weight: 3, arbitrary: fc.constantFrom('PT30M', 'B', '0', 'E', '', 'null', '12.5', '-3', ' 7').map(str) },
  { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 8 }).map(str) },
  { weight: 2, arbitrary: fc.integer({ min: -1e6, max: 1e15 }).map((n) => ({ text: String(n), simple: true })) },
  {
    weight: 1,
    arbitrary: fc
      .double({ noNaN: true, noDefaultInfinity: true })
      .map((n) => ({ text: JSON.stringify(n), simple: true })),
  },
  { weight: 1, arbitrary: fc.constantFrom('-0', '1E5', '2e-3', '0.5e+2').map((text) => ({ text, simple: true })) },
  {
    weight: 1,
    arbitrary: fc
      .constantFrom('null', 'true', 'false', '[1,"a"]', '{"v":"1"}', '{}')
      .map((text) => ({ text, simple: false })),
  },
);
const key = fc.oneof({ weight: 8, arbitrary: fc.constantFrom(...KEYS) }, fc.constantFrom('x', 'é', 'v2', 'a"b', 'd\n'));

/** Layouts (key order and spacing) shared by runs of elements whose values mostly repeat, as in a real curve. */
const doc = fc
  .record({
    layouts: fc.array(fc.array(fc.tuple(key, WS, WS, WS, WS), { maxLength: 7 }), { minLength: 1, maxLength: 3 }),
    pools: fc.array(fc.array(value, { minLength: 1, maxLength: 3 }), { minLength: 7, maxLength: 7 }),
    elements: fc.array(
      fc.record({
        layout: fc.nat(2),
        picks: fc.array(fc.nat(2), { minLength: 7, maxLength: 7 }),
        other: fc.option(fc.constantFrom('null', 'true', '[1,{"a":2}]', '"s"', '3.5', '{"n":{"x":1}}', '{"v":[]}'), {
          freq: 8,
        }),
        sep: WS,
      }),
      { maxLength: 40 },
    ),
    cuts: fc.array(fc.nat(), { maxLength: 12 }),
    corrupt: fc.option(
      fc.tuple(
        fc.nat(),
        fc.constantFrom('\u0001', '\u001f', '"', '\\', ',', '}', ']', '{', ':', 'x', '0', '-', '.', '.', 'e', 'E', '+'),
      ),
      { freq: 3 },
    ),
  })
  .map(({ layouts, pools, elements, cuts, corrupt }) => {
    const texts: string[] = [];
    const simple: boolean[] = [];
    for (const e of elements) {
      if (e.other) {
        texts.push(e.other); // not a flat object: the general path
        simple.push(false);
        continue;
      }
      const fields = layouts[e.layout % layouts.length]!;
      let ok = true;
      const parts = fields.map(([k, a, b, c, d], f) => {
        const pool = pools[f]!;
        const v = pool[e.picks[f]! % pool.length]!;
        ok &&= v.simple && str(k).simple;
        return `${a}${JSON.stringify(k)}${b}:${c}${v.text}${d}`;
      });
      texts.push(`{${parts.join(',')}}`);
      simple.push(ok);
    }
    let text = `{"a":[1,{"b":"c"}], "points" :[${elements.map((e, i) => `${i ? ',' : ''}${e.sep}${texts[i]}`).join('')}] ,"z":0}`;
    if (corrupt) {
      // one stray character inside the points: the reader must then fail exactly when JSON.parse does
      // (half of the time just after a quote, to land in strings and numbers' neighbourhood often)
      const from = text.indexOf('[', 30);
      const quotes = [...text.slice(from, -6).matchAll(/["\d]/g)].map((m) => from + m.index + 1);
      const at =
        corrupt[0] % 2 === 0 && quotes.length > 0
          ? quotes[(corrupt[0] >> 1) % quotes.length]!
          : from + (corrupt[0] % (text.length - 6 - from));
      text = text.slice(0, at) + corrupt[1] + text.slice(at);
    }
    return {
      text,
      simple: corrupt ? undefined : simple,
      cuts: [...new Set(cuts.map((c) => c % (text.length + 1)))].sort((x, y) => x - y),
    };
  });

/**
 * Write `text` cut at `cuts`; with `bytes`, each piece also as bytes aligned with it (the fast path then reads them:
 * ASCII as is, any other character as some byte ≥ 0x80, as an undecodable byte would be).
 */
function feed(stream: JsonStream, text: string, cuts: number[], bytes = false): unknown {
  let at = 0;
  for (const c of [...cuts, text.length]) {
    const piece = text.slice(at, c);
    stream.write(
      piece,
      bytes
        ? Uint8Array.from(piece, (ch) => (ch.charCodeAt(0) < 128 ? ch.charCodeAt(0) : 0x80 | (ch.charCodeAt(0) & 0x7f)))
        : undefined,
    );
    at = c;
  }
  return stream.end();
}

test('flat fast path ≡ JSON.parse for random flat objects, layouts and chunkings', () => {
  fc.assert(
    fc.property(doc, fc.boolean(), ({ text, simple, cuts }, bytes) => verify(text, simple, cuts, bytes)),
    { numRuns: 600 },
  );
});

/** Read `text` (its `points` streamed) and check every element against JSON.parse; see the property above. */
function verify(text: string, simple: boolean[] | undefined, cuts: number[], bytes: boolean): void {
  let parsed: { points: unknown[] } | undefined;
  try {
    parsed = JSON.parse(text) as { points: unknown[] };
  } catch {
    // invalid: the reader must report it too (a parse error, whatever the hooks saw before it)
    assert.throws(
      () =>
        feed(
          new JsonStream(
            { fileName: 'p.json' },
            { streamed: (p) => p === '$.points', element: () => true, flatKeys: KEYS, flat: () => true },
          ),
          text,
          cuts,
          bytes,
        ),
      (e: unknown) => isCourantError(e) && e.code === 'IMPORT_PARSE_ERROR',
    );
    return;
  }
  const expected = parsed.points;
  const seen: { index: number; fast: boolean }[] = [];
  const fixedByLayout = new Map<unknown, unknown[]>();
  const stream = new JsonStream(
    { fileName: 'p.json' },
    {
      streamed: (p) => p === '$.points',
      element: (v, p, index) => {
        seen.push({ index, fast: false });
        assert.deepEqual(v, expected[index]);
        return index % 3 !== 0;
      },
      flatKeys: KEYS,
      flat: (view, p, index) => {
        seen.push({ index, fast: true });
        const obj = expected[index] as Record<string, unknown>;
        assert.deepEqual(view.object(), obj);
        const values = KEYS.map((k, s) => {
          const want = Object.hasOwn(obj, k) ? obj[k] : undefined;
          assert.ok(Object.is(view.value(s), want), `${k}: ${String(view.value(s))} vs ${String(want)}`);
          const raw = view.kind[s] ? view.text.slice(view.startOf(s), view.startOf(s) + view.length(s)) : '';
          assert.ok(Object.is(view.uint(s), /^\d{1,15}$/.test(raw) ? Number(raw) : Number.NaN), `uint ${k} ${raw}`);
          if (typeof want === 'string') assert.equal(view.is(s, want), true);
          return want;
        });
        const naive = viewNaive(view, 1);
        const d = values[1];
        if (typeof d === 'string' && /^\d{4}-\d\d-\d\d[ T]\d\d:\d\d:\d\d$/.test(d))
          assert.ok(Object.is(naive, parseNaive(d)), `${d}: ${naive}`);
        else assert.ok(Number.isNaN(naive), String(d));
        // a slot a layout fixes holds the same value in every element of that layout
        if (view.layout) {
          const first = fixedByLayout.get(view.layout);
          if (!first) fixedByLayout.set(view.layout, values);
          else
            for (let s = 0; s < KEYS.length; s++)
              if (view.fixed(s)) assert.ok(Object.is(values[s], first[s]), `fixed ${KEYS[s]}`);
        }
        return index % 3 !== 0;
      },
    },
  );
  const out = feed(stream, text, cuts, bytes) as { points: unknown[] };
  assert.deepEqual(
    seen.map((s) => s.index),
    expected.map((_, i) => i),
  );
  // (a stray character that leaves valid JSON may have changed which elements are flat)
  if (simple) seen.forEach((s) => assert.equal(s.fast, simple[s.index], `element ${s.index} fast=${s.fast}: ${text}`));
  assert.deepEqual(
    out.points,
    expected.filter((_, i) => i % 3 === 0),
  );
}

test('a learnt layout never matches an element that differs from it in a key, its order, spacing or fields', () => {
  const a = (v: string, d: string) => `{"v":"${v}","d":"${d}","n":"B"}`;
  const variants = [
    '{"w":"3","d":"c","n":"B"}',
    '{"v":"3","e":"c","n":"B"}',
    '{"d":"c","v":"3","n":"B"}',
    '{"v" :"3","d":"c","n":"B"}',
    '{"v":"3","d":"c","n":"B","p":"x"}',
    '{"v":"3","d":"c"}',
    '{"v":"3","d":"c","n":"C"}',
    '{"v":3,"d":"c","n":"B"}',
    '{"vv":"3","d":"c","n":"B"}',
    '{"v":"3","d":"c","nn":"B"}',
    '{"v":"3","d":"c","n":"B" }',
    '{"v":"3","d":"c","n":"é"}',
  ];
  for (const bad of variants)
    for (const bytes of [false, true]) {
      const text = `{"points":[${[a('1', 'a'), a('22', 'bb'), a('333', 'c'), bad, a('4', 'd')].join(',')}]}`;
      verify(text, undefined, [], bytes);
    }
});

test('malformed elements are rejected with their JSON path, first or after a learnt layout, whatever the chunking', () => {
  const bad = [
    '{"v":1.}',
    '{"v":01}',
    '{"v":-}',
    '{"v":1e}',
    '{"v":1e+}',
    '{"v":.5}',
    '{"v":+1}',
    '{"v":"a\u0001"}',
    '{"v":"a\u001f","d":"x"}',
    '{"v":1,}',
    '{"v" 1}',
    '{v:1}',
    '{"v":tru}',
    '{"v":"1"',
    '{"v":"1",,"d":"2"}',
    '{"v":"1" "d":"2"}',
    ',{"v":"1"}',
    '}',
    ':',
  ];
  // bad characters inside the values of a learnt layout (`v` and `d` change from element to element)
  const good = (i: number) => `{"v":"${i}","d":"2024-01-01 00:${10 + i}:00","p":"PT30M"}`;
  const goodNum = (i: number) => `{"v":${i},"d":"x${i}"}`;
  const inLayout = [
    '{"v":"1\u0001","d":"2024-01-01 00:30:00","p":"PT30M"}',
    '{"v":"19","d":"2024-01-01\u001f00:30:00","p":"PT30M"}',
    '{"v":"1","d":"2024-01-01 00:30:00\u0000","p":"PT30M"}',
  ];
  const inNumbers = [
    '{"v":1.,"d":"x"}',
    '{"v":1e,"d":"x"}',
    '{"v":-,"d":"x"}',
    '{"v":01,"d":"x"}',
    '{"v":1.5e+,"d":"x"}',
  ];
  const cases = [
    ...bad.map((b) => [b, good] as const),
    ...inLayout.map((b) => [b, good] as const),
    ...inNumbers.map((b) => [b, goodNum] as const),
  ];
  for (const [b, ok] of cases) {
    for (const before of [0, 4]) {
      const text = `{"points":[${[...Array.from({ length: before }, (_, i) => ok(i)), b].join(',')}]}`;
      let expectedFailure = '';
      try {
        JSON.parse(text);
      } catch {
        expectedFailure = 'yes';
      }
      assert.equal(expectedFailure, 'yes', text);
      for (const [chunk, bytes] of [
        [1, false],
        [7, true],
        [1 << 20, false],
        [1 << 20, true],
      ] as const) {
        const stream = new JsonStream(
          { fileName: 'b.json' },
          { streamed: (p) => p === '$.points', element: () => true, flatKeys: KEYS, flat: () => true },
        );
        const cuts = Array.from({ length: Math.ceil(text.length / chunk) }, (_, k) => (k + 1) * chunk).filter(
          (c) => c < text.length,
        );
        assert.throws(
          () => feed(stream, text, cuts, bytes),
          (e: unknown) =>
            isCourantError(e) && e.code === 'IMPORT_PARSE_ERROR' && e.message.includes(`$.points[${before}]`),
          `${text} in chunks of ${chunk}`,
        );
      }
    }
  }
});

test('bytes are read only when aligned with the text, wherever a streaming decoder cuts multi-byte characters', () => {
  // a 4-byte character cut after 3 bytes decodes at the start of the next chunk as 2 characters for 1 byte; a
  // 2-byte character later in that chunk would make the lengths equal again while the bytes are shifted
  const el = (i: number) =>
    `{"v":"${i}","x":"${i === 3 ? '😀' : 'a'}","d":"2024-01-01 00:${10 + i}:00","n":"${i === 8 ? 'é' : 'B'}"}`;
  const text = `{"points":[${Array.from({ length: 12 }, (_, i) => el(i)).join(',')}]}`;
  const bytes = new TextEncoder().encode(text);
  const expected = (JSON.parse(text) as { points: Record<string, unknown>[] }).points;
  for (let cut = 1; cut < bytes.length; cut++) {
    const dec = new TextDecoder();
    const stream = new JsonStream(
      { fileName: 'u.json' },
      {
        streamed: (p) => p === '$.points',
        element: (v, p, index) => (assert.deepEqual(v, expected[index]), true),
        flatKeys: KEYS,
        flat: (view, p, index) => {
          assert.deepEqual(view.object(), expected[index], `cut at byte ${cut}`);
          KEYS.forEach((k, s) => assert.equal(view.value(s), expected[index]![k], `${k} cut at byte ${cut}`));
          return true;
        },
      },
    );
    for (const part of [bytes.subarray(0, cut), bytes.subarray(cut)])
      stream.write(dec.decode(part, { stream: true }), part);
    stream.write(dec.decode());
    stream.end();
  }
});
