/**
 * @module cli/test-support
 * Runs the command line with captured output, in this process or as a child process, as the CLI tests need it.
 * Test support only.
 */
import { spawn } from 'node:child_process';
import { PassThrough } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { main } from './main.ts';

/** `courant ARGV` in this process: its exit code and what it printed on stdout and stderr. */
export async function runCli(
  argv: string[],
  env: Record<string, string> = {},
): Promise<{ code: number; out: string; err: string }> {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let out = '';
  let err = '';
  stdout.on('data', (d) => (out += d));
  stderr.on('data', (d) => (err += d));
  const code = await main(argv, { stdout, stderr, stdin: new PassThrough(), env, cwd: process.cwd() });
  return { code, out, err };
}

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

/**
 * `courant ARGS` in a child process, as a user runs it. Asynchronous: a hub started by the test answers from the
 * test's own process, so its event loop must keep running meanwhile.
 */
export function spawnCli(
  args: string[],
  env: NodeJS.ProcessEnv = process.env,
  stdin?: string,
): Promise<{ status: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const p = spawn(process.execPath, ['bin/courant.mjs', ...args], { cwd: ROOT, env });
    p.stdin.end(stdin ?? '');
    let stdout = '';
    let stderr = '';
    p.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    p.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    p.on('close', (status) => resolve({ status, stdout, stderr }));
  });
}
