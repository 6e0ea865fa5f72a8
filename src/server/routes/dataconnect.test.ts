// The Data Connect face end to end (Fastify inject on a real hub: DuckDB file, consent ledger, OAuth tokens): a client
// with a client_credentials token reads what a household consented to, on the v5, 2026 and conso-api paths, and gets
// Enedis's refusals otherwise: a finer step than consented, someone else's usage point answered exactly as an unknown
// one, the 7-day window, start ≥ end, an end in the future, an unknown parameter, the quota after a burst, no token.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { loadConfig } from '../../config/load.ts';
import { createLogger } from '../../backend/logging.ts';
import { buildHub } from '../main.ts';
import { createApp } from '../app.ts';
import type { Hub } from '../../use-cases/hub.ts';
import {
  DAY,
  OPERATOR,
  PRM_A,
  PRM_B,
  T0,
  fixtureBatches,
  giveVia,
  removeDir,
  testClient,
} from '../../use-cases/consent/test-support.ts';

const ALICE = { kind: 'household', id: 'alice' } as const;
const BOB = { kind: 'household', id: 'bob' } as const;
const UNKNOWN = '99999999999777';

let dir: string;
let now = T0 - DAY;
let hub: Hub & { close(): Promise<void> };
let app: FastifyInstance;
/** Tokens: a client consented at 30 minutes, one consented at one day. */
let halfHourly: string;
let daily: string;

async function clientToken(clientId: string, purposes: string[]): Promise<string> {
  const { secret } = await hub.consent.clients.register(OPERATOR, testClient({ clientId, name: clientId, purposes }));
  const t = await hub.consent.oauth.token({
    basic: { id: clientId, secret },
    body: { grant_type: 'client_credentials' },
    query: {},
  });
  return t.access_token;
}

before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'courant-dataconnect-'));
  const { config } = loadConfig({ env: {}, cwd: dir, overrides: { dataDir: dir } });
  hub = await buildHub(config, createLogger({ level: 'silent' }), () => now);
  await hub.consent.consents.startOccupancy(OPERATOR, { prm: PRM_A, subject: ALICE.id });
  await hub.consent.consents.startOccupancy(OPERATOR, { prm: PRM_B, subject: BOB.id });
  await hub.store.write([...fixtureBatches(PRM_A), ...fixtureBatches(PRM_B)]);
  now = T0 + 10 * DAY;
  halfHourly = await clientToken('conseil-energie', ['personalised-advice']);
  daily = await clientToken('conseil-jour', ['service-provision']);
  await giveVia(hub.consent, ALICE, {
    prm: PRM_A,
    recipient: 'conseil-energie',
    purpose: 'personalised-advice',
    step: 'PT30M',
  });
  await giveVia(hub.consent, ALICE, {
    prm: PRM_A,
    recipient: 'conseil-jour',
    purpose: 'service-provision',
    step: 'P1D',
  });
  // bob consented to the daily client only: his usage point exists and has consents, none for the half-hourly client
  await giveVia(hub.consent, BOB, { prm: PRM_B, recipient: 'conseil-jour', purpose: 'service-provision', step: 'P1D' });
  app = await createApp(hub, { webDist: '/nonexistent' });
});

after(async () => {
  await app.close();
  await hub.close();
  removeDir(dir);
});

/** A GET as Enedis clients send it; the clock moves a second first so the per-second quota never bites by accident. */
async function get(url: string, token: string | undefined, headers: Record<string, string> = {}) {
  now += 1000;
  const r = await app.inject({
    method: 'GET',
    url,
    headers: {
      accept: 'application/json',
      ...(token !== undefined ? { authorization: `Bearer ${token}` } : {}),
      ...headers,
    },
  });
  return { status: r.statusCode, body: r.json() as Record<string, unknown>, raw: r.body, headers: r.headers };
}

const v5 = (path: string, prm: string, start: string, end: string) =>
  `/metering_data_${path}?usage_point_id=${prm}&start=${start}&end=${end}`;
