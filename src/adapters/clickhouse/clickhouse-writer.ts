/**
 * @module adapters/clickhouse/clickhouse-writer
 * The write path of the ClickHouse reading store.
 *
 * 1. Every batch of the call is validated (core/reading-batch.ts) before anything is sent, so a bad batch stores
 *    nothing; within the call the last occurrence of a point wins (the whole call is kept in memory until sent).
 * 2. One query per up to 200 series asks which of the call's points are already held (their last version is not a
 *    tombstone), over each series' own time span: that splits the result into added and replaced.
 * 3. The points go in as RowBinary (clickhouse-http.ts) through the Distributed table with
 *    `insert_distributed_sync = 1` (a setting of the request: written in the SQL as `SETTINGS`, 18.16 does not wait
 *    for the shards), one `version` for the whole call, above any earlier call's, so `argMax(…, version)` sees the new
 *    values at once and the background merges of the ReplacingMergeTree keep only them.
 *
 * Not transactional: if a shard fails half-way, part of the call may be stored. Writing the same call again is
 * idempotent, which is how a caller recovers (`capabilities.transactionalWrites` is false).
 */
import type { ClickHouseClient } from '@clickhouse/client';
import { validateBatch } from '../../core/reading-batch.ts';
import { QUALITY, type ReadingBatch, type SeriesKey } from '../../core/series.ts';
import type { WriteResult } from '../../ports/reading-store.ts';
import { COLUMNS, KEY, sqlString, sqlTime } from './clickhouse-sql.ts';
import { postInsert, rowBinaryString, type HttpNode } from './clickhouse-http.ts';

/**
 * One series of the call: its points in arrival order (ts in seconds). `ordered` stays true while every batch strictly
 * increases and starts after the previous one (the common case: nothing to deduplicate); otherwise `finish` keeps the
 * last occurrence of each instant.
 */
interface Pending {
  readonly key: SeriesKey;
  ts: number[];
  values: number[];
  quality: number[];
  ordered: boolean;
  lo: number;
  hi: number;
}

const keyString = (k: SeriesKey) => `${k.prm}|${k.quantity}|${k.direction}|${k.register}|${k.step}|${k.source}`;
const SERIES_PER_QUERY = 200;

/** Keeps the last occurrence of each instant, in time order. */
function finish(p: Pending): void {
  if (p.ordered) return;
  const last = new Map<number, number>();
  p.ts.forEach((t, i) => last.set(t, i));
  const order = [...last.keys()].sort((a, b) => a - b);
  const pick = order.map((t) => last.get(t)!);
  p.ts = order;
  p.values = pick.map((i) => p.values[i]!);
  p.quality = pick.map((i) => p.quality[i]!);
  p.ordered = true;
}

/** Validates and gathers a whole call; throws INPUT_INVALID_READING before anything is sent. */
export async function gather(
  batches: Iterable<ReadingBatch> | AsyncIterable<ReadingBatch>,
): Promise<Map<string, Pending>> {
  const out = new Map<string, Pending>();
  let n = 0;
  const take = (b: ReadingBatch) => {
    const { increasing } = validateBatch(b, ++n);
    if (b.ts.length === 0) return;
    const ks = keyString(b.key);
    let p = out.get(ks);
    if (!p) {
      const k = b.key;
      const key = { prm: k.prm, quantity: k.quantity, direction: k.direction, register: k.register, step: k.step };
      p = { key: { ...key, source: k.source }, ts: [], values: [], quality: [], ordered: true, lo: Infinity, hi: -1 };
      out.set(ks, p);
    }
    if (!increasing || b.ts[0]! / 1000 <= p.hi) p.ordered = false;
    const defQ = b.key.source === 'derived' ? QUALITY.DERIVED : QUALITY.OK;
    for (let i = 0; i < b.ts.length; i++) {
      const t = b.ts[i]! / 1000;
      p.ts.push(t);
      p.values.push(b.values[i]!);
      p.quality.push(b.quality ? b.quality[i]! : defQ);
      if (t < p.lo) p.lo = t;
      if (t > p.hi) p.hi = t;
    }
  };
  if (Symbol.iterator in batches) for (const b of batches) take(b);
  else for await (const b of batches) take(b);
  for (const p of out.values()) finish(p);
  return out;
}

/** True when a series of the call holds instant `t` (its ts are sorted once gathered). */
function holds(p: Pending, t: number): boolean {
  let lo = 0;
  let hi = p.ts.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const v = p.ts[mid]!;
    if (v === t) return true;
    if (v < t) lo = mid + 1;
    else hi = mid - 1;
  }
  return false;
}

