/**
 * @module adapters/clickhouse/clickhouse-store
 * A ReadingStore on a ClickHouse cluster (`@clickhouse/client` over HTTP), for deployments that outgrow one DuckDB
 * file. Works with ClickHouse 18.16 (Debian's package) and current servers: see clickhouse-sql.ts for the SQL subset.
 *
 * Layout (docs/storage.md, "ClickHouse"): on every shard a `readings_local` ReplacingMergeTree(version), partitioned by
 * month and ordered by (usage point, series, ts); over them a `readings` Distributed table sending each usage point to
 * one shard by `cityHash64(prm)`. All versions of a point live on one shard, so `argMax(…, version)` per point is exact
 * through the Distributed table. Tables are created on each node given (no ON CLUSTER: that needs ZooKeeper).
 *
 * Deletion: a tombstone row (deleted = 1, a newer version) per deleted point hides it from every read at once; then
 * `ALTER TABLE … DELETE` mutations on each shard remove the points, then the tombstones, and the call waits for both
 * (18.16 has no `mutations_sync`: `system.mutations` is polled). The rewritten parts' old files are removed by the
 * server after its `old_parts_lifetime` (8 minutes by default).
 */
import { ClickHouseLogLevel, createClient, type ClickHouseClient } from '@clickhouse/client';
import { CourantError, isCourantError } from '../../core/errors.ts';
import { isPrm, type Prm } from '../../core/prm.ts';
import { QUANTITIES, SOURCES, type ReadingBatch, type Source } from '../../core/series.ts';
import { isStep, STEPS, stepMs, stepRank, type Step } from '../../core/step.ts';
import type {
  DeleteSelector,
  HouseholdAggregateCell,
  HouseholdAggregateQuery,
  ReadingStore,
  ResampledColumns,
  ResampleQuery,
  SeriesColumns,
  SeriesInfo,
  SeriesQuery,
  StoreCapabilities,
  WriteResult,
} from '../../ports/reading-store.ts';
import {
  AGGREGATE_SQL,
  createDistributedTable,
  createLocalTable,
  KEY,
  mergedPointsSql,
  PARIS_DAY_BUCKET,
  rangeSeconds,
  sqlIdentifier,
  sqlString,
  sqlTime,
  sqlUInt,
} from './clickhouse-sql.ts';
import { householdAggregates, type ResolvedHome } from './clickhouse-household-aggregates.ts';
import type { HttpNode } from './clickhouse-http.ts';
import { writeCall } from './clickhouse-writer.ts';

/** Merge order when a query does not name a source: measured data first, derived last (as the DuckDB store). */
const SOURCE_PRIORITY: readonly Source[] = [
  'tic',
  'enedis_api',
  'enedis_sge',
  'enedis_portal',
  'csv',
  'pulse',
  'demo',
  'derived',
];

export interface ClickHouseStoreOptions {
  /** HTTP URL of one server per shard (each gets the tables); the first one takes the queries. */
  readonly nodes: readonly string[];
  /** The cluster's name in the servers' `remote_servers`. */
  readonly cluster: string;
  /** Database holding the tables; created when absent. */
  readonly database: string;
  readonly username?: string;
  readonly password?: string;
  /** How long a deletion waits for its mutations on every shard (ms); 120 s by default. */
  readonly mutationTimeoutMs?: number;
}

const ALL_STEPS: readonly Step[] = ['raw', ...STEPS];

export class ClickHouseReadingStore implements ReadingStore {
  readonly engine = 'clickhouse';
  readonly capabilities: StoreCapabilities = {
    concurrentWriters: true,
    multiProcess: true,
    transactionalWrites: false,
    clustering: true,
    householdAggregates: true,
  };
  private closed = false;
  private lastVersion = 0n;
  /** One call at a time from this store: the added/replaced count of a write must not race with another write. */
  private queue: Promise<unknown> = Promise.resolve();

