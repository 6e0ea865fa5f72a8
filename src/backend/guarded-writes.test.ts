// After the household stops fine recording, every way a reading can enter the database stores nothing finer than a
// day, and tells what it refused: hub import over HTTP, `courant import` with the hub stopped, live TIC (the hub's
// replay source and `courant tic decode --data-dir`), LED pulses over MQTT, and `courant enedis fetch`.
// Real parts throughout: a DuckDB file per case, the real CLI entry point, a real MQTT broker, the Enedis replay
// server.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import mqtt from 'mqtt';
import { loadConfig } from '../config/load.ts';
import type { Config } from '../config/schema.ts';
import type { Prm } from '../core/prm.ts';
import { main } from '../cli/main.ts';
import { buildHub } from '../server/main.ts';
import { createApp } from '../server/app.ts';
import { createLogger } from './logging.ts';
import { until } from '../../test/wait.ts';
import { startLiveSources } from './tic-live.ts';
import { openStorage } from './open-storage.ts';
import { recorded, startReplayServer } from '../../test/enedis-replay-server.ts';
import { startBroker } from '../../test/mqtt-broker.ts';

const CURVE_PRM = '99999999999991' as Prm; // dc-v5-curve-wrapped.json, dc2026-curve.json, dc2026-daily.json
const TIC_PRM = '00000000000042' as Prm;
const ENEDIS = new URL('../../test/fixtures/enedis/', import.meta.url).pathname;
const TIC_CAPTURE = new URL('../../test/fixtures/tic/esciara_pyteleinfo--captured_frames.bin', import.meta.url)
  .pathname;
const OPERATOR = { kind: 'operator', id: 'test-operator' } as const;
const ALICE = { kind: 'household', id: 'alice' } as const;

function configFor(dataDir: string, extra: Record<string, unknown> = {}): Readonly<Config> {
  return loadConfig({ env: {}, cwd: dataDir, overrides: { dataDir, demo: { enabled: false }, ...extra } }).config;
}

/** A data dir where alice occupies `prm` and has stopped fine recording; the database is closed afterwards. */
async function stoppedFineRecording(prm: Prm): Promise<string> {
  const dataDir = mkdtempSync(join(tmpdir(), 'courant-guarded-'));
  const hub = await buildHub(configFor(dataDir), createLogger({ level: 'silent' }));
  try {
    await hub.consent.consents.startOccupancy(OPERATOR, { prm, subject: ALICE.id });
    await hub.consent.controls.stopFineRecording(ALICE, prm);
  } finally {
    await hub.close();
  }
  return dataDir;
}

/** Steps of every series held for `prm`, read from the file itself. */
async function stepsHeld(dataDir: string, prm: Prm): Promise<string[]> {
  const { store } = await openStorage({ dataDir });
  try {
    return [...new Set((await store.list(prm)).map((s) => s.step))].sort();
  } finally {
    await store.close();
  }
}

/** Runs the CLI's entry point in this process; returns its exit code, stdout and stderr. */
async function cli(
  args: string[],
  env: NodeJS.ProcessEnv = {},
): Promise<{ code: number; stdout: string; stderr: string }> {
  const out = new PassThrough();
  const err = new PassThrough();
  let stdout = '';
  let stderr = '';
  out.on('data', (d: Buffer) => (stdout += d.toString()));
  err.on('data', (d: Buffer) => (stderr += d.toString()));
  const code = await main(args, { stdout: out, stderr: err, stdin: new PassThrough(), env, cwd: tmpdir() });
  return { code, stdout, stderr };
}

interface Summary {
  points: number;
  added: number;
  replaced: number;
  steps: string[];
  notices: string[];
  refused?: { prm: string; series: string; step: string; points: number }[];
  files: { points: number; refused?: number }[];
}

/** What an import summary must say when a curve was refused: a plain notice, the series, and counts of what was stored.
 */
