/**
 * Third-party reads (`npm run bench -- dataconnect`): 7-day load curves through the Data Connect v5 path
 * `/metering_data_clc/v5/consumption_load_curve`, with a bearer token, by many concurrent keep-alive connections over
 * loopback, on the synthetic household (400 days at 30 minutes up to yesterday), each read decided by the consent
 * policy and written to the household's journal before it is answered. The hub runs in its own process
 * (dataconnect-server.ts); this process is the load generator. The same load then runs against bare Fastify answering
 * the same bytes (the floor), and the journal is counted afterwards on the closed database: rows for the client must
 * equal the answers received. `BENCH_DC_SECONDS` (default 10) sets the measured time of each run,
 * `BENCH_DC_CONNECTIONS` (default 50) the connections, `BENCH_DC_CPU_PROF=<dir>` profiles the hub process.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { Agent, request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadConfig } from '../src/config/load.ts';
import { openBackend } from '../src/backend/open-backend.ts';
import { SYNTHETIC_DEMO_PRM } from '../src/core/prm.ts';
import { fetchSend } from '../src/server/oauth-test-support.ts';
import { loadCurveReader } from '../src/server/dataconnect-test-support.ts';
import { LOAD_CURVE_PATH, OWNER } from './dataconnect-server.ts';

const SERVER = fileURLToPath(new URL('./dataconnect-server.ts', import.meta.url));
const SECONDS = Number(process.env.BENCH_DC_SECONDS ?? 10);
const CONNECTIONS = Number(process.env.BENCH_DC_CONNECTIONS ?? 50);
const WARMUP_MS = 2000;
const WINDOWS = 64;
const CLIENT_ID = 'bench-conseil';

const DAY = 86_400_000;
const parisDay = (t: number) => new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Paris' }).format(new Date(t));

/** 7-day windows spread over the household's 400 days (all before today, Paris time). */
function windows(now: number): { start: string; path: string }[] {
  const out: { start: string; path: string }[] = [];
  for (let i = 0; i < WINDOWS; i++) {
    const back = 8 + Math.floor((i * 389) / WINDOWS); // 8 … 396 days before today
    const start = parisDay(now - back * DAY);
    const end = parisDay(now - (back - 7) * DAY);
    out.push({ start, path: `${LOAD_CURVE_PATH}?usage_point_id=${SYNTHETIC_DEMO_PRM}&start=${start}&end=${end}` });
  }
  return out;
}

async function spawnServer(
  args: string[],
  env: NodeJS.ProcessEnv = process.env,
): Promise<{ child: ChildProcess; url: string }> {
  const prof = process.env.BENCH_DC_CPU_PROF;
  const child = spawn(
    process.execPath,
    [
      ...(prof && args[0] === 'hub' ? ['--cpu-prof', `--cpu-prof-dir=${prof}`] : []),
      '--import',
      'tsx',
      SERVER,
      ...args,
    ],
    { stdio: ['ignore', 'pipe', 'inherit'], env },
  );
  const url = await new Promise<string>((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      const line = out.split('\n')[0]!;
      if (out.includes('\n')) resolve(line.trim());
    });
    child.once('exit', (code) => reject(new Error(`server ${args[0]} exited with ${code} before listening`)));
  });
  return { child, url };
}

function stop(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null) return resolve();
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
  });
}

interface LoadRun {
  readonly requests: number;
  readonly perSec: number;
  readonly p50: number;
  readonly p99: number;
  /** Every 200 received, warm-up included. */
  readonly ok: number;
  readonly other: number;
  readonly bytes: number;
}