  private constructor(
    private readonly clients: readonly ClickHouseClient[],
    /** The first node, for inserts in RowBinary (clickhouse-http.ts). */
    private readonly insertNode: HttpNode,
    private readonly db: string,
    private readonly cluster: string,
    private readonly mutationTimeoutMs: number,
  ) {}

  /** Connects to every node and creates the database and tables where absent. */
  static async open(opts: ClickHouseStoreOptions): Promise<ClickHouseReadingStore> {
    const db = sqlIdentifier(opts.database);
    const cluster = sqlIdentifier(opts.cluster);
    if (opts.nodes.length === 0) throw new CourantError('CONFIG_INVALID', 'ClickHouse: no node given');
    const clients = opts.nodes.map((url) =>
      createClient({
        url,
        username: opts.username ?? 'default',
        password: opts.password ?? '',
        request_timeout: 300_000,
        // the client warns on every long request_timeout, which is harmless here
        log: { level: ClickHouseLogLevel.OFF },
      }),
    );
    try {
      for (const [i, c] of clients.entries()) {
        await c.command({ query: `CREATE DATABASE IF NOT EXISTS ${db}` }).catch((cause: unknown) => {
          throw new CourantError('STORE_UNAVAILABLE', `ClickHouse at ${opts.nodes[i]}: ${(cause as Error).message}`, {
            cause,
          });
        });
        await c.command({ query: createLocalTable(db) });
        await c.command({ query: createDistributedTable(db, cluster) });
      }
    } catch (e) {
      await Promise.all(clients.map((c) => c.close()));
      if (isCourantError(e)) throw e;
      throw new CourantError('STORE_UNAVAILABLE', `ClickHouse: ${(e as Error).message}`, { cause: e });
    }
    const insertNode = { url: opts.nodes[0]!, username: opts.username ?? 'default', password: opts.password ?? '' };
    return new ClickHouseReadingStore(clients, insertNode, db, cluster, opts.mutationTimeoutMs ?? 120_000);
  }

  private get client(): ClickHouseClient {
    return this.clients[0]!;
  }

  private check(): void {
    if (this.closed) throw new CourantError('STORE_CLOSED', 'the reading store is closed');
  }

  /** Runs calls one after another; a failure does not stop the next one. */
  private serial<T>(f: () => Promise<T>): Promise<T> {
    const run = this.queue.then(f, f);
    this.queue = run.catch(() => undefined);
    return run;
  }

  /**
   * A version above every earlier one of this process and at least `atLeast` (microseconds of the clock, bumped when
   * it does not move): a write reads the versions of the points it replaces and passes the next one, so a correction
   * wins even over a value written by a process whose clock ran ahead, or before this clock was set back.
   */
  private nextVersion(atLeast = 0n): bigint {
    const now = BigInt(Date.now()) * 1000n;
    let v = now > this.lastVersion ? now : this.lastVersion + 1n;
    if (v < atLeast) v = atLeast;
    this.lastVersion = v;
    return v;
  }

  async write(batches: Iterable<ReadingBatch> | AsyncIterable<ReadingBatch>): Promise<WriteResult> {
    this.check();
    return this.serial(async () => {
      try {
        return (await writeCall(this.client, this.insertNode, this.db, batches, (atLeast) => this.nextVersion(atLeast)))
          .result;
      } catch (cause) {
        if (isCourantError(cause)) throw cause;
        throw new CourantError(
          'STORE_WRITE_FAILED',
          `ClickHouse write failed; part of it may be stored, and writing it again is safe: ${(cause as Error).message}`,
          { cause },
        );
      }
    });
  }

  private async text(query: string): Promise<string[][]> {
    try {
      const rs = await this.client.query({ query, format: 'TabSeparated' });
      const body = await rs.text();
      return body === ''
        ? []
        : body
            .replace(/\n$/, '')
            .split('\n')
            .map((l) => l.split('\t'));
    } catch (cause) {
      throw new CourantError('STORE_UNAVAILABLE', `ClickHouse query failed: ${(cause as Error).message}`, { cause });
    }
  }

