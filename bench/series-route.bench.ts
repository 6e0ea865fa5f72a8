/**
 * The series route alone (`npm run bench -- series-route`): one usage point's full year at 30 minutes (17,520 points)
 * over real HTTP on loopback, as in store.bench.ts but on a store of 100 usage points (seconds to fill instead of
 * minutes), and the in-process cost of encoding that answer: plain `JSON.stringify`, the route's own serializer
 * (server/series-serializer.ts) and the zod serializer a plain response schema would use.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { serializerCompiler } from 'fastify-type-provider-zod';
import { openStorage } from '../src/backend/open-storage.ts';
import { listenOn } from './http-hub.ts';
import type { ReadingBatch } from '../src/core/series.ts';
import type { Prm } from '../src/core/prm.ts';
import { seriesData } from '../src/server/contract/series.ts';
import { seriesSerializerCompiler } from '../src/server/series-serializer.ts';

const METERS = 100;
const DAYS = 365;
const SLOT = 1_800_000;
const T0 = Date.UTC(2025, 0, 1);
const prmOf = (i: number) => String(90_000_000_000_000 + i).padStart(14, '0') as Prm;
const p = (xs: number[], q: number) => Number([...xs].sort((a, b) => a - b)[Math.floor(xs.length * q)]!.toFixed(2));

function* batches(): Generator<ReadingBatch> {
  for (let d = 0; d < DAYS; d++) {
    const ts = new Float64Array(48);
    for (let s = 0; s < 48; s++) ts[s] = T0 + d * 86_400_000 + s * SLOT;
    let seed = d * 7919 + 1;
    for (let m = 0; m < METERS; m++) {
      const values = new Float64Array(48);
      for (let s = 0; s < 48; s++) {
        seed = (seed * 1103515245 + 12345) & 0x7fffffff;
        values[s] = 80 + ((seed >> 8) % 900) + (s >= 14 && s <= 18 ? 400 : 0);
      }
      yield {
        key: {
          prm: prmOf(m),
          quantity: 'energy',
          direction: 'consumption',
          register: '',
          step: 'PT30M',
          source: 'enedis_api',
        },
        ts,
        values,
      };
    }
  }
}

function encoding(answer: unknown): Record<string, number> {
  const route = { schema: seriesData, method: 'GET', url: '/api/usage-points/:prm/series/:series', httpStatus: '200' };
  const fns: Record<string, (d: unknown) => string> = {
    plain: (d) => JSON.stringify(d),
    route: seriesSerializerCompiler(route),
    zod: serializerCompiler(route),
  };
  const out: Record<string, number> = {};
  for (const [name, f] of Object.entries(fns)) {
    for (let i = 0; i < 50; i++) f(answer);
    const lat: number[] = [];
    for (let i = 0; i < 300; i++) {
      const s = performance.now();
      f(answer);
      lat.push(performance.now() - s);
    }
    out[`series.encode.${name}.p50.ms`] = p(lat, 0.5);
  }
  return out;
}

export async function run(): Promise<Record<string, number | string>> {
  const dataDir = mkdtempSync(join(tmpdir(), 'courant-bench-series-'));
  const { store, repositories } = await openStorage({ dataDir });
  await store.write(batches());
  const { app, port, auth } = await listenOn(store, repositories, dataDir);
  const lat: number[] = [];
  let answer: unknown;
  for (let i = 0; i < 320; i++) {
    const url = `http://127.0.0.1:${port}/api/usage-points/${prmOf((i * 7919) % METERS)}/series/energy.consumption.PT30M.enedis_api?from=2025-01-01T00:00:00Z&to=2026-01-01T00:00:00Z&maxPoints=20000`;
    const s = performance.now();
    answer = await (await fetch(url, { headers: { authorization: auth } })).json();
    if (i >= 20) lat.push(performance.now() - s); // the first 20 warm up
  }
  await app.close();
  await store.close();
  rmSync(dataDir, { recursive: true, force: true });
  return {
    'series.yearAt30min.points': (answer as { t: number[] }).t.length,
    'series.yearAt30min.p50.ms': p(lat, 0.5),
    'series.yearAt30min.p95.ms': p(lat, 0.95),
    ...encoding(answer),
  };
}
