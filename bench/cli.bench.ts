/**
 * The command line as a user meets it: wall time of whole `courant` processes (node bin/courant.mjs, the compiled
 * build in dist/), from start to exit. `courant help`, and `courant status --json` on a data dir holding three days of
 * one-minute readings, with the hub stopped (the command opens the DuckDB file) and running (in its own process; the
 * command asks its local API). Medians of RUNS runs after one warm-up (which also rebuilds dist/ if a source changed).
 * For comparison, the same through the TypeScript loader (COURANT_FROM_SOURCE=1: what every run did before dist/).
 * Targets (bench/README.md): help ≤ 300 ms, status --json ≤ 500 ms.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { openBackend } from '../src/backend/open-backend.ts';
import { loadConfig } from '../src/config/load.ts';
import { fixtureBatches } from '../src/use-cases/consent/test-support.ts';
import type { Prm } from '../src/core/prm.ts';

const BIN = fileURLToPath(new URL('../bin/courant.mjs', import.meta.url));
const RUNS = 9;

/** One whole process: its wall time in ms (it must succeed). */
function timed(args: string[], env: Record<string, string> = {}): Promise<number> {
  return new Promise((resolve, reject) => {
    const t = performance.now();
    const p = spawn(process.execPath, [BIN, ...args], {
      stdio: ['ignore', 'ignore', 'pipe'],
      env: { ...process.env, NODE_ENV: 'production', ...env },
    });
    let err = '';
    p.stderr.on('data', (d: Buffer) => (err += d.toString()));
    p.on('close', (code) =>
      code === 0
        ? resolve(performance.now() - t)
        : reject(new Error(`courant ${args.join(' ')}: exit ${code}: ${err}`)),
    );
  });
}

async function figures(
  args: string[],
  env: Record<string, string> = {},
): Promise<{ median: number; min: number; max: number }> {
  await timed(args, env);
  const ms: number[] = [];
  for (let i = 0; i < RUNS; i++) ms.push(await timed(args, env));
  ms.sort((a, b) => a - b);
  const r = (x: number) => Math.round(x);
  return { median: r(ms[(ms.length - 1) >> 1]!), min: r(ms[0]!), max: r(ms.at(-1)!) };
}

/** `courant start` in its own process, until it prints its address. */
function startHub(dataDir: string): Promise<() => Promise<void>> {
  const child = spawn(process.execPath, [BIN, 'start', '--port', '0', '--no-demo', '--data-dir', dataDir], {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, NODE_ENV: 'production' },
  });
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString();
      if (/running at http/.test(out))
        resolve(
          () =>
            new Promise<void>((done) => {
              child.once('exit', () => done());
              child.kill('SIGTERM');
            }),
        );
    });
    child.once('exit', (code) => reject(new Error(`hub exited (${code}): ${out}`)));
  });
}

export async function run(): Promise<Record<string, number | string>> {
  const dir = mkdtempSync(join(tmpdir(), 'courant-cli-bench-'));
  try {
    const backend = await openBackend(loadConfig({ env: {}, overrides: { dataDir: dir } }).config);
    await backend.readings.write(fixtureBatches('99999999999988' as Prm));
    await backend.close();
    const help = await figures(['help']);
    const stopped = await figures(['status', '--json', '--data-dir', dir]);
    // the same commands through the TypeScript loader, as every run went before dist/ (lazy commands included)
    const helpTs = await figures(['help'], { COURANT_FROM_SOURCE: '1' });
    const stoppedTs = await figures(['status', '--json', '--data-dir', dir], { COURANT_FROM_SOURCE: '1' });
    const stop = await startHub(dir);
    let running: Awaited<ReturnType<typeof figures>>;
    let helpRunning: Awaited<ReturnType<typeof figures>>;
    try {
      running = await figures(['status', '--json', '--data-dir', dir]);
      helpRunning = await figures(['help']);
    } finally {
      await stop();
    }
    const line = (f: typeof help) => `${f.median} ms (min ${f.min}, max ${f.max}, ${RUNS} runs)`;
    return {
      'courant help, hub stopped': line(help),
      'courant help, hub running': line(helpRunning),
      'courant status --json, hub stopped': line(stopped),
      'courant status --json, hub running': line(running),
      'courant help, from the TypeScript sources (tsx)': line(helpTs),
      'courant status --json, hub stopped, from the sources (tsx)': line(stoppedTs),
      'help median ms (target ≤ 300)': help.median,
      'status --json median ms, stopped / running (target ≤ 500)': `${stopped.median} / ${running.median}`,
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
