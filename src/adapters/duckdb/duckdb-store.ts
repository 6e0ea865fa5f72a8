/**
 * @module adapters/duckdb/duckdb-store
 * The embedded default ReadingStore, on DuckDB (`@duckdb/node-api`).
 *
 * Writes: batches are appended with the DataChunk appender (2,048 rows per chunk) into a temp staging table, then
 * one transaction replaces existing points (same series, same ts) and inserts the staging rows sorted by
 * (series_id, ts). A failure rolls the transaction back: nothing from the call is stored.
 */
import type { DuckDBConnection } from '@duckdb/node-api';
import { CourantError } from '../../core/errors.ts';
import { isPrm, type Prm } from '../../core/prm.ts';
import { QUANTITIES, SOURCES, type ReadingBatch, type SeriesKey, type Source } from '../../core/series.ts';
import { isStep, stepMs, stepRank, type Step } from '../../core/step.ts';
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
import { AGGREGATE_SQL, PARIS_DAY_BUCKET } from './duckdb-sql.ts';
import { keyString, recount, writeTransaction, type SeriesCatalog } from './duckdb-writer.ts';
import type { DuckDbDatabase } from './duckdb-database.ts';
import { householdAggregates, type ResolvedHome } from './duckdb-household-aggregates.ts';
import { Mutex } from './mutex.ts';

/** Merge order when a query does not name a source: measured data first, derived last. */
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

export class DuckDbReadingStore implements ReadingStore {
  readonly engine = 'duckdb';
  readonly capabilities: StoreCapabilities = {
    concurrentWriters: false,
    multiProcess: false,
    transactionalWrites: true,
    clustering: true,
    householdAggregates: true,
  };
  /** Series ids and last timestamps, loaded at open; ids are allocated here (one writer per database). */
  private readonly catalog: SeriesCatalog = { ids: new Map(), lastTs: new Map(), nextId: 1 };
  /** What `list()` answers, per usage point; rebuilt from `series` on the first list after a write, delete or
   * compaction.
   */
  private held: Map<Prm, SeriesInfo[]> | null = null;
  /** Bumped at every invalidation, so a load that raced with a write is not cached. */
  private heldGeneration = 0;
  private get seriesIds(): Map<string, number> {
    return this.catalog.ids;
  }
  private readonly mutex = new Mutex();
  private closed = false;

  private constructor(
    private readonly db: DuckDbDatabase,
    private readonly conn: DuckDBConnection,
  ) {}

  static async create(db: DuckDbDatabase): Promise<DuckDbReadingStore> {
    const conn = await db.connect(); // tables created by the schema migrations when the database opened
    const store = new DuckDbReadingStore(db, conn);
    await store.loadSeriesIds();
    return store;
  }

  private async loadSeriesIds(): Promise<void> {
    const rows = (
      await this.conn.runAndReadAll('SELECT id, prm, quantity, direction, register, step, source, last_ts FROM series')
    ).getRowObjectsJS();
    const cat = this.catalog;
    cat.ids.clear();
    cat.lastTs.clear();
    cat.nextId = 1;
    for (const r of rows) {
      const id = Number(r.id);
      cat.ids.set(keyString(r as unknown as SeriesKey), id);
      if (r.last_ts !== null) cat.lastTs.set(id, Number(r.last_ts) * 1000);
      cat.nextId = Math.max(cat.nextId, id + 1);
    }
  }

  private check(): void {
    if (this.closed) throw new CourantError('STORE_CLOSED', 'the reading store is closed');
  }

  async write(batches: Iterable<ReadingBatch> | AsyncIterable<ReadingBatch>): Promise<WriteResult> {
    this.check();
    return this.mutex.run(() => this.writeLocked(batches));
  }

  private async writeLocked(batches: Iterable<ReadingBatch> | AsyncIterable<ReadingBatch>): Promise<WriteResult> {
    try {
      return await writeTransaction(this.conn, this.catalog, batches);
    } finally {
      this.invalidateHeld();
    }
  }

