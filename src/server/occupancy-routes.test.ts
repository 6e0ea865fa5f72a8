// Who lives where, through the admin API: POST /api/admin/occupancies (move-in) and POST /api/admin/occupancies/end
// (move-out), for the operator (session or local token) only. A household moved in reads its usage point from the
// date the operator recorded, never before; once moved out it reads nothing there (the 404 of an absent usage
// point); each move is a ledger event whose signed receipt verifies.
import { test, before, after } from 'node:test';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import assert from 'node:assert/strict';
import { parseInstant } from '../core/range.ts';
import type { Prm } from '../core/prm.ts';
import { receiptMatchesEvent, verifyReceipt } from '../consent/receipt-jws.ts';
import { fixtureBatches, removeDir, TEST_CONFIG } from '../use-cases/consent/test-support.ts';
import { startHub } from './main.ts';
import { call, openSecurityHub, BOB_PRM, PW, type Identity, type SecurityHub } from './test-hub.ts';

const CAROL_PRM = '99999999999966' as Prm;
let h: SecurityHub;
let carol: Record<string, string> = {};

before(async () => {
  h = await openSecurityHub();
  const op = { kind: 'operator', id: 'test-operator' } as const;
  await h.hub.consent.accounts.createAccount(op, { username: 'carol', password: PW, role: 'household' });
  await h.hub.store.write(fixtureBatches(CAROL_PRM)); // 1 to 3 January 2007, nobody living there yet
});
after(async () => {
  await h.close();
});

const post = (who: Identity | Record<string, string>, url: string, payload: unknown) =>
  call(h.app, {
    method: 'POST',
    url,
    headers: { ...(typeof who === 'string' ? h.headers(who) : who), 'content-type': 'application/json' },
    payload: JSON.stringify(payload),
    remoteAddress: '127.0.0.1',
  });
const get = (headers: Record<string, string>, url: string) => call(h.app, { method: 'GET', url, headers });

async function signIn(username: string): Promise<Record<string, string>> {
  const r = await h.app.inject({
    method: 'POST',
    url: '/api/auth/login',
    payload: { username, password: PW },
    remoteAddress: '10.0.1.1',
  });
  assert.equal(r.statusCode, 200, r.body);
  const c = r.cookies.find((x) => x.name === 'courant_session')!;
  return { cookie: `courant_session=${c.value}`, 'x-csrf-token': (r.json() as { csrf: string }).csrf };
}

async function verified(answer: Record<string, unknown>, type: string) {
  const a = answer as { event: { eventId: string; seq: number; type: string }; receipt: { jws: string; url: string } };
  assert.equal(a.event.type, type);
  assert.equal(a.receipt.url, `api/receipts/${a.event.eventId}`);
  const p = await verifyReceipt(a.receipt.jws, h.hub.consent.key.publicJwk);
  const row = (await h.hub.consent.ledger.repo.events()).find((e) => e.seq === a.event.seq)!;
  assert.equal(receiptMatchesEvent(p, row), undefined, 'the receipt names its own ledger row');
  return a;
}

test('households, recipients and authorities may not record who lives where; nothing is written', async () => {
  const events = (await h.hub.consent.ledger.repo.events()).length;
  for (const who of ['alice', 'bob', 'recipient', 'authority'] as const) {
    const r = await post(who, '/api/admin/occupancies', { prm: CAROL_PRM, username: who === 'bob' ? 'bob' : 'alice' });
    assert.equal(r.status, 403, `${who}: ${r.raw.body}`);
    assert.equal(r.body.error?.code, 'AUTH_FORBIDDEN');
    const out = await post(who, '/api/admin/occupancies/end', { prm: BOB_PRM });
    assert.equal(out.status, 403, `${who}: ${out.raw.body}`);
  }
  assert.equal((await h.hub.consent.ledger.repo.events()).length, events);
  assert.ok(h.hub.consent.ledger.state.occupantAt(BOB_PRM, Date.now()), 'bob still lives at his usage point');
});

