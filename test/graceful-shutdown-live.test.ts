// Graceful shutdown with a live meter: `courant start` reads a TIC capture served over TCP (a ser2net-style bridge)
// and publishes each frame to a real MQTT broker (Home Assistant's view of it: the hub has acknowledged the reading).
// The live buffer is flushed only on stop (tic.flushEveryMs at its maximum), so at SIGTERM every decoded reading is
// still in memory; SIGTERM comes while the meter is still sending. After the hub exits, the DuckDB file holds at least
// the apparent-power reading of every frame the broker received.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type Server, type Socket } from 'node:net';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { fileURLToPath } from 'node:url';
import mqtt from 'mqtt';
import { openReadingStore } from '../src/backend/open-storage.ts';
import { startBroker } from './mqtt-broker.ts';
import { until } from './wait.ts';

const BIN = fileURLToPath(new URL('../bin/courant.mjs', import.meta.url));
const CAPTURE_FILE = fileURLToPath(
  new URL('./fixtures/tic/lains_ticdecodecpp--continuous_linky_1P_standard_TIC_sample.bin', import.meta.url),
);
const CAPTURE = readFileSync(CAPTURE_FILE);
/** Frames on the broker after which SIGTERM is sent (the capture holds about a dozen). */
const STOP_AFTER_FRAMES = 5;
/** A hub that never exits after SIGTERM fails the test instead of hanging the suite (not a timing assertion). */
const HANG = { timeout: 180_000 };
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** The capture's frames that carry an apparent power, in order, as `courant tic decode` reads them: [ts, VA]. */
function framesWithPower(): [number, number][] {
  const r = spawnSync(process.execPath, [BIN, 'tic', 'decode', CAPTURE_FILE, '--json'], { encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
  return r.stdout
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l) as { values: { DATE?: string; SINSTS?: number } })
    .filter((f) => f.values.DATE && f.values.SINSTS !== undefined)
    .map((f) => [Date.parse(f.values.DATE!), f.values.SINSTS!]);
}

/** A TIC bridge: sends the capture in slices, paced like a meter, to whoever connects, until it hangs up. */
function meter(): Promise<{ server: Server; port: number }> {
  const server = createServer((socket: Socket) => {
    socket.on('error', () => {}); // the hub hangs up when it stops
    void (async () => {
      for (let at = 0; at < CAPTURE.length && !socket.destroyed; at += 128) {
        socket.write(CAPTURE.subarray(at, at + 128));
        await sleep(40);
      }
    })();
  });
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () => resolve({ server, port: (server.address() as { port: number }).port })),
  );
}

test(
  'SIGTERM while a live TIC source feeds the hub: every frame published to MQTT is in the DuckDB file',
  HANG,
  async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'courant-shutdown-live-'));
    const broker = await startBroker();
    const { server, port } = await meter();
    const sub = await mqtt.connectAsync(broker.url, { reconnectPeriod: 0 });
    let child: ChildProcess | undefined;
    try {
      const states: string[] = [];
      sub.on('message', (topic, p) => topic.endsWith('/state') && states.push(p.toString()));
      await sub.subscribeAsync('#');
      child = spawn(process.execPath, [BIN, 'start', '--no-demo', '--port', '0', '--data-dir', dataDir], {
        env: {
          ...process.env,
          NODE_ENV: 'test',
          COURANT_TIC_ENABLED: 'true',
          COURANT_TIC_SOURCE: 'tcp',
          COURANT_TIC_HOST: '127.0.0.1',
          COURANT_TIC_TCP_PORT: String(port),
          COURANT_TIC_BAUD: '9600',
          COURANT_TIC_FLUSH_EVERY_MS: '600000',
          COURANT_MQTT_ENABLED: 'true',
          COURANT_MQTT_URL: broker.url,
          COURANT_MQTT_MIN_INTERVAL_MS: '0',
        },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let err = '';
      child.stderr!.on('data', (d: Buffer) => (err += d.toString()));
      child.stdout!.resume();
      const exited = new Promise<number | null>((r) => child!.once('exit', (code) => r(code)));
      await until(`${STOP_AFTER_FRAMES} frames on the broker`, () => states.length >= STOP_AFTER_FRAMES, {
        on: [[sub, 'message']],
      });
      child.kill('SIGTERM');
      assert.equal(await exited, 0, err);
      assert.match(err, /SIGTERM received/);
      // every state the hub published with an apparent power (before or after SIGTERM) is a frame it acknowledged: the
      // first `acknowledged` such frames of the capture, in order (TCP keeps it)
      const acknowledged = states.filter((s) => 'sinsts' in (JSON.parse(s) as object)).length;
      const expected = new Map(framesWithPower().slice(0, acknowledged));
      assert.ok(expected.size >= 2, `frames acknowledged before the stop: ${acknowledged}`);
      const store = await openReadingStore({ dataDir });
      try {
        const prms = await store.usagePoints();
        assert.equal(prms.length, 1, `one usage point read from the meter: ${err}`);
        const power = (await store.list(prms[0]!)).find((s) => s.quantity === 'apparent_power');
        assert.ok(power, `apparent power stored on SIGTERM: ${err}`);
        const got = await store.read({ ...power, range: { from: power.first, to: power.last + 1 } });
        const stored = new Map([...got.ts].map((t, i) => [t, got.values[i]]));
        for (const [ts, va] of expected)
          assert.equal(
            stored.get(ts),
            va,
            `the reading of ${new Date(ts).toISOString()} acknowledged on MQTT is stored`,
          );
      } finally {
        await store.close();
      }
    } finally {
      if (child && child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
      await sub.endAsync();
      server.close();
      await broker.stop();
      rmSync(dataDir, { recursive: true, force: true });
    }
  },
);