const CURVE = 'clc/v5/consumption_load_curve';
const DAILY = 'dc/v5/daily_consumption';

test('the consented step is served on the v5, 2026 and conso-api paths, in Enedis’s shapes', async () => {
  const r = await get(v5(CURVE, PRM_A, '2007-01-01', '2007-01-03'), halfHourly, {
    'content-type': 'application/x-www-form-urlencoded',
  });
  assert.equal(r.status, 200, r.raw);
  const mr = r.body.meter_reading as { interval_reading: { date: string; interval_length: string }[] };
  assert.equal(mr.interval_reading.length, 94); // the fixture starts at 01:00 Paris time
  assert.deepEqual(mr.interval_reading[0], { ...mr.interval_reading[0], date: '2007-01-01 01:30:00' });
  assert.ok(mr.interval_reading.every((x) => x.interval_length === 'PT30M'));
  assert.equal(r.headers['x-ratelimit-limit'], '10000');
  // an empty body declared as a form, with its length, as some Enedis clients send their GETs
  now += 1000;
  const form = await app.inject({
    method: 'GET',
    url: v5(CURVE, PRM_A, '2007-01-01', '2007-01-03'),
    headers: {
      authorization: `Bearer ${halfHourly}`,
      accept: 'application/json',
      'content-type': 'application/x-www-form-urlencoded',
      'content-length': '0',
    },
    payload: '',
  });
  assert.equal(form.statusCode, 200, form.body);
  assert.equal(form.body, r.raw);
  const n2026 = await get(
    `/mesure_synchrone_auto/v2/courbe_de_charge_consommation?pointId=${PRM_A}&dateDebut=2007-01-01&dateFin=2007-01-03`,
    halfHourly,
  );
  assert.equal(n2026.status, 200, n2026.raw);
  const points = (n2026.body.grandeur as { points: { v: string; d: string }[] }[])[0]!.points;
  assert.deepEqual(
    points.map((p) => [p.v, p.d]),
    (mr.interval_reading as unknown as { value: string; date: string }[]).map((x) => [x.value, x.date]),
  );
  const conso = await get(`/api/consumption_load_curve?prm=${PRM_A}&start=2007-01-01&end=2007-01-03`, halfHourly);
  assert.equal(conso.status, 200, conso.raw);
  assert.deepEqual(conso.body, r.body.meter_reading);
  // daily values under a daily consent
  const d = await get(v5(DAILY, PRM_A, '2007-01-01', '2007-01-04'), daily);
  assert.equal(d.status, 200, d.raw);
  assert.equal((d.body.meter_reading as { interval_reading: unknown[] }).interval_reading.length, 3);
  // the household's journal names the client's reads
  const log = await hub.consent.ledger.repo.accessLog(PRM_A, 0);
  assert.ok(log.some((e) => e.actorId === 'conseil-energie' && e.allowed && e.step === 'PT30M'));
});

test('a finer step than consented is refused as if there were no consent', async () => {
  const r = await get(v5(CURVE, PRM_A, '2007-01-01', '2007-01-02'), daily);
  assert.equal(r.status, 403);
  assert.deepEqual(r.body, {
    error: 'ADAM-DC-0008',
    error_description: 'No consent can be found for this customer and this usage point.',
  });
});

test('someone else’s usage point and an unknown one get the same answer, byte for byte', async () => {
  const bobs = await get(v5(DAILY, PRM_B, '2007-01-01', '2007-01-03'), halfHourly);
  const unknown = await get(v5(DAILY, UNKNOWN, '2007-01-01', '2007-01-03'), halfHourly);
  assert.equal(bobs.status, 403);
  assert.deepEqual([unknown.status, unknown.raw], [bobs.status, bobs.raw]);
  // on conso.boris.sh's face, in its envelope
  const conso = await get(`/api/daily_consumption?prm=${UNKNOWN}&start=2007-01-01&end=2007-01-03`, halfHourly);
  assert.equal(conso.status, 403);
  assert.deepEqual(conso.body, { status: 403, message: 'The Enedis API returned an error', error: bobs.body });
});