function assertRefusalReported(s: Summary, step: string): void {
  assert.ok(
    s.notices.some(
      (n) => n.includes(CURVE_PRM) && n.includes(step) && /not stored/.test(n) && /fine recording is stopped/.test(n),
    ),
    `a plain notice names the refused series: ${JSON.stringify(s.notices)}`,
  );
  const r = s.refused?.find((x) => x.prm === CURVE_PRM && x.step === step);
  assert.ok(r && r.points > 0 && r.series.includes(step), `refused series reported: ${JSON.stringify(s.refused)}`);
  assert.ok(!s.steps.includes(step), `the summary's steps are what was stored: ${JSON.stringify(s.steps)}`);
  assert.equal(s.points, s.added + s.replaced, 'points counts what was stored');
}

test('hub import over HTTP (POST /api/imports): a load curve is refused and the summary says so', async () => {
  const dataDir = await stoppedFineRecording(CURVE_PRM);
  const hub = await buildHub(configFor(dataDir), createLogger({ level: 'silent' }));
  const app = await createApp(hub, { webDist: '/nonexistent' });
  try {
    const r = await app.inject({
      method: 'POST',
      url: '/api/imports',
      payload: readFileSync(join(ENEDIS, 'dc-v5-curve-wrapped.json')),
      headers: {
        'content-type': 'application/octet-stream',
        'x-file-name': 'curve.json',
        authorization: `Bearer ${hub.localToken}`,
      },
      remoteAddress: '127.0.0.1',
    });
    assert.equal(r.statusCode, 200, r.body);
    const s = r.json() as Summary;
    assertRefusalReported(s, 'PT30M');
    assert.equal(s.points, 0);
    assert.deepEqual(
      s.files.map((f) => f.points),
      [0],
    );
  } finally {
    await app.close();
    await hub.close();
  }
  assert.deepEqual(await stepsHeld(dataDir, CURVE_PRM), []);
  rmSync(dataDir, { recursive: true, force: true });
});

