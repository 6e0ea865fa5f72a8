/**
 * @module services/parse-worker/parse-in-worker
 * Runs an importer in a worker thread so that parsing a large file (one core) overlaps with storing its readings
 * (the main thread and DuckDB's own threads). Same items, same errors as running `importer.parse` in place: the
 * import service picks this path for large files only, since a worker costs a few hundred ms to start.
 */
import { Worker } from 'node:worker_threads';
import { CourantError, type ErrorCode } from '../../core/errors.ts';
import type { ImportContext, ImportItem, Importer } from '../../importers/importer.ts';
import { isNotice } from '../../importers/importer.ts';
import type { FromWorker, SerialisedError, ToWorker, WorkerInput } from './protocol.ts';

const ENTRY = new URL('./entry.mjs', import.meta.url);
/** File chunks (1 MiB each from `fileSources`) sent ahead of the parser. */
const READ_AHEAD = 4;

function revive(e: SerialisedError): Error {
  if (e.code) return new CourantError(e.code as ErrorCode, e.message, e.details ? { details: e.details } : undefined);
  const err = new Error(e.message);
  err.name = e.name;
  return err;
}

/**
 * One warm thread is kept between files: starting one (loading the TypeScript loader and the importers) costs
 * 0.3–0.6 s on this class of machine, as much as parsing 0.5 M points. It is unref'd while idle, so it never keeps
 * the process alive; a file that fails or is abandoned terminates its thread instead of returning it.
 */
let idle: Worker | undefined;

function takeWorker(): Worker {
  // no inherited flags: `--input-type`, `-e` and the like are refused by a worker; entry.mjs registers its loader itself
  const w = idle ?? new Worker(ENTRY, { execArgv: [] });
  idle = undefined;
  w.ref();
  return w;
}

function release(w: Worker): void {
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
    if (idle === w) idle = undefined;
  });
  idle = w;
}

/** Stops the idle thread, if any (benchmarks measure a cold start; a process may also free it early). */
export async function stopIdleParser(): Promise<void> {
  const w = idle;
  idle = undefined;
  await w?.terminate();
}

/** Items of `importer.parse(chunks, ctx)`, computed in a worker thread. Stopping the iteration stops the worker. */
export async function* parseInWorker(importer: Importer, chunks: AsyncIterator<Uint8Array>, ctx: ImportContext): AsyncGenerator<ImportItem> {
  const input: WorkerInput = { importerId: importer.id, fileName: ctx.fileName, prm: ctx.prm, direction: ctx.direction };
  const worker = takeWorker();
  const send = (m: ToWorker, transfer: ArrayBuffer[] = []) => worker.postMessage(m, transfer);
  const queue: FromWorker[] = [];
  let wake: (() => void) | undefined;
  const push = (m: FromWorker) => {
    queue.push(m);
    const w = wake;
    wake = undefined;
    w?.();
  };
  // the file is read a few chunks ahead of the parser (never more): the main thread is busy storing, and a worker
  // that had to ask for each chunk would wait for it
  let feeding: Promise<void> = Promise.resolve();
  let inputDone = false;
  let inFlight = 0;
  const topUp = () => {
    feeding = feeding.then(async () => {
      while (!inputDone && inFlight < READ_AHEAD) {
        let r: IteratorResult<Uint8Array>;
        try {
          r = await chunks.next();
        } catch (e) {
          inputDone = true;
          push({ type: 'error', error: { name: 'Error', message: (e as Error).message } });
          return;
        }
        if (r.done) {
          inputDone = true;
          send({ type: 'end' });
          return;
        }
        // a stream's chunk may share its memory with others (Buffer pool): transfer a private copy
        const bytes = new Uint8Array(r.value.byteLength);
        bytes.set(r.value);
        inFlight++;
        send({ type: 'chunk', bytes }, [bytes.buffer]);
      }
    });
  };
  worker.on('message', (m: FromWorker) => {
    if (m.type !== 'pull') return push(m);
    inFlight--;
    topUp();
  });
  worker.on('error', (e) => push({ type: 'error', error: { name: e.name, message: e.message } }));
  send({ type: 'start', input });
  topUp();
  worker.on('exit', (code) => {
    if (code !== 0) push({ type: 'error', error: { name: 'Error', message: `the parser thread stopped (exit code ${code})` } });
  });
  let clean = false;
  try {
    for (;;) {
      while (queue.length === 0) await new Promise<void>((resolve) => (wake = resolve));
      const m = queue.shift()!;
      if (m.type === 'done') {
        clean = inputDone;
        return;
      }
      if (m.type === 'error') throw revive(m.error);
      if (m.type !== 'item') continue;
      yield m.item;
      if (!isNotice(m.item)) send({ type: 'ack' });
    }
  } finally {
    if (clean) release(worker);
    else {
      worker.removeAllListeners('exit');
      await worker.terminate();
    }
  }
}
