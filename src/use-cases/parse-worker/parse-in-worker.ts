/**
 * @module use-cases/parse-worker/parse-in-worker
 * Runs an importer in a worker thread: parsing a large file (one core) overlaps with storing its readings (the main
 * thread and DuckDB's own threads), and a file that is hostile, or merely costly, never stalls the hub's event loop.
 * Same items, same errors as running `importer.parse` in place.
 *
 * The thread runs under the import limits: a heap ceiling (`parserMemoryMb`) and a time limit (`parseSeconds`, see
 * ParseClock); past either it is stopped and the file refused (IMPORT_PARSE_MEMORY, IMPORT_PARSE_TIMEOUT). An
 * error that is not one of the importers' own (a library's internals, a crash) reaches the caller as
 * IMPORT_PARSE_ERROR with a plain sentence, never with the library's message.
 */
import { Worker } from 'node:worker_threads';
import { CourantError, ERROR_CATALOGUE, type ErrorCode } from '../../core/errors.ts';
import type { ImportContext, ImportItem, Importer } from '../../importers/importer.ts';
import { isNotice } from '../../importers/importer.ts';
import { DEFAULT_IMPORT_LIMITS, type ImportLimits } from '../../importers/limits.ts';
import { ParseClock } from './parse-clock.ts';
import type { FromWorker, SerialisedError, ToWorker, WorkerInput } from './protocol.ts';

const ENTRY = new URL('./entry.mjs', import.meta.url);
/** File chunks (1 MiB each from `fileSources`) sent ahead of the parser. */
const READ_AHEAD = 4;

/** The limits the parser thread runs under (rows per file are counted by the import service). */
export type ParserLimits = Pick<
  ImportLimits,
  'lineBytes' | 'xlsxDecompressedBytes' | 'xlsxEntries' | 'parseSeconds' | 'parserMemoryMb'
>;

function revive(e: SerialisedError, fileName: string): CourantError {
  if (e.code && e.code in ERROR_CATALOGUE)
    return new CourantError(e.code as ErrorCode, e.message, e.details ? { details: e.details } : undefined);
  return new CourantError(
    'IMPORT_PARSE_ERROR',
    `${fileName}: the file could not be read (its content is not what its format allows); nothing from this file was stored`,
    {
      cause: new Error(`${e.name}: ${e.message}`),
      details: { file: fileName },
    },
  );
}

/**
 * One warm thread is kept between files: starting one (loading the TypeScript loader and the importers) costs
 * 0.3–0.6 s on this class of machine, as much as parsing 0.5 M points. It is unref'd while idle, so it never keeps
 * the process alive; a file that fails or is abandoned terminates its thread instead of returning it. Its heap
 * ceiling is fixed when it starts: a file under another ceiling gets a new thread.
 */
let idle: { readonly worker: Worker; readonly memoryMb: number } | undefined;

function takeWorker(memoryMb: number): Worker {
  let w = idle?.memoryMb === memoryMb ? idle.worker : undefined;
  if (!w) {
    void idle?.worker.terminate();
    // no inherited flags: `--input-type`, `-e` and the like are refused by a worker; entry.mjs registers its loader
    // itself
    w = new Worker(ENTRY, { execArgv: [], resourceLimits: { maxOldGenerationSizeMb: memoryMb } });
  }
  idle = undefined;
  w.ref();
  return w;
}

function release(w: Worker, memoryMb: number): void {
  w.removeAllListeners('message');
  w.removeAllListeners('error');
  w.removeAllListeners('exit');
  if (idle) {
    void w.terminate();
    return;
  }
  w.unref();
  w.on('error', () => undefined);
  w.on('exit', () => {
    if (idle?.worker === w) idle = undefined;
  });
  idle = { worker: w, memoryMb };
}

/** Stops the idle thread, if any (benchmarks measure a cold start; a process may also free it early). */
export async function stopIdleParser(): Promise<void> {
  const w = idle?.worker;
  idle = undefined;
  await w?.terminate();
}

/** An error of the thread itself (not of the parse it ran), as the import reports it. */
function threadError(e: Error & { code?: string }, fileName: string, limits: ParserLimits): SerialisedError {
  if (e.code !== 'ERR_WORKER_OUT_OF_MEMORY') return { name: e.name, message: e.message };
  return {
    name: 'CourantError',
    code: 'IMPORT_PARSE_MEMORY',
    message: `${fileName}: reading the file needed more than ${limits.parserMemoryMb} MiB of memory (limits.parserMemoryMb); its parser was stopped. Nothing from this file was stored.`,
    details: { file: fileName, limit: limits.parserMemoryMb },
  };
}

