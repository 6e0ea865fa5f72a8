// The secure HTTP edge on a real DuckDB file: deny by default, first-start set-up, sessions, CSRF, throttling,
// cross-household 404s identical to absent ones, controls with signed receipts, consents, export and erasure.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import type { FastifyInstance, InjectOptions } from 'fastify';
import { compactVerify, importJWK } from 'jose';
import { unzipSync, strFromU8 } from 'fflate';
import { loadConfig } from '../config/load.ts';
import { registerClients, testClient } from '../use-cases/consent/test-support.ts';
import { DEMO_PRM } from '../core/prm.ts';
import { loadDemoIfEmpty } from '../adapters/demo/demo.ts';
import { createLogger } from '../backend/logging.ts';
import type { Hub } from '../use-cases/hub.ts';
import { createApp } from './app.ts';
import { buildHub } from './main.ts';
import { issueSetupToken } from './auth/setup.ts';

const P = DEMO_PRM;
const BOB_PRM = '99999999999977';
const ABSENT = '99999999999988';
const PW = 'correct horse battery';

let app: FastifyInstance;
let hub: Hub & { close(): Promise<void> };
type Session = { cookie: string; csrf: string };
let alice: Session;
let bob: Session;

const call = async (o: InjectOptions & { as?: Session; csrf?: boolean }) => {
  const headers: Record<string, string> = { ...(o.headers as Record<string, string>) };
  if (o.as) headers.cookie = o.as.cookie;
  if (o.as && o.csrf !== false) headers['x-csrf-token'] = o.as.csrf;
  const r = await app.inject({ ...o, headers });
  let body: { error?: { code: string; message: string } } & Record<string, unknown> = {};
  try {
    body = r.json();
  } catch {
    /* not JSON */
  }
  return { status: r.statusCode, body, raw: r };
};

async function login(username: string, password = PW, remoteAddress = '127.0.0.1'): Promise<Session> {
  const r = await app.inject({
    method: 'POST',
    url: '/api/auth/login',
    payload: { username, password },
    remoteAddress,
  });
  assert.equal(r.statusCode, 200, r.body);
  const c = r.cookies.find((x) => x.name === 'courant_session')!;
  assert.equal(c.httpOnly, true);
  assert.equal(c.sameSite, 'Strict');
  assert.equal(c.path, '/');
  return { cookie: `courant_session=${c.value}`, csrf: (r.json() as { csrf: string }).csrf };
}

before(async () => {
  const { config } = loadConfig({ env: {}, cwd: mkdtempSync(join(tmpdir(), 'courant-secure-')) });
  hub = await buildHub(config, createLogger({ level: 'silent' }), Date.now);
  await registerClients(hub.consent, [
    testClient({ clientId: 'conseil-energie', name: 'Conseil Énergie SAS', purposes: ['personalised-advice'] }),
  ]);
  await loadDemoIfEmpty(hub.store);
  app = await createApp(hub, { webDist: '/nonexistent' });
});
after(async () => {
  await app.close();
  await hub.close();
});

test('first start: set-up needs the one-time token, attaches the held usage point, then refuses to run again', async () => {
  assert.deepEqual((await call({ method: 'GET', url: '/api/auth/state' })).body, {
    setupNeeded: true,
    authenticated: false,
  });
  const token = issueSetupToken(hub);
  const wrong = await call({
    method: 'POST',
    url: '/api/auth/setup',
    payload: { token: 'nope', username: 'alice', password: PW },
  });
  assert.equal(wrong.status, 403);
  assert.equal(wrong.body.error!.code, 'AUTH_SETUP_TOKEN');
  assert.equal(await hub.consent.accounts.needsSetup(), true, 'a wrong token changes nothing');
  const ok = await call({
    method: 'POST',
    url: '/api/auth/setup',
    payload: { token, username: 'alice', password: PW, displayName: 'Foyer Alice' },
  });
  assert.equal(ok.status, 201, JSON.stringify(ok.body));
  assert.deepEqual(ok.body.usagePoints, [P]);
  const again = await call({
    method: 'POST',
    url: '/api/auth/setup',
    payload: { token, username: 'mallory', password: PW },
  });
  assert.equal(again.status, 409);
  assert.equal(again.body.error!.code, 'AUTH_SETUP_DONE');
  alice = await login('alice');
  assert.deepEqual((await call({ method: 'GET', url: '/api/auth/state', as: alice })).body, {
    setupNeeded: false,
    authenticated: true,
  });
  // A second household on another usage point, created by the operator (multi-household installation).
  const op = { kind: 'operator', id: 'test-operator' } as const;
  const bobActor = await hub.consent.accounts.createAccount(op, { username: 'bob', password: PW, role: 'household' });
  await hub.consent.consents.startOccupancy(op, { prm: BOB_PRM, subject: bobActor.id });
  bob = await login('bob');
});

