import { test } from 'node:test';
import assert from 'node:assert/strict';
import { startReplayServer, recorded, recordedError } from '../../../test/enedis-replay-server.ts';
import { isNotice } from '../../importers/importer.ts';
import { dc2026Importer } from '../../importers/dataconnect/v2026.ts';
import { DataConnectClient } from './client.ts';
import { planWindows } from '../../enedis/planner.ts';
import { RateLimiter, type Clock } from './rate-limiter.ts';

/** A clock that advances when slept on, recording the sleeps: retries take no real time. */
function fakeClock(start = Date.parse('2026-07-17T04:59:00Z')): Clock & { slept: number[] } {
  let now = start;
  const slept: number[] = [];
  return { now: () => now, sleep: async (ms) => void (slept.push(ms), (now += ms)), slept };
}
const client = (url: string, clock: Clock, generation: '2026' | 'v5' = '2026') =>
  new DataConnectClient({
    baseUrl: url,
    clientId: 'id',
    clientSecret: 'secret',
    generation,
    clock,
    limiter: new RateLimiter(clock, 5, 1000),
    backoffMs: 500,
  });
const PATH = '/mesure_synchrone_auto/v2/courbe_de_charge_consommation';

test('planner: 7-day curve windows, clamped to 24 months + 15 days, to the contract start and to today', () => {
  const w = planWindows('consumption_load_curve', '2020-01-01', '2030-01-01', '2026-10-05', '2026-09-01');
  assert.equal(w[0]!.start, '2026-09-01');
  assert.equal(w.at(-1)!.end, '2026-10-05');
  assert.ok(w.every((x) => (Date.parse(x.end) - Date.parse(x.start)) / 86_400_000 <= 7));
  // 36 months + 15 days
  assert.equal(planWindows('daily_consumption', '2020-01-01', '2026-10-05', '2026-10-05')[0]!.start, '2023-09-20');
  assert.equal(planWindows('consumption_load_curve', '2020-01-01', '2026-10-05', '2026-10-05')[0]!.start, '2024-09-20');
  assert.ok(
    planWindows('daily_consumption', '2023-09-20', '2026-10-05', '2026-10-05').every(
      (x) => (Date.parse(x.end) - Date.parse(x.start)) / 86_400_000 <= 365,
    ),
  );
});

test('token, then a recorded 2026 curve; the body imports with the file importer', async () => {
  const srv = await startReplayServer({ [PATH]: [recorded('dc2026-curve.json')] });
  try {
    const clock = fakeClock();
    const got = [];
    for await (const w of client(srv.url, clock).fetchKind(
      'consumption_load_curve',
      '99999999999991',
      '2026-09-29',
      '2026-10-01',
      '2026-10-05',
    ))
      got.push(w);
    assert.equal(got.length, 1);
    assert.equal(srv.seen[0]!.path, '/oauth2/v3/token');
    assert.equal(srv.seen[0]!.authorization, `Basic ${btoa('id:secret')}`);
    assert.deepEqual(srv.seen[1]!.query, { pointId: '99999999999991', dateDebut: '2026-09-29', dateFin: '2026-10-01' });
    assert.equal(srv.seen[1]!.authorization, 'Bearer mock-access-token');
    let points = 0;
    for await (const it of dc2026Importer.parse(
      (async function* () {
        yield got[0]!.body;
      })(),
      { fileName: 'api' },
    ))
      if (!isNotice(it)) points += it.ts.length;
    assert.equal(points, 192);
  } finally {
    await srv.close();
  }
});

test('429 with nextAccessTime: the client waits until then and retries', async () => {
  const srv = await startReplayServer({ [PATH]: [recordedError('900804'), recorded('dc2026-curve.json')] });
  try {
    const clock = fakeClock(Date.parse('2026-07-17T04:59:00Z'));
    const c = client(srv.url, clock);
    const body = await c.get(PATH, { pointId: '99999999999991' }, 'curve');
    assert.ok(body.length > 1000);
    assert.ok(clock.now() >= Date.parse('2026-07-17T05:00:00Z'), 'waited for nextAccessTime');
    assert.equal(srv.seen.filter((s) => s.path === PATH).length, 2);
  } finally {
    await srv.close();
  }
});

