/**
 * @module cli/test-support
 * Runs the command line in this process with captured output, as the CLI tests need it. Test support only.
 */
import { PassThrough } from 'node:stream';
import { main } from './main.ts';

/** `courant ARGV` in this process: its exit code and what it printed on stdout and stderr. */
export async function runCli(argv: string[], env: Record<string, string> = {}): Promise<{ code: number; out: string; err: string }> {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let out = '';
  let err = '';
  stdout.on('data', (d) => (out += d));
  stderr.on('data', (d) => (err += d));
  const code = await main(argv, { stdout, stderr, stdin: new PassThrough(), env, cwd: process.cwd() });
  return { code, out, err };
}
