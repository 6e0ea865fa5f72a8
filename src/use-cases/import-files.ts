/**
 * @module use-cases/import-files
 * `courant import` and `POST /api/imports`: detect each file's format from its head, parse it as a stream, and
 * write its readings with ONE `store.write()` per file — the store's write is atomic, so a file that fails half-way
 * (truncated JSON, a bad value, a PRM that does not match) leaves nothing behind. The run stops at the first
 * failing file; files before it stay stored. Re-importing is idempotent (same series + ts replaces).
 * Each file is held to the import limits (`limits` in the configuration): its line length, what an XLSX expands to,
 * its readings, and its parser thread's time and memory.
 */
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { basename } from 'node:path';
import { CourantError, isCourantError } from '../core/errors.ts';
import type { Prm } from '../core/prm.ts';
import type { Direction, ReadingBatch } from '../core/series.ts';
import { isNotice, type ImportContext, type ImportNotice } from '../importers/importer.ts';
import { HEAD_BYTES, detectImporter } from '../importers/registry.ts';
import { DEFAULT_IMPORT_LIMITS, type ImportLimits } from '../importers/limits.ts';
import { ImportStats, type Gap, type Mismatch } from '../importers/stats.ts';
import type { ReadingStore } from '../ports/reading-store.ts';
import { parseInWorker } from './parse-worker/parse-in-worker.ts';
import { workbookReader } from '../importers/portal-xlsx/xlsx-workbook.ts';
import type { ProfileSink } from './usage-point-profiles.ts';
import { describeRefusal } from './recording-guard.ts';

/** Files from this size up are parsed in a worker thread (overlapping the store's work); below, starting one costs more
 * than it saves.
 */
export const WORKER_MIN_BYTES = 4 << 20;

export interface ImportSource {
  readonly name: string;
  /** Total size in bytes when known (progress). */
  readonly size?: number | undefined;
  readonly open: () => AsyncIterable<Uint8Array>;
}

export interface ImportProgress {
  readonly file: string;
  readonly format?: string;
  readonly bytes: number;
  readonly size: number | undefined;
  readonly points: number;
  readonly done: boolean;
}

export interface ImportOptions {
  readonly prm?: Prm | undefined;
  /** A PRM of fourteen zeros is a masked one (ImportContext.zerosMasked). */
  readonly zerosMasked?: boolean | undefined;
  readonly direction?: Direction | undefined;
  readonly onProgress?: ((p: ImportProgress) => void) | undefined;
  /**
   * Called once per usage point met in a file, before any of its readings is written; throwing refuses the file
   * (nothing from it is stored). The HTTP route plugs the consent policy here (may this caller write this PRM?).
   */
  readonly authorise?: ((prm: string) => void | Promise<void>) | undefined;
  /**
   * Where files are parsed: `auto` (a worker thread from WORKER_MIN_BYTES, or when the size is unknown), or forced.
   * Formats read whole by a library (XLSX, `Importer.isolate`) are always parsed in the worker thread.
   */
  readonly parseIn?: 'auto' | 'worker' | 'inline' | undefined;
  /** The configuration's `limits` (validated at start); the schema's defaults when absent. */
  readonly limits?: ImportLimits | undefined;
  /**
   * Receives a file's contract and calendar notices after its readings were stored (a failing file records nothing);
   * their usage points pass `authorise` first. The hub records them in its usage-point profiles.
   */
  readonly profiles?: ProfileSink | undefined;
}

export interface FileSummary {
  readonly file: string;
  readonly format: string;
  /** Points stored (what the file gave, less what the household's recording controls refused). */
  readonly points: number;
  readonly added: number;
  readonly replaced: number;
  /** Points of the file the household's recording controls did not let in (stop fine recording, recorded step). */
  readonly refused: number;
}

export interface ImportSummary {
  readonly files: FileSummary[];
  readonly usagePoints: string[];
  readonly series: { prm: string; series: string; points: number; from: string; to: string; gaps: number }[];
  readonly steps: string[];
  readonly range: { from: string; to: string } | null;
  readonly points: number;
  readonly added: number;
  readonly replaced: number;
  /** Points not stored because of the household's recording controls, by series; each also has a line in `notices`. */
  readonly refused: {
    prm: string;
    series: string;
    step: string;
    points: number;
    keptAs?: { series: string; points: number } | undefined;
  }[];
  readonly gaps: { count: number; listed: Gap[] };
  readonly mismatches: { comparedDays: number; days: Mismatch[] };
  readonly metadata: ImportStats['metadata'];
  readonly calendars: ImportStats['calendars'];
  readonly notices: string[];
}

