// Holes found by probing a running multi-household hub, each kept closed by a test that failed before its fix:
// the usage point of a read comes only from the checked path; authentication holds however the path is spelt;
// concurrent sign-in guesses are counted before the password is verified; the local token imports a new usage point;
// a household reads its own data from the day it moved in, and sees nothing of what came before.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import {
  call,
  openSecurityHub,
  rawRequest,
  ABSENT_PRM,
  BOB_PRM,
  BOB_SINCE,
  OWNER_PRM,
  PW,
  type SecurityHub,
} from './test-hub.ts';

let h: SecurityHub;
before(async () => {
  h = await openSecurityHub();
});
after(async () => {
  await h.close();
});

test('export: a prm in the query never replaces the checked one (400, nothing of the other usage point is sent)', async () => {
  for (const [who, own] of [
    ['bob', BOB_PRM],
    ['alice', OWNER_PRM],
    ['local', OWNER_PRM],
  ] as const) {
    for (const other of [OWNER_PRM, BOB_PRM, ABSENT_PRM].filter((p) => p !== own)) {
      const url = `/api/usage-points/${own}/export?prm=${other}&format=csv&from=2007-01-01&to=2007-01-03`;
      const r = await call(h.app, { method: 'GET', url, headers: h.headers(who) });
      assert.equal(r.status, 400, `${who} ${url}: ${r.raw.body.slice(0, 200)}`);
      assert.equal(r.body.error?.code, 'INPUT_INVALID');
      assert.match(r.body.error!.message, /query\.prm: unexpected parameter/);
      assert.ok(!r.raw.body.includes(`${other},`), 'no reading of the other usage point');
    }
  }
  // every other data route refuses unknown parameters the same way
  for (const path of [
    'holdings',
    'daily',
    'series/energy.consumption.PT30M.derived',
    'costs?from=2007-01-01&to=2007-01-03',
  ]) {
    const url = `/api/usage-points/${BOB_PRM}/${path}${path.includes('?') ? '&' : '?'}prm=${OWNER_PRM}`;
    const r = await call(h.app, { method: 'GET', url, headers: h.headers('bob') });
    assert.equal(r.status, 400, url);
  }
});

test('authentication holds however the API prefix is spelt; ambiguous spellings are refused before routing', async () => {
  const before = (await h.hub.store.list()).length;
  const imp = await call(h.app, {
    method: 'POST',
    url: '/%61pi/imports',
    payload: 'date,value\n2007-01-01T00:00:00Z,1\n',
    headers: { 'content-type': 'text/csv', 'x-prm': ABSENT_PRM },
  });
  assert.equal(imp.status, 400, imp.raw.body);
  assert.equal(imp.body.error?.code, 'HTTP_BAD_REQUEST');
  assert.equal((await h.hub.store.list()).length, before, 'nothing imported');
  // logout without the CSRF token through an encoded prefix: refused, the session lives on
  const out = await call(h.app, {
    method: 'POST',
    url: '/%61pi/auth/logout',
    headers: h.headers('alice', { csrf: false }),
  });
  assert.equal(out.status, 400);
  assert.equal(
    (await call(h.app, { method: 'GET', url: '/api/auth/me', headers: h.headers('alice') })).status,
    200,
    'still signed in',
  );
  const plain = await call(h.app, {
    method: 'POST',
    url: '/api/auth/logout',
    headers: h.headers('alice', { csrf: false }),
  });
  assert.equal(plain.status, 403, 'without CSRF token on the plain path');
  // sent over a real socket as written (an in-process request would normalise dot segments before the hub sees them)
  const origin = await h.app.listen({ host: '127.0.0.1', port: 0 });
  for (const url of [
    '/%61pi/health',
    '/api/%75sage-points',
    '//api/usage-points',
    '/api//usage-points',
    '/api/./usage-points',
    `/api/usage-points/${OWNER_PRM}/../${OWNER_PRM}/holdings`,
    '/api%2Fusage-points',
    '/api\\usage-points',
  ]) {
    const r = await rawRequest(origin, 'GET', url, h.headers('bob'));
    assert.equal(r.status, 400, url);
    assert.equal(JSON.parse(r.body).error.code, 'HTTP_BAD_REQUEST', url);
  }
  // an encoded character that is not ambiguous (a space in a name) is not refused by the spelling check
  assert.equal(
    (await call(h.app, { method: 'GET', url: '/api/usage-points/a%20b/holdings', headers: h.headers('bob') })).body
      .error?.code,
    'INPUT_INVALID_PRM',
  );
});

