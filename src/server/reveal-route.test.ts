// GET /api/usage-points/:prm/reveal on a real DuckDB file with the demo household: only the household itself gets
// its summary; another household, the operator's local installer, a recipient holding a consent: the same 404 as an
// absent usage point, and no access-log entry. Also the cost route wired beside it.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import type { FastifyInstance, InjectOptions } from 'fastify';
import { loadConfig } from '../config/load.ts';
import { registerClients, testClient } from '../use-cases/consent/test-support.ts';
import { DEMO_PRM } from '../core/prm.ts';
import { loadDemoIfEmpty } from '../adapters/demo/demo.ts';
import { createLogger } from '../backend/logging.ts';
import type { Hub } from '../use-cases/hub.ts';
import figures from '../reveal/figures.json' with { type: 'json' };
import { createApp } from './app.ts';
import { buildHub } from './main.ts';
import { issueSetupToken } from './auth/setup.ts';

const P = DEMO_PRM;
const BOB_PRM = '99999999999977';
const PW = 'correct horse battery';
const op = { kind: 'operator', id: 'test-operator' } as const;
type Session = { cookie: string };

let dir: string;
let app: FastifyInstance;
let hub: Hub & { close(): Promise<void> };
let alice: Session;
let bob: Session;
let recipient: Session;
let recipientActor: string;

async function open(recipientId: string): Promise<void> {
  const { config } = loadConfig({ env: {}, cwd: dir });
  hub = await buildHub(config, createLogger({ level: 'silent' }), Date.now);
  await registerClients(hub.consent, [
    testClient({ clientId: recipientId, name: 'Conseil Énergie SAS', purposes: ['personalised-advice'] }),
  ]);
  app = await createApp(hub, { webDist: '/nonexistent' });
}
async function close(): Promise<void> {
  await app.close();
  await hub.close();
}
async function login(username: string): Promise<Session & { csrf: string }> {
  const r = await app.inject({
    method: 'POST',
    url: '/api/auth/login',
    payload: { username, password: PW },
    remoteAddress: '127.0.0.1',
  });
  assert.equal(r.statusCode, 200, r.body);
  return {
    cookie: `courant_session=${r.cookies.find((c) => c.name === 'courant_session')!.value}`,
    csrf: (r.json() as { csrf: string }).csrf,
  };
}
const get = async (url: string, as?: Session, headers: Record<string, string> = {}) => {
  const r = await app.inject({
    method: 'GET',
    url,
    headers: { ...headers, ...(as ? { cookie: as.cookie } : {}) },
  } as InjectOptions);
  return {
    status: r.statusCode,
    body: r.json() as Record<string, unknown> & { error?: { code: string; message: string } },
  };
};

before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'courant-reveal-route-'));
  // A recipient account's actor id is its account id; a consent names a registered client. So: create the recipient
  // account on a first start, then restart the hub with a client registered under that id (same DuckDB file).
  await open('placeholder');
  await loadDemoIfEmpty(hub.store);
  const token = issueSetupToken(hub);
  assert.equal(
    (await app.inject({ method: 'POST', url: '/api/auth/setup', payload: { token, username: 'alice', password: PW } }))
      .statusCode,
    201,
  );
  const bobActor = await hub.consent.accounts.createAccount(op, { username: 'bob', password: PW, role: 'household' });
  await hub.consent.consents.startOccupancy(op, { prm: BOB_PRM, subject: bobActor.id });
  const rec = await hub.consent.accounts.createAccount(op, { username: 'conseil', password: PW, role: 'recipient' });
  recipientActor = `recipient:${rec.id}`;
  await close();
  await open(rec.id);
  const a = await login('alice');
  alice = a;
  bob = await login('bob');
  recipient = await login('conseil');
  // alice agrees that the recipient receives her 30-minute curve
  const s = await app.inject({
    method: 'GET',
    url: `/api/usage-points/${P}/consents?lang=fr`,
    headers: { cookie: a.cookie },
  });
  const box = (
    s.json() as {
      screens: {
        recipient: { id: string };
        boxes: { step: string; recipient: string; purpose: string; categories: string[]; notice: unknown }[];
      }[];
    }
  ).screens
    .find((x) => x.recipient.id === rec.id)!
    .boxes.find((b) => b.step === 'PT30M')!;
  const given = await app.inject({
    method: 'POST',
    url: `/api/usage-points/${P}/consents`,
    headers: { cookie: a.cookie, 'x-csrf-token': a.csrf },
    payload: {
      recipient: box.recipient,
      purpose: box.purpose,
      step: box.step,
      categories: box.categories,
      notice: box.notice,
    },
  });
  assert.equal(given.statusCode, 201, given.body);
});
after(async () => {
  await close();
  rmSync(dir, { recursive: true, force: true });
});

