// Two hub instances sharing one PostgreSQL behave as one hub. Two real hubs (startHub: each its own HTTP server on
// loopback and its own DuckDB readings file holding the same household's readings) share the repositories' database
// on a real throwaway PostgreSQL server and the receipt signing key. Over HTTP: a session opened on one works on the
// other and a logout on one ends it on both; a client registered on one is known to the other; a consent given on one
// lets a client read on the other, and once withdrawn on one the other refuses the next read; the same consent
// withdrawn on both at once is withdrawn once (the other answered as withdrawn); receipts verify on both. Appends made
// on both at once make one chain that verifies on both, with one state. A control recorded on one gates the other's
// writes. The live sources (a TIC line over TCP) are read by one instance, and by the other once it stops.
import { test, after, before } from 'node:test';
import assert from 'node:assert/strict';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { keyPath } from '../src/adapters/keys/file-key-store.ts';
import type { Prm } from '../src/core/prm.ts';
import { startHub, type RunningHub } from '../src/server/main.ts';
import { setupOwner } from '../src/server/auth/setup.ts';
import {
  authorizationCodeFlow,
  basic,
  clientCredentials,
  fetchSend,
  registerClient,
  type Registered,
  type Send,
} from '../src/server/oauth-test-support.ts';
import { fixtureBatches } from '../src/use-cases/consent/test-support.ts';
import { startPostgres, type TestPostgres } from './postgres-server.ts';
import { until } from './wait.ts';

const PRM = '99999999999977' as Prm;
const OWNER = { username: 'foyer', password: 'une phrase facile à retenir' };
const DAY = 86_400_000;
/** The household's three days of readings (a fixture re-dated): ten days ago, within what Data Connect serves. */
const DAYS_AGO = Math.floor((Date.now() - Date.UTC(2007, 0, 1)) / DAY) - 10;
const isoDay = (d: number) => new Date(Date.UTC(2007, 0, 1) + d * DAY).toISOString().slice(0, 10);
const DAILY = `/metering_data_dc/v5/daily_consumption?usage_point_id=${PRM}&start=${isoDay(DAYS_AGO + 1)}&end=${isoDay(DAYS_AGO + 2)}`;

let pg: TestPostgres;
let meter: Server;
const lines = new Set<Socket>();
const dirs: string[] = [];
let a: RunningHub;
let b: RunningHub;
let sendA: Send;
let sendB: Send;
let household: Record<string, string>;
let client: Registered;

/** A TIC "meter" behind a TCP bridge (ser2net): it counts the hubs reading it. Sends nothing: a quiet line. */
function startMeter(): Promise<number> {
  meter = createServer((s) => {
    lines.add(s);
    s.on('close', () => lines.delete(s));
    s.on('error', () => undefined);
  });
  return new Promise((resolve) =>
    meter.listen(0, '127.0.0.1', () => resolve((meter.address() as { port: number }).port)),
  );
}

async function hub(env: Record<string, string>, prepare?: (dataDir: string) => void): Promise<RunningHub> {
  const dataDir = mkdtempSync(join(tmpdir(), 'courant-instance-'));
  dirs.push(dataDir);
  prepare?.(dataDir);
  return startHub({ dataDir, host: '127.0.0.1', port: 0, logLevel: 'error', env: { NODE_ENV: 'test', ...env } });
}

async function login(send: Send): Promise<Record<string, string>> {
  const r = await send({
    method: 'POST',
    url: '/api/auth/login',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(OWNER),
  });
  assert.equal(r.status, 200, r.text);
  const cookie = String(r.headers['set-cookie']).split(';')[0]!;
  return { cookie, 'x-csrf-token': (JSON.parse(r.text) as { csrf: string }).csrf };
}

const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

before(async () => {
  pg = await startPostgres();
  const url = await pg.createDatabase();
  const tcpPort = await startMeter();
  const env = {
    COURANT_DEMO_ENABLED: 'false',
    COURANT_LEDGER_ENGINE: 'postgres',
    COURANT_LEDGER_POSTGRES_URL: url,
    COURANT_TIC_ENABLED: 'true',
    COURANT_TIC_SOURCE: 'tcp',
    COURANT_TIC_HOST: '127.0.0.1',
    COURANT_TIC_TCP_PORT: String(tcpPort),
    COURANT_TIC_PRM: PRM,
  };
  a = await hub(env);
  // each instance holds the household's readings in its own file; the owner is set up once, on the first
  await a.hub.store.write(fixtureBatches(PRM, DAYS_AGO));
  await setupOwner(a.hub, OWNER);
  // every instance signs receipts with the same key: the operator copies it into each data directory
  b = await hub(env, (dir) => {
    mkdirSync(dirname(keyPath(dir)), { recursive: true, mode: 0o700 });
    copyFileSync(keyPath(a.hub.config.dataDir), keyPath(dir));
  });
  await b.hub.store.write(fixtureBatches(PRM, DAYS_AGO));
  sendA = fetchSend(a.url);
  sendB = fetchSend(b.url);
});

