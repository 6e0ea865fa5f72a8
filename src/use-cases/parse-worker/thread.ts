/**
 * @module use-cases/parse-worker/thread
 * Worker side: runs an importer (pure: bytes in, readings out) over the chunks the import posts, and posts its
 * batches back with their typed arrays transferred, not copied. One file at a time; the thread then waits for the
 * next `start` (the import keeps one warm thread). Started by `parse-in-worker.ts` through entry.mjs.
 */
import { parentPort } from 'node:worker_threads';
import { isCourantError } from '../../core/errors.ts';
import type { Prm } from '../../core/prm.ts';
import { isNotice } from '../../importers/importer.ts';
import { importerById } from '../../importers/registry.ts';
import type { WorkbookReader } from '../../importers/importer.ts';
import type { XlsxLimits } from '../../importers/portal-xlsx/xlsx-guard.ts';
import { MAX_UNACKED, type FromWorker, type ToWorker, type WorkerInput } from './protocol.ts';

const port = parentPort!;
/** Loads the XLSX reader adapter (a zip + XML library) on first use only: loading it up front doubled the start-up. */
let loadWorkbook: () => Promise<{ readonly workbookReader: (limits: XlsxLimits) => WorkbookReader }>;
const post = (m: FromWorker, transfer: ArrayBuffer[] = []) => port.postMessage(m, transfer);

let ackWaiter: (() => void) | undefined;
let unacked = 0;
/** Chunks received and not parsed yet; `undefined` marks the end of the file. */
const inbox: (Uint8Array | undefined)[] = [];
let inboxWaiter: (() => void) | undefined;
/** Starts serving the import; called by the entry file, which knows how this thread loads modules. */
export function startParserThread(workbookModule: typeof loadWorkbook): void {
  loadWorkbook = workbookModule;
  port.on('message', onMessage);
}

function onMessage(m: ToWorker): void {
  if (m.type === 'start') {
    unacked = 0;
    inbox.length = 0;
    void run(m.input)
      .then(() => post({ type: 'done' }))
      .catch((e: unknown) => {
        const err = e as Error;
        const courant = isCourantError(err);
        post({
          type: 'error',
          error: {
            name: err.name,
            message: err.message,
            code: courant ? err.code : undefined,
            details: courant ? (err.details as Record<string, unknown> | undefined) : undefined,
          },
        });
      });
    return;
  }
  if (m.type === 'ack') {
    unacked--;
    const w = ackWaiter;
    ackWaiter = undefined;
    w?.();
    return;
  }
  inbox.push(m.type === 'chunk' ? m.bytes : undefined);
  const w = inboxWaiter;
  inboxWaiter = undefined;
  w?.();
}

async function* chunks(): AsyncGenerator<Uint8Array> {
  for (;;) {
    while (inbox.length === 0) await new Promise<void>((resolve) => (inboxWaiter = resolve));
    const bytes = inbox.shift();
    if (bytes === undefined) return;
    post({ type: 'pull' }); // one chunk taken: the import may send another
    yield bytes;
  }
}

async function run(input: WorkerInput): Promise<void> {
  const importer = importerById(input.importerId);
  if (!importer) throw new Error(`no importer ${input.importerId}`);
  const workbook: WorkbookReader = async (bytes) => (await loadWorkbook()).workbookReader(input.xlsx)(bytes);
  const ctx = {
    fileName: input.fileName,
    prm: input.prm as Prm | undefined,
    zerosMasked: input.zerosMasked,
    direction: input.direction,
    workbook,
    lineBytes: input.lineBytes,
  };
  for await (const item of importer.parse(chunks(), ctx)) {
    if (isNotice(item)) {
      post({ type: 'item', item });
      continue;
    }
    while (unacked >= MAX_UNACKED) await new Promise<void>((resolve) => (ackWaiter = resolve));
    unacked++;
    // a batch's arrays are fresh (or the collector's last use of them): hand the memory over
    const buffers = new Set<ArrayBuffer>();
    for (const a of [item.ts, item.values, item.quality])
      if (ArrayBuffer.isView(a)) buffers.add(a.buffer as ArrayBuffer);
    post({ type: 'item', item }, [...buffers]);
  }
}