test('refusals name the field and carry their catalogue code', async () => {
  const cases: [string, unknown, number, string, RegExp][] = [
    [
      '/api/admin/occupancies',
      { prm: CAROL_PRM, username: 'nobody-here' },
      404,
      'ACCOUNT_UNKNOWN',
      /^occupancy\.username: no account is named "nobody-here"/,
    ],
    [
      '/api/admin/occupancies',
      { prm: CAROL_PRM, username: 'oscar' },
      400,
      'ACCOUNT_NOT_HOUSEHOLD',
      /^occupancy\.username: "oscar" is not a household \(its role is operator\)/,
    ],
    [
      '/api/admin/occupancies',
      { prm: CAROL_PRM, username: 'conseil-energie' },
      400,
      'ACCOUNT_NOT_HOUSEHOLD',
      /its role is recipient/,
    ],
    [
      '/api/admin/occupancies',
      { prm: BOB_PRM, username: 'carol' },
      409,
      'OCCUPANCY_TAKEN',
      /^occupancy\.prm: usage point 99999999999977 already has an occupant/,
    ],
    ['/api/admin/occupancies', { prm: '123', username: 'carol' }, 400, 'INPUT_INVALID_PRM', /^occupancy\.prm: /],
    [
      '/api/admin/occupancies',
      { prm: CAROL_PRM, username: 'carol', from: '2007-02-30' },
      400,
      'INPUT_INVALID_DATE',
      /occupancy\.from/,
    ],
    [
      '/api/admin/occupancies',
      { prm: CAROL_PRM, username: 'carol', from: '2999-01-01' },
      400,
      'INPUT_INVALID_DATE',
      /^occupancy\.from: .* is in the future/,
    ],
    [
      '/api/admin/occupancies/end',
      { prm: CAROL_PRM },
      409,
      'OCCUPANCY_NONE',
      /^occupancy\.prm: no household lives at usage point 99999999999966/,
    ],
    ['/api/admin/occupancies/end', { prm: BOB_PRM, at: 'yesterday' }, 400, 'INPUT_INVALID_DATE', /occupancy\.at/],
    [
      '/api/admin/occupancies/end',
      { prm: BOB_PRM, at: '2007-01-01' },
      400,
      'INPUT_INVALID',
      /^occupancy\.at: .* is before the household moved in/,
    ],
  ];
  const events = (await h.hub.consent.ledger.repo.events()).length;
  for (const [url, body, status, code, re] of cases) {
    const r = await post('operator', url, body);
    assert.equal(r.status, status, `${url} ${JSON.stringify(body)}: ${r.raw.body}`);
    assert.equal(r.body.error?.code, code);
    assert.match(r.body.error!.message, re);
  }
  const extra = await post('operator', '/api/admin/occupancies', {
    prm: CAROL_PRM,
    username: 'carol',
    since: '2007-01-02',
  });
  assert.equal(extra.status, 400);
  assert.match(extra.body.error!.message, /since/);
  assert.equal((await h.hub.consent.ledger.repo.events()).length, events, 'nothing written');
});