/** Replays the buffered head, then the rest of the stream; counts bytes for progress. */
async function* withHead(
  head: Uint8Array[],
  rest: AsyncIterator<Uint8Array>,
  count: (n: number) => void,
): AsyncGenerator<Uint8Array> {
  for (const h of head) yield h;
  for (;;) {
    const r = await rest.next();
    if (r.done) return;
    count(r.value.length);
    yield r.value;
  }
}

async function readHead(
  it: AsyncIterator<Uint8Array>,
): Promise<{ parts: Uint8Array[]; head: Uint8Array; bytes: number }> {
  const parts: Uint8Array[] = [];
  let n = 0;
  while (n < HEAD_BYTES) {
    const r = await it.next();
    if (r.done) break;
    parts.push(r.value);
    n += r.value.length;
  }
  const head = new Uint8Array(n);
  let o = 0;
  for (const p of parts) {
    head.set(p, o);
    o += p.length;
  }
  return { parts, head: head.subarray(0, Math.min(n, HEAD_BYTES)), bytes: n };
}

export async function importSources(
  store: ReadingStore,
  sources: readonly ImportSource[],
  opts: ImportOptions = {},
): Promise<ImportSummary> {
  const stats = new ImportStats();
  const files: FileSummary[] = [];
  const refused: ImportSummary['refused'] = [];
  const authorised = new Set<string>();
  const limits = opts.limits ?? DEFAULT_IMPORT_LIMITS;
  const workbook = workbookReader({ decompressedBytes: limits.xlsxDecompressedBytes, entries: limits.xlsxEntries });
  for (const src of sources) {
    const it = src.open()[Symbol.asyncIterator]();
    const { parts, head, bytes: headBytes } = await readHead(it);
    const importer = detectImporter(head, src.name);
    const ctx: ImportContext = {
      fileName: src.name,
      prm: opts.prm,
      zerosMasked: opts.zerosMasked,
      direction: opts.direction,
      workbook,
      lineBytes: limits.lineBytes,
    };
    let bytes = headBytes;
    let points = 0;
    const learnt: ImportNotice[] = [];
    let lastReport = 0;
    const report = (done: boolean) =>
      opts.onProgress?.({ file: src.name, format: importer.id, bytes, size: src.size, points, done });
    const chunks = withHead(parts, it, (n) => {
      bytes += n;
    });
    const inWorker =
      importer.isolate === true ||
      opts.parseIn === 'worker' ||
      (opts.parseIn !== 'inline' && (src.size === undefined || src.size >= WORKER_MIN_BYTES));
    const items = inWorker ? parseInWorker(importer, chunks, ctx, limits) : importer.parse(chunks, ctx);
    async function* batches(): AsyncGenerator<ReadingBatch> {
      for await (const item of items) {
        if (isNotice(item)) {
          stats.notice(item);
          if (item.kind !== 'notice') learnt.push(item);
          continue;
        }
        if (opts.authorise && !authorised.has(item.key.prm)) {
          await opts.authorise(item.key.prm);
          authorised.add(item.key.prm);
        }
        points += item.ts.length;
        if (points > limits.rowsPerFile) throw tooManyRows(src.name, limits.rowsPerFile);
        stats.batch(item);
        if (points - lastReport >= 200_000) {
          lastReport = points;
          report(false);
        }
        yield item;
      }
    }
    let result;
    try {
      result = await store.write(batches());
    } catch (e) {
      if (isCourantError(e)) throw e;
      // not an importer's error (which names the line and field): an internal message would mean nothing to the user
      throw new CourantError(
        'IMPORT_PARSE_ERROR',
        `${src.name}: the file could not be read (its content is not what its format allows); nothing from this file was stored`,
        { cause: e, details: { file: src.name } },
      );
    } finally {
      await it.return?.();
    }
    if (opts.profiles && learnt.length > 0) await recordProfiles(opts, authorised, src.name, importer.id, learnt);
    report(true);
    const fileRefused = result.refused ?? [];
    let refusedPoints = 0;
    for (const r of fileRefused) {
      refusedPoints += r.points - (r.keptAs?.points ?? 0);
      refused.push({ prm: r.prm, series: r.series, step: r.step, points: r.points, keptAs: r.keptAs });
      stats.notices.push(`${src.name}: ${describeRefusal(r)}`);
    }
    files.push({
      file: src.name,
      format: importer.id,
      points: points - refusedPoints,
      added: result.added,
      replaced: result.replaced,
      refused: fileRefused.reduce((n, r) => n + r.points, 0),
    });
  }
  return summarise(stats, files, refused);
}

