/**
 * @module adapters/sources/file
 * Replay a recorded capture (a file, or stdin with "-"), optionally paced at the line rate so a replay behaves like
 * the meter (useful to drive live ingest through a pseudo-terminal in tests and demos).
 */
import { createReadStream } from 'node:fs';
import { access } from 'node:fs/promises';
import { setTimeout as sleep } from 'node:timers/promises';
import { CourantError } from '../../core/errors.ts';
import type { ByteSource, TicBaud } from '../../ports/byte-source.ts';

export interface FileSourceOptions {
  /** Pace the replay at this line rate (10 bits per byte); omitted = as fast as possible. */
  readonly paceBaud?: TicBaud;
  /** Replay in a loop (paced demo). */
  readonly loop?: boolean;
  readonly stdin?: NodeJS.ReadableStream;
}

export async function fileSource(path: string, opts: FileSourceOptions = {}): Promise<ByteSource> {
  if (path !== '-') {
    try {
      await access(path);
    } catch (e) {
      throw new CourantError('TIC_SOURCE_FAILED', `tic: cannot read ${path}: ${(e as Error).message}`, {
        details: { source: 'file', path },
      });
    }
  }
  let closed = false;
  let current: NodeJS.ReadableStream | undefined;
  return {
    description: path === '-' ? 'stdin' : `file ${path}${opts.paceBaud ? ` paced at ${opts.paceBaud} Bd` : ''}`,
    async *chunks() {
      do {
        const stream =
          path === '-'
            ? (opts.stdin ?? process.stdin)
            : createReadStream(path, { highWaterMark: opts.paceBaud ? 64 : 64 * 1024 });
        current = stream;
        for await (const chunk of stream as AsyncIterable<Buffer>) {
          if (closed) return;
          if (!opts.paceBaud) {
            yield new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.byteLength);
            continue;
          }
          // 10 bits per character on the wire: emit small slices at the real rate.
          for (let at = 0; at < chunk.length && !closed; at += 16) {
            const part = chunk.subarray(at, at + 16);
            yield new Uint8Array(part.buffer, part.byteOffset, part.byteLength);
            await sleep((part.length * 10 * 1000) / opts.paceBaud);
          }
        }
      } while (opts.loop && !closed && path !== '-');
    },
    async close() {
      closed = true;
      if (current && 'destroy' in current && current !== process.stdin)
        (current as unknown as { destroy(): void }).destroy();
    },
  };
}
