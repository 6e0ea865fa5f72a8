/**
 * Storage and hub figures
 *  - ingest through the ReadingStore port (points/s), 10,000 usage points × 1 year at 30 minutes (175 M points);
 *  - one usage point's full year at 30 minutes over real HTTP on loopback: p50/p95 latency with that store;
 *  - hub resident memory with the demo loaded.
 * BENCH_METERS (default 10000) and BENCH_DAYS (default 365) shrink the run for a quick look.
 */
import { mkdtempSync, rmSync, statSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { openStorage } from '../src/backend/open-storage.ts';
import { listenOn } from './http-hub.ts';
import type { ReadingBatch, SeriesKey } from '../src/core/series.ts';
import type { Prm } from '../src/core/prm.ts';

const METERS = Number(process.env.BENCH_METERS ?? 10_000);
const DAYS = Number(process.env.BENCH_DAYS ?? 365);
const SLOT = 1_800_000;
const T0 = Date.UTC(2025, 0, 1);

const prmOf = (i: number) => String(90_000_000_000_000 + i).padStart(14, '0') as Prm;
const keyOf = (i: number): SeriesKey => ({
  prm: prmOf(i),
  quantity: 'energy',
  direction: 'consumption',
  register: '',
  step: 'PT30M',
  source: 'enedis_api',
});

/** One day of every meter: the order a hub receives data (all meters for day d), 48 points per meter. */
function* dayBatches(day: number): Generator<ReadingBatch> {
  const ts = new Float64Array(48);
  for (let s = 0; s < 48; s++) ts[s] = T0 + day * 86_400_000 + s * SLOT;
  let seed = day * 7919 + 1;
  for (let m = 0; m < METERS; m++) {
    const values = new Float64Array(48);
    for (let s = 0; s < 48; s++) {
      seed = (seed * 1103515245 + 12345) & 0x7fffffff;
      values[s] = 80 + ((seed >> 8) % 900) + (s >= 14 && s <= 18 ? 400 : 0);
    }
    yield { key: keyOf(m), ts, values };
  }
}

/** Days per write call: about 2 M points per transaction. */
const DAYS_PER_WRITE = Math.max(1, Math.floor(2_000_000 / (METERS * 48)));
function* writeGroup(firstDay: number): Generator<ReadingBatch> {
  for (let d = firstDay; d < Math.min(DAYS, firstDay + DAYS_PER_WRITE); d++) yield* dayBatches(d);
}

function rssMb(pid: number): number {
  const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return m ? Math.round(Number(m[1]) / 1024) : Number.NaN;
}

async function hubMemory(): Promise<Record<string, number>> {
  const dataDir = mkdtempSync(join(tmpdir(), 'courant-bench-mem-'));
  const bin = fileURLToPath(new URL('../bin/courant.mjs', import.meta.url));
  const child = spawn(process.execPath, [bin, 'start', '--port', '0', '--data-dir', dataDir], {
    stdio: ['ignore', 'pipe', 'ignore'],
    env: { ...process.env, NODE_ENV: 'test' },
  });
  const url = await new Promise<string>((resolve, reject) => {
    let out = '';
    child.stdout.on('data', (d) => {
      out += d;
      const m = /running at (http:\/\/[\d.:]+)/.exec(out);
      if (m) resolve(m[1]!);
    });
    child.once('exit', () => reject(new Error('hub exited')));
  });
  const afterLoad = rssMb(child.pid!);
  // a household browsing: full range, zooms, daily bars, holdings
  for (let i = 0; i < 30; i++) {
    await (
      await fetch(`${url}/api/usage-points/99999999999901/series/power.consumption.PT1M.demo?maxPoints=1500`)
    ).arrayBuffer();
    await (
      await fetch(
        `${url}/api/usage-points/99999999999901/series/power.consumption.PT1M.demo?from=2007-03-0${1 + (i % 9)}&to=2007-03-1${i % 9}&maxPoints=1500`,
      )
    ).arrayBuffer();
    await (await fetch(`${url}/api/usage-points/99999999999901/daily`)).arrayBuffer();
  }
  const afterUse = rssMb(child.pid!);
  child.kill('SIGTERM');
  await new Promise((r) => child.once('exit', r));
  rmSync(dataDir, { recursive: true, force: true });
  return { 'hub.rss.demoLoaded.MB': afterLoad, 'hub.rss.afterBrowsing.MB': afterUse };
}

export async function run(): Promise<Record<string, number | string>> {
  const dataDir = mkdtempSync(join(tmpdir(), 'courant-bench-store-'));
  const { store, repositories } = await openStorage({ dataDir });
  const total = METERS * DAYS * 48;
  const t0 = performance.now();
  for (let d = 0; d < DAYS; d += DAYS_PER_WRITE) {
    await store.write(writeGroup(d));
    if ((d / DAYS_PER_WRITE) % 20 === 0) process.stderr.write(`  ingest: day ${d}/${DAYS}\n`);
  }
  const ingestS = (performance.now() - t0) / 1000;
  const tc = performance.now();
  await store.compact();
  const compactS = (performance.now() - tc) / 1000;
  const fileMb = statSync(join(dataDir, 'courant.duckdb')).size / 2 ** 20;

  const { app, port, auth } = await listenOn(store, repositories, dataDir);
  const lat: number[] = [];
  let points = 0;
  for (let i = 0; i < 220; i++) {
    const m = (i * 7919) % METERS;
    const url = `http://127.0.0.1:${port}/api/usage-points/${prmOf(m)}/series/energy.consumption.PT30M.enedis_api?from=2025-01-01T00:00:00Z&to=2026-01-01T00:00:00Z&maxPoints=20000`;
    const s = performance.now();
    const body = (await (await fetch(url, { headers: { authorization: auth } })).json()) as {
      t: number[];
    };
    const e = performance.now() - s;
    if (i >= 20) lat.push(e); // first 20 warm up
    points = body.t.length;
  }
  await app.close();
  await store.close();
  rmSync(dataDir, { recursive: true, force: true });
  lat.sort((a, b) => a - b);
  const mem = await hubMemory();
  return {
    'store.ingest.points': total,
    'store.ingest.pointsPerSec': Math.round(total / ingestS),
    'store.ingest.seconds': Number(ingestS.toFixed(1)),
    'store.compact.seconds': Number(compactS.toFixed(1)),
    'store.file.bytesPerPoint': Number(((fileMb * 2 ** 20) / total).toFixed(2)),
    'http.yearAt30min.points': points,
    'http.yearAt30min.p50.ms': Number(lat[Math.floor(lat.length / 2)]!.toFixed(1)),
    'http.yearAt30min.p95.ms': Number(lat[Math.floor(lat.length * 0.95)]!.toFixed(1)),
    ...mem,
  };
}