  private async json<T>(query: string): Promise<T[]> {
    try {
      return await (await this.client.query({ query, format: 'JSONEachRow' })).json<T>();
    } catch (cause) {
      throw new CourantError('STORE_UNAVAILABLE', `ClickHouse query failed: ${(cause as Error).message}`, { cause });
    }
  }

  /** The series condition of a query, without the source (merged by `mergedPointsSql`). */
  private seriesWhere(q: SeriesQuery): string {
    if (!isPrm(q.prm)) throw new CourantError('INPUT_INVALID_PRM', `${JSON.stringify(q.prm)} is not a 14-digit PRM`);
    if (!(q.quantity in QUANTITIES) || !isStep(q.step))
      throw new CourantError('INPUT_INVALID', `unknown series ${q.quantity}/${q.step}`);
    return (
      `prm = ${sqlString(q.prm)} AND quantity = ${sqlString(q.quantity)} AND direction = ${sqlString(q.direction)}` +
      ` AND register = ${sqlString(q.register ?? '')} AND step = ${sqlString(q.step)}`
    );
  }

  private pointsSql(q: SeriesQuery): string {
    const [from, to] = rangeSeconds(q.range);
    return mergedPointsSql(this.db, this.seriesWhere(q), q.source ? [q.source] : SOURCE_PRIORITY, from, to);
  }

  async read(q: SeriesQuery): Promise<SeriesColumns> {
    this.check();
    const rows = await this.text(`SELECT t, v, q FROM (${this.pointsSql(q)}) ORDER BY t`);
    const n = rows.length;
    const out = { ts: new Float64Array(n), values: new Float64Array(n), quality: new Uint8Array(n) };
    rows.forEach((r, i) => {
      out.ts[i] = Number(r[0]) * 1000;
      out.values[i] = Number(r[1]);
      out.quality[i] = Number(r[2]);
    });
    return out;
  }

  async resample(q: ResampleQuery): Promise<ResampledColumns> {
    this.check();
    let bucket: string;
    if (q.to === 'P1D') bucket = PARIS_DAY_BUCKET;
    else {
      const ms = typeof q.to === 'string' ? stepMs(q.to) : q.to.bucketMs;
      if (!Number.isFinite(ms) || ms < 1000)
        throw new CourantError('INPUT_INVALID', `resample: bucket of ${ms} ms is too small (minimum 1 s)`);
      const s = sqlUInt(Math.round(ms / 1000));
      bucket = `intDiv(t, ${s}) * ${s}`;
    }
    const agg = AGGREGATE_SQL[QUANTITIES[q.quantity].aggregate];
    const rows = await this.text(
      `SELECT ${bucket} AS b, ${agg}, min(v), max(v), count() FROM (${this.pointsSql(q)}) GROUP BY b ORDER BY b`,
    );
    const n = rows.length;
    const out = {
      ts: new Float64Array(n),
      values: new Float64Array(n),
      min: new Float64Array(n),
      max: new Float64Array(n),
      count: new Uint32Array(n),
    };
    rows.forEach((r, i) => {
      out.ts[i] = Number(r[0]) * 1000;
      out.values[i] = Number(r[1]);
      out.min[i] = Number(r[2]);
      out.max[i] = Number(r[3]);
      out.count[i] = Number(r[4]);
    });
    return out;
  }

  async list(prm?: Prm): Promise<SeriesInfo[]> {
    this.check();
    if (prm !== undefined && !isPrm(prm))
      throw new CourantError('INPUT_INVALID_PRM', `${JSON.stringify(prm)} is not a 14-digit PRM`);
    return this.listWhere(prm === undefined ? '' : `WHERE prm = ${sqlString(prm)}`);
  }