after(async () => {
  await a?.close();
  await b?.close();
  await new Promise((r) => meter?.close(r));
  await pg?.stop();
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

test('a session opened on one instance works on the other; a logout on the other ends it on both', async () => {
  household = await login(sendA);
  for (const send of [sendA, sendB]) {
    const me = await send({ method: 'GET', url: '/api/auth/me', headers: household });
    assert.equal(me.status, 200, me.text);
    assert.match(me.text, /foyer/);
  }
  const other = await login(sendB);
  const out = await sendB({
    method: 'POST',
    url: '/api/auth/logout',
    headers: { ...other, 'content-type': 'application/json' },
    body: '{}',
  });
  assert.equal(out.status, 200, out.text);
  for (const send of [sendA, sendB]) {
    const me = await send({ method: 'GET', url: '/api/auth/me', headers: other });
    assert.equal(me.status, 401, 'the session ended on one is refused on both');
  }
});

test('a consent given on one lets the client read on the other; withdrawn on one, the next read on the other is refused', async () => {
  client = await registerClient(sendA, bearer(a.hub.localToken), { clientId: 'ecowatt-conseil' });
  // the household is sent through the whole flow on the other instance: the client, its session are known there
  const f = await authorizationCodeFlow(sendB, household, client, { steps: ['P1D'] });
  const token = bearer(f.token.access_token);
  for (const send of [sendA, sendB]) {
    const r = await send({ method: 'GET', url: DAILY, headers: token });
    assert.equal(r.status, 200, `read allowed: ${r.text}`);
  }
  const w = await sendA({
    method: 'POST',
    url: `/api/consents/${f.consentIds[0]}/withdraw`,
    headers: { ...household, 'content-type': 'application/json' },
    body: '{}',
  });
  assert.equal(w.status, 200, w.text);
  const refused = await sendB({ method: 'GET', url: DAILY, headers: token });
  assert.ok(
    refused.status === 401 || refused.status === 403,
    `refused on the other: ${refused.status} ${refused.text}`,
  );
});

test('one consent withdrawn on both instances at once is withdrawn once; the other is told it is no longer active', async () => {
  const f = await authorizationCodeFlow(sendA, household, client, { steps: ['P1D'] });
  const id = f.consentIds[0]!;
  const answers = await Promise.all(
    [sendA, sendB].map((send) =>
      send({
        method: 'POST',
        url: `/api/consents/${id}/withdraw`,
        headers: { ...household, 'content-type': 'application/json' },
        body: '{}',
      }),
    ),
  );
  assert.deepEqual(answers.map((r) => r.status).sort(), [200, 409], answers.map((r) => r.text).join(' | '));
  assert.match(answers.find((r) => r.status === 409)!.text, /CONSENT_NOT_ACTIVE/);
  const events = await a.hub.consent.ledger.repo.events();
  assert.equal(
    events.filter((e) => e.body.type === 'withdrawn' && e.body.consentId === id).length,
    1,
    'one withdrawal in the ledger',
  );
});

test('a token revoked on one instance and a client disabled on one are refused by the other at its next request', async () => {
  const f = await authorizationCodeFlow(sendA, household, client, { steps: ['P1D'] });
  const token = bearer(f.token.access_token);
  assert.equal((await sendB({ method: 'GET', url: DAILY, headers: token })).status, 200);
  const revoked = await sendA({
    method: 'POST',
    url: '/oauth2/v3/revoke',
    headers: { authorization: basic(client), 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ token: f.token.access_token }).toString(),
  });
  assert.equal(revoked.status, 200, revoked.text);
  assert.equal((await sendB({ method: 'GET', url: DAILY, headers: token })).status, 401, 'revoked on the other');

  assert.equal((await clientCredentials(sendB, client)).status, 200);
  const off = await sendA({
    method: 'POST',
    url: `/api/admin/clients/${client.clientId}/disable`,
    headers: { ...bearer(a.hub.localToken), 'content-type': 'application/json' },
    body: '{}',
  });
  assert.equal(off.status, 200, off.text);
  assert.equal((await clientCredentials(sendB, client)).status, 401, 'disabled on the other');
  const on = await sendB({
    method: 'POST',
    url: `/api/admin/clients/${client.clientId}/enable`,
    headers: { ...bearer(b.hub.localToken), 'content-type': 'application/json' },
    body: '{}',
  });
  assert.equal(on.status, 200, on.text);
  assert.equal((await clientCredentials(sendA, client)).status, 200, 'enabled again on the other');
});

test('appends from both instances at once make one chain that verifies on both, with one state', async () => {
  const actor = a.hub.consent.ledger.state.occupantAt(PRM, Date.now())!;
  const who = { kind: 'household', id: actor.subject } as const;
  const PER_INSTANCE = 12;
  const appends = [a, b].flatMap((h, i) =>
    Array.from({ length: PER_INSTANCE }, (_, k) =>
      (k + i) % 2 === 0
        ? h.hub.consent.controls.stopFineRecording(who, PRM)
        : h.hub.consent.controls.resumeFineRecording(who, PRM),
    ),
  );
  const done = await Promise.all(appends);
  assert.equal(done.length, 2 * PER_INSTANCE, 'every append stored, none refused');
  const seqs = done.map((d) => d.event.seq).sort((x, y) => x - y);
  assert.equal(new Set(seqs).size, seqs.length, 'each at its own place in the chain');
  const reports = await Promise.all([a, b].map((h) => h.hub.consent.ledger.verify()));
  for (const r of reports) {
    assert.equal(r.status, 'ok');
    assert.equal(r.verified, r.count);
  }
  assert.equal(reports[0]!.count, reports[1]!.count);
  assert.deepEqual(reports[0]!.head, reports[1]!.head);
  // both states followed the same chain: the last control wins on both
  await Promise.all([a, b].map((h) => h.hub.consent.ledger.catchUp()));
  assert.deepEqual(a.hub.consent.ledger.state.controlsOf(PRM), b.hub.consent.ledger.state.controlsOf(PRM));
  assert.equal(a.hub.consent.ledger.state.lastSeq, b.hub.consent.ledger.state.lastSeq);
});

test('a control recorded on one instance gates the writes of the other', async () => {
  const occupant = a.hub.consent.ledger.state.occupantAt(PRM, Date.now())!;
  const who = { kind: 'household', id: occupant.subject } as const;
  await b.hub.consent.controls.stopFineRecording(who, PRM);
  const fine = fixtureBatches(PRM, DAYS_AGO - 30).filter((x) => x.key.step !== 'P1D');
  const r = await a.hub.store.write(fine);
  assert.ok(r.refused?.length, 'the fine readings written on the other instance are refused');
  await a.hub.consent.controls.resumeFineRecording(who, PRM);
  const again = await b.hub.store.write(fine);
  assert.equal(again.refused, undefined, 'resumed on the first, the second records again');
});

test('a legal request accepted on one instance opens its window on the other', async () => {
  const operator = { kind: 'operator', id: 'test-operator' } as const;
  const from = Date.UTC(2007, 0, 1) + DAYS_AGO * DAY;
  const read = {
    actor: { kind: 'authority', id: 'tj-paris' },
    prm: PRM,
    step: 'P1D',
    purpose: 'legal-obligation',
    category: 'consumption',
    range: { from, to: from + DAY },
  } as const;
  const decide = (h: RunningHub) => h.hub.consent.access.authorize([{ ...read, at: Date.now() }]);
  assert.equal((await decide(b))[0]!.allowed, false, 'no request yet');
  const r = await a.hub.consent.legal.record(operator, {
    reference: 'RQ-1',
    authorityId: 'tj-paris',
    authorityType: 'judicial',
    legalBasis: 'art. 60 CPP',
    prms: [PRM],
    rangeFrom: from,
    rangeTo: from + DAY,
  });
  await a.hub.consent.legal.decide(operator, r.requestId, 'accepted');
  for (const h of [a, b]) assert.equal((await decide(h))[0]!.allowed, true, 'allowed on both');
});

test('receipts verify on both instances, and both list the same ones', async () => {
  const lists = [];
  for (const send of [sendA, sendB]) {
    const r = await send({ method: 'GET', url: `/api/usage-points/${PRM}/receipts`, headers: household });
    assert.equal(r.status, 200, r.text);
    const receipts = (JSON.parse(r.text) as { receipts: { eventId: string; type: string; verified: boolean }[] })
      .receipts;
    const types = receipts.map((x) => x.type);
    assert.ok(types.includes('withdrawn') && types.includes('given'), types.join(' '));
    assert.ok(
      receipts.every((x) => x.verified),
      'every receipt verifies against the shared key',
    );
    lists.push(receipts.map((x) => x.eventId));
  }
  assert.deepEqual(lists[0], lists[1]);
});

test('the live sources are read by one instance; when it stops, the other reads them', async () => {
  assert.equal(a.live?.leading, true, 'the first instance started took the lease');
  assert.equal(b.live?.leading, false);
  await until('one hub on the meter line', () => lines.size === 1);
  await a.close();
  await until('the other instance to read the meter', () => b.live?.leading === true && lines.size === 1);
});
