/**
 * @module adapters/duckdb/duckdb-writer
 * The write path of the DuckDB reading store: one transaction per `write()` call.
 *
 * Two routes inside the transaction:
 * - **append**: a batch whose timestamps strictly increase and all lie after everything held (or written earlier in
 *   this call) for its series cannot replace anything. These go straight into `readings` through the DataChunk
 *   appender, in windows of about 1 M points sorted by series so each window is clustered by usage point.
 * - **merge**: any other batch (re-imports, corrections, out-of-order data) goes to a temp staging table, then
 *   replaces existing points (same series, same ts; the last occurrence in the call wins) and is inserted sorted.
 * The appender takes part in the connection's transaction, so a ROLLBACK removes both routes' rows.
 */
import {
  DuckDBDataChunk,
  DOUBLE,
  UINTEGER,
  UTINYINT,
  type DuckDBAppender,
  type DuckDBConnection,
} from '@duckdb/node-api';
import { CourantError, isCourantError } from '../../core/errors.ts';
import { validateBatch } from '../../core/reading-batch.ts';
import { QUALITY, type ReadingBatch, type SeriesKey } from '../../core/series.ts';
import type { WriteResult } from '../../ports/reading-store.ts';
import { CREATE_STAGING, STAGING_TABLE } from './duckdb-sql.ts';

const CHUNK = 2048;
const WINDOW_POINTS = 1 << 20;

export const keyString = (k: SeriesKey) => `${k.prm}|${k.quantity}|${k.direction}|${k.register}|${k.step}|${k.source}`;

/** What the writer needs to know about held series; owned by the store, updated only after COMMIT. */
export interface SeriesCatalog {
  readonly ids: Map<string, number>;
  /** Last held interval start per series id (ms). */
  readonly lastTs: Map<number, number>;
  nextId: number;
}

type Vec = { setItem(i: number, v: number): void; flush(): void; items?: Float64Array | Uint32Array | Uint8Array };

/**
 * Fills DataChunks and hands them to an appender. Writes straight into the vectors' typed arrays when the binding
 * exposes them (5–10× faster than `setItem`, which also maintains a validity mask we never need: values are never
 * NULL here), and falls back to `setItem` otherwise.
 */
class ChunkFiller {
  private readonly chunk: DuckDBDataChunk;
  private readonly vecs: Vec[];
  private readonly raw: (Float64Array | Uint32Array | Uint8Array)[] | null;
  private fill = 0;

  constructor(
    private readonly appender: DuckDBAppender,
    withSeq: boolean,
  ) {
    const types = withSeq ? [UINTEGER, UINTEGER, DOUBLE, UTINYINT, UINTEGER] : [UINTEGER, UINTEGER, DOUBLE, UTINYINT];
    this.chunk = DuckDBDataChunk.create(types, CHUNK);
    this.vecs = types.map((_, i) => this.chunk.getColumnVector(i) as unknown as Vec);
    const raw = this.vecs.map((v) => v.items);
    this.raw = raw.every((a) => ArrayBuffer.isView(a) && a.length >= CHUNK)
      ? (raw as (Float64Array | Uint32Array | Uint8Array)[])
      : null;
  }

  push(sid: number, tsSec: number, value: number, quality: number, seq = 0): void {
    const i = this.fill;
    if (this.raw) {
      const r = this.raw;
      r[0]![i] = sid;
      r[1]![i] = tsSec;
      r[2]![i] = value;
      r[3]![i] = quality;
      if (r.length > 4) r[4]![i] = seq;
    } else {
      const v = this.vecs;
      v[0]!.setItem(i, sid);
      v[1]!.setItem(i, tsSec);
      v[2]!.setItem(i, value);
      v[3]!.setItem(i, quality);
      if (v.length > 4) v[4]!.setItem(i, seq);
    }
    if (++this.fill === CHUNK) this.flush();
  }

  /**
   * Appends a whole batch's points for one series: typed-array copies for values and quality, one loop for the
   * timestamps (ms → s). The per-point `push` costs about twice as much, on the path every import takes.
   */
  pushBatch(sid: number, b: ReadingBatch, defQ: number): void {
    const r = this.raw;
    const n = b.ts.length;
    if (!r || !ArrayBuffer.isView(b.values) || (b.quality !== undefined && !ArrayBuffer.isView(b.quality))) {
      for (let i = 0; i < n; i++) this.push(sid, b.ts[i]! / 1000, b.values[i]!, b.quality ? b.quality[i]! : defQ);
      return;
    }
    const ts = r[1]!;
    let i = 0;
    while (i < n) {
      const f = this.fill;
      const k = Math.min(CHUNK - f, n - i);
      r[0]!.fill(sid, f, f + k);
      for (let j = 0; j < k; j++) ts[f + j] = b.ts[i + j]! / 1000;
      (r[2] as Float64Array).set((b.values as Float64Array).subarray(i, i + k), f);
      if (b.quality) (r[3] as Uint8Array).set((b.quality as Uint8Array).subarray(i, i + k), f);
      else r[3]!.fill(defQ, f, f + k);
      i += k;
      this.fill = f + k;
      if (this.fill === CHUNK) this.flush();
    }
  }

