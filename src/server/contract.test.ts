// Every API route answers a declared contract (src/server/contract/): a success status and the error body for 4xx
// and 5xx. The serializer sends what the contract names and nothing else, and refuses an answer of the wrong type
// (500, logged) instead of sending it; the series route's own serializer does the same without zod-copying its arrays.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { apiRoutesOf } from './app.ts';
import { call, openSecurityHub, OWNER_PRM, ABSENT_PRM, type SecurityHub } from './test-hub.ts';
import { errorBody } from './contract/common.ts';
import { seriesData, usagePointsAnswer } from './contract/series.ts';
import { seriesSerializerCompiler } from './series-serializer.ts';
import Fastify from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { healthResponses } from './contract/health.ts';

let h: SecurityHub;
before(async () => {
  h = await openSecurityHub();
});
after(async () => {
  await h.close();
});

test('every API route declares its success answer and the error body for 4xx and 5xx', () => {
  const routes = apiRoutesOf(h.app);
  assert.ok(routes.length >= 30, `${routes.length} routes`);
  const missing = routes
    .filter(
      (r) =>
        // a redirect is the success answer of the OAuth authorisation endpoint
        !r.responses.some((s) => /^[23]\d\d$/.test(s)) || !r.responses.includes('4xx') || !r.responses.includes('5xx'),
    )
    .map((r) => `${r.method} ${r.url}: ${r.responses.join(', ') || 'no response schema'}`);
  assert.deepEqual(missing, []);
});

test('answers match their contract; errors answer the error body', async () => {
  const ok = await call(h.app, { method: 'GET', url: '/api/usage-points', headers: h.headers('alice') });
  assert.equal(ok.status, 200);
  usagePointsAnswer.parse(ok.body);
  const series = await call(h.app, {
    method: 'GET',
    url: `/api/usage-points/${OWNER_PRM}/series/power.consumption.PT1M.demo?maxPoints=500`,
    headers: h.headers('alice'),
  });
  assert.equal(series.status, 200, series.raw.body);
  seriesData.strict().parse(series.body);
  const absent = await call(h.app, {
    method: 'GET',
    url: `/api/usage-points/${ABSENT_PRM}/holdings`,
    headers: h.headers('alice'),
  });
  assert.equal(absent.status, 404);
  errorBody.strict().parse(absent.body);
});

test('a mistyped answer is refused (500, nothing of it sent) and a field the contract does not name is not sent', async () => {
  const accounts = h.hub.consent.accounts as unknown as { needsSetup: () => Promise<unknown> };
  const needsSetup = accounts.needsSetup;
  accounts.needsSetup = async () => 'no'; // the contract says a boolean
  try {
    const r = await call(h.app, { method: 'GET', url: '/api/auth/state' });
    assert.equal(r.status, 500);
    assert.deepEqual(r.body, { error: { code: 'HTTP_INTERNAL', message: 'internal error (logged on the hub)' } });
  } finally {
    accounts.needsSetup = needsSetup;
  }
  const legal = h.hub.consent.legal as unknown as { transparency: () => Promise<unknown[]> };
  const real = legal.transparency;
  legal.transparency = async () => [{ authorityType: 'police', outcome: 'accepted', count: 1, prms: [OWNER_PRM] }];
  try {
    const r = await call(h.app, { method: 'GET', url: '/api/transparency' });
    assert.equal(r.status, 200);
    assert.deepEqual(r.body.rows, [{ authorityType: 'police', outcome: 'accepted', count: 1 }]);
    assert.ok(!r.raw.body.includes(OWNER_PRM));
  } finally {
    legal.transparency = real;
  }
});

test("the series route's serializer: the same bytes as JSON.stringify, unknown fields dropped, wrong types refused", () => {
  const serialize = seriesSerializerCompiler({
    schema: seriesData,
    method: 'GET',
    url: '/api/usage-points/:prm/series/:series',
    httpStatus: '200',
  });
  const answer = {
    prm: OWNER_PRM,
    series: 'energy.consumption.PT30M.demo',
    quantity: 'energy',
    unit: 'Wh',
    nativeStep: 'PT30M',
    step: 'PT30M',
    bucketMs: 0,
    from: '2007-01-01T00:00:00.000Z',
    to: '2007-01-02T00:00:00.000Z',
    t: [1, 2],
    v: [3.5, 4],
    min: null,
    max: null,
  };
  assert.deepEqual(JSON.parse(serialize(answer)), answer);
  assert.deepEqual(JSON.parse(serialize({ ...answer, internal: 'x' })), answer);
  const refused = (field: string) => (e: unknown) =>
    (e as { cause?: { issues?: { path: unknown[] }[] } }).cause?.issues?.[0]?.path[0] === field;
  assert.throws(() => serialize({ ...answer, v: [1, '2'] }), refused('v'));
  assert.throws(() => serialize({ ...answer, min: 'none' }), refused('min'));
  assert.throws(() => serialize({ ...answer, quantity: 'mood' }), refused('quantity'));
  assert.throws(() => serialize({ ...answer, t: undefined }), refused('t'));
});

test('a handler answering the wrong shape does not typecheck (npm run typecheck checks the lines below)', async () => {
  const probe = Fastify().withTypeProvider<ZodTypeProvider>();
  probe.get('/ok', { schema: { response: healthResponses.health } }, async () => ({
    status: 'ok' as const,
    version: '1',
    engine: 'duckdb',
  }));
  // @ts-expect-error the health contract's version is text
  probe.get('/mistyped', { schema: { response: healthResponses.health } }, async () => ({
    status: 'ok' as const,
    version: 1,
    engine: 'duckdb',
  }));
  // @ts-expect-error the health contract has an engine
  probe.get('/missing', { schema: { response: healthResponses.health } }, async () => ({
    status: 'ok' as const,
    version: '1',
  }));
  await probe.close();
});