test('moved in from a past day, the household reads from that day on; moved out, it reads nothing there', async () => {
  const from = parseInstant('2007-01-02', 'test');
  const moved = await post('operator', '/api/admin/occupancies', {
    prm: CAROL_PRM,
    username: 'Carol',
    from: '2007-01-02',
  });
  assert.equal(moved.status, 201, moved.raw.body);
  assert.equal(moved.body.from, new Date(from).toISOString(), 'the start of 2 January in Paris');
  assert.equal(moved.body.username, 'carol');
  await verified(moved.body, 'occupancy-started');

  carol = await signIn('carol');
  const list = await get(carol, '/api/usage-points');
  assert.deepEqual(
    (list.body.usagePoints as { prm: string }[]).map((u) => u.prm),
    [CAROL_PRM],
  );
  const daily = await get(carol, `/api/usage-points/${CAROL_PRM}/daily?from=2007-01-01&to=2007-01-04`);
  assert.equal(daily.status, 200, daily.raw.body);
  const t = daily.body.t as number[];
  assert.ok(t.length > 0, 'the household reads its days');
  assert.ok(
    t.every((x) => x >= from),
    `nothing from before it moved in: ${t.map((x) => new Date(x).toISOString()).join(', ')}`,
  );
  const series = await get(
    carol,
    `/api/usage-points/${CAROL_PRM}/series/energy.consumption.PT1M.csv?from=2007-01-01&to=2007-01-04&maxPoints=100000`,
  );
  assert.equal(series.status, 200, series.raw.body);
  assert.equal(
    (series.body.t as number[])[0],
    from,
    'the first minute it may read is the first of the day it moved in',
  );
  // the household can download the receipt of its move-in
  const receipt = await get(carol, `/${(moved.body.receipt as { url: string }).url}`);
  assert.equal(receipt.status, 200, receipt.raw.body);

  // a second move-in on the occupied usage point is refused
  const twice = await post('operator', '/api/admin/occupancies', { prm: CAROL_PRM, username: 'alice' });
  assert.equal(twice.status, 409);
  assert.equal(twice.body.error?.code, 'OCCUPANCY_TAKEN');

  // the local CLI token records the move-out, on an earlier day
  const out = await post('local', '/api/admin/occupancies/end', { prm: CAROL_PRM, at: '2007-01-03' });
  assert.equal(out.status, 200, out.raw.body);
  assert.equal(out.body.at, new Date(parseInstant('2007-01-03', 'test')).toISOString());
  assert.equal(out.body.username, 'carol');
  assert.ok((out.body.deleted as number) > 0, 'its readings are purged');
  await verified(out.body, 'moved-out');
  for (const url of [
    `/api/usage-points/${CAROL_PRM}/daily?from=2007-01-01&to=2007-01-04`,
    `/api/usage-points/${CAROL_PRM}/holdings`,
  ]) {
    const r = await get(carol, url);
    assert.equal(r.status, 404, `${url}: ${r.raw.body}`);
    assert.equal(r.body.error?.code, 'HTTP_NOT_FOUND');
  }
  assert.deepEqual((await get(carol, '/api/usage-points')).body.usagePoints, []);
  // what was measured after it left (3 January) was not its own and stays
  const left = await h.hub.store.list(CAROL_PRM);
  assert.ok(
    left.length > 0 && left.every((s) => s.first >= parseInstant('2007-01-03', 'test')),
    'readings after the move-out are kept',
  );

  // nobody moves in back into carol's days; from the day she left, alice may
  const back = await post('operator', '/api/admin/occupancies', {
    prm: CAROL_PRM,
    username: 'alice',
    from: '2007-01-02',
  });
  assert.equal(back.status, 409);
  assert.match(back.body.error!.message, /^occupancy\.from: .* is before the previous household left/);
  const alice = await post('operator', '/api/admin/occupancies', {
    prm: CAROL_PRM,
    username: 'alice',
    from: '2007-01-03',
  });
  assert.equal(alice.status, 201, alice.raw.body);

  const report = await h.hub.consent.ledger.verify();
  assert.equal(report.status, 'ok', JSON.stringify(report.firstBreak));
});

test('single-household installation: a usage point its household moved out of is not attached to it again, nor importable by it', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'courant-occupancy-one-'));
  const PRM_ONE = '99999999999944' as Prm;
  try {
    const running = await startHub({
      dataDir: dir,
      port: 0,
      demo: false,
      env: {},
      logLevel: 'silent',
      consent: TEST_CONFIG,
      owner: { username: 'dora', password: PW },
    });
    try {
      await running.hub.store.write(fixtureBatches(PRM_ONE));
      const login = await fetch(`${running.url}/api/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username: 'dora', password: PW }),
      });
      const csrf = ((await login.json()) as { csrf: string }).csrf;
      const dora = {
        cookie: login.headers
          .getSetCookie()
          .find((c) => c.startsWith('courant_session='))!
          .split(';')[0]!,
        'x-csrf-token': csrf,
      };
      const prms = async () =>
        (
          (await (await fetch(`${running.url}/api/usage-points`, { headers: dora })).json()) as {
            usagePoints: { prm: string }[];
          }
        ).usagePoints.map((u) => u.prm);
      assert.deepEqual(await prms(), [PRM_ONE], "what nobody occupies is the only household's");
      const local = { authorization: `Bearer ${running.hub.localToken}`, 'content-type': 'application/json' };
      const out = await fetch(`${running.url}/api/admin/occupancies/end`, {
        method: 'POST',
        headers: local,
        body: JSON.stringify({ prm: PRM_ONE, at: '2007-01-02' }),
      });
      assert.equal(out.status, 200, await out.text());
      assert.deepEqual(await prms(), [], 'readings measured after it left are not attached to it again');
      const csv = 'start,value\n2007-01-03T00:00:00+01:00,100\n2007-01-03T00:30:00+01:00,100\n';
      const up = await fetch(`${running.url}/api/imports`, {
        method: 'POST',
        headers: { ...dora, 'content-type': 'text/csv', 'x-file-name': 'm.csv', 'x-prm': PRM_ONE },
        body: csv,
      });
      assert.equal(up.status, 404, await up.text());
    } finally {
      await running.close();
    }
  } finally {
    removeDir(dir);
  }
});
