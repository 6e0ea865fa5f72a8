import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createClient } from '@clickhouse/client';
import { readingStoreConformance, readingStoreConformanceShuffled } from '../../ports/reading-store.case.ts';
import { CourantError } from '../../core/errors.ts';
import type { Prm } from '../../core/prm.ts';
import type { SeriesKey } from '../../core/series.ts';
import { startClickHouseCluster, type ClickHouseCluster } from '../../../test/clickhouse-cluster.ts';
import { ClickHouseReadingStore } from './clickhouse-store.ts';
import { sqlString, sqlUInt } from './clickhouse-sql.ts';

// One real 2-shard cluster for the whole file, started on first use; each store gets a database of its own.
let started: Promise<ClickHouseCluster> | undefined;
const cluster = () => (started ??= startClickHouseCluster());
after(async () => {
  if (started) await (await started).stop();
});

let n = 0;
const openOn = async (database: string) => {
  const c = await cluster();
  return ClickHouseReadingStore.open({ nodes: c.nodes.map((x) => x.url), cluster: c.cluster, database });
};
const clickhouse = {
  async create() {
    const database = `courant_t${process.pid}_${++n}`;
    return { store: await openOn(database), reopen: () => openOn(database) };
  },
};
readingStoreConformance('clickhouse (2 shards)', clickhouse);
readingStoreConformanceShuffled(
  'clickhouse (2 shards)',
  clickhouse,
  Number(process.env.COURANT_TEST_SEED ?? Math.floor(Math.random() * 2 ** 31)),
);

/** Rows of a local table on each shard, through that shard's own HTTP port. */
async function perShard(database: string, where = '1'): Promise<number[]> {
  const c = await cluster();
  return Promise.all(
    c.nodes.map(async (node) => {
      const client = createClient({ url: node.url });
      try {
        const rs = await client.query({
          query: `SELECT count() FROM ${database}.readings_local WHERE ${where}`,
          format: 'TabSeparated',
        });
        return Number((await rs.text()).trim());
      } finally {
        await client.close();
      }
    }),
  );
}

const T0 = Date.UTC(2024, 0, 1);
const key = (prm: string, register = ''): SeriesKey => ({
  prm: prm as Prm,
  quantity: 'energy',
  direction: 'consumption',
  register,
  step: 'PT30M',
  source: 'csv',
});