function tooManyRows(name: string, limit: number): CourantError {
  return new CourantError(
    'IMPORT_TOO_MANY_ROWS',
    `${name}: the file gives more than ${limit.toLocaleString('en')} readings (limits.rowsPerFile); split it into shorter periods. Nothing from this file was stored.`,
    {
      details: { file: name, limit },
    },
  );
}

/** Contract and calendar facts of a stored file; a contract answer has no readings, so its usage points are authorised
 * here.
 */
async function recordProfiles(
  opts: ImportOptions,
  authorised: Set<string>,
  name: string,
  format: string,
  learnt: ImportNotice[],
): Promise<void> {
  for (const n of learnt) {
    if (n.kind === 'notice' || !opts.authorise || authorised.has(n.prm)) continue;
    await opts.authorise(n.prm);
    authorised.add(n.prm);
  }
  await opts.profiles!({ name, format }, learnt);
}

function summarise(stats: ImportStats, files: FileSummary[], refused: ImportSummary['refused']): ImportSummary {
  stats.finish();
  // the series as stored: what the recording controls refused is taken out, the daily values kept in its place are in
  const held = new Map([...stats.series].map(([k, s]) => [k, { ...s }]));
  for (const r of refused) {
    const s = held.get(`${r.prm}|${r.series}`);
    if (s) s.points -= r.points;
    if (!r.keptAs || !s) continue;
    const k = `${r.prm}|${r.keptAs.series}`;
    const kept = held.get(k);
    if (kept) kept.points += r.keptAs.points;
    else held.set(k, { ...s, series: r.keptAs.series, points: r.keptAs.points, gaps: 0 });
  }
  const series = [...held.values()].filter((s) => s.points > 0);
  const from = Math.min(...series.map((s) => s.first));
  const to = Math.max(...series.map((s) => s.last));
  const iso = (t: number) => new Date(t).toISOString();
  return {
    files,
    usagePoints: [...new Set(series.map((s) => s.prm))].sort(),
    series: series.map((s) => ({
      prm: s.prm,
      series: s.series,
      points: s.points,
      from: iso(s.first),
      to: iso(s.last),
      gaps: s.gaps,
    })),
    steps: [...new Set(series.map((s) => s.series.split('.').at(-2)!))].sort(),
    range: series.length ? { from: iso(from), to: iso(to) } : null,
    points: files.reduce((a, f) => a + f.points, 0),
    added: files.reduce((a, f) => a + f.added, 0),
    replaced: files.reduce((a, f) => a + f.replaced, 0),
    refused,
    gaps: { count: stats.gapCount, listed: stats.gaps },
    mismatches: { comparedDays: stats.comparedDays(), days: stats.mismatches() },
    metadata: stats.metadata,
    calendars: stats.calendars,
    notices: stats.notices,
  };
}

/** Files on disk as import sources (streams of 1 MiB chunks). */
export async function fileSources(paths: readonly string[]): Promise<ImportSource[]> {
  const out: ImportSource[] = [];
  for (const p of paths) {
    let size: number;
    try {
      const st = await stat(p);
      if (!st.isFile()) throw new Error('not a regular file');
      size = st.size;
    } catch (cause) {
      throw new CourantError('IMPORT_FILE_UNREADABLE', `${p}: cannot be read (${(cause as Error).message})`, {
        cause,
        details: { file: p },
      });
    }
    out.push({
      name: basename(p),
      size,
      open: () => createReadStream(p, { highWaterMark: 1 << 20 }) as AsyncIterable<Uint8Array>,
    });
  }
  return out;
}