test('deny by default: every /api/ route but health, login, set-up state and transparency needs a session', async () => {
  const open = ['/api/health', '/api/auth/state', '/api/transparency'];
  for (const url of open) assert.equal((await call({ method: 'GET', url })).status, 200, url);
  const closed: [string, string][] = [
    ['GET', '/api/usage-points'],
    ['GET', `/api/usage-points/${P}/holdings`],
    ['GET', `/api/usage-points/${P}/series/power.consumption.PT1M.demo`],
    ['GET', `/api/usage-points/${P}/daily`],
    ['GET', `/api/usage-points/${P}/export`],
    ['GET', '/api/live'],
    ['GET', '/api/auth/me'],
    ['GET', `/api/usage-points/${P}/consents`],
    ['GET', `/api/usage-points/${P}/controls`],
    ['POST', `/api/usage-points/${P}/controls/purge-fine-history`],
    ['GET', `/api/usage-points/${P}/access-log`],
    ['GET', `/api/usage-points/${P}/legal-requests`],
    ['GET', `/api/usage-points/${P}/rights/export`],
    ['POST', `/api/usage-points/${P}/rights/erase`],
    ['GET', '/api/admin/register'],
    ['GET', '/api/admin/ledger/verify'],
    ['GET', '/api/receipts/whatever'],
  ];
  for (const [method, url] of closed) {
    const r = await call({ method: method as 'GET', url });
    assert.equal(r.status, 401, `${method} ${url}`);
    assert.equal(r.body.error!.code, 'AUTH_SESSION_INVALID', url);
  }
  const forged = await call({
    method: 'GET',
    url: '/api/usage-points',
    headers: { cookie: 'courant_session=' + 'x'.repeat(43) },
  });
  assert.equal(forged.status, 401);
});

test('login failures say nothing about which part was wrong; the session lists only the household’s own usage point', async () => {
  const a = await call({
    method: 'POST',
    url: '/api/auth/login',
    payload: { username: 'alice', password: 'wrong password!!' },
    remoteAddress: '10.0.0.2',
  });
  const b = await call({
    method: 'POST',
    url: '/api/auth/login',
    payload: { username: 'nobody', password: 'wrong password!!' },
    remoteAddress: '10.0.0.2',
  });
  assert.equal(a.status, 401);
  assert.deepEqual(a.body, b.body);
  const ups = await call({ method: 'GET', url: '/api/usage-points', as: alice });
  assert.deepEqual(
    (ups.body.usagePoints as { prm: string }[]).map((u) => u.prm),
    [P],
  );
  const bobs = await call({ method: 'GET', url: '/api/usage-points', as: bob });
  assert.deepEqual(
    (bobs.body.usagePoints as { prm: string; series: unknown[] }[]).map((u) => [u.prm, u.series.length]),
    [[BOB_PRM, 0]],
    'bob sees his own (empty) usage point, never alice’s',
  );
  const me = await call({ method: 'GET', url: '/api/auth/me', as: alice });
  assert.equal((me.body.account as { displayName: string }).displayName, 'Foyer Alice');
});