  /** Series ids matching a query, in source priority order. */
  private matchingSeries(q: SeriesQuery): { id: number; source: Source }[] {
    const out: { id: number; source: Source }[] = [];
    for (const src of q.source ? [q.source] : SOURCE_PRIORITY) {
      const id = this.seriesIds.get(
        keyString({
          prm: q.prm,
          quantity: q.quantity,
          direction: q.direction,
          register: q.register ?? '',
          step: q.step,
          source: src,
        }),
      );
      if (id !== undefined) out.push({ id, source: src });
    }
    return out;
  }

  private rangeSql(q: SeriesQuery): [number, number] {
    return [Math.max(0, Math.floor(q.range.from / 1000)), Math.min(0xffffffff, Math.ceil(q.range.to / 1000))];
  }

  async read(q: SeriesQuery): Promise<SeriesColumns> {
    this.check();
    const ids = this.matchingSeries(q);
    if (ids.length === 0) return { ts: new Float64Array(0), values: new Float64Array(0), quality: new Uint8Array(0) };
    const [from, to] = this.rangeSql(q);
    const sql = `SELECT ts, value, quality FROM (${mergedSourcesSql(ids.map((s) => s.id))}) ORDER BY ts`;
    const cols = await this.columns(sql, [from, to], 3);
    return { ts: cols[0]!, values: cols[1]!, quality: Uint8Array.from(cols[2]!) };
  }

  async resample(q: ResampleQuery): Promise<ResampledColumns> {
    this.check();
    const ids = this.matchingSeries(q);
    if (ids.length === 0)
      return {
        ts: new Float64Array(0),
        values: new Float64Array(0),
        min: new Float64Array(0),
        max: new Float64Array(0),
        count: new Uint32Array(0),
      };
    const [from, to] = this.rangeSql(q);
    let bucket: string;
    if (typeof q.to === 'string' && q.to === 'P1D') bucket = PARIS_DAY_BUCKET;
    else {
      const ms = typeof q.to === 'string' ? stepMs(q.to) : q.to.bucketMs;
      if (!Number.isFinite(ms) || ms < 1000)
        throw new CourantError('INPUT_INVALID', `resample: bucket of ${ms} ms is too small (minimum 1 s)`);
      const s = Math.round(ms / 1000);
      bucket = `(ts // ${s}) * ${s}`;
    }
    const agg = AGGREGATE_SQL[QUANTITIES[q.quantity].aggregate];
    const src = mergedSourcesSql(ids.map((s) => s.id));
    const sql = `SELECT ${bucket} AS b, ${agg} AS v, min(value), max(value), count(*) FROM (${src}) GROUP BY b ORDER BY b`;
    const cols = await this.columns(sql, [from, to], 5);
    return { ts: cols[0]!, values: cols[1]!, min: cols[2]!, max: cols[3]!, count: Uint32Array.from(cols[4]!) };
  }

  /** Runs a query and returns its columns as Float64Arrays; the first column (seconds) is converted to ms. */
  private async columns(sql: string, params: number[], n: number): Promise<Float64Array[]> {
    const result = await this.conn.run(sql, params);
    let cap = 4096;
    let len = 0;
    let cols = Array.from({ length: n }, () => new Float64Array(cap));
    for (;;) {
      const chunk = await result.fetchChunk();
      if (!chunk || chunk.rowCount === 0) break;
      const rows = chunk.rowCount;
      if (len + rows > cap) {
        while (len + rows > cap) cap *= 2;
        cols = cols.map((c) => {
          const g = new Float64Array(cap);
          g.set(c.subarray(0, len));
          return g;
        });
      }
      for (let c = 0; c < n; c++) {
        const vec = chunk.getColumnVector(c);
        const out = cols[c]!;
        const scale = c === 0 ? 1000 : 1;
        for (let i = 0; i < rows; i++) out[len + i] = Number(vec.getItem(i) as number | bigint) * scale;
      }
      len += rows;
    }
    return cols.map((c) => c.slice(0, len));
  }

