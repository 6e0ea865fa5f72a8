/**
 * @module adapters/sources/serial
 * A TIC serial port (USB dongle or Raspberry Pi UART) through the `serialport` package, opened raw (never a cooked
 * tty: it eats ETX/EOT and turns CR into LF) at 7E1. With baud "auto", listen at 9600 Bd (standard) first and fall
 * back to 1200 Bd (historic) when no valid group arrives, since some dongles re-clock historic mode at 9600.
 */
import { SerialPort } from 'serialport';
import { CourantError } from '../../core/errors.ts';
import { TicDecoder } from '../../tic/decoder.ts';
import type { ByteSource, TicBaud } from '../../ports/byte-source.ts';

export interface SerialSourceOptions {
  readonly path: string;
  readonly baud: 'auto' | TicBaud;
  /** How long to listen at one rate during auto-detection (a historic frame takes ≈2.3 s at 1200 Bd). */
  readonly probeMs?: number;
  /** Called each time the port is open at a rate and listening (opening a port flushes its input queue: bytes sent
   * before are lost).
   */
  readonly onOpen?: (baud: TicBaud) => void;
}

async function open(path: string, baudRate: number): Promise<SerialPort> {
  const port = new SerialPort({ path, baudRate, dataBits: 7, parity: 'even', stopBits: 1, autoOpen: false });
  await new Promise<void>((resolve, reject) =>
    port.open((e) =>
      e
        ? reject(
            new CourantError(
              'TIC_SOURCE_FAILED',
              `tic: cannot open serial port ${path} at ${baudRate} Bd: ${e.message}`,
              { details: { source: 'serial', path, baudRate } },
            ),
          )
        : resolve(),
    ),
  );
  return port;
}

async function closePort(port: SerialPort): Promise<void> {
  if (!port.isOpen) return;
  await new Promise<void>((resolve) => port.close(() => resolve()));
}

/**
 * Listen for `ms` through the port's own async iterator (kept for the stream afterwards, so no byte is lost or
 * reordered between the probe and the reading); ok when at least two valid groups arrived.
 */
async function probe(it: AsyncIterator<Buffer>, ms: number): Promise<{ ok: boolean; buffered: Uint8Array[] }> {
  const buffered: Uint8Array[] = [];
  const decoder = new TicDecoder({ onFrame: () => undefined });
  const deadline = Date.now() + ms;
  for (;;) {
    const left = deadline - Date.now();
    if (left <= 0) return { ok: false, buffered };
    let timer: ReturnType<typeof setTimeout> | undefined;
    const r = await Promise.race([
      it.next(),
      new Promise<null>((resolve) => (timer = setTimeout(() => resolve(null), left))),
    ]);
    clearTimeout(timer);
    if (r === null || r.done) return { ok: false, buffered };
    buffered.push(new Uint8Array(r.value));
    decoder.push(r.value);
    if (decoder.stats.groupsAccepted >= 2) return { ok: true, buffered };
  }
}

export async function serialSource(opts: SerialSourceOptions): Promise<ByteSource> {
  const probeMs = opts.probeMs ?? 5000;
  const rates: TicBaud[] = opts.baud === 'auto' ? [9600, 1200] : [opts.baud];
  for (const baud of rates) {
    const port = await open(opts.path, baud);
    opts.onOpen?.(baud);
    const it = (port as AsyncIterable<Buffer>)[Symbol.asyncIterator]();
    let pending: Uint8Array[] = [];
    if (opts.baud === 'auto') {
      const r = await probe(it, probeMs);
      if (!r.ok) {
        await closePort(port);
        continue;
      }
      pending = r.buffered;
    }
    return {
      description: `serial ${opts.path} @ ${baud} Bd 7E1`,
      async *chunks() {
        for (const c of pending) yield c;
        pending = [];
        for (;;) {
          const r = await it.next();
          if (r.done) return;
          yield new Uint8Array(r.value.buffer, r.value.byteOffset, r.value.byteLength);
        }
      },
      async close() {
        await closePort(port);
      },
    };
  }
  throw new CourantError(
    'TIC_NO_SIGNAL',
    `tic: no valid TIC group on ${opts.path} at 9600 or 1200 Bd (7E1) within ${probeMs} ms each; check the wiring and that the meter's TIC output is on`,
    {
      details: { path: opts.path },
    },
  );
}
