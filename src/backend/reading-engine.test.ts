// `storage.engine: clickhouse` in the composition root, against a real 2-shard ClickHouse cluster
// (test/clickhouse-cluster.ts): readings live on the cluster, the other repositories stay in the DuckDB file; a missing
// address is a configuration error, an unreachable one stops the start with STORE_UNAVAILABLE naming the setting;
// closing the backend closes the DuckDB file too.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '../config/load.ts';
import { isCourantError } from '../core/errors.ts';
import type { Prm } from '../core/prm.ts';
import { startClickHouseCluster } from '../../test/clickhouse-cluster.ts';
import { openBackend } from './open-backend.ts';
import { openStorage } from './open-storage.ts';

const cluster = await startClickHouseCluster();
after(() => cluster.stop());

const P = '99999999999941' as Prm;

function configFor(dataDir: string, env: Record<string, string>) {
  return loadConfig({ env, cwd: dataDir, overrides: { dataDir, demo: { enabled: false } } }).config;
}

test('storage.engine clickhouse without addresses is refused by the configuration, naming the setting', () => {
  assert.throws(
    () => loadConfig({ env: { COURANT_STORAGE_ENGINE: 'clickhouse' }, cwd: tmpdir() }),
    (e) => isCourantError(e) && e.code === 'CONFIG_INVALID' && /storage\.clickhouseUrls/.test(e.message),
  );
  assert.throws(
    () =>
      loadConfig({
        env: { COURANT_STORAGE_CLICKHOUSE_URLS: 'ftp://x', COURANT_STORAGE_CLICKHOUSE_CLUSTER: 'c' },
        cwd: tmpdir(),
      }),
    (e) => isCourantError(e) && e.code === 'CONFIG_INVALID' && /storage\.clickhouseUrls/.test(e.message),
  );
  assert.equal(loadConfig({ env: {}, cwd: tmpdir() }).config.storage.engine, 'duckdb', 'DuckDB by default');
});

test('on clickhouse, readings live on the cluster and the profiles in the DuckDB file; close closes both', async () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'courant-reading-engine-'));
  try {
    const config = configFor(dataDir, {
      COURANT_STORAGE_ENGINE: 'clickhouse',
      COURANT_STORAGE_CLICKHOUSE_URLS: cluster.nodes.map((n) => n.url).join(','),
      COURANT_STORAGE_CLICKHOUSE_CLUSTER: cluster.cluster,
      COURANT_STORAGE_CLICKHOUSE_DATABASE: 'courant_backend',
    });
    const backend = await openBackend(config);
    const key = {
      prm: P,
      quantity: 'energy',
      direction: 'consumption',
      register: '',
      step: 'PT30M',
      source: 'csv',
    } as const;
    const T0 = Date.UTC(2026, 0, 1);
    await backend.readings.write([{ key, ts: [T0, T0 + 1_800_000], values: [1, 2] }]);
    await backend.profiles.setArea(P, 'commune', '92071', T0);
    assert.equal(backend.readings.capabilities.transactionalWrites, false);
    await backend.close();
    // the readings are on the cluster
    const r = await fetch(`${cluster.nodes[0]!.url}/`, {
      method: 'POST',
      body: `SELECT count() FROM courant_backend.readings WHERE prm = '${P}'`,
    });
    assert.equal((await r.text()).trim(), '2');
    // the DuckDB file was closed with the backend (it opens again), holds the profile and no reading
    const duck = await openStorage({ dataDir, threads: 1 });
    try {
      assert.deepEqual(
        (await (await duck.repositories.profiles()).areas()).map((a) => a.prm),
        [P],
      );
      assert.deepEqual(await duck.store.list(), []);
    } finally {
      await duck.store.close();
    }
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
});

test('an unreachable cluster stops the start with STORE_UNAVAILABLE naming storage.clickhouseUrls', async () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'courant-reading-engine-'));
  try {
    const config = configFor(dataDir, {
      COURANT_STORAGE_ENGINE: 'clickhouse',
      COURANT_STORAGE_CLICKHOUSE_URLS: 'http://127.0.0.1:1',
      COURANT_STORAGE_CLICKHOUSE_CLUSTER: 'c',
    });
    await assert.rejects(
      openBackend(config),
      (e) =>
        isCourantError(e) &&
        e.code === 'STORE_UNAVAILABLE' &&
        /^storage\.clickhouseUrls \(COURANT_STORAGE_CLICKHOUSE_URLS\): .*127\.0\.0\.1:1/.test(e.message),
    );
    // nothing was left open: the DuckDB file opens again
    const duck = await openStorage({ dataDir, threads: 1 });
    await duck.store.close();
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
});