  async list(prm?: Prm): Promise<SeriesInfo[]> {
    this.check();
    const held = await this.heldNow();
    return prm ? [...(held.get(prm) ?? [])] : [...held.values()].flat();
  }

  private invalidateHeld(): void {
    this.held = null;
    this.heldGeneration++;
  }

  private async heldNow(): Promise<Map<Prm, SeriesInfo[]>> {
    if (this.held) return this.held;
    const gen = this.heldGeneration;
    const loaded = await this.loadHeld();
    if (gen === this.heldGeneration) this.held = loaded;
    return loaded;
  }

  /** Every series with data, grouped by usage point and sorted (usage point, then step). */
  private async loadHeld(): Promise<Map<Prm, SeriesInfo[]>> {
    const rows = (
      await this.conn.runAndReadAll(
        `SELECT prm, quantity, direction, register, step, source, count, first_ts, last_ts FROM series WHERE count > 0
         ORDER BY prm, direction, quantity, register, step, source`,
      )
    ).getRowObjectsJS();
    const infos = rows
      .filter((r) => isPrm(r.prm) && isStep(r.step) && (SOURCES as readonly string[]).includes(String(r.source)))
      .map((r) => ({
        prm: r.prm as Prm,
        quantity: r.quantity as SeriesInfo['quantity'],
        direction: r.direction as SeriesInfo['direction'],
        register: String(r.register),
        step: r.step as Step,
        source: r.source as Source,
        unit: QUANTITIES[r.quantity as SeriesInfo['quantity']].unit,
        count: Number(r.count),
        first: Number(r.first_ts) * 1000,
        last: Number(r.last_ts) * 1000,
      }))
      .sort((a, b) => a.prm.localeCompare(b.prm) || stepRank(a.step) - stepRank(b.step));
    const byPrm = new Map<Prm, SeriesInfo[]>();
    for (const i of infos) {
      const list = byPrm.get(i.prm);
      if (list) list.push(i);
      else byPrm.set(i.prm, [i]);
    }
    return byPrm;
  }

  async usagePoints(): Promise<Prm[]> {
    this.check();
    return [...(await this.heldNow()).keys()];
  }

  async delete(sel: DeleteSelector): Promise<number> {
    this.check();
    return this.mutex.run(async () => {
      const ids: number[] = [];
      for (const [ks, id] of this.seriesIds) {
        const [prm, , , , step] = ks.split('|') as [string, string, string, string, Step];
        if (prm !== sel.prm) continue;
        if (sel.steps && !sel.steps.includes(step)) continue;
        if (sel.finerThan && !(stepRank(step) < stepRank(sel.finerThan))) continue;
        ids.push(id);
      }
      if (ids.length === 0) return 0;
      const c = this.conn;
      await c.run('BEGIN TRANSACTION');
      try {
        let where = `series_id IN (${ids.join(',')})`;
        const params: number[] = [];
        if (sel.range) {
          where += ' AND ts >= $1 AND ts < $2';
          params.push(
            Math.max(0, Math.floor(sel.range.from / 1000)),
            Math.min(0xffffffff, Math.ceil(sel.range.to / 1000)),
          );
        }
        const r = await c.run(`DELETE FROM readings WHERE ${where}`, params);
        await recount(c, ids);
        // a series with nothing left is forgotten entirely, so nothing shows that the usage point was ever held
        await c.run(`DELETE FROM series WHERE count = 0 AND id IN (${ids.join(',')})`);
        await c.run('COMMIT');
        await this.loadSeriesIds();
        this.invalidateHeld();
        return Number(r.rowsChanged);
      } catch (cause) {
        await c.run('ROLLBACK').catch(() => undefined);
        throw new CourantError('STORE_WRITE_FAILED', `delete failed and was rolled back: ${(cause as Error).message}`, {
          cause,
        });
      }
    });
  }

