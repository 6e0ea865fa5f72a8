// A reader that closes the pipe early (`courant tic decode FILE --json | head -1`) must stop the real CLI quietly:
// no unhandled EPIPE, no stack, a clean exit.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../../', import.meta.url));
const FIXTURE = join(root, 'test/fixtures/tic/lains_ticdecodecpp--linky_1P_midnight.bin');

test('courant tic decode --json into a pipe closed after one line exits cleanly, without EPIPE or a stack', async () => {
  // The fixture repeated: more output than a pipe buffer holds, so the CLI is still writing when the reader leaves.
  const dir = mkdtempSync(join(tmpdir(), 'courant-pipe-'));
  const capture = join(dir, 'capture.bin');
  writeFileSync(capture, Buffer.concat(Array.from({ length: 40 }, () => readFileSync(FIXTURE))));
  try {
    const p = spawn(process.execPath, ['bin/courant.mjs', 'tic', 'decode', capture, '--json'], {
      cwd: root,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    p.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const closed = once(p, 'close');
    const first = await new Promise<string>((resolve, reject) => {
      let buf = '';
      p.stdout.on('data', (d: Buffer) => {
        buf += d.toString();
        const nl = buf.indexOf('\n');
        if (nl >= 0) resolve(buf.slice(0, nl));
      });
      p.stdout.on('end', () => reject(new Error(`stdout ended before a line; stderr: ${stderr}`)));
    });
    p.stdout.destroy();
    const [code, signal] = (await closed) as [number | null, NodeJS.Signals | null];
    assert.equal((JSON.parse(first) as { mode: string }).mode, 'standard');
    assert.doesNotMatch(stderr, /EPIPE/);
    assert.doesNotMatch(stderr, /\n\s+at /, 'no stack trace');
    assert.ok(
      code === 0 || code === 141 || signal === 'SIGPIPE',
      `exit code ${code}, signal ${signal}; stderr: ${stderr}`,
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