  flush(): void {
    if (this.fill === 0) return;
    for (const v of this.vecs) v.flush();
    this.chunk.rowCount = this.fill;
    this.appender.appendDataChunk(this.chunk);
    this.fill = 0;
  }

  close(): void {
    this.flush();
    this.appender.closeSync();
  }
}

interface Pending {
  sid: number;
  b: ReadingBatch;
}

export async function writeTransaction(
  c: DuckDBConnection,
  cat: SeriesCatalog,
  batches: Iterable<ReadingBatch> | AsyncIterable<ReadingBatch>,
): Promise<WriteResult> {
  const newKeys = new Map<string, { id: number; key: SeriesKey }>();
  let nextId = cat.nextId;
  const writeMax = new Map<number, number>();
  const direct = new Map<number, { n: number; lo: number; hi: number }>();
  let directPoints = 0;
  let staged: ChunkFiller | null = null;
  let seq = 0;
  let window: Pending[] = [];
  let windowPoints = 0;
  let inTx = false;
  let appender: ChunkFiller | null = null;

  const flushWindow = () => {
    if (window.length === 0) return;
    window.sort((a, b) => a.sid - b.sid || a.b.ts[0]! - b.b.ts[0]!);
    for (const { sid, b } of window) {
      const defQ = b.key.source === 'derived' ? QUALITY.DERIVED : QUALITY.OK;
      const n = b.ts.length;
      appender!.pushBatch(sid, b, defQ);
      const d = direct.get(sid);
      const lo = b.ts[0]! / 1000;
      const hi = b.ts[n - 1]! / 1000;
      if (d) {
        d.n += n;
        d.lo = Math.min(d.lo, lo);
        d.hi = Math.max(d.hi, hi);
      } else direct.set(sid, { n, lo, hi });
      directPoints += n;
    }
    window = [];
    windowPoints = 0;
  };

  try {
    await c.run('BEGIN TRANSACTION');
    inTx = true;
    appender = new ChunkFiller(await c.createAppender('readings'), false);
    let batchNo = 0;
    /** Takes a batch: appended to the window when it can only add points; returned when it must be staged. */
    const accept = (b: ReadingBatch): { sid: number; b: ReadingBatch } | undefined => {
      batchNo++;
      const { max: bMax, increasing } = validateBatch(b, batchNo);
      if (b.ts.length === 0) return undefined;
      const ks = keyString(b.key);
      let sid = cat.ids.get(ks) ?? newKeys.get(ks)?.id;
      if (sid === undefined) {
        sid = nextId++;
        newKeys.set(ks, { id: sid, key: b.key });
      }
      const prevMax = Math.max(cat.lastTs.get(sid) ?? -1, writeMax.get(sid) ?? -1);
      writeMax.set(sid, Math.max(prevMax, bMax));
      if (b.ts[0]! > prevMax && increasing) {
        window.push({ sid, b });
        windowPoints += b.ts.length;
        if (windowPoints >= WINDOW_POINTS) flushWindow();
        return undefined;
      }
      return { sid, b };
    };
    const stage = async ({ sid, b }: { sid: number; b: ReadingBatch }) => {
      if (!staged) {
        await c.run(CREATE_STAGING);
        staged = new ChunkFiller(await c.createAppender(STAGING_TABLE), true);
      }
      const defQ = b.key.source === 'derived' ? QUALITY.DERIVED : QUALITY.OK;
      for (let i = 0; i < b.ts.length; i++)
        staged.push(sid, b.ts[i]! / 1000, b.values[i]!, b.quality ? b.quality[i]! : defQ, seq++);
    };
    // a synchronous source is read without a promise per batch (a bulk load has hundreds of thousands of batches)
    if (Symbol.iterator in batches) {
      for (const b of batches) {
        const s = accept(b);
        if (s) await stage(s);
      }
    } else {
      for await (const b of batches) {
        const s = accept(b);
        if (s) await stage(s);
      }
    }
    flushWindow();
    appender.close();
    appender = null;
    const stagedFiller = staged as ChunkFiller | null;
    stagedFiller?.close();

    await registerSeries(c, [...newKeys.values()]);
    await applyDirectStats(c, direct);
    let replaced = 0;
    let stagedCount = 0;
    if (stagedFiller) ({ replaced, inserted: stagedCount } = await mergeStaging(c));
    await c.run('COMMIT');
    inTx = false;
    for (const [ks, { id }] of newKeys) cat.ids.set(ks, id);
    for (const [sid, t] of writeMax) cat.lastTs.set(sid, Math.max(cat.lastTs.get(sid) ?? -1, t));
    cat.nextId = nextId;
    return { added: directPoints + stagedCount - replaced, replaced };
  } catch (cause) {
    if (inTx) await c.run('ROLLBACK').catch(() => undefined);
    if (isCourantError(cause)) throw cause;
    throw new CourantError('STORE_WRITE_FAILED', `write failed and was rolled back: ${(cause as Error).message}`, {
      cause,
    });
  } finally {
    if (staged) await c.run(`DROP TABLE IF EXISTS ${STAGING_TABLE}`).catch(() => undefined);
  }
}

