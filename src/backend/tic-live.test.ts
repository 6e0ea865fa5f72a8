import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { configSchema } from '../config/schema.ts';
import type { Prm } from '../core/prm.ts';
import { openReadingStore } from './open-storage.ts';
import type { LivePowerEvent } from '../use-cases/live-ingest.ts';
import { startLiveSources } from './tic-live.ts';
import { startBroker } from '../../test/mqtt-broker.ts';

const FIXTURE = new URL('../../test/fixtures/tic/esciara_pyteleinfo--captured_frames.bin', import.meta.url).pathname;

test('startLiveSources from the config: historic replay with the configured PRM → store, live events, HA bridge; stop flushes', async () => {
  const broker = await startBroker();
  const dir = await mkdtemp(join(tmpdir(), 'courant-ticlive-'));
  const store = await openReadingStore({ dataDir: dir });
  try {
    const url = broker.url;
    const config = configSchema.parse({
      tic: { enabled: true, source: 'file', file: FIXTURE, pace: false, prm: '00000000000042' },
      mqtt: { enabled: true, url, baseTopic: 'courant-live' },
    });
    const events: LivePowerEvent[] = [];
    const live = await startLiveSources({ config, store, onLivePower: (e) => events.push(e) });
    await live.ingest!.start(); // the same promise startLiveSources started: it resolves when the replayed file ends
    await live.stop();
    assert.equal(events.length, 10);
    assert.ok(events.every((e) => e.prm === '00000000000042' && e.va > 0));
    assert.ok(live.bridge!.published >= 1);
    const series = await store.list('00000000000042' as Prm);
    assert.ok(series.some((s) => s.quantity === 'index' && s.register === 'BBRHCJB'));
  } finally {
    await broker.stop();
    await store.close();
    await rm(dir, { recursive: true, force: true });
  }
});
