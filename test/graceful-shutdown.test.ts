// Graceful shutdown as an operator sees it: `courant start` in its own process, loaded with concurrent keep-alive
// reads (fetch), gets SIGTERM while reads are in flight. Every request the hub received gets its real answer, or a
// clean 503 HUB_STOPPING with `connection: close`: never STORE_CLOSED, never a connection reset. The only failures
// allowed are refused connections (sent after the hub stopped listening, once its requests were done). The hub exits
// 0 and says what it drained. With a drain timeout of 0, the reads still running are answered HUB_STOPPING instead of
// being cut.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { fileURLToPath } from 'node:url';

const BIN = fileURLToPath(new URL('../bin/courant.mjs', import.meta.url));
const PRM = '99999999999901';
/** Two months of the demo house's minute power: about 85 000 points, 1.5 MB, a read that takes a while under load. */
const SERIES = `/api/usage-points/${PRM}/series/power.consumption.PT1M.demo?from=2007-01-01&to=2007-03-01&step=PT1M`;
/** Concurrent connections reading, and the answers after which SIGTERM is sent (a count, never a timer). */
const CONNECTIONS = 16;
const STOP_AFTER = 24;
/** A hub that never exits after SIGTERM fails the test instead of hanging the suite (not a timing assertion). */
const HANG = { timeout: 180_000 };

interface Started {
  readonly child: ChildProcess;
  readonly url: string;
  readonly stderr: () => string;
}

function startHub(dataDir: string, env: NodeJS.ProcessEnv): Promise<Started> {
  const child = spawn(process.execPath, [BIN, 'start', '--port', '0', '--data-dir', dataDir], {
    env: { ...process.env, NODE_ENV: 'test', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  child.stderr!.on('data', (d: Buffer) => (err += d.toString()));
  return new Promise((resolve, reject) => {
    child.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /running at (http:\/\/[\d.:]+)/.exec(out);
      if (m) resolve({ child, url: m[1]!, stderr: () => err });
    });
    child.once('exit', (code) => reject(new Error(`hub exited early (${code}): ${out}${err}`)));
  });
}

type Outcome =
  | { kind: 'answer'; status: number; code?: string | undefined; connection: string | null; afterStop: boolean }
  | { kind: 'error'; code: string; afterStop: boolean };

/** The low-level cause of a failed fetch (ECONNREFUSED, ECONNRESET, UND_ERR_SOCKET…). */
function causeOf(e: unknown): string {
  const cause = (e as { cause?: { code?: string; message?: string } }).cause;
  return cause?.code ?? cause?.message ?? (e as Error).message;
}

interface Run {
  readonly answers: Extract<Outcome, { kind: 'answer' }>[];
  readonly errors: Extract<Outcome, { kind: 'error' }>[];
  readonly summary: string;
  readonly exitCode: number | null;
  readonly stderr: string;
}

/** Starts the hub, loads it with CONNECTIONS looping readers, sends SIGTERM after STOP_AFTER answers, collects all. */
async function loadAndStop(env: NodeJS.ProcessEnv): Promise<Run> {
  const dataDir = mkdtempSync(join(tmpdir(), 'courant-shutdown-'));
  let child: ChildProcess | undefined;
  try {
    const hub = await startHub(dataDir, env);
    child = hub.child;
    const exited = new Promise<number | null>((r) => child!.once('exit', (code) => r(code)));
    const { token } = JSON.parse(readFileSync(join(dataDir, 'hub.json'), 'utf8')) as { token: string };
    const outcomes: Outcome[] = [];
    let answered = 0;
    let stopped = false;
    const stop = () => {
      if (stopped) return;
      stopped = true;
      child!.kill('SIGTERM');
    };
    const worker = async () => {
      for (;;) {
        const afterStop = stopped;
        try {
          const res = await fetch(hub.url + SERIES, { headers: { authorization: `Bearer ${token}` } });
          const body = await res.text();
          const code = res.status === 200 ? undefined : (JSON.parse(body) as { error?: { code?: string } }).error?.code;
          const connection = res.headers.get('connection');
          outcomes.push({ kind: 'answer', status: res.status, code, connection, afterStop });
          if (++answered >= STOP_AFTER) stop();
          if (code === 'HUB_STOPPING') return; // a polite client waits (retry-after) instead of asking again at once
        } catch (e) {
          outcomes.push({ kind: 'error', code: causeOf(e), afterStop });
          stop(); // a read failed with the hub up: stop everything, the assertions report it
          return;
        }
      }
    };
    await Promise.all(Array.from({ length: CONNECTIONS }, worker));
    const exitCode = await exited;
    const tally = (list: Outcome[]) =>
      list.reduce<Record<string, number>>((t, o) => {
        const k = o.kind === 'error' ? o.code : `${o.status}${o.code ? ' ' + o.code : ''}`;
        t[k] = (t[k] ?? 0) + 1;
        return t;
      }, {});
    const answers = outcomes.filter((o) => o.kind === 'answer');
    const errors = outcomes.filter((o) => o.kind === 'error');
    const summary = JSON.stringify({ answers: tally(answers), errors: tally(errors) });
    process.stderr.write(`graceful shutdown: ${summary}\n`);
    return { answers, errors, summary, exitCode, stderr: hub.stderr() };
  } finally {
    if (child && child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    rmSync(dataDir, { recursive: true, force: true });
  }
}

/** What holds whatever the drain timeout: no reset, no STORE_CLOSED, clean 503s, exit 0, a drain report. */
function assertClean(run: Run): void {
  const { summary } = run;
  assert.ok(!run.errors.some((o) => !o.afterStop), `a read failed before SIGTERM: ${summary}`);
  assert.deepEqual(
    run.errors.filter((o) => o.code !== 'ECONNREFUSED'),
    [],
    `only refused connections (sent after the hub stopped listening), never a reset: ${summary}`,
  );
  for (const o of run.answers) {
    if (o.status === 200) continue;
    assert.equal(o.code, 'HUB_STOPPING', `a request answered other than 200 or HUB_STOPPING: ${summary}`);
    assert.equal(o.status, 503);
    assert.equal(o.connection, 'close', 'a HUB_STOPPING answer closes its connection');
  }
  assert.ok(run.answers.length >= STOP_AFTER, summary);
  assert.equal(run.exitCode, 0, `the hub exits 0 after SIGTERM: ${run.stderr}`);
  assert.match(run.stderr, /SIGTERM received/);
  assert.match(run.stderr, /stopped: drained \d+ requests?/, `the hub says what it drained: ${run.stderr}`);
}

test(
  'SIGTERM under load: requests in flight finish with their answer, later ones get HUB_STOPPING, none reset',
  HANG,
  async () => {
    const run = await loadAndStop({});
    assertClean(run);
    assert.ok(
      run.answers.some((o) => o.status === 200 && o.afterStop),
      `reads in flight at SIGTERM are answered 200: ${run.summary}`,
    );
    assert.doesNotMatch(run.stderr, /at the drain timeout/, run.stderr);
  },
);

test('SIGTERM with a drain timeout of 0: requests still running are answered HUB_STOPPING, not cut', HANG, async () => {
  const run = await loadAndStop({ COURANT_SERVER_DRAIN_TIMEOUT_MS: '0' });
  assertClean(run);
  assert.match(run.stderr, /\d+ still running at the drain timeout answered HUB_STOPPING/, run.stderr);
  assert.ok(
    run.answers.some((o) => o.code === 'HUB_STOPPING' && !o.afterStop),
    `a read sent before SIGTERM was answered HUB_STOPPING: ${run.summary}`,
  );
});
