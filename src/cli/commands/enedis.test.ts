import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { recorded, recordedError, startReplayServer } from '../../../test/enedis-replay-server.ts';
import { enedisCommand } from './enedis.ts';

test('courant enedis fetch imports the replayed answers and reports a kind without data', async () => {
  const srv = await startReplayServer({
    '/mesure_synchrone_auto/v2/consommation_quotidienne': [recorded('dc2026-daily.json')],
    '/mesure_synchrone_auto/v2/courbe_de_charge_consommation': [recordedError('no_data_found')],
  });
  const out = new PassThrough();
  let text = '';
  out.on('data', (d: Buffer) => (text += d.toString()));
  try {
    const dataDir = mkdtempSync(join(tmpdir(), 'courant-dc-'));
    const code = await enedisCommand.run(
      ['fetch', '--prm', '99999999999991', '--from', '2026-09-29', '--to', '2026-10-01', '--kinds', 'daily_consumption,consumption_load_curve', '--base-url', srv.url, '--data-dir', dataDir, '--json'],
      { stdout: out, stderr: new PassThrough(), stdin: new PassThrough(), env: { COURANT_DC_CLIENT_ID: 'id', COURANT_DC_CLIENT_SECRET: 'secret' }, cwd: dataDir },
    );
    assert.equal(code, 0);
    const s = JSON.parse(text) as { points: number; usagePoints: string[]; unavailable: { kind: string; code: string; message: string }[] };
    assert.equal(s.points, 2);
    assert.deepEqual(s.usagePoints, ['99999999999991']);
    assert.equal(s.unavailable[0]!.kind, 'consumption_load_curve');
    assert.equal(s.unavailable[0]!.code, 'DC_NO_DATA');
    assert.match(s.unavailable[0]!.message, /hourly collection is not enabled/);
  } finally {
    await srv.close();
  }
});
