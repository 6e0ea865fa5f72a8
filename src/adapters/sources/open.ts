/**
 * @module adapters/sources/open
 * Open the byte source a TIC configuration names (hub config `tic` block or CLI options).
 */
import { CourantError } from '../../core/errors.ts';
import type { ByteSource, TicBaud } from '../../ports/byte-source.ts';
import { fileSource } from './file.ts';
import { serialSource } from './serial.ts';
import { tcpSource } from './tcp.ts';

export interface TicSourceConfig {
  readonly source: 'serial' | 'tcp' | 'file';
  /** Serial device, e.g. /dev/ttyUSB0 or /dev/serial0. */
  readonly port?: string | undefined;
  readonly baud?: 'auto' | TicBaud | undefined;
  /** TCP bridge. */
  readonly host?: string | undefined;
  readonly tcpPort?: number | undefined;
  /** File replay ("-" = stdin). */
  readonly file?: string | undefined;
  /** Pace a file replay at the line rate. */
  readonly pace?: boolean | undefined;
  readonly loop?: boolean | undefined;
}

export async function openTicSource(c: TicSourceConfig, stdin?: NodeJS.ReadableStream): Promise<ByteSource> {
  const need = (v: unknown, key: string) => {
    if (v === undefined || v === '')
      throw new CourantError('CONFIG_INVALID', `tic.${key} is required when tic.source is "${c.source}"`, {
        details: { key: `tic.${key}` },
      });
  };
  if (c.source === 'serial') {
    need(c.port, 'port');
    return serialSource({ path: c.port!, baud: c.baud ?? 'auto' });
  }
  if (c.source === 'tcp') {
    need(c.host, 'host');
    need(c.tcpPort, 'tcpPort');
    return tcpSource(c.host!, c.tcpPort!);
  }
  need(c.file, 'file');
  const paceBaud: TicBaud | undefined = c.pace ? (c.baud === 1200 ? 1200 : 9600) : undefined;
  return fileSource(c.file!, {
    ...(paceBaud ? { paceBaud } : {}),
    ...(c.loop ? { loop: true } : {}),
    ...(stdin ? { stdin } : {}),
  });
}