describe('clickhouse store on a 2-shard cluster', () => {
  let store: ClickHouseReadingStore;
  const database = 'courant_extra';
  before(async () => void (store = await openOn(database)));
  after(async () => store?.close());

  test('the cluster is two servers, and usage points spread over both shards', async () => {
    assert.equal((await cluster()).nodes.length, 2);
    const batches = Array.from({ length: 40 }, (_, i) => ({
      key: key(`0700000000${String(i).padStart(4, '0')}`),
      ts: [T0, T0 + 1_800_000],
      values: [i, i + 1],
    }));
    assert.deepEqual(await store.write(batches), { added: 80, replaced: 0 });
    const counts = await perShard(database, "prm LIKE '07%'");
    assert.equal(
      counts.reduce((a, b) => a + b, 0),
      80,
    );
    assert.ok(
      counts.every((x) => x > 0),
      `both shards hold rows: ${counts.join(', ')}`,
    );
    // one usage point lives on one shard only
    const one = await perShard(database, "prm = '07000000000003'");
    assert.deepEqual([...one].sort(), [0, 2]);
  });

  test('a register with quotes, backslashes, tabs, line breaks and NUL is stored and selected exactly', async () => {
    const nasty = `a'b\\c\td\ne\r\0f" ) OR 1 = 1 -- é😀`;
    const k = key('07100000000001', nasty);
    await store.write([{ key: k, ts: [T0], values: [42] }]);
    await store.write([{ key: key('07100000000001', 'a'), ts: [T0], values: [1] }]);
    const got = await store.read({ ...k, range: { from: T0, to: T0 + 1_800_000 } });
    assert.deepEqual([...got.values], [42]);
    const registers = (await store.list('07100000000001' as Prm)).map((s) => s.register).sort();
    assert.deepEqual(registers, ['a', nasty].sort());
  });

  test('sqlString round-trips any string through the server; sqlUInt refuses what is not an unsigned integer', async () => {
    const c = createClient({ url: (await cluster()).nodes[0]!.url });
    try {
      for (const s of [
        '',
        "'",
        "\\'",
        '\\',
        "'; DROP TABLE x; --",
        'tab\there',
        'nl\nhere',
        '\0',
        '\u2028 ü 😀',
        '\\n',
      ]) {
        const rs = await c.query({ query: `SELECT ${sqlString(s)} AS s`, format: 'JSONEachRow' });
        assert.deepEqual(await rs.json(), [{ s }], JSON.stringify(s));
      }
    } finally {
      await c.close();
    }
    for (const bad of [-1, 1.5, Number.NaN, 2 ** 60])
      assert.throws(
        () => sqlUInt(bad),
        (e: unknown) => e instanceof CourantError && e.code === 'INPUT_INVALID',
      );
  });

  test('a deletion removes the points and their tombstones from every shard', async () => {
    const P = '07200000000001';
    await store.write([{ key: key(P), ts: [T0, T0 + 1_800_000, T0 + 3_600_000], values: [1, 2, 3] }]);
    await store.write([{ key: key(P), ts: [T0], values: [9] }]); // a second version of one point
    assert.equal(await store.delete({ prm: P as Prm }), 3);
    assert.deepEqual(await perShard(database, `prm = '${P}'`), [0, 0]);
    assert.deepEqual(await store.list(P as Prm), []);
    // written again afterwards, the point is back
    assert.deepEqual(await store.write([{ key: key(P), ts: [T0], values: [5] }]), { added: 1, replaced: 0 });
    assert.deepEqual([...(await store.read({ ...key(P), range: { from: T0, to: T0 + 1 } })).values], [5]);
  });

  test('long registers (multi-byte RowBinary lengths) and non-ASCII ones are stored exactly', async () => {
    const P = '07300000000001';
    const long = 'é'.repeat(100) + 'x'.repeat(20_000);
    await store.write([{ key: key(P, long), ts: [T0], values: [0.1 + 0.2] }]);
    const [info] = await store.list(P as Prm);
    assert.equal(info!.register, long);
    assert.deepEqual([...(await store.read({ ...key(P, long), range: { from: T0, to: T0 + 1 } })).values], [0.1 + 0.2]);
  });

  test('a write the server refuses fails with STORE_WRITE_FAILED carrying the server error', async () => {
    const other = await openOn('courant_refused');
    try {
      const c = createClient({ url: (await cluster()).nodes[0]!.url });
      // reads still work through a view of the shard's table; an insert into a view is refused by the server
      await c.command({ query: 'DROP TABLE courant_refused.readings' });
      await c.command({
        query: 'CREATE VIEW courant_refused.readings AS SELECT * FROM courant_refused.readings_local',
      });
      await c.close();
      await assert.rejects(
        other.write([{ key: key('07400000000001'), ts: [T0], values: [1] }]),
        (e: unknown) =>
          e instanceof CourantError &&
          e.code === 'STORE_WRITE_FAILED' &&
          /ClickHouse answered 501: .*storage View/.test(e.message),
      );
      assert.deepEqual(await other.list(), []);
    } finally {
      await other.close();
    }
  });

  test('a correction wins over a value written by a process whose clock ran far ahead', async () => {
    const P = '07500000000001';
    const c = createClient({ url: (await cluster()).nodes[0]!.url });
    try {
      // what another hub with a clock in the far future would have written
      await c.command({
        query: `INSERT INTO ${database}.readings (prm, quantity, direction, register, step, source, ts, value, quality,
          version, deleted) VALUES ('${P}', 'energy', 'consumption', '', 'PT30M', 'csv', toDateTime(${T0 / 1000}), 7, 0,
          4611686018427387904, 0)`,
        clickhouse_settings: { insert_distributed_sync: 1 },
      });
    } finally {
      await c.close();
    }
    assert.deepEqual(await store.write([{ key: key(P), ts: [T0], values: [8] }]), { added: 0, replaced: 1 });
    assert.deepEqual([...(await store.read({ ...key(P), range: { from: T0, to: T0 + 1 } })).values], [8]);
  });

  test('an unreachable server is reported as STORE_UNAVAILABLE naming it', async () => {
    await assert.rejects(
      ClickHouseReadingStore.open({ nodes: ['http://127.0.0.1:1'], cluster: 'x', database: 'y' }),
      (e: unknown) => e instanceof CourantError && e.code === 'STORE_UNAVAILABLE' && e.message.includes('127.0.0.1:1'),
    );
  });

  test('a database name that is not a plain identifier is refused before any query', async () => {
    await assert.rejects(
      ClickHouseReadingStore.open({ nodes: ['http://127.0.0.1:1'], cluster: 'x', database: 'a; DROP' }),
      (e: unknown) => e instanceof CourantError && e.code === 'CONFIG_INVALID',
    );
  });
});
