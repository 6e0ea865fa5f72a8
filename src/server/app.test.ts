import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import type { FastifyInstance } from 'fastify';
import { loadConfig } from '../config/load.ts';
import { buildHub } from './main.ts';
import { createApp } from './app.ts';
import { loadDemoIfEmpty } from '../adapters/demo/demo.ts';
import { DEMO_PRM } from '../core/prm.ts';
import { setupOwner } from './auth/setup.ts';

let app: FastifyInstance;
let cookie = '';
let close: () => Promise<void>;
const P = DEMO_PRM;

before(async () => {
  const { config } = loadConfig({
    env: {},
    cwd: mkdtempSync(join(tmpdir(), 'courant-http-')),
    overrides: { server: { maxPointsPerResponse: 20_000 } },
  });
  const hub = await buildHub(config, (await import('../backend/logging.ts')).createLogger({ level: 'silent' }));
  await loadDemoIfEmpty(hub.store);
  // Every data route needs a session (deny by default): the demo household's owner logs in first.
  await setupOwner(hub, { username: 'foyer', password: 'correct horse battery' });
  app = await createApp(hub, { webDist: '/nonexistent' });
  const login = await app.inject({
    method: 'POST',
    url: '/api/auth/login',
    payload: { username: 'foyer', password: 'correct horse battery' },
  });
  cookie = `courant_session=${login.cookies.find((c) => c.name === 'courant_session')!.value}`;
  close = async () => {
    await app.close();
    await hub.close();
  };
});
after(() => close());

const get = async (url: string) => {
  const r = await app.inject({ method: 'GET', url, headers: { cookie } });
  return {
    status: r.statusCode,
    body: r.json() as Record<string, unknown> & { error?: { code: string; message: string } },
  };
};

test('health answers with the engine', async () => {
  const r = await get('/api/health');
  assert.equal(r.status, 200);
  assert.equal(r.body.engine, 'duckdb');
});

test('lists the demo usage point with its four series', async () => {
  const r = await get('/api/usage-points');
  const ups = r.body.usagePoints as { prm: string; series: { id: string; count: number; first: string }[] }[];
  assert.equal(ups.length, 1);
  assert.equal(ups[0]!.prm, P);
  assert.deepEqual(ups[0]!.series.map((s) => s.id).sort(), [
    'energy.consumption.P1D.demo',
    'energy.consumption.PT30M.demo',
    'power.consumption.PT1M.demo',
    'power.consumption.PT30M.demo',
  ]);
  assert.equal(ups[0]!.series.find((s) => s.id === 'power.consumption.PT1M.demo')!.first, '2006-12-31T23:00:00.000Z');
});

test('a six-month range is decimated to at most maxPoints buckets with min ≤ mean ≤ max', async () => {
  const r = await get(`/api/usage-points/${P}/series/power.consumption.PT1M.demo?maxPoints=800`);
  assert.equal(r.status, 200);
  const { t, v, min, max, bucketMs } = r.body as {
    t: number[];
    v: number[];
    min: number[];
    max: number[];
    bucketMs: number;
  };
  assert.ok(t.length <= 800 && t.length > 100, `${t.length} buckets`);
  assert.ok(bucketMs >= 6 * 3600_000);
  for (let i = 0; i < t.length; i++) assert.ok(min[i]! <= v[i]! + 1e-9 && v[i]! <= max[i]! + 1e-9);
});

test('zoomed to one hour, the native minutes come back', async () => {
  const r = await get(
    `/api/usage-points/${P}/series/power.consumption.PT1M.demo?from=2007-01-01T08:00:00Z&to=2007-01-01T09:00:00Z&maxPoints=800`,
  );
  const { t, bucketMs, min } = r.body as { t: number[]; bucketMs: number; min: null };
  assert.equal(bucketMs, 0);
  assert.equal(min, null);
  assert.equal(t.length, 60);
  assert.equal(t[1]! - t[0]!, 60_000);
});

test('a coarser step is derived; a finer one is refused with INPUT_INVALID_STEP', async () => {
  const ok = await get(
    `/api/usage-points/${P}/series/energy.consumption.PT30M.demo?step=P1D&from=2007-03-24&to=2007-03-27`,
  );
  const { t, v } = ok.body as { t: number[]; v: number[] };
  assert.deepEqual(t, [Date.UTC(2007, 2, 23, 23), Date.UTC(2007, 2, 24, 23), Date.UTC(2007, 2, 25, 22)]);
  const daily = await get(`/api/usage-points/${P}/daily?from=2007-03-24&to=2007-03-27`);
  assert.deepEqual(
    (daily.body as { v: number[] }).v.slice(0, 3).map(Math.round),
    v.map(Math.round),
    'daily series equals the 30-minute curve summed per civil day',
  );
  const bad = await get(`/api/usage-points/${P}/series/energy.consumption.PT30M.demo?step=PT1M`);
  assert.equal(bad.status, 400);
  assert.equal(bad.body.error!.code, 'INPUT_INVALID_STEP');
});

test('bad input gets 4xx with a stable code', async () => {
  const cases: [string, number, string][] = [
    [`/api/usage-points/123/daily`, 400, 'INPUT_INVALID_PRM'],
    [
      `/api/usage-points/${P}/series/power.consumption.PT1M.demo?from=2007-02-01&to=2007-01-01`,
      400,
      'INPUT_INVALID_RANGE',
    ],
    [`/api/usage-points/${P}/series/power.consumption.PT1M.demo?from=yesterday`, 400, 'INPUT_INVALID_DATE'],
    [`/api/usage-points/${P}/series/power.consumption.PT1M.demo?step=PT7M`, 400, 'INPUT_INVALID_STEP'],
    [`/api/usage-points/${P}/series/power.consumption.PT1M.demo?step=PT1M`, 400, 'HTTP_TOO_MANY_POINTS'],
    [`/api/usage-points/${P}/series/nonsense`, 400, 'INPUT_INVALID'],
    [`/api/nothing-here`, 404, 'HTTP_NOT_FOUND'],
  ];
  for (const [url, status, code] of cases) {
    const r = await get(url);
    assert.equal(r.status, status, url);
    assert.equal(r.body.error!.code, code, url);
    assert.ok(r.body.error!.message.length > 10);
  }
});

test('an absent usage point and an absent series answer the same "not found or no access"', async () => {
  const a = await get(`/api/usage-points/12345678901234/series/power.consumption.PT1M.demo`);
  const b = await get(`/api/usage-points/${P}/series/power.production.PT1M.demo`);
  assert.equal(a.status, 404);
  assert.equal(b.status, 404);
  assert.equal(a.body.error!.code, b.body.error!.code);
  assert.match(a.body.error!.message, /not found or no access/);
});

test('export streams CSV with UTC interval starts', async () => {
  const r = await app.inject({
    method: 'GET',
    url: `/api/usage-points/${P}/export?step=P1D&from=2007-01-01&to=2007-01-03`,
    headers: { cookie },
  });
  assert.equal(r.statusCode, 200);
  const lines = r.body.trim().split('\n');
  assert.equal(lines[0], 'usage_point,series,interval_start,step,value,unit');
  assert.ok(lines.some((l) => l.startsWith(`${P},energy.consumption.P1D.demo,2007-01-01T23:00:00.000Z,P1D,`)));
});