type Queued = FromWorker | { readonly type: 'input-failed'; readonly error: unknown };

/** Items of `importer.parse(chunks, ctx)`, computed in a worker thread. Stopping the iteration stops the worker. */
export async function* parseInWorker(
  importer: Importer,
  chunks: AsyncIterator<Uint8Array>,
  ctx: ImportContext,
  limits: ParserLimits = DEFAULT_IMPORT_LIMITS,
): AsyncGenerator<ImportItem> {
  const input: WorkerInput = {
    importerId: importer.id,
    fileName: ctx.fileName,
    prm: ctx.prm,
    zerosMasked: ctx.zerosMasked,
    direction: ctx.direction,
    lineBytes: limits.lineBytes,
    xlsx: { decompressedBytes: limits.xlsxDecompressedBytes, entries: limits.xlsxEntries },
  };
  const worker = takeWorker(limits.parserMemoryMb);
  const send = (m: ToWorker, transfer: ArrayBuffer[] = []) => worker.postMessage(m, transfer);
  const queue: Queued[] = [];
  let wake: (() => void) | undefined;
  const push = (m: Queued) => {
    queue.push(m);
    const w = wake;
    wake = undefined;
    w?.();
  };
  // the clock runs while the import waits for the thread and the thread has input: neither a slow upload nor a
  // slow store counts against the parser
  let waiting = false;
  let inputDone = false;
  let inFlight = 0;
  const clock = new ParseClock(limits.parseSeconds * 1000, () => {
    push({
      type: 'error',
      error: {
        name: 'CourantError',
        code: 'IMPORT_PARSE_TIMEOUT',
        message: `${ctx.fileName}: reading the file took longer than ${limits.parseSeconds} s (limits.parseSeconds); its parser was stopped. Nothing from this file was stored.`,
        details: { file: ctx.fileName, limit: limits.parseSeconds },
      },
    });
    void worker.terminate();
  });
  const recheck = () => clock.run(waiting && (inFlight > 0 || inputDone));
  // the file is read a few chunks ahead of the parser (never more): the main thread is busy storing, and a worker
  // that had to ask for each chunk would wait for it
  let feeding: Promise<void> = Promise.resolve();
  const topUp = () => {
    feeding = feeding.then(async () => {
      while (!inputDone && inFlight < READ_AHEAD) {
        let r: IteratorResult<Uint8Array>;
        try {
          r = await chunks.next();
        } catch (error) {
          inputDone = true;
          // the source's own error (an upload cut short, too large…), as in place
          push({ type: 'input-failed', error });
          return;
        }
        if (r.done) {
          inputDone = true;
          recheck();
          send({ type: 'end' });
          return;
        }
        // a stream's chunk may share its memory with others (Buffer pool): transfer a private copy
        const bytes = new Uint8Array(r.value.byteLength);
        bytes.set(r.value);
        inFlight++;
        recheck();
        send({ type: 'chunk', bytes }, [bytes.buffer]);
      }
    });
  };
  worker.on('message', (m: FromWorker) => {
    if (m.type !== 'pull') return push(m);
    inFlight--;
    recheck();
    topUp();
  });
  worker.on('error', (e) => push({ type: 'error', error: threadError(e, ctx.fileName, limits) }));
  send({ type: 'start', input });
  topUp();
  worker.on('exit', (code) => {
    if (code !== 0)
      push({ type: 'error', error: { name: 'Error', message: `the parser thread stopped (exit code ${code})` } });
  });
  let clean = false;
  try {
    for (;;) {
      if (queue.length === 0) {
        waiting = true;
        recheck();
        while (queue.length === 0) await new Promise<void>((resolve) => (wake = resolve));
        waiting = false;
        recheck();
      }
      const m = queue.shift()!;
      if (m.type === 'done') {
        clean = inputDone;
        return;
      }
      if (m.type === 'input-failed') throw m.error;
      if (m.type === 'error') throw revive(m.error, ctx.fileName);
      if (m.type !== 'item') continue;
      yield m.item;
      if (!isNotice(m.item)) send({ type: 'ack' });
    }
  } finally {
    clock.run(false);
    if (clean) release(worker, limits.parserMemoryMb);
    else {
      worker.removeAllListeners('exit');
      await worker.terminate();
    }
  }
}