test('100 concurrent wrong passwords for one account run at most 5 verifications; the real owner is slowed, never locked', async () => {
  const accounts = h.hub.consent.accounts;
  await accounts.createAccount(
    { kind: 'operator', id: 'test-operator' },
    { username: 'carol', password: PW, role: 'household' },
  );
  const before = accounts.verifications;
  const tries = Array.from({ length: 100 }, () =>
    call(h.app, {
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: 'carol', password: 'not the password!' },
      remoteAddress: '10.5.5.5',
    }),
  );
  const right = call(h.app, {
    method: 'POST',
    url: '/api/auth/login',
    payload: { username: 'carol', password: PW },
    remoteAddress: '10.5.5.5',
  });
  const answers = await Promise.all([...tries, right]);
  assert.ok(accounts.verifications - before <= 5, `${accounts.verifications - before} verifications`);
  assert.equal(answers.filter((a) => a.status === 401).length, accounts.verifications - before);
  const limited = answers.filter((a) => a.status === 429);
  assert.ok(limited.length >= 95);
  assert.equal((await right).status, 429, 'the right password behind 100 guesses is not let in');
  assert.equal((await right).raw.cookies.length, 0);
  const wait = Number(limited[0]!.raw.headers['retry-after']);
  assert.ok(wait >= 1 && wait <= 60, `retry-after ${wait}`);
  assert.match(limited[0]!.body.error!.message, new RegExp(`try again in \\d+ s`));
  // from another address the owner waits out the account's back-off (at most a minute), then signs in
  h.setNow(Date.now() + 61_000);
  const owner = await call(h.app, {
    method: 'POST',
    url: '/api/auth/login',
    payload: { username: 'carol', password: PW },
    remoteAddress: '10.6.6.6',
  });
  assert.equal(owner.status, 200, owner.raw.body);
  h.setNow(Date.now());
});

test('the local token imports a usage point the hub does not hold yet, with several households', async () => {
  const NEW = '99999999999955';
  const csv = 'start,value\n2007-01-01T00:00:00+01:00,100\n2007-01-01T00:30:00+01:00,120\n';
  const r = await call(h.app, {
    method: 'POST',
    url: '/api/imports',
    payload: csv,
    headers: { ...h.headers('local'), 'content-type': 'text/csv', 'x-file-name': 'new.csv', 'x-prm': NEW },
  });
  assert.equal(r.status, 200, r.raw.body);
  assert.deepEqual(r.body.usagePoints, [NEW]);
  // a household still cannot import for a usage point it does not occupy
  const bob = await call(h.app, {
    method: 'POST',
    url: '/api/imports',
    payload: csv,
    headers: { ...h.headers('bob'), 'content-type': 'text/csv', 'x-file-name': 'new.csv', 'x-prm': '99999999999944' },
  });
  assert.equal(bob.status, 404);
});

test('a household reads its own data from the day it moved in: ranges are clamped, older counts and dates never shown', async () => {
  const all = await h.hub.store.list(BOB_PRM);
  assert.ok(
    all.every((s) => s.first < BOB_SINCE),
    'the usage point holds data from before the move-in',
  );
  const holdings = await call(h.app, {
    method: 'GET',
    url: `/api/usage-points/${BOB_PRM}/holdings`,
    headers: h.headers('bob'),
  });
  assert.equal(holdings.status, 200, holdings.raw.body);
  const series = holdings.body.series as { id: string; first: string; count: number }[];
  for (const s of series) {
    assert.ok(Date.parse(s.first) >= BOB_SINCE, `${s.id} starts ${s.first}`);
    const full = all.find(
      (x) =>
        `${x.quantity}.${x.direction}.${x.step}.${x.source}` === s.id ||
        s.id.startsWith(`${x.quantity}.${x.direction}.${x.step}`),
    )!;
    assert.ok(s.count < full.count, `${s.id}: ${s.count} of ${full.count} points`);
  }
  const ups = await call(h.app, { method: 'GET', url: '/api/usage-points', headers: h.headers('bob') });
  const listed = (ups.body.usagePoints as { prm: string; series: { first: string; count: number }[] }[]).find(
    (u) => u.prm === BOB_PRM,
  )!;
  assert.deepEqual(
    listed.series.map((s) => [s.first, s.count]),
    series.map((s) => [s.first, s.count]),
    'the list shows the same window as the holdings',
  );
  // a range starting at Paris midnight, an hour before the occupancy (UTC midnight): clamped, not refused
  const daily = await call(h.app, {
    method: 'GET',
    url: `/api/usage-points/${BOB_PRM}/daily?from=2007-01-02&to=2007-01-04`,
    headers: h.headers('bob'),
  });
  assert.equal(daily.status, 200, daily.raw.body);
  assert.ok((daily.body.t as number[]).length > 0);
  const exp = await call(h.app, {
    method: 'GET',
    url: `/api/usage-points/${BOB_PRM}/export?format=csv`,
    headers: h.headers('bob'),
  });
  assert.equal(exp.status, 200);
  const starts = exp.raw.body
    .trim()
    .split('\n')
    .slice(1)
    .map((l) => Date.parse(l.split(',')[2]!));
  assert.ok(starts.length > 0 && starts.every((t) => t >= BOB_SINCE), 'no exported reading before the move-in');
  const series30 = await call(h.app, {
    method: 'GET',
    url: `/api/usage-points/${BOB_PRM}/series/energy.consumption.PT30M.derived?from=2007-01-01&to=2007-01-04&step=PT30M`,
    headers: h.headers('bob'),
  });
  assert.equal(series30.status, 200, series30.raw.body);
  assert.ok((series30.body.t as number[]).every((t) => t >= BOB_SINCE));
});