test('the household gets what its own curve reveals, in its language, with the measured table', async () => {
  const fr = await get(`/api/usage-points/${P}/reveal?step=PT30M&locale=fr`, alice);
  assert.equal(fr.status, 200, JSON.stringify(fr.body));
  assert.equal(fr.body.step, 'PT30M');
  assert.equal(fr.body.series, 'power.consumption.PT1M.demo', 'the finest suitable series, coarsened');
  assert.match(
    fr.body.sentence as string,
    /^Avec des données toutes les 30 minutes, un destinataire pourrait estimer que vous vous levez habituellement vers \d\d:\d\d/,
  );
  const abs = fr.body.absences as { periods: { from: string; to: string }[]; days: string[] };
  assert.ok(
    abs.periods.some((p) => p.from <= '2007-02-26' && p.to >= '2007-03-01'),
    JSON.stringify(abs.periods),
  );
  const routine = fr.body.routine as { days: { date: string; wakeMin: number | null }[] };
  assert.ok(routine.days.filter((d) => d.wakeMin !== null).length > 100);
  // the table is built from src/reveal/figures.json, out-of-sample figures only: spot-check cells against the file
  const measured = fr.body.measured as {
    seed: number;
    method: string;
    steps: string[];
    rows: {
      inference: string;
      cells: Record<
        string,
        {
          values: { household: string; value: number }[];
          spread?: { min: number; median: number; max: number; households: number };
          recall?: { median: number };
          verdict: string;
        }
      >;
      anchors: { text: string }[];
    }[];
    daily: { fact: string; verdict: string }[];
  };
  assert.equal(measured.seed, figures.seed);
  assert.equal(measured.method, 'leave_one_household_out');
  assert.deepEqual(measured.steps, ['PT1M', 'PT10M', 'PT30M', 'PT1H', 'P1D']);
  const held = (detector: string, metric: string, step: string) =>
    (figures.results as { detector: string; metric: string; step: string; protection: string; value: number | null }[])
      .filter((r) => r.detector === detector && r.metric === metric && r.step === step && r.protection === 'none')
      .map((r) => r.value!);
  const wh = held('water_heater', 'f1', 'PT30M');
  const whCell = measured.rows.find((r) => r.inference === 'water_heater')!.cells.PT30M!;
  assert.deepEqual(
    whCell.values.map((v) => v.value),
    wh,
  );
  // the kettle at 1 minute: median and range over the held-out homes, as in the file
  const kettle = held('kettle', 'f1', 'PT1M').sort((a, b) => a - b);
  const kCell = measured.rows.find((r) => r.inference === 'kettle')!.cells.PT1M!;
  assert.equal(kCell.spread!.households, kettle.length);
  assert.equal(kCell.spread!.min, kettle[0]);
  assert.equal(kCell.spread!.max, kettle[kettle.length - 1]);
  assert.ok(kCell.recall!.median > 0, 'recall beside F1');
  assert.ok(['inferable', 'weak'].includes(kCell.verdict), `a kettle shows at 1 minute: ${kCell.verdict}`);
  assert.equal(measured.rows.find((r) => r.inference === 'kettle')!.cells.PT1H!.verdict, 'chance');
  assert.ok(
    measured.rows.find((r) => r.inference === 'electric_shower'),
    'the electric shower has a row',
  );
  assert.deepEqual(
    measured.daily.map((d) => d.fact),
    ['washing_machine_days', 'dishwasher_days', 'empty_days'],
  );
  assert.ok(measured.rows.find((r) => r.inference === 'kettle')!.anchors.length > 0, 'published anchors beside ours');
  const en = await get(`/api/usage-points/${P}/reveal?step=P1D&locale=en`, alice);
  assert.equal(en.status, 200);
  assert.match(en.body.sentence as string, /^With daily data, a recipient could estimate that you were away from/);
  assert.ok('none' in (en.body.routine as object), 'no time of day at the daily step');
});

test('anyone but the household: the same 404 as an absent usage point, and nothing in the access log', async () => {
  const url = `/api/usage-points/${P}/reveal?step=PT30M`;
  const absent = await get(`/api/usage-points/99999999999988/reveal?step=PT30M`, alice);
  assert.equal(absent.status, 404);
  // the recipient's consent is real: the policy engine lets it read the 30-minute curve since alice moved in…
  const since = new Date(Date.now() - 3_600_000).toISOString();
  const allowed = await get(
    `/api/usage-points/${P}/series/energy.consumption.PT30M.demo?from=${since}&to=${new Date(Date.now() + 3_600_000).toISOString()}&purpose=personalised-advice`,
    recipient,
  );
  assert.equal(allowed.status, 200, `the consent is honoured on the data routes: ${JSON.stringify(allowed.body)}`);
  const logBefore = (
    await hub.consent.access.logFor(
      { kind: 'household', id: hub.consent.ledger.state.occupantAt(P, Date.now())!.subject },
      P,
    )
  ).length;
  assert.ok(logBefore > 0, 'the recipient’s allowed read is in the household’s access log');
  // …but never the detectors
  for (const [who, as, headers] of [
    ['bob', bob, {}],
    ['recipient', recipient, {}],
    ['nobody', undefined, {}],
  ] as const) {
    const r = await get(url, as, headers);
    assert.equal(r.status, who === 'nobody' ? 401 : 404, `${who}: ${JSON.stringify(r.body)}`);
    if (who !== 'nobody') assert.equal(r.body.error!.code, absent.body.error!.code);
  }
  const logAfter = (
    await hub.consent.access.logFor(
      { kind: 'household', id: hub.consent.ledger.state.occupantAt(P, Date.now())!.subject },
      P,
    )
  ).length;
  assert.equal(logAfter, logBefore, 'a refused reveal is not a third-party access');
  assert.ok(
    hub.consent.refusals.recent.some((r) => r.action === 'reveal.read' && r.actor === recipientActor),
    'the attempt is in the refusal log',
  );
});

