// A recipient holding only a protected daily consent, over HTTP on a real DuckDB file with the demo household: every
// dashboard data route (series at any step, daily, holdings, export, costs, reveal) answers the same 404 as no
// consent — the guarded routes deliver exact values, which a protected consent never opens. The same recipient with
// an exact daily consent reads the daily series (the refusal is the protection's, not the setup's). The consent
// screen of a client accepting protected data offers the protected box with the household's preview in words.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import type { FastifyInstance, InjectOptions } from 'fastify';
import { loadConfig } from '../config/load.ts';
import { registerClients, testClient } from '../use-cases/consent/test-support.ts';
import { DEMO_PRM } from '../core/prm.ts';
import { seriesId } from '../core/series.ts';
import { loadDemoIfEmpty } from '../adapters/demo/demo.ts';
import { createLogger } from '../backend/logging.ts';
import type { Actor } from '../consent/model.ts';
import type { Hub } from '../use-cases/hub.ts';
import { createApp } from './app.ts';
import { buildHub } from './main.ts';
import { issueSetupToken } from './auth/setup.ts';

const P = DEMO_PRM;
const PW = 'correct horse battery';
const op = { kind: 'operator', id: 'test-operator' } as const;
type Session = { cookie: string; csrf: string };

let dir: string;
let app: FastifyInstance;
let hub: Hub & { close(): Promise<void> };
let alice: Session;
let recipient: Session;
let recipientId: string;

async function open(clientId: string): Promise<void> {
  const { config } = loadConfig({ env: {}, cwd: dir });
  hub = await buildHub(config, createLogger({ level: 'silent' }), Date.now);
  await registerClients(hub.consent, [
    {
      ...testClient({ clientId, name: 'Coach Brouillé', purposes: ['personalised-advice'], finestStep: 'P1D' }),
      acceptsProtectedDaily: true,
    },
  ]);
  app = await createApp(hub, { webDist: '/nonexistent' });
}
async function close(): Promise<void> {
  await app.close();
  await hub.close();
}
async function login(username: string): Promise<Session> {
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
const get = (url: string, as: Session) =>
  app.inject({ method: 'GET', url, headers: { cookie: as.cookie } } as InjectOptions);

function household(): Actor {
  const occ = hub.consent.ledger.state.occupantAt(P, hub.consent.ledger.clock.now());
  assert.ok(occ, 'the owner occupies the demo usage point');
  return { kind: 'household', id: occ.subject };
}

async function give(protection: 'standard' | 'monthly' | undefined) {
  const { notice } = await hub.consent.consents.notice({
    recipient: recipientId,
    purpose: 'personalised-advice',
    step: 'P1D',
    categories: ['consumption'],
    lang: 'fr',
    ...(protection ? { protection } : {}),
  });
  const { event } = await hub.consent.consents.give(household(), {
    prm: P,
    recipient: recipientId,
    purposes: ['personalised-advice'],
    categories: ['consumption'],
    step: 'P1D',
    notice,
    ...(protection ? { protection } : {}),
  });
  return event.body.type === 'given' ? event.body.terms.consentId : '';
}

before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'courant-protected-routes-'));
  await open('placeholder');
  await loadDemoIfEmpty(hub.store);
  const token = issueSetupToken(hub);
  const setup = await app.inject({
    method: 'POST',
    url: '/api/auth/setup',
    payload: { token, username: 'alice', password: PW },
  });
  assert.equal(setup.statusCode, 201, setup.body);
  const rec = await hub.consent.accounts.createAccount(op, { username: 'coach', password: PW, role: 'recipient' });
  recipientId = rec.id;
  await close();
  await open(rec.id);
  alice = await login('alice');
  recipient = await login('coach');
  // the owner's usage points are attached on its first listing
  assert.equal((await get('/api/usage-points', alice)).statusCode, 200);
});
after(async () => {
  await close();
  rmSync(dir, { recursive: true, force: true });
});

test('a protected consent opens none of the dashboard data routes; an exact one opens the daily series', async () => {
  const standard = await give('standard');
  const consentId = await give('monthly');
  const held = await hub.store.list(P);
  assert.ok(held.length > 0);
  const q = 'purpose=personalised-advice';
  const urls = [
    ...held.flatMap((s) =>
      ['', '&step=P1D', '&step=P1M'].map((step) => `/api/usage-points/${P}/series/${seriesId(s)}?${q}${step}`),
    ),
    `/api/usage-points/${P}/daily?${q}`,
    `/api/usage-points/${P}/holdings?${q}`,
    `/api/usage-points/${P}/export?${q}`,
    `/api/usage-points/${P}/costs?${q}`,
    `/api/usage-points/${P}/reveal?step=P1D`,
  ];
  for (const url of urls) {
    const r = await get(url, recipient);
    assert.ok(r.statusCode === 404 || r.statusCode === 400, `${url}: ${r.statusCode} ${r.body.slice(0, 200)}`);
    assert.notEqual(r.statusCode, 200, url);
  }
  await hub.consent.consents.withdraw(household(), consentId);
  await hub.consent.consents.withdraw(household(), standard);
  // with an exact daily consent the same recipient reads a daily energy series: the refusals above are the
  // protection's
  await give(undefined);
  const daily = held.find((s) => s.quantity === 'energy' && s.direction === 'consumption' && s.step === 'P1D');
  assert.ok(daily, 'the demo household holds daily energy');
  const r = await get(`/api/usage-points/${P}/series/${seriesId(daily)}?${q}`, recipient);
  assert.equal(r.statusCode, 200, r.body.slice(0, 300));
});

test('the consent screen of a client accepting protected data: the protected box with the preview, FR and EN', async () => {
  for (const lang of ['fr', 'en'] as const) {
    const r = await get(
      `/api/oauth/authorization?client_id=${recipientId}&response_type=code&state=s&lang=${lang}`,
      alice,
    );
    assert.equal(r.statusCode, 200, r.body);
    const boxes = (
      r.json() as {
        boxes: { key: string; stepText: string; protection?: string; preview?: { reveals: string; bill: string } }[];
      }
    ).boxes;
    const prot = boxes.filter((b) => b.protection);
    assert.equal(prot.length, 1);
    assert.equal(boxes.filter((b) => !b.protection).length, boxes.length - 1, 'the exact boxes stay');
    const b = prot[0]!;
    assert.equal(b.protection, 'monthly');
    assert.equal(
      b.stepText,
      lang === 'fr' ? 'une valeur par jour, lissée sur le mois' : 'one value a day, smoothed over the month',
    );
    assert.match(b.preview!.reveals, lang === 'fr' ? /score de -?0(,\d+)? à 0,\d+/ : /score of -?0(\.\d+)? to 0\.\d+/);
    assert.match(
      b.preview!.bill,
      lang === 'fr' ? /total de chaque mois terminé est conservé/ : /month's total is kept/,
    );
    // the demo household's own consumption is held: said beside it
    assert.match(b.preview!.bill, lang === 'fr' ? /Pour votre logement, environ \d+ kWh par mois/ : /For your home/);
  }
});