/** Inserts the series first seen in this write, 500 rows per statement. */
async function registerSeries(c: DuckDBConnection, fresh: { id: number; key: SeriesKey }[]): Promise<void> {
  for (let i = 0; i < fresh.length; i += 500) {
    const params: (string | number)[] = [];
    const rows = fresh.slice(i, i + 500).map(({ id, key: k }, j) => {
      params.push(id, k.prm, k.quantity, k.direction, k.register, k.step, k.source);
      const o = j * 7;
      return `($${o + 1}, $${o + 2}, $${o + 3}, $${o + 4}, $${o + 5}, $${o + 6}, $${o + 7})`;
    });
    await c.run(
      `INSERT INTO series (id, prm, quantity, direction, register, step, source) VALUES ${rows.join(', ')}`,
      params,
    );
  }
}

/** Adds the appended points to each series' count and range, through a temp table filled by the appender. */
async function applyDirectStats(
  c: DuckDBConnection,
  direct: Map<number, { n: number; lo: number; hi: number }>,
): Promise<void> {
  if (direct.size === 0) return;
  await c.run('CREATE OR REPLACE TEMP TABLE series_delta (sid UINTEGER, n UINTEGER, lo UINTEGER, hi UINTEGER)');
  const app = await c.createAppender('series_delta');
  for (const [sid, d] of direct) {
    app.appendUInteger(sid);
    app.appendUInteger(d.n);
    app.appendUInteger(d.lo);
    app.appendUInteger(d.hi);
    app.endRow();
  }
  app.closeSync();
  await c.run(
    `UPDATE series SET count = series.count + d.n, first_ts = least(coalesce(series.first_ts, d.lo), d.lo), last_ts = greatest(coalesce(series.last_ts, d.hi), d.hi)
     FROM series_delta d WHERE series.id = d.sid`,
  );
  await c.run('DROP TABLE series_delta');
}

/** Replaces held points by the staged ones (last occurrence wins) and inserts them sorted by series and time. */
async function mergeStaging(c: DuckDBConnection): Promise<{ replaced: number; inserted: number }> {
  const dupes = await c.runAndReadAll(`SELECT count(*) - count(DISTINCT (series_id, ts)) FROM ${STAGING_TABLE}`);
  const staged =
    Number(dupes.getRows()[0]![0]) > 0
      ? `(SELECT series_id, ts, arg_max(value, seq) AS value, arg_max(quality, seq) AS quality FROM ${STAGING_TABLE} GROUP BY series_id, ts)`
      : STAGING_TABLE;
  const bounds = (
    await c.runAndReadAll(`SELECT min(series_id), max(series_id), min(ts), max(ts) FROM ${STAGING_TABLE}`)
  ).getRows()[0]!;
  const del = await c.run(
    `DELETE FROM readings r USING ${staged} s
     WHERE r.series_id BETWEEN $1 AND $2 AND r.ts BETWEEN $3 AND $4 AND r.series_id = s.series_id AND r.ts = s.ts`,
    [Number(bounds[0]), Number(bounds[1]), Number(bounds[2]), Number(bounds[3])],
  );
  const replaced = Number(del.rowsChanged);
  const ins = await c.run(
    `INSERT INTO readings SELECT series_id, ts, value, quality FROM ${staged} ORDER BY series_id, ts`,
  );
  const touched = (await c.runAndReadAll(`SELECT DISTINCT series_id FROM ${STAGING_TABLE}`))
    .getRows()
    .map((r) => Number(r[0]));
  await recount(c, touched);
  return { replaced, inserted: Number(ins.rowsChanged) };
}

/** Recomputes count/first/last from the readings for some series. */
export async function recount(c: DuckDBConnection, ids: number[]): Promise<void> {
  if (ids.length === 0) return;
  const list = ids.map(Number).join(',');
  await c.run(
    `UPDATE series SET count = coalesce(s.n, 0), first_ts = s.lo, last_ts = s.hi
     FROM (SELECT id AS sid FROM series WHERE id IN (${list})) k
     LEFT JOIN (SELECT series_id, count(*) AS n, min(ts) AS lo, max(ts) AS hi FROM readings WHERE series_id IN (${list}) GROUP BY series_id) s ON s.series_id = k.sid
     WHERE series.id = k.sid`,
  );
}