/** `CONNECTIONS` keep-alive loops, each sending its next request when the previous answer is read. */
async function load(origin: string, paths: readonly string[], headers: Record<string, string>): Promise<LoadRun> {
  const { hostname, port } = new URL(origin);
  const agent = new Agent({ keepAlive: true, maxSockets: CONNECTIONS });
  const lat: number[] = [];
  let ok = 0;
  let other = 0;
  let bytes = 0;
  let next = 0;
  const t0 = performance.now();
  const measureFrom = t0 + WARMUP_MS;
  const endAt = measureFrom + SECONDS * 1000;
  const once = (path: string) =>
    new Promise<{ status: number; size: number }>((resolve, reject) => {
      const req = request({ agent, hostname, port, path, headers }, (res) => {
        let size = 0;
        res.on('data', (c: Buffer) => (size += c.length));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, size }));
        res.on('error', reject);
      });
      req.on('error', reject);
      req.end();
    });
  const loop = async () => {
    for (;;) {
      const s = performance.now();
      if (s >= endAt) return;
      const r = await once(paths[next++ % paths.length]!);
      const e = performance.now();
      if (r.status === 200) ok++;
      else other++;
      if (s >= measureFrom && e <= endAt) {
        lat.push(e - s);
        bytes += r.size;
      }
    }
  };
  await Promise.all(Array.from({ length: CONNECTIONS }, loop));
  agent.destroy();
  lat.sort((a, b) => a - b);
  const q = (x: number) => Number(lat[Math.min(lat.length - 1, Math.floor(lat.length * x))]!.toFixed(2));
  return {
    requests: lat.length,
    perSec: Math.round(lat.length / SECONDS),
    p50: q(0.5),
    p99: q(0.99),
    ok,
    other,
    bytes: Math.round(bytes / Math.max(1, lat.length)),
  };
}

/** Allowed journal rows naming the client, read from the closed hub's database through the composition root. */
async function journalRows(dataDir: string): Promise<number> {
  const { config } = loadConfig({ env: {}, cwd: dataDir, overrides: { dataDir } });
  const backend = await openBackend(config);
  try {
    const rows = await backend.consent.ledger.repo.accessLog(SYNTHETIC_DEMO_PRM);
    return rows.filter((r) => r.actorKind === 'recipient' && r.actorId === CLIENT_ID && r.allowed).length;
  } finally {
    await backend.close();
  }
}

export async function run(): Promise<Record<string, number | string>> {
  const dataDir = mkdtempSync(join(tmpdir(), 'courant-bench-dc-'));
  let hub: ChildProcess | undefined;
  let floor: ChildProcess | undefined;
  try {
    const started = await spawnServer(['hub', dataDir]);
    hub = started.child;
    const send = fetchSend(started.url);
    const { accessToken } = await loadCurveReader(send, { dataDir, owner: OWNER, clientId: CLIENT_ID });
    const headers = { authorization: `Bearer ${accessToken}` };
    const ws = windows(Date.now());
    // the bytes of each window, for the floor (these reads are answers too, and journalled)
    const bodies: Record<string, string> = {};
    for (const w of ws) {
      const r = await send({ method: 'GET', url: w.path, headers });
      if (r.status !== 200) throw new Error(`${w.path}: ${r.status} ${r.text.slice(0, 200)}`);
      bodies[w.start] = r.text;
    }
    const hubRun = await load(
      started.url,
      ws.map((w) => w.path),
      headers,
    );
    await stop(hub);
    const rows = await journalRows(dataDir);
    const bodiesFile = join(dataDir, 'floor-bodies.json');
    writeFileSync(bodiesFile, JSON.stringify(bodies));
    const f = await spawnServer(['floor', bodiesFile]);
    floor = f.child;
    const floorRun = await load(
      f.url,
      ws.map((w) => w.path),
      headers,
    );
    const answers = hubRun.ok + ws.length;
    return {
      'dataconnect.loadCurve7d.connections': CONNECTIONS,
      'dataconnect.loadCurve7d.seconds': SECONDS,
      'dataconnect.loadCurve7d.bytesPerAnswer': hubRun.bytes,
      'dataconnect.loadCurve7d.requestsPerSec': hubRun.perSec,
      'dataconnect.loadCurve7d.p50.ms': hubRun.p50,
      'dataconnect.loadCurve7d.p99.ms': hubRun.p99,
      'dataconnect.loadCurve7d.non200': hubRun.other,
      'dataconnect.loadCurve7d.answers': answers,
      'dataconnect.loadCurve7d.journalRows': rows,
      'dataconnect.floor.requestsPerSec': floorRun.perSec,
      'dataconnect.floor.p50.ms': floorRun.p50,
      'dataconnect.floor.p99.ms': floorRun.p99,
      'dataconnect.hubOverFloor': Number((hubRun.perSec / floorRun.perSec).toFixed(3)),
      ...(rows !== answers ? { 'dataconnect.JOURNAL_MISMATCH': `${rows} rows for ${answers} answers` } : {}),
    };
  } finally {
    if (hub) await stop(hub);
    if (floor) await stop(floor);
    rmSync(dataDir, { recursive: true, force: true });
  }
}

if (import.meta.url === `file://${process.argv[1]}`) console.log(await run());