test('the operator (local installer token with no owner on that usage point) is refused too; bad step and locale are 400', async () => {
  // bob's usage point has no data: still 404 for alice, and for bob himself REVEAL_NO_SERIES
  const bobs = await get(`/api/usage-points/${BOB_PRM}/reveal`, bob);
  assert.equal(bobs.status, 404);
  assert.equal(bobs.body.error!.code, 'REVEAL_NO_SERIES');
  assert.equal((await get(`/api/usage-points/${BOB_PRM}/reveal`, alice)).body.error!.code, 'HTTP_NOT_FOUND');
  const bad = await get(`/api/usage-points/${P}/reveal?step=PT7M`, alice);
  assert.equal(bad.status, 400);
  assert.equal(bad.body.error!.code, 'INPUT_INVALID_STEP');
  assert.match(bad.body.error!.message, /step: "PT7M"/);
  assert.equal((await get(`/api/usage-points/${P}/reveal?step=raw`, alice)).body.error!.code, 'INPUT_INVALID_STEP');
  assert.equal((await get(`/api/usage-points/${P}/reveal?locale=de`, alice)).status, 400);
  // an operator session: the policy treats the operator like any recipient, and this route refuses it outright
  const opAcc = await hub.consent.accounts.createAccount(op, { username: 'operateur', password: PW, role: 'operator' });
  assert.equal(opAcc.kind, 'operator');
  const operator = await login('operateur');
  const r = await get(`/api/usage-points/${P}/reveal`, operator);
  assert.equal(r.status, 404);
  assert.equal(r.body.error!.code, 'HTTP_NOT_FOUND');
});

test('the local CLI token acts as the owner household: it gets the summary (courant reveal through the hub)', async () => {
  const r = await get(`/api/usage-points/${P}/reveal?step=PT1H&locale=en`, undefined, {
    authorization: `Bearer ${hub.localToken}`,
  });
  assert.equal(r.status, 200, JSON.stringify(r.body));
  assert.match(r.body.sentence as string, /^With hourly data/);
});

test('costs route is wired: dated prices refuse the 2007 demo by name, latest prices cost it; bob gets 404', async () => {
  const url = `/api/usage-points/${P}/costs?from=2007-02-01&to=2007-03-01`;
  const dated = await get(url, alice);
  // the shipped price table starts in 2025: the 2007 demo cannot be priced at the prices of its own days, and says so
  assert.equal(dated.status, 404);
  assert.equal(dated.body.error!.code, 'TARIFF_NO_PRICE');
  const latest = await get(`${url}&prices=latest`, alice);
  assert.equal(latest.status, 200, JSON.stringify(latest.body));
  const b = latest.body as {
    days: { period: string; kwh: number; totalEur: number }[];
    months: { period: string }[];
    comparison: { available: boolean; totalEur?: number; overCheapestEur?: number }[];
    prices: string;
    priceTableFrom: string;
    offerId: string;
  };
  assert.equal(b.days.length, 28);
  assert.equal(b.days[0]!.period, '2007-02-01');
  assert.deepEqual(
    b.months.map((m) => m.period),
    ['2007-02'],
  );
  assert.ok(b.days.every((d) => d.kwh > 0 && d.totalEur > 0));
  assert.equal(b.prices, 'latest');
  assert.match(b.priceTableFrom, /^\d{4}-\d\d-\d\d$/);
  const avail = b.comparison.filter((c) => c.available);
  assert.ok(avail.length >= 2, 'several offers compared');
  assert.equal(avail[0]!.overCheapestEur, 0);
  assert.ok(
    avail.every((c, i) => i === 0 || c.totalEur! >= avail[i - 1]!.totalEur!),
    'cheapest first',
  );
  assert.equal((await get(`${url}&prices=soon`, alice)).status, 400);
  const auto = await get(`${url}&prices=auto`, alice);
  assert.equal(auto.status, 200);
  assert.equal(auto.body.prices, 'latest', 'auto falls back to the latest grid for 2007 data');
  assert.deepEqual(auto.body.comparison, latest.body.comparison);
  assert.equal((await get(url, bob)).status, 404);
});