test('cross-household URLs answer exactly what an absent usage point answers, and change nothing', async () => {
  const paths = (prm: string): [string, string][] => [
    ['GET', `/api/usage-points/${prm}/holdings`],
    ['GET', `/api/usage-points/${prm}/series/power.consumption.PT1M.demo`],
    ['GET', `/api/usage-points/${prm}/daily`],
    ['GET', `/api/usage-points/${prm}/export`],
    ['GET', `/api/usage-points/${prm}/consents`],
    ['GET', `/api/usage-points/${prm}/controls`],
    ['GET', `/api/usage-points/${prm}/access-log`],
    ['GET', `/api/usage-points/${prm}/legal-requests`],
    ['GET', `/api/usage-points/${prm}/rights/export`],
    ['POST', `/api/usage-points/${prm}/controls/purge-fine-history`],
    ['POST', `/api/usage-points/${prm}/controls/stop-fine-recording`],
    ['POST', `/api/usage-points/${prm}/rights/erase`],
  ];
  const before = await hub.store.list(P);
  for (const [[method, url], [, absentUrl]] of paths(P).map((x, i) => [x, paths(ABSENT)[i]!] as const)) {
    // each route's own well-formed body, so that only the usage point differs
    const body = (prm: string) => (method !== 'POST' ? undefined : url.endsWith('/erase') ? { confirm: prm } : {});
    const cross = await call({ method: method as 'GET', url, as: bob, payload: body(P) });
    const absent = await call({ method: method as 'GET', url: absentUrl, as: bob, payload: body(ABSENT) });
    assert.equal(cross.status, 404, `${method} ${url}: ${JSON.stringify(cross.body)}`);
    assert.equal(cross.body.error!.code, 'HTTP_NOT_FOUND');
    assert.deepEqual(
      JSON.parse(JSON.stringify(cross.body).replaceAll(P, 'X')),
      JSON.parse(JSON.stringify(absent.body).replaceAll(ABSENT, 'X')),
      url,
    );
  }
  assert.deepEqual(await hub.store.list(P), before, 'alice’s data untouched');
  const bobId = hub.consent.ledger.state.occupantAt(BOB_PRM, Date.now())!.subject;
  const logged = hub.consent.refusals.recent.filter((r) => r.actor === `household:${bobId}`);
  assert.ok(
    logged.some((r) => r.action === 'data.read' && r.message.includes(P)),
    'the cross-household read is in the refusal log',
  );
  assert.ok(
    logged.some((r) => r.action.startsWith('control.') && r.code === 'CONSENT_NOT_SUBJECT'),
    'so is the cross-household control',
  );
  assert.equal(hub.consent.ledger.state.controlsOf(P).fineRecording, true);
});

test('a state-changing request without the CSRF token is refused with AUTH_CSRF, logged, and changes nothing', async () => {
  const seq = hub.consent.ledger.state.lastSeq;
  for (const [url, payload] of [
    [`/api/usage-points/${P}/controls/stop-fine-recording`, {}],
    [`/api/usage-points/${P}/rights/erase`, { confirm: P }],
    ['/api/account', { displayName: 'pwned' }],
  ] as const) {
    const r = await call({ method: url === '/api/account' ? 'PATCH' : 'POST', url, as: alice, csrf: false, payload });
    assert.equal(r.status, 403, url);
    assert.equal(r.body.error!.code, 'AUTH_CSRF');
    const wrong = await call({
      method: url === '/api/account' ? 'PATCH' : 'POST',
      url,
      as: alice,
      csrf: false,
      payload,
      headers: { 'x-csrf-token': bob.csrf },
    });
    assert.equal(wrong.body.error?.code, 'AUTH_CSRF', 'another session’s token does not do');
  }
  assert.equal(hub.consent.ledger.state.lastSeq, seq, 'no ledger event');
  assert.equal(hub.consent.ledger.state.controlsOf(P).fineRecording, true);
  assert.ok((await hub.store.list(P)).length > 0);
  assert.ok(
    hub.consent.refusals.recent.some((r) => r.code === 'AUTH_CSRF'),
    'the refusal is logged',
  );
  const me = await call({ method: 'GET', url: '/api/auth/me', as: alice });
  assert.equal((me.body.account as { displayName: string }).displayName, 'Foyer Alice');
});

