/**
 * @module adapters/clickhouse/clickhouse-writer
 * The write path of the ClickHouse reading store.
 *
 * 1. Every batch of the call is validated (core/reading-batch.ts) before anything is sent, so a bad batch stores
 *    nothing; within the call the last occurrence of a point wins (kept in memory per series, the whole call).
 * 2. One query per up to 200 series asks which of the call's points are already held (their last version is not a
 *    tombstone), over each series' own time span: that splits the result into added and replaced.
 * 3. The points go in as TabSeparated through the Distributed table with `insert_distributed_sync = 1` (a query-level
 *    setting: written in the SQL as `SETTINGS`, 18.16 does not wait for the shards), one `version` for the whole call,
 *    above any earlier call's, so `argMax(…, version)` sees the new values at once and the background merges of the
 *    ReplacingMergeTree keep only them.
 *
 * Not transactional: if a shard fails half-way, part of the call may be stored. Writing the same call again is
 * idempotent, which is how a caller recovers (`capabilities.transactionalWrites` is false).
 */
import { Readable } from 'node:stream';
import type { ClickHouseClient } from '@clickhouse/client';
import { validateBatch } from '../../core/reading-batch.ts';
import { QUALITY, type ReadingBatch, type SeriesKey } from '../../core/series.ts';
import type { WriteResult } from '../../ports/reading-store.ts';
import { COLUMNS, KEY, sqlString, sqlTime, tsvField } from './clickhouse-sql.ts';

/** One series of the call: its points by ts (seconds), the last occurrence winning. */
interface Pending {
  readonly key: SeriesKey;
  readonly points: Map<number, { value: number; quality: number }>;
  lo: number;
  hi: number;
}

const keyString = (k: SeriesKey) => `${k.prm}|${k.quantity}|${k.direction}|${k.register}|${k.step}|${k.source}`;
const SERIES_PER_QUERY = 200;
const ROWS_PER_CHUNK = 50_000;

/** Validates and gathers a whole call; throws INPUT_INVALID_READING before anything is sent. */
export async function gather(
  batches: Iterable<ReadingBatch> | AsyncIterable<ReadingBatch>,
): Promise<Map<string, Pending>> {
  const out = new Map<string, Pending>();
  let n = 0;
  const take = (b: ReadingBatch) => {
    validateBatch(b, ++n);
    if (b.ts.length === 0) return;
    const ks = keyString(b.key);
    let p = out.get(ks);
    if (!p) {
      const k = b.key;
      p = {
        key: {
          prm: k.prm,
          quantity: k.quantity,
          direction: k.direction,
          register: k.register,
          step: k.step,
          source: k.source,
        },
        points: new Map(),
        lo: Infinity,
        hi: -Infinity,
      };
      out.set(ks, p);
    }
    const defQ = b.key.source === 'derived' ? QUALITY.DERIVED : QUALITY.OK;
    for (let i = 0; i < b.ts.length; i++) {
      const t = b.ts[i]! / 1000;
      p.points.set(t, { value: b.values[i]!, quality: b.quality ? b.quality[i]! : defQ });
      if (t < p.lo) p.lo = t;
      if (t > p.hi) p.hi = t;
    }
  };
  if (Symbol.iterator in batches) for (const b of batches) take(b);
  else for await (const b of batches) take(b);
  return out;
}

const keyWhere = (k: SeriesKey) =>
  `prm = ${sqlString(k.prm)} AND quantity = ${sqlString(k.quantity)} AND direction = ${sqlString(k.direction)}` +
  ` AND register = ${sqlString(k.register)} AND step = ${sqlString(k.step)} AND source = ${sqlString(k.source)}`;

/** How many of the call's points are already held (live), asked over each series' own span. */
export async function countHeld(client: ClickHouseClient, db: string, pending: Map<string, Pending>): Promise<number> {
  const all = [...pending.values()];
  let held = 0;
  for (let i = 0; i < all.length; i += SERIES_PER_QUERY) {
    const group = all.slice(i, i + SERIES_PER_QUERY);
    const where = group
      .map((p) => `(${keyWhere(p.key)} AND ts >= ${sqlTime(p.lo)} AND ts <= ${sqlTime(p.hi)})`)
      .join(' OR ');
    const rs = await client.query({
      query: `SELECT ${KEY}, toUInt32(ts) AS t FROM ${db}.readings WHERE ${where}
        GROUP BY ${KEY}, ts HAVING argMax(deleted, version) = 0`,
      format: 'JSONEachRow',
    });
    const rows = await rs.json<SeriesKey & { t: number | string }>();
    for (const r of rows) if (pending.get(keyString(r))?.points.has(Number(r.t))) held++;
  }
  return held;
}

/** 'YYYY-MM-DD hh:mm:ss' in UTC, as a DateTime('UTC') column reads it. */
const dateTimeText = (sec: number) => new Date(sec * 1000).toISOString().slice(0, 19).replace('T', ' ');

/** The call's rows as TabSeparated text, in chunks (a non-object-mode stream, the only way the client sends TSV). */
function* tsvChunks(pending: Map<string, Pending>, version: bigint, deleted: 0 | 1): Generator<string> {
  let chunk: string[] = [];
  for (const p of pending.values()) {
    const k = p.key;
    const head = `${k.prm}\t${k.quantity}\t${k.direction}\t${tsvField(k.register)}\t${k.step}\t${k.source}\t`;
    for (const [t, { value, quality }] of p.points) {
      chunk.push(`${head}${dateTimeText(t)}\t${String(value)}\t${quality}\t${version}\t${deleted}\n`);
      if (chunk.length === ROWS_PER_CHUNK) {
        yield chunk.join('');
        chunk = [];
      }
    }
  }
  if (chunk.length > 0) yield chunk.join('');
}

/** Inserts the call through the Distributed table; resolves once every shard holds its rows. */
export async function insertPoints(
  client: ClickHouseClient,
  db: string,
  pending: Map<string, Pending>,
  version: bigint,
): Promise<void> {
  await client.insert({
    table: `${db}.readings`,
    values: Readable.from(tsvChunks(pending, version, 0), { objectMode: false }),
    format: 'TabSeparated',
    columns: COLUMNS.split(', ') as [string, ...string[]],
    clickhouse_settings: { insert_distributed_sync: 1 },
  });
}

/** Gathers, counts and inserts one `write()` call. */
export async function writeCall(
  client: ClickHouseClient,
  db: string,
  batches: Iterable<ReadingBatch> | AsyncIterable<ReadingBatch>,
  nextVersion: () => bigint,
): Promise<{ result: WriteResult; pending: Map<string, Pending> }> {
  const pending = await gather(batches);
  let total = 0;
  for (const p of pending.values()) total += p.points.size;
  if (total === 0) return { result: { added: 0, replaced: 0 }, pending };
  const replaced = await countHeld(client, db, pending);
  await insertPoints(client, db, pending, nextVersion());
  return { result: { added: total - replaced, replaced }, pending };
}
