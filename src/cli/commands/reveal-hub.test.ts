// `courant reveal --prm` while the hub runs: DuckDB is locked by the hub's process, so the command asks the hub's own
// route with the local token of <data-dir>/hub.json (which acts as the owner household).
import { spawnCli } from '../test-support.ts';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { startHub } from '../../server/main.ts';

const courant = (args: string[]) => spawnCli(args);

test('courant reveal --prm through the running hub (store locked)', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'courant-reveal-hub-'));
  const hub = await startHub({
    dataDir: dir,
    port: 0,
    demo: true,
    owner: { username: 'foyer', password: 'correct horse battery' },
    onProgress: () => {},
    env: {},
  });
  try {
    const r = await courant([
      'reveal',
      '--prm',
      '99999999999901',
      '--step',
      'PT30M',
      '--json',
      '--locale',
      'en',
      '--data-dir',
      dir,
    ]);
    assert.equal(r.status, 0, r.stderr);
    const s = JSON.parse(r.stdout) as { step: string; sentence: string; series: string; measured?: unknown };
    assert.equal(s.step, 'PT30M');
    assert.equal(s.series, 'power.consumption.PT1M.demo');
    assert.match(s.sentence, /^With 30-minute data, a recipient could estimate that you usually wake around \d\d:\d\d/);
    assert.equal(s.measured, undefined);
    const none = await courant(['reveal', '--prm', '12345678901234', '--data-dir', dir]);
    assert.notEqual(none.status, 0);
    assert.match(none.stderr, /12345678901234/);
  } finally {
    await hub.close();
    rmSync(dir, { recursive: true, force: true });
  }
});
