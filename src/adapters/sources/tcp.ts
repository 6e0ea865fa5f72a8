/**
 * @module adapters/sources/tcp
 * TIC bytes from a TCP stream, as served by ser2net-style bridges (raw mode) next to the meter.
 */
import { connect, type Socket } from 'node:net';
import { CourantError } from '../../core/errors.ts';
import type { ByteSource } from '../../ports/byte-source.ts';

export async function tcpSource(host: string, port: number): Promise<ByteSource> {
  const socket: Socket = await new Promise((resolve, reject) => {
    const s = connect({ host, port });
    s.once('connect', () => resolve(s));
    s.once('error', (e) =>
      reject(
        new CourantError('TIC_SOURCE_FAILED', `tic: cannot connect to ${host}:${port}: ${e.message}`, {
          details: { source: 'tcp', host, port },
        }),
      ),
    );
  });
  return {
    description: `tcp ${host}:${port}`,
    async *chunks() {
      for await (const chunk of socket as AsyncIterable<Buffer>)
        yield new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.byteLength);
    },
    async close() {
      socket.destroy();
    },
  };
}