test('`courant import FILE` with the hub stopped: nothing finer than a day is stored, and the summary says so', async () => {
  const dataDir = await stoppedFineRecording(CURVE_PRM);
  const r = await cli(['import', join(ENEDIS, 'dc-v5-curve-wrapped.json'), '--data-dir', dataDir, '--json']);
  assert.equal(r.code, 0, r.stderr);
  assert.deepEqual(await stepsHeld(dataDir, CURVE_PRM), [], 'nothing of the curve is stored');
  assertRefusalReported(JSON.parse(r.stdout) as Summary, 'PT30M');
  const human = await cli(['import', join(ENEDIS, 'dc-v5-curve-wrapped.json'), '--data-dir', dataDir], {
    LANG: 'en_GB.UTF-8',
  });
  assert.match(
    human.stdout,
    /^! .*99999999999991 .*PT30M.*not stored \(fine recording is stopped/m,
    'the human summary carries the notice',
  );
  rmSync(dataDir, { recursive: true, force: true });
});

test('`courant enedis fetch`: the load curve is refused, the daily energy stored, and the summary says so', async () => {
  const dataDir = await stoppedFineRecording(CURVE_PRM);
  const srv = await startReplayServer({
    '/mesure_synchrone_auto/v2/consommation_quotidienne': [recorded('dc2026-daily.json')],
    '/mesure_synchrone_auto/v2/courbe_de_charge_consommation': [recorded('dc2026-curve.json')],
  });
  try {
    const r = await cli(
      [
        'enedis',
        'fetch',
        '--prm',
        CURVE_PRM,
        '--from',
        '2026-09-29',
        '--to',
        '2026-10-01',
        '--kinds',
        'daily_consumption,consumption_load_curve',
        '--base-url',
        srv.url,
        '--data-dir',
        dataDir,
        '--json',
      ],
      {
        COURANT_DC_CLIENT_ID: 'id',
        COURANT_DC_CLIENT_SECRET: 'secret',
      },
    );
    assert.equal(r.code, 0, r.stderr);
    assert.ok(
      srv.seen.some((x) => x.path.endsWith('courbe_de_charge_consommation')),
      'the curve was fetched',
    );
    assert.deepEqual(await stepsHeld(dataDir, CURVE_PRM), ['P1D'], 'only the daily energy is stored');
    const s = JSON.parse(r.stdout) as Summary;
    assertRefusalReported(s, 'PT30M');
    assert.equal(s.points, 2, 'the two daily values');
  } finally {
    await srv.close();
  }
  rmSync(dataDir, { recursive: true, force: true });
});

test('live TIC in the hub (replay source): only day-start indexes are stored, and the refusal is logged once per series', async () => {
  const dataDir = await stoppedFineRecording(TIC_PRM);
  const lines: string[] = [];
  const config = configFor(dataDir, {
    tic: { enabled: true, source: 'file', file: TIC_CAPTURE, pace: false, prm: TIC_PRM },
  });
  const hub = await buildHub(config, createLogger({ level: 'warn', write: (l) => lines.push(l) }));
  try {
    const live = await startLiveSources({ config, store: hub.store, log: hub.log.child('live') });
    await live.ingest!.start(); // resolves when the replayed capture ends
    await live.stop();
    assert.ok(live.ingest!.stats.decoder.frames >= 10, 'the capture was replayed');
    assert.ok(live.ingest!.stats.refused > 0, `refusals counted: ${JSON.stringify(live.ingest!.stats)}`);
  } finally {
    await hub.close();
  }
  const refusals = lines.filter((l) => l.includes(TIC_PRM) && /not stored \(fine recording is stopped/.test(l));
  assert.ok(refusals.length > 0, `the refusal is logged: ${lines.join('\n')}`);
  assert.equal(new Set(refusals.map((l) => l.replace(/^\S+ /, ''))).size, refusals.length, 'each series told once');
  assert.deepEqual(await stepsHeld(dataDir, TIC_PRM), ['P1D']);
  rmSync(dataDir, { recursive: true, force: true });
});

test('`courant tic decode CAPTURE --data-dir`: only day-start indexes are stored, and the refusal is told', async () => {
  const dataDir = await stoppedFineRecording(TIC_PRM);
  const r = await cli(['tic', 'decode', TIC_CAPTURE, '--data-dir', dataDir, '--prm', TIC_PRM]);
  assert.equal(r.code, 0, r.stderr);
  assert.deepEqual(await stepsHeld(dataDir, TIC_PRM), ['P1D'], 'only day-start indexes are stored');
  assert.match(r.stderr, new RegExp(`${TIC_PRM} .*not stored \\(fine recording is stopped`), r.stderr);
  assert.match(r.stderr, /refused \(fine recording stopped\) [1-9]/);
  rmSync(dataDir, { recursive: true, force: true });
});

test('LED pulses over MQTT in the hub: nothing is stored, and the refusal is logged', async () => {
  const dataDir = await stoppedFineRecording(TIC_PRM);
  const broker = await startBroker();
  const lines: string[] = [];
  const config = configFor(dataDir, {
    tic: { prm: TIC_PRM },
    mqtt: { enabled: true, url: broker.url, pulseTopic: 'home/linky/pulse' },
  });
  const hub = await buildHub(config, createLogger({ level: 'warn', write: (l) => lines.push(l) }));
  try {
    const live = await startLiveSources({ config, store: hub.store, log: hub.log.child('live') });
    const client = await mqtt.connectAsync(broker.url);
    const t0 = Date.UTC(2024, 0, 15, 9);
    for (let s = 0; s < 180; s += 3)
      await client.publishAsync('home/linky/pulse', JSON.stringify({ ts: t0 + s * 1000, count: 1 }), { qos: 1 });
    await client.endAsync();
    // a broker acknowledges a publication before delivering it
    await until('the 60 pulses at the subscriber', () => live.pulses!.stats.pulses >= 60);
    await live.stop();
    assert.equal(live.pulses!.stats.pulses, 60);
    assert.ok(live.pulses!.stats.refused > 0, `refusals counted: ${JSON.stringify(live.pulses!.stats)}`);
    assert.equal(live.pulses!.stats.written, 0);
  } finally {
    await hub.close();
    await broker.stop();
  }
  assert.ok(
    lines.some((l) => l.includes(TIC_PRM) && /pulses: .*not stored \(fine recording is stopped/.test(l)),
    `the refusal is logged: ${lines.join('\n')}`,
  );
  assert.deepEqual(await stepsHeld(dataDir, TIC_PRM), []);
  rmSync(dataDir, { recursive: true, force: true });
});
