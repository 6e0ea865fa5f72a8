import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { createServer } from 'node:net';
import { startClickHouseCluster } from './clickhouse-cluster.ts';

test('two servers answer as the two shards of one cluster, and stopping removes them and their directory', async () => {
  const c = await startClickHouseCluster();
  const dirs = c.nodes.map((n) => n.dir);
  try {
    assert.equal(c.nodes.length, 2);
    for (const node of c.nodes) {
      const r = await fetch(`${node.url}/`, {
        method: 'POST',
        body: `SELECT count() FROM system.clusters WHERE cluster = '${c.cluster}'`,
      });
      assert.equal((await r.text()).trim(), '2', 'each server sees both shards');
    }
  } finally {
    await c.stop();
  }
  assert.ok(dirs.every((d) => !existsSync(d)));
  await assert.rejects(fetch(`${c.nodes[0]!.url}/ping`));
});

test('a server that cannot start fails the suite with its own log', async () => {
  const blocker = createServer().listen(0, '127.0.0.1');
  await new Promise((r) => blocker.once('listening', r));
  const port = (blocker.address() as { port: number }).port;
  try {
    await assert.rejects(startClickHouseCluster({ firstHttpPort: port }), (e: unknown) => {
      const m = (e as Error).message;
      return /shard 1/.test(m) && /log/.test(m) && /Address already in use|bind|listen/i.test(m);
    });
  } finally {
    blocker.close();
  }
});