test('each household control answers a receipt that verifies offline with the hub’s public key and downloads', async () => {
  const pub = await importJWK(hub.consent.key.publicJwk, 'EdDSA');
  const runs: [string, Record<string, unknown>][] = [
    ['stop-fine-recording', {}],
    ['resume-fine-recording', {}],
    ['change-step', { step: 'PT30M' }],
    ['extend-fine-retention', { months: 18 }],
    ['delete-data', { from: '2007-01-01', to: '2007-01-02' }],
    ['purge-fine-history', {}],
  ];
  for (const [id, payload] of runs) {
    const r = await call({ method: 'POST', url: `/api/usage-points/${P}/controls/${id}`, as: alice, payload });
    assert.equal(r.status, 200, `${id}: ${JSON.stringify(r.body)}`);
    const receipt = r.body.receipt as { jws: string; url: string };
    const { payload: p } = await compactVerify(receipt.jws, pub);
    const claims = JSON.parse(new TextDecoder().decode(p)) as { receipt_id: string; 'hub:usagePointId': string };
    assert.equal(claims.receipt_id, (r.body.event as { eventId: string }).eventId);
    assert.equal(claims['hub:usagePointId'], P);
    const dl = await call({ method: 'GET', url: `/${receipt.url}`, as: alice });
    assert.equal(dl.raw.body, receipt.jws);
    assert.match(String(dl.raw.headers['content-disposition']), /attachment/);
    assert.equal((await call({ method: 'GET', url: `/${receipt.url}`, as: bob })).status, 404, 'not bob’s receipt');
  }
  const st = hub.consent.ledger.state.controlsOf(P);
  assert.deepEqual(
    { fine: st.fineRecording, step: st.recordedStep, months: st.fineRetentionMonths },
    { fine: true, step: 'PT30M', months: 18 },
  );
  const fine = (await hub.store.list(P)).filter((s) => s.step !== 'P1D');
  assert.deepEqual(fine, [], 'purge left no value finer than a day');
  const daily = await call({
    method: 'GET',
    url: `/api/usage-points/${P}/daily?from=2007-01-01&to=2007-01-03`,
    as: alice,
  });
  assert.equal(daily.status, 200);
});

test('consent: separate unticked boxes with the notice; give then withdraw, each with a receipt', async () => {
  const s = await call({ method: 'GET', url: `/api/usage-points/${P}/consents?lang=fr`, as: alice });
  const boxes = (
    s.body.screens as {
      boxes: {
        key: string;
        defaultChecked: boolean;
        step: string;
        purpose: string;
        recipient: string;
        text: string;
        notice: unknown;
        categories: string[];
      }[];
    }[]
  )[0]!.boxes;
  assert.deepEqual(
    boxes.map((b) => b.step),
    ['P1D', 'PT1H', 'PT30M'],
  );
  assert.ok(boxes.every((b) => b.defaultChecked === false));
  assert.match(boxes[2]!.text, /toutes les 30 minutes/);
  assert.match(boxes[2]!.text, /Conseil Énergie SAS/);
  const b = boxes[0]!;
  const given = await call({
    method: 'POST',
    url: `/api/usage-points/${P}/consents`,
    as: alice,
    payload: { recipient: b.recipient, purpose: b.purpose, step: b.step, categories: b.categories, notice: b.notice },
  });
  assert.equal(given.status, 201, JSON.stringify(given.body));
  const id = given.body.consentId as string;
  const tampered = await call({
    method: 'POST',
    url: `/api/usage-points/${P}/consents`,
    as: alice,
    payload: { recipient: b.recipient, purpose: b.purpose, step: 'PT30M', categories: b.categories, notice: b.notice },
  });
  assert.equal(
    tampered.body.error?.code,
    'CONSENT_NOTICE_UNKNOWN',
    'a notice shown for daily data cannot cover 30-minute data',
  );
  assert.equal(
    (await call({ method: 'POST', url: `/api/consents/${id}/withdraw`, as: bob })).status,
    404,
    'bob cannot withdraw alice’s consent',
  );
  const w = await call({ method: 'POST', url: `/api/consents/${id}/withdraw`, as: alice });
  assert.equal(w.status, 200);
  const list = await call({ method: 'GET', url: `/api/usage-points/${P}/consents`, as: alice });
  assert.equal(
    (list.body.consents as { consentId: string; status: string }[]).find((c) => c.consentId === id)!.status,
    'withdrawn',
  );
});

