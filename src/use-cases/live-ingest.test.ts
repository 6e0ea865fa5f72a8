import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import type { Prm } from '../core/prm.ts';
import { fileSource } from '../adapters/sources/file.ts';
import { openReadingStore } from '../backend/open-storage.ts';
import { LiveIngest, type LivePowerEvent } from './live-ingest.ts';

const PRM = '00000000000042' as Prm;
const FIXTURE = new URL(
  '../../test/fixtures/tic/lains_ticdecodecpp--continuous_linky_1P_standard_TIC_sample.bin',
  import.meta.url,
).pathname;
const HISTORIC = new URL('../../test/fixtures/tic/esciara_pyteleinfo--captured_frames.bin', import.meta.url).pathname;

test('replayed standard capture lands in a real DuckDB store: indexes, apparent power, energy; live power events', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'courant-live-'));
  const store = await openReadingStore({ dataDir: dir });
  try {
    const live: LivePowerEvent[] = [];
    // PRM taken from the frames (standard mode sends it)
    const ingest = new LiveIngest({
      store,
      source: await fileSource(FIXTURE),
      onLivePower: (e) => live.push(e),
      flushEveryMs: 60_000,
    });
    await ingest.start();
    assert.ok(ingest.stats.buffered > 0);
    await ingest.stop();
    assert.equal(ingest.stats.buffered, 0);
    const series = await store.list(PRM);
    const ids = series.map((s) => `${s.quantity}.${s.register}.${s.step}`).sort();
    for (const id of [
      'apparent_power..raw',
      'index.EAST.raw',
      'index.EASF01.raw',
      'energy..PT1M',
      'energy..PT10M',
      'energy..PT30M',
    ])
      assert.ok(ids.includes(id), `${id} in ${ids.join(', ')}`);
    const power = series.find((s) => s.quantity === 'apparent_power')!;
    // two frames share a DATE second: one point per instant
    assert.equal(power.count, new Set(live.map((e) => e.ts)).size);
    assert.equal(power.source, 'tic');
    const east = await store.read({
      prm: PRM,
      quantity: 'index',
      direction: 'consumption',
      register: 'EAST',
      step: 'raw',
      range: { from: 0, to: Date.UTC(2100, 0) },
    });
    assert.ok(east.values.length >= 1 && east.values[0]! > 0);
  } finally {
    await store.close();
    await rm(dir, { recursive: true, force: true });
  }
});

test('historic capture needs the configured PRM; batches are flushed when the buffer is full and on stop', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'courant-live-'));
  const store = await openReadingStore({ dataDir: dir });
  try {
    let t = Date.UTC(2024, 0, 15, 9);
    const ingest = new LiveIngest({
      store,
      prm: PRM,
      source: await fileSource(HISTORIC),
      now: () => (t += 2000),
      flushMaxPoints: 8,
      flushEveryMs: 60_000,
    });
    await ingest.start();
    await ingest.stop();
    assert.ok(ingest.stats.flushes >= 2, `flushes ${ingest.stats.flushes}`);
    const p = await store.read({
      prm: PRM,
      quantity: 'apparent_power',
      direction: 'consumption',
      step: 'raw',
      range: { from: 0, to: Date.UTC(2100, 0) },
    });
    assert.equal(p.values.length, 10); // 10 frames, PAPP each
    assert.equal(
      ingest.stats.written,
      ingest.stats.decoder.frames * 1 +
        (await store.list(PRM)).filter((s) => s.quantity !== 'apparent_power').reduce((n, s) => n + s.count, 0),
    );
  } finally {
    await store.close();
    await rm(dir, { recursive: true, force: true });
  }
});