  /** What is held for the series a condition selects, each with its live points' count, first and last. */
  private async listWhere(where: string): Promise<SeriesInfo[]> {
    type Row = Record<'prm' | 'quantity' | 'direction' | 'register' | 'step' | 'source', string> & {
      n: string | number;
      lo: string | number;
      hi: string | number;
    };
    const rows = await this.json<Row>(
      `SELECT ${KEY}, count() AS n, min(t) AS lo, max(t) AS hi FROM (
         SELECT ${KEY}, toUInt32(ts) AS t FROM ${this.db}.readings ${where}
         GROUP BY ${KEY}, ts HAVING argMax(deleted, version) = 0
       ) GROUP BY ${KEY} ORDER BY prm, direction, quantity, register, step, source`,
    );
    return rows
      .filter((r) => isPrm(r.prm) && isStep(r.step) && (SOURCES as readonly string[]).includes(r.source))
      .map((r) => ({
        prm: r.prm as Prm,
        quantity: r.quantity as SeriesInfo['quantity'],
        direction: r.direction as SeriesInfo['direction'],
        register: r.register,
        step: r.step as Step,
        source: r.source as Source,
        unit: QUANTITIES[r.quantity as SeriesInfo['quantity']].unit,
        count: Number(r.n),
        first: Number(r.lo) * 1000,
        last: Number(r.hi) * 1000,
      }))
      .sort((a, b) => a.prm.localeCompare(b.prm) || stepRank(a.step) - stepRank(b.step));
  }

  /**
   * Each home is read from one series: energy consumption, total register, at the finest step held among PT30M, PT1H
   * and P1D (P1D for the day family only) with data in the period, from the preferred source (SOURCE_PRIORITY).
   */
  async householdAggregates(q: HouseholdAggregateQuery): Promise<HouseholdAggregateCell[]> {
    this.check();
    const steps: readonly Step[] = q.bucket === 'hour-of-day' ? ['PT30M', 'PT1H'] : ['PT30M', 'PT1H', 'P1D'];
    const seen = new Set<string>();
    for (const home of q.homes) {
      if (!isPrm(home.prm))
        throw new CourantError('INPUT_INVALID_PRM', `${JSON.stringify(home.prm)} is not a 14-digit PRM`);
      if (seen.has(home.prm))
        throw new CourantError('STATS_INVALID', `household aggregate: usage point ${home.prm} is listed twice`);
      seen.add(home.prm);
    }
    const held = new Map<string, SeriesInfo[]>();
    const prms = [...seen];
    for (let i = 0; i < prms.length; i += 1000) {
      const some = prms.slice(i, i + 1000).map(sqlString);
      const where = `WHERE prm IN (${some.join(', ')}) AND quantity = 'energy' AND direction = 'consumption'
        AND register = '' AND step IN (${steps.map(sqlString).join(', ')})`;
      for (const s of await this.listWhere(where)) held.set(s.prm, [...(held.get(s.prm) ?? []), s]);
    }
    const resolved: ResolvedHome[] = [];
    for (const home of q.homes) {
      const from = Math.max(q.range.from, home.from);
      let best: SeriesInfo | undefined;
      for (const s of held.get(home.prm) ?? []) {
        if (s.last < from || s.first >= q.range.to) continue;
        if (
          !best ||
          stepRank(s.step) < stepRank(best.step) ||
          (s.step === best.step && SOURCE_PRIORITY.indexOf(s.source) < SOURCE_PRIORITY.indexOf(best.source))
        )
          best = s;
      }
      if (best && best.step !== 'raw')
        resolved.push({
          prm: home.prm,
          area: home.area,
          from: home.from,
          step: best.step,
          source: best.source,
          stepSeconds: stepMs(best.step) / 1000,
        });
    }
    try {
      return await householdAggregates(this.client, this.db, q, resolved);
    } catch (cause) {
      if (isCourantError(cause)) throw cause;
      throw new CourantError('STORE_UNAVAILABLE', `ClickHouse query failed: ${(cause as Error).message}`, { cause });
    }
  }

