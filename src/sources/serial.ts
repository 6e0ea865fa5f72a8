/**
 * @module sources/serial
 * A TIC serial port (USB dongle or Raspberry Pi UART) through the `serialport` package, opened raw (never a cooked
 * tty: it eats ETX/EOT and turns CR into LF) at 7E1. With baud "auto", listen at 9600 Bd (standard) first and fall
 * back to 1200 Bd (historic) when no valid group arrives, since some dongles re-clock historic mode at 9600.
 */
import { SerialPort } from 'serialport';
import { CourantError } from '../core/errors.ts';
import { TicDecoder } from '../tic/decoder.ts';
import type { ByteSource, TicBaud } from './byte-source.ts';

export interface SerialSourceOptions {
  readonly path: string;
  readonly baud: 'auto' | TicBaud;
  /** How long to listen at one rate during auto-detection (a historic frame takes ≈2.3 s at 1200 Bd). */
  readonly probeMs?: number;
}

async function open(path: string, baudRate: number): Promise<SerialPort> {
  const port = new SerialPort({ path, baudRate, dataBits: 7, parity: 'even', stopBits: 1, autoOpen: false });
  await new Promise<void>((resolve, reject) =>
    port.open((e) => (e ? reject(new CourantError('TIC_SOURCE_FAILED', `tic: cannot open serial port ${path} at ${baudRate} Bd: ${e.message}`, { details: { source: 'serial', path, baudRate } })) : resolve())),
  );
  return port;
}

async function closePort(port: SerialPort): Promise<void> {
  if (!port.isOpen) return;
  await new Promise<void>((resolve) => port.close(() => resolve()));
}

/** Listen for `ms`; true when at least one group with a valid checksum and label arrived. */
async function probe(port: SerialPort, ms: number): Promise<{ ok: boolean; buffered: Uint8Array[] }> {
  const buffered: Uint8Array[] = [];
  const decoder = new TicDecoder({ onFrame: () => undefined });
  return new Promise((resolve) => {
    const onData = (chunk: Buffer) => {
      buffered.push(new Uint8Array(chunk));
      decoder.push(chunk);
      if (decoder.stats.groupsAccepted >= 2) done(true);
    };
    const timer = setTimeout(() => done(false), ms);
    function done(ok: boolean) {
      clearTimeout(timer);
      port.off('data', onData);
      port.pause();
      resolve({ ok, buffered });
    }
    port.on('data', onData);
  });
}

export async function serialSource(opts: SerialSourceOptions): Promise<ByteSource> {
  const probeMs = opts.probeMs ?? 5000;
  let port: SerialPort;
  let baud: TicBaud;
  let pending: Uint8Array[] = [];
  if (opts.baud !== 'auto') {
    baud = opts.baud;
    port = await open(opts.path, baud);
  } else {
    baud = 9600;
    port = await open(opts.path, baud);
    let r = await probe(port, probeMs);
    if (!r.ok) {
      await closePort(port);
      baud = 1200;
      port = await open(opts.path, baud);
      r = await probe(port, probeMs);
      if (!r.ok) {
        await closePort(port);
        throw new CourantError('TIC_NO_SIGNAL', `tic: no valid TIC group on ${opts.path} at 9600 or 1200 Bd (7E1) within ${probeMs} ms each; check the wiring and that the meter's TIC output is on`, {
          details: { path: opts.path },
        });
      }
    }
    pending = r.buffered;
  }
  const p = port;
  return {
    description: `serial ${opts.path} @ ${baud} Bd 7E1`,
    async *chunks() {
      for (const c of pending) yield c;
      pending = [];
      for await (const chunk of p as AsyncIterable<Buffer>) yield new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.byteLength);
    },
    async close() {
      await closePort(p);
    },
  };
}
