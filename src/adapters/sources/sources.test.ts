import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { mkdtemp, open, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { decodeTic } from '../../tic/decoder.ts';
import type { ByteSource } from '../../ports/byte-source.ts';
import { fileSource } from './file.ts';
import { serialSource } from './serial.ts';
import { tcpSource } from './tcp.ts';
import { until } from '../../../test/wait.ts';

const FIXTURE = new URL('../../../test/fixtures/tic/esciara_pyteleinfo--captured_frames.bin', import.meta.url).pathname;
const BYTES = readFileSync(FIXTURE);

async function drain(src: ByteSource): Promise<Buffer> {
  const parts: Uint8Array[] = [];
  for await (const c of src.chunks()) parts.push(c);
  return Buffer.concat(parts);
}

test('file source: whole file, and paced at the line rate in small slices', async () => {
  assert.deepEqual(await drain(await fileSource(FIXTURE)), BYTES);
  const small = new URL('../../../test/fixtures/tic/enedis-oss_TIC2WebSocket--ticFrameHistoric.txt', import.meta.url)
    .pathname;
  const paced = await fileSource(small, { paceBaud: 9600 });
  const parts: number[] = [];
  for await (const c of paced.chunks()) parts.push(c.length);
  assert.ok(parts.every((n) => n <= 16) && parts.reduce((a, b) => a + b, 0) === 141);
  await assert.rejects(fileSource('/nonexistent/x.bin'), { code: 'TIC_SOURCE_FAILED' });
});

test('TCP source (ser2net-style bridge): bytes arrive intact and decode', async () => {
  const server = createServer((sock) => sock.end(BYTES));
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as { port: number }).port;
  try {
    const got = await drain(await tcpSource('127.0.0.1', port));
    assert.equal(decodeTic(got).stats.groupsAccepted, 160);
  } finally {
    server.close();
  }
  await assert.rejects(tcpSource('127.0.0.1', port), { code: 'TIC_SOURCE_FAILED' });
});

test(
  'serial source over a pty: baud auto-detection keeps the probed bytes; silence gives TIC_NO_SIGNAL',
  { skip: existsSync('/usr/bin/socat') ? false : 'socat is not installed (npm test installs it from Debian)' },
  async () => {
    const dir = await mkdtemp(join(tmpdir(), 'courant-serial-'));
    const socat = spawn('/usr/bin/socat', [`pty,raw,echo=0,link=${dir}/meter`, `pty,raw,echo=0,link=${dir}/tty`], {
      stdio: 'ignore',
    });
    try {
      // socat tells nothing when they exist
      await until('the socat ptys', () => existsSync(`${dir}/meter`) && existsSync(`${dir}/tty`));
      await assert.rejects(serialSource({ path: `${dir}/tty`, baud: 'auto', probeMs: 200 }), { code: 'TIC_NO_SIGNAL' });
      const meter = await open(`${dir}/meter`, 'w');
      let portOpen!: () => void;
      const opened = new Promise<void>((resolve) => (portOpen = resolve));
      const writer = (async () => {
        // opening a serial port flushes its input queue: start "the meter" once the port is open
        await opened;
        for (let at = 0; at < BYTES.length; at += 128) {
          await meter.write(BYTES.subarray(at, at + 128));
          await new Promise((r) => setTimeout(r, 5)); // a meter sends its bytes over time, not in one block
        }
      })();
      const src = await serialSource({ path: `${dir}/tty`, baud: 'auto', probeMs: 30_000, onOpen: () => portOpen() });
      assert.match(src.description, /9600 Bd 7E1/);
      await writer;
      const parts: Uint8Array[] = [];
      let received = 0;
      const reading = (async () => {
        for await (const c of src.chunks()) {
          parts.push(c);
          received += c.length;
        }
      })();
      await until('every byte written to the pty', () => received >= BYTES.length);
      await src.close();
      await reading.catch(() => undefined);
      await meter.close();
      const all = Buffer.concat(parts);
      const { stats } = decodeTic(all);
      assert.equal(stats.groupsAccepted, 160); // nothing lost between the probe and the stream
    } finally {
      socat.kill();
      await rm(dir, { recursive: true, force: true });
    }
  },
);