test('legal requests: the operator records and decides them; the household sees the non-secret one; the public report counts both; the authority’s read is logged', async () => {
  const op = { authorization: `Bearer ${hub.localToken}` };
  const authority = await hub.consent.accounts.createAccount(
    { kind: 'operator', id: 'test-operator' },
    { username: 'gendarmerie', password: PW, role: 'authority' },
  );
  const open = {
    reference: 'PV-2026-001',
    authorityId: authority.id,
    authorityType: 'police',
    legalBasis: 'CPP art. 60-1',
    prms: [P],
    rangeFrom: '2007-01-01',
    rangeTo: '2007-02-01',
  };
  const a = await call({ method: 'POST', url: '/api/admin/legal-requests', headers: op, payload: open });
  assert.equal(a.status, 201, JSON.stringify(a.body));
  const secret = await call({
    method: 'POST',
    url: '/api/admin/legal-requests',
    headers: op,
    payload: { ...open, reference: 'DGFIP-77', authorityType: 'tax', secret: true },
  });
  assert.equal(secret.status, 201);
  const bulk = await call({
    method: 'POST',
    url: '/api/admin/legal-requests',
    headers: op,
    payload: { ...open, prms: [] },
  });
  assert.equal(bulk.body.error?.code, 'LEGAL_REQUEST_INVALID', 'no bulk request');
  const byHousehold = await call({ method: 'POST', url: '/api/admin/legal-requests', as: alice, payload: open });
  assert.equal(byHousehold.body.error?.code, 'AUTH_FORBIDDEN');
  const authoritySession = await login('gendarmerie');
  const before = await call({
    method: 'GET',
    url: `/api/usage-points/${P}/daily?from=2007-01-05&to=2007-01-10`,
    as: authoritySession,
  });
  assert.equal(before.status, 404, 'pending: no access yet');
  assert.equal(
    (
      await call({
        method: 'POST',
        url: `/api/admin/legal-requests/${a.body.requestId}/decide`,
        headers: op,
        payload: { outcome: 'accepted' },
      })
    ).status,
    200,
  );
  assert.equal(
    (
      await call({
        method: 'POST',
        url: `/api/admin/legal-requests/${secret.body.requestId}/decide`,
        headers: op,
        payload: { outcome: 'refused' },
      })
    ).status,
    200,
  );
  const seen = await call({ method: 'GET', url: `/api/usage-points/${P}/legal-requests`, as: alice });
  assert.deepEqual(
    (seen.body.requests as { reference: string; outcome: string }[]).map((r) => [r.reference, r.outcome]),
    [['PV-2026-001', 'accepted']],
  );
  const tr = await call({ method: 'GET', url: '/api/transparency' });
  assert.deepEqual(tr.body.rows, [
    { authorityType: 'police', outcome: 'accepted', count: 1 },
    { authorityType: 'tax', outcome: 'refused', count: 1 },
  ]);
  assert.ok(!JSON.stringify(tr.body).includes(P), 'no usage point in the public report');
  const inside = await call({
    method: 'GET',
    url: `/api/usage-points/${P}/daily?from=2007-01-05&to=2007-01-10`,
    as: authoritySession,
  });
  assert.equal(inside.status, 200, JSON.stringify(inside.body));
  const outside = await call({
    method: 'GET',
    url: `/api/usage-points/${P}/daily?from=2007-03-01&to=2007-03-10`,
    as: authoritySession,
  });
  assert.equal(outside.status, 404, 'outside the requested range');
  const log = await call({ method: 'GET', url: `/api/usage-points/${P}/access-log`, as: alice });
  const entries = log.body.entries as { actorKind: string; allowed: boolean; basis: string }[];
  assert.ok(
    entries.some((e) => e.actorKind === 'authority' && e.allowed && e.basis === `legal-request:${a.body.requestId}`),
  );
  assert.ok(
    entries.filter((e) => e.actorKind === 'authority' && !e.allowed).length >= 2,
    'refused attempts are shown too',
  );
});