  async usagePoints(): Promise<Prm[]> {
    this.check();
    return [...new Set((await this.list()).map((s) => s.prm))];
  }

  async delete(sel: DeleteSelector): Promise<number> {
    this.check();
    if (!isPrm(sel.prm))
      throw new CourantError('INPUT_INVALID_PRM', `${JSON.stringify(sel.prm)} is not a 14-digit PRM`);
    const steps = ALL_STEPS.filter(
      (s) => (!sel.steps || sel.steps.includes(s)) && (!sel.finerThan || stepRank(s) < stepRank(sel.finerThan)),
    );
    if (steps.length === 0) return 0;
    let where = `prm = ${sqlString(sel.prm)}`;
    if (steps.length < ALL_STEPS.length) where += ` AND step IN (${steps.map(sqlString).join(', ')})`;
    if (sel.range) {
      const [from, to] = rangeSeconds(sel.range);
      where += ` AND ts >= ${sqlTime(from)} AND ts < ${sqlTime(to)}`;
    }
    return this.serial(async () => {
      const live = `SELECT ${KEY}, ts FROM ${this.db}.readings WHERE ${where}
        GROUP BY ${KEY}, ts HAVING argMax(deleted, version) = 0`;
      const n = Number((await this.text(`SELECT count() FROM (${live})`))[0]?.[0] ?? 0);
      if (n === 0) return 0;
      const v = this.nextVersion();
      try {
        // the tombstones: from here on, no read sees the deleted points
        await this.client.command({
          query: `INSERT INTO ${this.db}.readings (${KEY}, ts, value, quality, version, deleted)
            SELECT ${KEY}, ts, toFloat64(0), toUInt8(0), toUInt64(${v}), toUInt8(1) FROM (${live})`,
          clickhouse_settings: { insert_distributed_sync: 1 },
        });
        // then the points themselves (older than the tombstones: a newer write by another process stays), then the
        // tombstones, which would otherwise keep the deleted instants
        await this.mutate(`${where} AND deleted = 0 AND version < ${v}`);
        await this.mutate(`${where} AND deleted = 1 AND version = ${v}`);
      } catch (cause) {
        if (isCourantError(cause)) throw cause;
        throw new CourantError('STORE_WRITE_FAILED', `ClickHouse delete failed: ${(cause as Error).message}`, {
          cause,
        });
      }
      return n;
    });
  }

  /** Runs a DELETE mutation on every shard's local table and waits until every shard has applied it. */
  private async mutate(where: string): Promise<void> {
    for (const c of this.clients)
      await c.command({ query: `ALTER TABLE ${this.db}.readings_local DELETE WHERE ${where}` });
    const t0 = Date.now();
    for (const c of this.clients) {
      for (;;) {
        const rs = await c.query({
          query: `SELECT count() FROM system.mutations WHERE database = ${sqlString(this.db)}
            AND table = 'readings_local' AND is_done = 0`,
          format: 'TabSeparated',
        });
        if (Number((await rs.text()).trim()) === 0) break;
        if (Date.now() - t0 > this.mutationTimeoutMs)
          throw new CourantError(
            'STORE_WRITE_FAILED',
            `ClickHouse: a deletion is still being applied after ${this.mutationTimeoutMs} ms; the deleted points are ` +
              'already hidden from every read',
          );
        await new Promise((r) => setTimeout(r, 50));
      }
    }
  }

  /** Merges each shard's parts (OPTIMIZE FINAL): one version per point, fewer parts, data in key order. */
  async compact(): Promise<void> {
    this.check();
    await this.serial(async () => {
      for (const c of this.clients) await c.command({ query: `OPTIMIZE TABLE ${this.db}.readings_local FINAL` });
    });
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.queue;
    await Promise.all(this.clients.map((c) => c.close()));
  }

  /** The cluster's name, as the Distributed table uses it. */
  get clusterName(): string {
    return this.cluster;
  }
}
