/**
 * @module ports/byte-source
 * A byte source feeds the platform-free TIC decoder: an async iterable of chunks that can be closed.
 * Adapters: serial port (serial.ts), file or stdin replay (file.ts), TCP stream from a ser2net-style bridge (tcp.ts).
 */
export interface ByteSource {
  /** Human description for logs ("serial /dev/ttyUSB0 @ 9600 Bd 7E1"); never includes meter identifiers. */
  readonly description: string;
  /** Chunks as they arrive; ends when the source ends or is closed. */
  chunks(): AsyncIterable<Uint8Array>;
  close(): Promise<void>;
}

/** TIC line rates: 10 bits per character (start, 7 data, parity, stop). */
export const TIC_BAUD = { historic: 1200, standard: 9600 } as const;
export type TicBaud = 1200 | 9600;