test('a quota error that never clears ends as DC_RATE_LIMITED after the attempts', async () => {
  const srv = await startReplayServer({ [PATH]: [recordedError('900807')] });
  try {
    await assert.rejects(client(srv.url, fakeClock()).get(PATH, {}, 'curve'), { code: 'DC_RATE_LIMITED' });
    assert.equal(srv.seen.filter((s) => s.path === PATH).length, 5);
  } finally {
    await srv.close();
  }
});

test('technical_error is retried with exponential backoff', async () => {
  const srv = await startReplayServer({
    [PATH]: [recordedError('technical_error'), recordedError('technical_error'), recorded('dc2026-curve.json')],
  });
  try {
    const clock = fakeClock();
    await client(srv.url, clock).get(PATH, {}, 'curve');
    assert.deepEqual(
      clock.slept.filter((ms) => ms >= 500),
      [500, 1000],
    );
  } finally {
    await srv.close();
  }
});

test('an expired token (900901) is refreshed once, then the call succeeds', async () => {
  const srv = await startReplayServer({ [PATH]: [recordedError('900901', 401), recorded('dc2026-curve.json')] });
  try {
    await client(srv.url, fakeClock()).get(PATH, {}, 'curve');
    assert.equal(srv.seen.filter((s) => s.path === '/oauth2/v3/token').length, 2);
  } finally {
    await srv.close();
  }
});

test('recorded error bodies map to clear messages and codes', async () => {
  const cases: [string, string, RegExp][] = [
    ['no_data_found', 'DC_NO_DATA', /hourly collection is not enabled for this meter in the customer space/],
    ['ADAM-DC-0008', 'DC_NO_CONSENT', /no consent/],
    ['ADAM-DC-0007', 'DC_NO_CONSENT', /no longer the holder/],
    ['ADAM-ERR0123', 'DC_BEFORE_ACTIVATION', /before the last activation/],
    ['Invalid_request', 'DC_BAD_REQUEST', /Start date should be before end date/],
    ['900908', 'DC_FORBIDDEN', /not subscribed/],
    ['Bad request', 'DC_BAD_REQUEST', /Pas de services souscrits/],
  ];
  const srv = await startReplayServer(Object.fromEntries(cases.map(([code], i) => [`/e${i}`, [recordedError(code)]])));
  try {
    const c = client(srv.url, fakeClock(), 'v5');
    for (const [i, [enedisCode, code, re]] of cases.entries()) {
      await assert.rejects(c.get(`/e${i}`, {}, 'daily'), (e: Error & { code?: string }) => {
        assert.equal(e.code, code, `${enedisCode}: ${e.message}`);
        assert.match(e.message, re);
        return true;
      });
    }
  } finally {
    await srv.close();
  }
});

test('bad client credentials are DC_AUTH_FAILED', async () => {
  const srv = await startReplayServer({ '/oauth2/v3/token': [{ status: 401, body: '{"error":"invalid_client"}' }] });
  try {
    await assert.rejects(client(srv.url, fakeClock()).get(PATH, {}, 'curve'), { code: 'DC_AUTH_FAILED' });
  } finally {
    await srv.close();
  }
});

test('the rate limiter spaces bursts to 5 requests per second', async () => {
  const clock = fakeClock(0);
  const lim = new RateLimiter(clock, 5, 1000);
  for (let i = 0; i < 11; i++) await lim.acquire();
  assert.ok(clock.now() >= 1200 && clock.now() <= 1300, String(clock.now())); // 5 free, then one every 200 ms
});

test('the contract is a snapshot: not planned by date windows; fetched as one call without dates', async () => {
  assert.throws(() => planWindows('contract', '2026-01-01', '2026-02-01', '2026-10-05'), { code: 'INPUT_INVALID' });
  const srv = await startReplayServer({
    '/customers_upc/v5/usage_points/contracts': [recorded('dc-v5-contracts.json')],
  });
  try {
    const got = [];
    for await (const w of client(srv.url, fakeClock(), 'v5').fetchKind(
      'contract',
      '12345678910123',
      '2020-01-01',
      '2026-10-05',
      '2026-10-05',
    ))
      got.push(w);
    assert.deepEqual(
      got.map((w) => [w.kind, w.start, w.end]),
      [['contract', '2026-10-05', '2026-10-05']],
    );
    assert.deepEqual(
      srv.seen.filter((s) => s.path.startsWith('/customers_upc')).map((s) => s.query),
      [{ usage_point_id: '12345678910123' }],
    );
  } finally {
    await srv.close();
  }
});