const keyWhere = (k: SeriesKey) =>
  `prm = ${sqlString(k.prm)} AND quantity = ${sqlString(k.quantity)} AND direction = ${sqlString(k.direction)}` +
  ` AND register = ${sqlString(k.register)} AND step = ${sqlString(k.step)} AND source = ${sqlString(k.source)}`;

/**
 * How many of the call's points are already held (live), asked over each series' own span, and the highest version
 * among the rows of those instants (tombstones included): the call's version must be above it, whatever the clocks of
 * the processes that wrote them.
 */
export async function countHeld(
  client: ClickHouseClient,
  db: string,
  pending: Map<string, Pending>,
): Promise<{ held: number; maxVersion: bigint }> {
  const all = [...pending.values()];
  let held = 0;
  let maxVersion = 0n;
  for (let i = 0; i < all.length; i += SERIES_PER_QUERY) {
    const group = all.slice(i, i + SERIES_PER_QUERY);
    const where = group
      .map((p) => `(${keyWhere(p.key)} AND ts >= ${sqlTime(p.lo)} AND ts <= ${sqlTime(p.hi)})`)
      .join(' OR ');
    const rs = await client.query({
      query: `SELECT ${KEY}, toUInt32(ts) AS t, argMax(deleted, version) AS d, toString(max(version)) AS v
        FROM ${db}.readings WHERE ${where} GROUP BY ${KEY}, ts`,
      format: 'JSONEachRow',
    });
    const rows = await rs.json<SeriesKey & { t: number | string; d: number | string; v: string }>();
    for (const r of rows) {
      const p = pending.get(keyString(r));
      if (!p || !holds(p, Number(r.t))) continue;
      const v = BigInt(r.v);
      if (v > maxVersion) maxVersion = v;
      if (Number(r.d) === 0) held++;
    }
  }
  return { held, maxVersion };
}

const CHUNK_BYTES = 4 << 20;

/** The series key's six String columns in RowBinary, written once per series and copied before each point. */
function keyBytes(k: SeriesKey): Uint8Array {
  const parts = [k.prm, k.quantity, k.direction, k.register, k.step, k.source].map(rowBinaryString);
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let off = 0;
  for (const p of parts) {
    out.set(p, off);
    off += p.length;
  }
  return out;
}

/**
 * The call's rows in RowBinary, in chunks of about 4 MiB: the key, ts (DateTime: UInt32 seconds), value (Float64),
 * quality (UInt8), version (UInt64) and deleted (UInt8), little-endian.
 */
export function* rowBinaryChunks(pending: Map<string, Pending>, version: bigint, deleted: 0 | 1): Generator<Buffer> {
  const tail = Buffer.alloc(9);
  tail.writeBigUInt64LE(version, 0);
  tail[8] = deleted;
  let buf = Buffer.allocUnsafe(CHUNK_BYTES);
  let off = 0;
  for (const p of pending.values()) {
    const head = keyBytes(p.key);
    const row = head.length + 4 + 8 + 1 + tail.length;
    const { ts, values, quality } = p;
    for (let i = 0; i < ts.length; i++) {
      if (off + row > buf.length) {
        yield buf.subarray(0, off);
        buf = Buffer.allocUnsafe(Math.max(CHUNK_BYTES, row));
        off = 0;
      }
      buf.set(head, off);
      off = buf.writeUInt32LE(ts[i]!, off + head.length);
      off = buf.writeDoubleLE(values[i]!, off);
      buf[off++] = quality[i]!;
      tail.copy(buf, off);
      off += tail.length;
    }
  }
  if (off > 0) yield buf.subarray(0, off);
}

/** Inserts the call through the Distributed table; resolves once every shard holds its rows. */
export async function insertPoints(
  node: HttpNode,
  db: string,
  pending: Map<string, Pending>,
  version: bigint,
): Promise<void> {
  await postInsert(
    node,
    `INSERT INTO ${db}.readings (${COLUMNS}) FORMAT RowBinary`,
    { insert_distributed_sync: 1 },
    rowBinaryChunks(pending, version, 0),
  );
}

/** Gathers, counts and inserts one `write()` call. */
export async function writeCall(
  client: ClickHouseClient,
  node: HttpNode,
  db: string,
  batches: Iterable<ReadingBatch> | AsyncIterable<ReadingBatch>,
  /** A version above every earlier one of this process and above `atLeast`. */
  nextVersion: (atLeast: bigint) => bigint,
): Promise<{ result: WriteResult; pending: Map<string, Pending> }> {
  const pending = await gather(batches);
  let total = 0;
  for (const p of pending.values()) total += p.ts.length;
  if (total === 0) return { result: { added: 0, replaced: 0 }, pending };
  const { held: replaced, maxVersion } = await countHeld(client, db, pending);
  await insertPoints(node, db, pending, nextVersion(maxVersion + 1n));
  return { result: { added: total - replaced, replaced }, pending };
}
