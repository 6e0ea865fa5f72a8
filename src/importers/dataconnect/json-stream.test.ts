import { test } from 'node:test';
import assert from 'node:assert/strict';
import { isCourantError } from '../../core/errors.ts';
import { JsonStream } from './json-stream.ts';

function run(text: string, chunk: number, keep: boolean): { doc: unknown; seen: [string, number, unknown][] } {
  const seen: [string, number, unknown][] = [];
  const s = new JsonStream(
    { fileName: 'f.json' },
    { streamed: (p) => p.endsWith('.points'), element: (v, p, i) => (seen.push([p, i, v]), !keep) },
  );
  for (let i = 0; i < text.length; i += chunk) s.write(text.slice(i, i + chunk));
  return { doc: s.end(), seen };
}

const TEXT =
  '{"idPrm":"1","g":[{"u":"W","points":[ {"v":"1","d":"a}b"} ,{"v":"2","d":"\\"x\\""},[1,{"z":[]}], 3.5e1, "s,]" ,null]},{"points":[]}],"tail":{"points":[{"a":{}}]},"n":-0.5}';

test('streamed elements arrive in order with their index whatever the chunking; kept elements rebuild the document', () => {
  const ref = JSON.parse(TEXT) as unknown;
  for (const size of [1, 2, 3, 5, 8, 13, 64, 4096]) {
    const dropped = run(TEXT, size, false);
    assert.deepEqual(
      dropped.seen.map(([p, i]) => `${p}[${i}]`),
      [
        '$.g[0].points[0]',
        '$.g[0].points[1]',
        '$.g[0].points[2]',
        '$.g[0].points[3]',
        '$.g[0].points[4]',
        '$.g[0].points[5]',
        '$.tail.points[0]',
      ],
    );
    assert.deepEqual(
      dropped.seen.map(([, , v]) => v),
      [{ v: '1', d: 'a}b' }, { v: '2', d: '"x"' }, [1, { z: [] }], 35, 's,]', null, { a: {} }],
    );
    assert.deepEqual(run(TEXT, size, true).doc, ref, `chunk ${size}`);
  }
});

test('a truncated or malformed document names the line, the JSON path and the column', () => {
  const bad = '{\n "points": [\n  {"v":"1"},\n  {"v":"2"'; // cut inside the second element
  assert.throws(
    () => run(bad, 7, false),
    (e: unknown) =>
      isCourantError(e) &&
      e.code === 'IMPORT_PARSE_ERROR' &&
      /f\.json, line 4, \$\.points\[1\]/.test(e.message) &&
      /truncated/.test(e.message),
  );
  assert.throws(
    () => run('{"a":1,,"b":2}', 4, false),
    (e: unknown) => isCourantError(e) && /line 1/.test(e.message) && /property name/.test(e.message),
  );
  assert.throws(
    () => run('{"points":[{"v":1} {"v":2}]}', 64, false),
    (e: unknown) => isCourantError(e) && /\$\.points\[1\]/.test(e.message),
  );
});

test('a value longer than the limit is refused with its line and JSON path, whole or cut across chunks; one at the limit is read', () => {
  const limited = (text: string, chunk: number, lineBytes: number) => {
    const s = new JsonStream(
      { fileName: 'f.json', lineBytes },
      { streamed: (p) => p.endsWith('.points'), element: () => true },
    );
    for (let i = 0; i < text.length; i += chunk) s.write(text.slice(i, i + chunk));
    return s.end();
  };
  const long = (n: number) => JSON.stringify('x'.repeat(n - 2)); // n characters with its quotes
  const cases: [string, RegExp][] = [
    [`{"a":1,\n"big":${long(101)}}`, /^f\.json, line 2, \$\.big \(column 7\): a JSON value is longer than 100 bytes/],
    [
      `{"points":[{"v":"1"},\n{"v":${long(95)}}]}`,
      /^f\.json, line 2, \$\.points\[1\] \(column 1\): a JSON value is longer/,
    ],
    [`{"points":[1,${'1'.repeat(101)}]}`, /^f\.json, line 1, \$\.points\[1\] \(column 14\)/],
    [`{${long(101)}:1}`, /^f\.json, line 1, \$ \(column 2\)/],
  ];
  for (const [text, where] of cases) {
    for (const chunk of [1, 7, 64, 4096]) {
      assert.throws(
        () => limited(text, chunk, 100),
        (e: unknown) => isCourantError(e) && e.code === 'IMPORT_LINE_TOO_LONG' && where.test(e.message),
        `${text.slice(0, 30)} in chunks of ${chunk}`,
      );
    }
  }
  for (const chunk of [1, 7, 4096])
    assert.deepEqual(limited(`{"big":${long(100)},"points":[{"v":${long(94)}}]}`, chunk, 100), {
      big: 'x'.repeat(98),
      points: [],
    });
});

test('a 64 MB string is refused at once, not read to its end', () => {
  const s = new JsonStream({ fileName: 'f.json' }, { streamed: () => false, element: () => true });
  const mib = 'x'.repeat(1 << 20);
  s.write('{"grandeur":"');
  assert.throws(
    () => {
      for (let i = 0; i < 64; i++) s.write(mib);
    },
    (e: unknown) =>
      isCourantError(e) &&
      e.code === 'IMPORT_LINE_TOO_LONG' &&
      e.details?.line === 1 &&
      /\$\.grandeur \(column 13\)/.test(e.message),
  );
});
