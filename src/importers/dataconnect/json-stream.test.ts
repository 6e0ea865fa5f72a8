import { test } from 'node:test';
import assert from 'node:assert/strict';
import { isCourantError } from '../../core/errors.ts';
import { JsonStream } from './json-stream.ts';

function run(text: string, chunk: number, keep: boolean): { doc: unknown; seen: [string, number, unknown][] } {
  const seen: [string, number, unknown][] = [];
  const s = new JsonStream({ fileName: 'f.json' }, { streamed: (p) => p.endsWith('.points'), element: (v, p, i) => (seen.push([p, i, v]), !keep) });
  for (let i = 0; i < text.length; i += chunk) s.write(text.slice(i, i + chunk));
  return { doc: s.end(), seen };
}

const TEXT = '{"idPrm":"1","g":[{"u":"W","points":[ {"v":"1","d":"a}b"} ,{"v":"2","d":"\\"x\\""},[1,{"z":[]}], 3.5e1, "s,]" ,null]},{"points":[]}],"tail":{"points":[{"a":{}}]},"n":-0.5}';

test('streamed elements arrive in order with their index whatever the chunking; kept elements rebuild the document', () => {
  const ref = JSON.parse(TEXT) as unknown;
  for (const size of [1, 2, 3, 5, 8, 13, 64, 4096]) {
    const dropped = run(TEXT, size, false);
    assert.deepEqual(
      dropped.seen.map(([p, i]) => `${p}[${i}]`),
      ['$.g[0].points[0]', '$.g[0].points[1]', '$.g[0].points[2]', '$.g[0].points[3]', '$.g[0].points[4]', '$.g[0].points[5]', '$.tail.points[0]'],
    );
    assert.deepEqual(dropped.seen.map(([, , v]) => v), [{ v: '1', d: 'a}b' }, { v: '2', d: '"x"' }, [1, { z: [] }], 35, 's,]', null, { a: {} }]);
    assert.deepEqual(run(TEXT, size, true).doc, ref, `chunk ${size}`);
  }
});

test('a truncated or malformed document names the line, the JSON path and the column', () => {
  const bad = '{\n "points": [\n  {"v":"1"},\n  {"v":"2"'; // cut inside the second element
  assert.throws(() => run(bad, 7, false), (e: unknown) => isCourantError(e) && e.code === 'IMPORT_PARSE_ERROR' && /f\.json, line 4, \$\.points\[1\]/.test(e.message) && /truncated/.test(e.message));
  assert.throws(() => run('{"a":1,,"b":2}', 4, false), (e: unknown) => isCourantError(e) && /line 1/.test(e.message) && /property name/.test(e.message));
  assert.throws(() => run('{"points":[{"v":1} {"v":2}]}', 64, false), (e: unknown) => isCourantError(e) && /\$\.points\[1\]/.test(e.message));
});