test('export ZIP holds readings, receipts and the public key; erasure needs the confirmation and leaves a receipt', async () => {
  const r = await call({ method: 'GET', url: `/api/usage-points/${P}/rights/export`, as: alice });
  assert.equal(r.status, 200);
  assert.equal(r.raw.headers['content-type'], 'application/zip');
  const files = unzipSync(new Uint8Array(r.raw.rawPayload));
  assert.ok(Object.keys(files).some((f) => f.startsWith('readings/') && f.endsWith('.csv')));
  const receipts = JSON.parse(strFromU8(files['receipts.json']!)) as { jws: string }[];
  assert.ok(receipts.length >= 8, `${receipts.length} receipts`);
  assert.deepEqual(
    JSON.parse(strFromU8(files['hub-public-key.jwk']!)),
    JSON.parse(JSON.stringify(hub.consent.key.publicJwk)),
  );
  const noConfirm = await call({ method: 'POST', url: `/api/usage-points/${P}/rights/erase`, as: alice, payload: {} });
  assert.equal(noConfirm.status, 400);
  assert.ok((await hub.store.list(P)).length > 0, 'nothing erased without confirmation');
  const ok = await call({
    method: 'POST',
    url: `/api/usage-points/${P}/rights/erase`,
    as: alice,
    payload: { confirm: P },
  });
  assert.equal(ok.status, 200, JSON.stringify(ok.body));
  assert.equal((ok.body.event as { type: string }).type, 'erased');
  assert.deepEqual(await hub.store.list(P), []);
});

test('register: operator pages are refused to a household, served to the local CLI token from loopback only', async () => {
  const h = await call({ method: 'GET', url: '/api/admin/register', as: alice });
  assert.equal(h.status, 403);
  assert.equal(h.body.error!.code, 'AUTH_FORBIDDEN');
  const auth = { authorization: `Bearer ${hub.localToken}` };
  const md = await call({ method: 'GET', url: '/api/admin/register', headers: auth });
  assert.equal(md.status, 200);
  assert.match(md.raw.body, /Registre des activités de traitement/);
  const html = await call({ method: 'GET', url: '/api/admin/register?format=html', headers: auth });
  assert.match(html.raw.body, /<table>/);
  const far = await call({ method: 'GET', url: '/api/admin/register', headers: auth, remoteAddress: '192.0.2.7' });
  assert.equal(far.status, 403);
  assert.equal(far.body.error!.code, 'AUTH_LOCAL_ONLY');
  const v = await call({ method: 'GET', url: '/api/admin/ledger/verify', headers: auth });
  assert.equal(v.body.status, 'ok');
});

test('login throttling: after 5 failures from one address, even the right password is refused with AUTH_RATE_LIMITED', async () => {
  for (let i = 0; i < 5; i++)
    assert.equal(
      (
        await call({
          method: 'POST',
          url: '/api/auth/login',
          payload: { username: 'bob', password: 'not the password' },
          remoteAddress: '10.9.9.9',
        })
      ).status,
      401,
    );
  const r = await call({
    method: 'POST',
    url: '/api/auth/login',
    payload: { username: 'bob', password: PW },
    remoteAddress: '10.9.9.9',
  });
  assert.equal(r.status, 429);
  assert.equal(r.body.error!.code, 'AUTH_RATE_LIMITED');
  assert.equal(r.raw.cookies.length, 0, 'no session cookie');
});