  /**
   * Each home is read from one series: energy consumption, total register, at the finest step held among PT30M, PT1H
   * and P1D (P1D for the day family only) with data in the period, from the preferred source (SOURCE_PRIORITY).
   */
  async householdAggregates(q: HouseholdAggregateQuery): Promise<HouseholdAggregateCell[]> {
    this.check();
    const held = await this.heldNow();
    const steps: readonly Step[] = q.bucket === 'hour-of-day' ? ['PT30M', 'PT1H'] : ['PT30M', 'PT1H', 'P1D'];
    const resolved: ResolvedHome[] = [];
    const seen = new Set<string>();
    for (const home of q.homes) {
      if (seen.has(home.prm))
        throw new CourantError('STATS_INVALID', `household aggregate: usage point ${home.prm} is listed twice`);
      seen.add(home.prm);
      const from = Math.max(q.range.from, home.from);
      let best: SeriesInfo | undefined;
      for (const s of held.get(home.prm) ?? []) {
        if (s.quantity !== 'energy' || s.direction !== 'consumption' || s.register !== '') continue;
        if (!steps.includes(s.step) || s.last < from || s.first >= q.range.to) continue;
        if (
          !best ||
          stepRank(s.step) < stepRank(best.step) ||
          (s.step === best.step && SOURCE_PRIORITY.indexOf(s.source) < SOURCE_PRIORITY.indexOf(best.source))
        )
          best = s;
      }
      const id = best && this.seriesIds.get(keyString(best));
      if (best && id !== undefined && best.step !== 'raw')
        resolved.push({ home, seriesId: id, stepSeconds: stepMs(best.step) / 1000 });
    }
    return householdAggregates(this.conn, q, resolved);
  }

  async compact(): Promise<void> {
    this.check();
    await this.mutex.run(async () => {
      const c = this.conn;
      await c.run('BEGIN TRANSACTION');
      try {
        // `readings` as the current schema defines it (migrations/); a migration that changes it changes this too
        await c.run(
          'CREATE TABLE readings_compact (series_id UINTEGER NOT NULL, ts UINTEGER NOT NULL, value DOUBLE NOT NULL, quality UTINYINT NOT NULL)',
        );
        await c.run('INSERT INTO readings_compact SELECT * FROM readings ORDER BY series_id, ts');
        await c.run('DROP TABLE readings');
        await c.run('ALTER TABLE readings_compact RENAME TO readings');
        await c.run('COMMIT');
      } catch (cause) {
        await c.run('ROLLBACK').catch(() => undefined);
        throw new CourantError(
          'STORE_WRITE_FAILED',
          `compaction failed and was rolled back: ${(cause as Error).message}`,
          { cause },
        );
      }
      await c.run('CHECKPOINT');
    });
  }

  async close(): Promise<void> {
    if (this.closed) return;
    await this.mutex.run(async () => {
      this.closed = true;
      await this.conn.run('CHECKPOINT').catch(() => undefined);
    });
    await this.db.close();
  }
}

/**
 * Points of several series over [$1, $2) (seconds) merged per instant: for each ts the series listed first wins.
 * One series is a plain filtered scan, which zone maps prune to its row groups.
 */
function mergedSourcesSql(ids: readonly number[]): string {
  if (ids.length === 1)
    return `SELECT ts, value, quality FROM readings WHERE series_id = ${ids[0]} AND ts >= $1 AND ts < $2`;
  const rank = ids.map((id, i) => `WHEN ${id} THEN ${i}`).join(' ');
  return `SELECT ts, arg_min(value, p) AS value, arg_min(quality, p) AS quality FROM (
    SELECT ts, value, quality, CASE series_id ${rank} END AS p FROM readings WHERE series_id IN (${ids.join(',')}) AND ts >= $1 AND ts < $2) GROUP BY ts`;
}
