// End to end: a replayed capture written into a pseudo-terminal (socat) is read by `courant tic listen` through the
// serialport package, lands in a real DuckDB store and on a real MQTT broker (mosquitto, or aedes when absent);
// SIGTERM flushes everything.
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { mkdtemp, open, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { test } from 'node:test';
import mqtt from 'mqtt';
import type { Prm } from '../../src/core/prm.ts';
import { openReadingStore } from '../../src/backend/open-storage.ts';
import { startBroker } from '../mqtt-broker.ts';
import { until } from '../wait.ts';

const root = fileURLToPath(new URL('../../', import.meta.url));
const CAPTURE = readFileSync(
  join(root, 'test/fixtures/tic/lains_ticdecodecpp--continuous_linky_1P_standard_TIC_sample.bin'),
);
const PRM = '00000000000042' as Prm;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
/** The state the capture's last full frame gives: once it is on the broker, every frame has been published. */
const lastState = (s: { sinsts?: number; east?: number }) => s.sinsts === 245 && (s.east ?? 0) > 0;

test(
  'capture → pty → courant tic listen → DuckDB store + MQTT broker; SIGTERM flushes',
  { skip: existsSync('/usr/bin/socat') ? false : 'socat is not installed (npm test installs it from Debian)' },
  async () => {
    const dir = await mkdtemp(join(tmpdir(), 'courant-tic-e2e-'));
    const procs: ChildProcess[] = [];
    const stops: (() => Promise<void>)[] = [];
    try {
      const broker = await startBroker();
      stops.push(() => broker.stop());
      const url = broker.url;
      procs.push(
        spawn('/usr/bin/socat', [`pty,raw,echo=0,link=${dir}/meter`, `pty,raw,echo=0,link=${dir}/tty`], {
          stdio: 'ignore',
        }),
      );
      // socat tells nothing when they exist
      await until('socat ptys', () => existsSync(`${dir}/meter`) && existsSync(`${dir}/tty`));
      const msgs: { topic: string; payload: string }[] = [];
      // startBroker resolved once it accepts connections
      const sub = await mqtt.connectAsync(url, { reconnectPeriod: 0 });
      sub.on('message', (topic, p) => msgs.push({ topic, payload: p.toString() }));
      await sub.subscribeAsync('#');

      const cli = spawn(
        process.execPath,
        [
          'bin/courant.mjs',
          'tic',
          'listen',
          '--port',
          `${dir}/tty`,
          '--baud',
          '9600',
          '--data-dir',
          `${dir}/data`,
          '--mqtt',
          url,
          '--json',
        ],
        { cwd: root },
      );
      procs.push(cli);
      let out = '';
      let err = '';
      cli.stdout!.on('data', (d) => (out += d));
      cli.stderr!.on('data', (d) => (err += d));
      await until('the listener', () => err.includes('serial '), { on: [[cli.stderr!, 'data']] });

      // the "meter": write the capture into the other end of the pty, in slices
      const meter = await open(`${dir}/meter`, 'w');
      for (let at = 0; at < CAPTURE.length; at += 256) {
        await meter.write(CAPTURE.subarray(at, at + 256));
        await sleep(10); // a meter sends its frames over time, not in one block
      }
      await until('decoded frames', () => out.trim().split('\n').filter(Boolean).length >= 12, {
        on: [[cli.stdout!, 'data']],
      });
      // the last frame's state, not just enough states: SIGTERM before it reached the broker lost it (a known flake)
      await until(
        'the last frame on the broker',
        () => msgs.some((m) => m.topic.endsWith('/state') && lastState(JSON.parse(m.payload) as { sinsts?: number })),
        { on: [[sub, 'message']] },
      );
      const exited = new Promise<number | null>((resolve) => cli.once('exit', (code) => resolve(code)));
      cli.kill('SIGTERM');
      assert.equal(await exited, 0, err);
      await meter.close();
      assert.match(err, /readings stored (\d+)/);

      const frames = out
        .trim()
        .split('\n')
        .map((l) => JSON.parse(l));
      assert.ok(frames.filter((f) => f.mode === 'standard' && f.end === 'etx').length >= 11);
      const config = msgs.find((m) => m.topic.startsWith('homeassistant/device/') && m.topic.endsWith('/config'));
      assert.ok(config, 'discovery published');
      assert.equal(JSON.parse(config.payload).cmps.east.device_class, 'energy');
      const states = msgs.filter((m) => m.topic.endsWith('/state')).map((m) => JSON.parse(m.payload));
      // the capture's last full frame
      assert.ok(states.length >= 10 && states.some(lastState), 'live values on the broker');

      const store = await openReadingStore({ dataDir: `${dir}/data` });
      try {
        const series = await store.list(PRM);
        const power = series.find((s) => s.quantity === 'apparent_power');
        assert.ok(power && power.count >= 11, 'apparent power stored');
        assert.ok(
          series.some((s) => s.quantity === 'energy' && s.step === 'PT1M'),
          'energy stored (flushed on SIGTERM)',
        );
        assert.ok(series.some((s) => s.quantity === 'index' && s.register === 'EAST'));
      } finally {
        await store.close();
      }
      await sub.endAsync();
    } finally {
      for (const p of procs) p.kill();
      for (const stop of stops) await stop();
      await rm(dir, { recursive: true, force: true });
    }
  },
);
