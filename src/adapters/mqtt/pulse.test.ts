import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import mqtt from 'mqtt';
import type { Prm } from '../../core/prm.ts';
import { openReadingStore } from '../../backend/open-storage.ts';
import { startBroker } from '../../../test/mqtt-broker.ts';
import { until } from '../../../test/wait.ts';
import { ingestPulseFile, parsePulseLines, parsePulsePayload, subscribePulses } from './pulse.ts';

const PRM = '00000000000042' as Prm;
const ALL = { from: 0, to: Date.UTC(2100, 0) };

test('pulse file: errors name the line; energy per minute lands in the store', async () => {
  assert.throws(() => parsePulseLines('2024-01-15T09:00:00Z\nyesterday\n', 'p.txt'), /p\.txt, line 2: not an instant/);
  assert.throws(() => parsePulseLines('2024-01-15T09:00:00Z,0\n', 'p.txt'), /line 1: the pulse count/);
  assert.throws(
    () => parsePulseLines('2024-01-15T09:00:10Z\n2024-01-15T09:00:00Z\n', 'p.txt'),
    /line 2: instants must not go backwards/,
  );
  const dir = await mkdtemp(join(tmpdir(), 'courant-pulse-'));
  const store = await openReadingStore({ dataDir: dir });
  try {
    const lines = ['# LED pulses'];
    for (let s = 0; s < 150; s += 3) lines.push(new Date(Date.UTC(2024, 0, 15, 9, 0, s)).toISOString());
    lines.push(`${Date.UTC(2024, 0, 15, 9, 3)},5`);
    await writeFile(join(dir, 'pulses.txt'), lines.join('\n'));
    const r = await ingestPulseFile(store, join(dir, 'pulses.txt'), { prm: PRM, steps: ['PT1M'] });
    assert.equal(r.pulses, 55);
    const m = await store.read({
      prm: PRM,
      quantity: 'energy',
      direction: 'consumption',
      step: 'PT1M',
      source: 'pulse',
      range: ALL,
    });
    assert.deepEqual([...m.values], [20, 20, 10, 5]);
  } finally {
    await store.close();
    await rm(dir, { recursive: true, force: true });
  }
});

test('pulse payloads over MQTT (real broker) become stored energy', async () => {
  assert.deepEqual(parsePulsePayload('', 5), { ts: 5, count: 1 });
  assert.deepEqual(parsePulsePayload('3', 5), { ts: 5, count: 3 });
  assert.deepEqual(parsePulsePayload('{"ts":"2024-01-15T09:00:00Z","count":2}', 5), {
    ts: Date.UTC(2024, 0, 15, 9),
    count: 2,
  });
  assert.equal(parsePulsePayload('hello', 5), null);
  const broker = await startBroker();
  const dir = await mkdtemp(join(tmpdir(), 'courant-pulse-'));
  const store = await openReadingStore({ dataDir: dir });
  try {
    const url = broker.url;
    const sub = await subscribePulses({
      url,
      topic: 'home/linky/pulse',
      prm: PRM,
      store,
      steps: ['PT1M'],
      flushEveryMs: 60_000,
    }); // startBroker resolved once it accepts connections
    const pub = await mqtt.connectAsync(url, { reconnectPeriod: 0 });
    for (let s = 0; s < 90; s += 10)
      await pub.publishAsync('home/linky/pulse', JSON.stringify({ ts: Date.UTC(2024, 0, 15, 9, 0, s), count: 1 }), {
        qos: 1,
      });
    await pub.endAsync();
    // a broker acknowledges a publication before delivering it
    await until('the 9 pulses at the subscriber', () => sub.stats.pulses >= 9);
    await sub.stop();
    assert.equal(sub.stats.pulses, 9);
    const m = await store.read({
      prm: PRM,
      quantity: 'energy',
      direction: 'consumption',
      step: 'PT1M',
      source: 'pulse',
      range: ALL,
    });
    assert.deepEqual([...m.values], [6, 3]);
  } finally {
    await broker.stop();
    await store.close();
    await rm(dir, { recursive: true, force: true });
  }
});