test('bad requests get Enedis’s Invalid_request body', async () => {
  const invalid = (description: string) => ({ error: 'Invalid_request', error_description: description });
  const cases: [string, string][] = [
    [v5(CURVE, PRM_A, '2007-01-01', '2007-01-09'), 'The period should not exceed 7 days.'],
    [v5(DAILY, PRM_A, '2007-01-03', '2007-01-03'), 'Start date should be before end date.'],
    [v5(DAILY, PRM_A, '2007-01-04', '2007-01-02'), 'Start date should be before end date.'],
    [v5(DAILY, PRM_A, '2007-01-10', '2007-01-12'), 'End date should not be after today (2007-01-11).'],
    [`${v5(DAILY, PRM_A, '2007-01-01', '2007-01-02')}&step=PT10M`, 'Unknown parameter: step.'],
    [`${v5(DAILY, PRM_A, '2007-01-01', '2007-01-02')}&start=2007-01-01`, 'Parameter start is given more than once.'],
  ];
  for (const [url, description] of cases) {
    const r = await get(url, halfHourly);
    assert.equal(r.status, 400, url);
    assert.deepEqual(r.body, invalid(description), url);
  }
  // a 7-day window is the longest load curve served
  assert.equal((await get(v5(CURVE, PRM_A, '2007-01-01', '2007-01-08'), halfHourly)).status, 200);
});

test('no token, or an unknown one: 401 with the gateway’s Invalid Credentials body, before anything else', async () => {
  const fault = {
    fault: {
      code: 900901,
      message: 'Invalid Credentials',
      description: 'Invalid Credentials. Make sure you have provided the correct security credentials',
    },
  };
  for (const [url, token] of [
    [v5(DAILY, PRM_A, '2007-01-01', '2007-01-02'), undefined],
    [v5(DAILY, PRM_A, '2007-01-01', '2007-01-02'), 'not-a-token'],
    [v5(DAILY, PRM_A, '2007-01-03', '2007-01-01'), undefined],
    [`/api/daily_consumption?prm=${PRM_A}&start=2007-01-01&end=2007-01-02`, undefined],
  ] as const) {
    const r = await get(url, token);
    assert.equal(r.status, 401, url);
    assert.deepEqual(r.body, fault);
  }
  // a session's local token is not an OAuth token either
  assert.equal((await get(v5(DAILY, PRM_A, '2007-01-01', '2007-01-02'), hub.localToken)).status, 401);
});

test('a token issued for one usage point reads that one only; another is refused as an unknown one', async () => {
  const clientId = 'conseil-prm';
  const { secret } = await hub.consent.clients.register(
    OPERATOR,
    testClient({ clientId, name: clientId, purposes: ['personalised-advice'], finestStep: 'PT30M' }),
  );
  // bob consents to this client too: only the token's usage points keep it from his data
  await giveVia(hub.consent, BOB, { prm: PRM_B, recipient: clientId, purpose: 'personalised-advice', step: 'PT30M' });
  const req = hub.consent.oauth.request({ client_id: clientId, response_type: 'code', state: 's' });
  assert.ok('client' in req, JSON.stringify(req));
  const { redirect } = await hub.consent.oauth.grant(ALICE, req, {
    prm: PRM_A,
    ticked: ['personalised-advice:PT30M'],
    lang: 'fr',
  });
  const code = new URL(redirect).searchParams.get('code')!;
  const basic = { id: clientId, secret };
  const { access_token: alicesToken } = await hub.consent.oauth.token({
    basic,
    body: { grant_type: 'authorization_code', code },
    query: {},
  });
  assert.equal((await get(v5(CURVE, PRM_A, '2007-01-01', '2007-01-02'), alicesToken)).status, 200);
  const bobs = await get(v5(CURVE, PRM_B, '2007-01-01', '2007-01-02'), alicesToken);
  const unknown = await get(v5(CURVE, UNKNOWN, '2007-01-01', '2007-01-02'), alicesToken);
  assert.equal(bobs.status, 403);
  assert.deepEqual([unknown.status, unknown.raw], [bobs.status, bobs.raw]);
  // the same client with a client_credentials token reads bob's usage point under his consent
  const { access_token: appToken } = await hub.consent.oauth.token({
    basic,
    body: { grant_type: 'client_credentials' },
    query: {},
  });
  assert.equal((await get(v5(CURVE, PRM_B, '2007-01-01', '2007-01-02'), appToken)).status, 200);
});

