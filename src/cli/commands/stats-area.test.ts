// `courant stats area` on a real DuckDB file (hub stopped), then against a running hub over its local API: set a
// commune, an IRIS and a group, replace and clear one, list all or one kind; refusals name the code and the field.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { runCli } from '../test-support.ts';
import { startHub } from '../../server/main.ts';
import { removeDir } from '../../use-cases/consent/test-support.ts';

const A = '12345678901234';
const B = '12345678901235';
const strip = (s: string) => s.replace(/\(set [^)]*\)/g, '(set …)').replace(/"updatedAt":"[^"]*"/g, '"updatedAt":"…"');

async function exercise(dataDir: string): Promise<string[]> {
  const d = ['--data-dir', dataDir];
  const out: string[] = [];
  const run = async (args: string[], code = 0) => {
    const r = await runCli(['stats', 'area', ...args, ...d]);
    assert.equal(r.code, code, r.err);
    out.push(strip(r.out + r.err));
    return r;
  };
  const set = await run(['set', '--prm', A, '--commune', '92071']);
  assert.equal(set.out, `usage point ${A} areas:\n  commune 92071\n`);
  await run(['set', '--prm', A, '--iris', '920710101']);
  await run(['set', '--prm', B, '--commune', '92050']);
  await run(['set', '--prm', B, '--group', 'Résidence Les Tilleuls']);
  await run(['set', '--prm', A, '--commune', '92073']); // replaces
  const list = await run(['list']);
  assert.deepEqual(strip(list.out).split('\n'), [
    `${A}  commune  92073  (set …)`,
    `${B}  commune  92050  (set …)`,
    `${B}  group  Résidence Les Tilleuls  (set …)`,
    `${A}  iris  920710101  (set …)`,
    '',
  ]);
  await run(['set', '--prm', B, '--clear', 'group']);
  const json = await run(['list', '--kind', 'commune', '--json']);
  const areas = (JSON.parse(json.out) as { areas: { prm: string; kind: string; code: string }[] }).areas;
  assert.deepEqual(
    areas.map((a) => [a.prm, a.kind, a.code]),
    [
      [A, 'commune', '92073'],
      [B, 'commune', '92050'],
    ],
  );
  // refusals: the catalogue code and the field
  assert.match((await run(['set', '--prm', A, '--commune', '9207'], 1)).err, /^error STATS_INVALID: area: commune /m);
  assert.match((await run(['set', '--prm', '123', '--group', 'g'], 1)).err, /^error INPUT_INVALID_PRM: /m);
  assert.match((await run(['list', '--kind', 'region'], 1)).err, /^error STATS_INVALID: area: kind /m);
  assert.match((await run(['set', '--prm', A, '--commune', '92071', '--iris', '920710101'], 2)).err, /exactly one/);
  // clean up for the next round
  await run(['set', '--prm', A, '--clear', 'commune']);
  await run(['set', '--prm', A, '--clear', 'iris']);
  await run(['set', '--prm', B, '--clear', 'commune']);
  assert.equal((await run(['list'])).out, 'no usage point is in an area\n');
  return out;
}

test('stats area set and list: hub stopped, then hub running, same answers', async () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'courant-stats-area-'));
  try {
    const stopped = await exercise(dataDir);
    const running = await startHub({ dataDir, port: 0, demo: false, env: {}, logLevel: 'silent' });
    try {
      assert.deepEqual(await exercise(dataDir), stopped, 'the same lines through the hub');
    } finally {
      await running.close();
    }
    const help = await runCli(['stats', 'nothing']);
    assert.equal(help.code, 2);
    assert.match(help.err, /courant stats area set --prm PRM/);
  } finally {
    removeDir(dataDir);
  }
});
