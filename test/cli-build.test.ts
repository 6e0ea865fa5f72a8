// The compiled CLI on a copy of the repository (inside it, so packages resolve from its node_modules): the first run
// of a clone without dist/ builds it, a source newer than the build makes the next run rebuild it, and CLI processes
// started together while it is stale all answer (one builds, the others run from the sources meanwhile).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync, utimesSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../', import.meta.url));

function courant(root: string, args: string[]): Promise<{ status: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const p = spawn(process.execPath, [join(root, 'bin', 'courant.mjs'), ...args], { cwd: root });
    let stdout = '';
    let stderr = '';
    p.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    p.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    p.on('close', (status) => resolve({ status, stdout, stderr }));
  });
}

const stamp = (root: string) =>
  (JSON.parse(readFileSync(join(root, 'dist', '.built-from'), 'utf8')) as { startedAt: number }).startedAt;

test('bin/courant.mjs builds dist/ when it is missing, rebuilds it when a source is newer, and answers meanwhile', async () => {
  const root = join(ROOT, '.tmp', `cli-build-test-${process.pid}`);
  mkdirSync(join(root, 'scripts'), { recursive: true });
  try {
    cpSync(join(ROOT, 'bin'), join(root, 'bin'), { recursive: true });
    cpSync(join(ROOT, 'scripts', 'build-cli.mjs'), join(root, 'scripts', 'build-cli.mjs'));
    cpSync(join(ROOT, 'src'), join(root, 'src'), { recursive: true, filter: (f) => !f.endsWith('.test.ts') });
    for (const f of ['package.json', 'tsconfig.json']) cpSync(join(ROOT, f), join(root, f));

    const first = await courant(root, ['--version']);
    assert.equal(first.status, 0, first.stderr);
    assert.ok(existsSync(join(root, 'dist', 'cli', 'main.js')), 'built on first run');
    const built = stamp(root);

    const again = await courant(root, ['--version']);
    assert.equal(again.status, 0, again.stderr);
    assert.equal(stamp(root), built, 'fresh: not rebuilt');

    const later = new Date(Date.now() + 1000);
    utimesSync(join(root, 'src', 'core', 'version.ts'), later, later);
    await new Promise((r) => setTimeout(r, 1100)); // the build's start must come after that mtime
    const together = await Promise.all([1, 2, 3, 4].map(() => courant(root, ['help'])));
    for (const r of together) {
      assert.equal(r.status, 0, r.stderr);
      assert.match(r.stdout, /^courant \S+: a privacy-first hub/);
      assert.equal(r.stderr, '', 'no notice while another process builds');
    }
    assert.ok(stamp(root) > built, 'rebuilt after the source changed');
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
});