test('a burst over 5 a second: 429 with the gateway’s throttling body and quota headers', async () => {
  const url = v5(DAILY, PRM_A, '2007-01-01', '2007-01-02');
  now += 5000; // a full bucket
  const answers = [];
  for (let i = 0; i < 6; i++) {
    const r = await app.inject({ method: 'GET', url, headers: { authorization: `Bearer ${daily}` } });
    answers.push(r);
  }
  assert.deepEqual(
    answers.map((r) => r.statusCode),
    [200, 200, 200, 200, 200, 429],
  );
  const last = answers[5]!;
  const body = last.json() as Record<string, string>;
  assert.equal(body.code, '900804');
  assert.equal(body.message, 'Message throttled out');
  assert.match(body.nextAccessTime!, /^2007-Jan-11 \d\d:\d\d:\d\d\+0000 UTC$/);
  assert.equal(last.headers['retry-after'], '1');
  assert.equal(last.headers['x-ratelimit-limit'], '10000');
  assert.equal(Number(last.headers['x-ratelimit-remaining']) > 0, true);
  // another client keeps its own quota
  assert.equal(
    (await app.inject({ method: 'GET', url, headers: { authorization: `Bearer ${halfHourly}` } })).statusCode,
    200,
  );
});

test('the contract: what the hub knows, to a client with a consent; the same ADAM-DC-0008 otherwise; journalled', async () => {
  const url = (prm: string) => `/customers_upc/v5/usage_points/contracts?usage_point_id=${prm}`;
  const none = await get(url(PRM_A), daily);
  assert.equal(none.status, 404, `nothing known yet: ${none.raw}`);
  await hub.profiles.record(
    { prm: PRM_A, contract: { subscribedKva: 9, offpeakHours: 'HC (23h00-7h30)', segment: 'C5' }, calendars: [] },
    { source: 'dataconnect-v5', file: 'contracts.json', updatedAt: now },
  );
  const ok = await get(url(PRM_A), daily);
  assert.equal(ok.status, 200, ok.raw);
  const c = ok.body.customer as { customer_id: string; usage_points: { contracts: Record<string, string> }[] };
  assert.deepEqual(c.usage_points[0]!.contracts, {
    segment: 'C5',
    subscribed_power: '9 kVA',
    offpeak_hours: 'HC (23h00-7h30)',
  });
  assert.match(c.customer_id, /^\d{10}$/);
  const other = await get(url(PRM_A), halfHourly);
  assert.equal(other.status, 200, 'a consent at any step covers the contract');
  assert.notEqual(
    (other.body.customer as { customer_id: string }).customer_id,
    c.customer_id,
    'one pseudonym per client',
  );
  const bobs = await get(url(PRM_B), halfHourly);
  const unknown = await get(url(UNKNOWN), halfHourly);
  assert.equal(bobs.status, 403);
  assert.equal(bobs.raw, unknown.raw, 'someone else’s usage point answers exactly as an unknown one');
  assert.equal((await get(url('123'), daily)).status, 400);
  assert.equal((await get(url(PRM_A), undefined)).status, 401);
  const log = await hub.consent.access.logFor(ALICE, PRM_A);
  assert.ok(log.some((e) => e.actorId === 'conseil-jour' && e.step === 'P1M' && e.allowed));
});
