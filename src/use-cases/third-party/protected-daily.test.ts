// Protected daily sharing: a consent with a protection records it in its terms, its notice text (hence hash) and its
// receipt; its client gets each day's consumption noised — different from the true value, the same at every read,
// within a bound a correct sampler exceeds with probability below 1e-6 — and never the exact values on any path
// (other measures, the contract, the guarded data routes' decision); an unprotected consent still gets exact values;
// only a client that declared it accepts protected data is offered the box.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { decideOne } from '../../consent/policy.ts';
import { renderBox } from '../../consent/notices.ts';
import { PROTECTION_LEVELS } from '../../consent/protection.ts';
import { receiptPayload } from '../../consent/receipt.ts';
import { readReceipt } from '../../consent/receipt-view.ts';
import { parseDcQuery, type DcQuery, type MeasureKind } from '../../enedis/serve/params.ts';
import { NO_CONSENT } from '../../enedis/serve/refusals.ts';
import { noiseBound } from '../../privacy/daily-noise.ts';
import { contractForClient } from './contract.ts';
import {
  ADVISOR,
  ALICE,
  PRM_A,
  giveVia,
  registerClients,
  testClient,
  withOccupiedHub,
  type TestHub,
} from '../consent/test-support.ts';
import type { ClientCaller } from '../oauth/types.ts';
import { readForClient, type DataConnectDeps } from './data-connect.ts';

const COACH = { kind: 'recipient' as const, id: 'coach-brouille' };
const COACH_CLIENT = {
  ...testClient({ clientId: COACH.id, name: 'Coach Brouillé', purposes: ['personalised-advice'], finestStep: 'P1D' }),
  acceptsProtectedDaily: true,
};
const SIGMA = PROTECTION_LEVELS.standard.sigmaWh;

const caller = (actor: ClientCaller['actor'], name: string): ClientCaller => ({
  clientId: actor.id,
  clientName: name,
  actor,
  purposes: ['personalised-advice'],
  prms: null,
  tokenId: 'token-1',
});

const deps = (hub: TestHub): DataConnectDeps => ({ store: hub.storage.store, access: hub.access, ledger: hub.ledger });

function query(hub: TestHub, kind: MeasureKind, start = '2007-01-01', end = '2007-01-04'): DcQuery {
  const r = parseDcQuery(kind, 'v5', { usage_point_id: PRM_A, start, end }, hub.clock.now());
  assert.ok(r.ok, JSON.stringify(r));
  return r.value;
}

async function giveProtected(hub: TestHub) {
  await registerClients(hub, [COACH_CLIENT]);
  const { notice, text } = await hub.consents.notice({
    recipient: COACH.id,
    purpose: 'personalised-advice',
    step: 'P1D',
    categories: ['consumption'],
    lang: 'fr',
    protection: 'standard',
  });
  const r = await hub.consents.give(ALICE, {
    prm: PRM_A,
    recipient: COACH.id,
    purposes: ['personalised-advice'],
    categories: ['consumption'],
    step: 'P1D',
    notice,
    protection: 'standard',
  });
  return { ...r, text, notice };
}

/** The true daily totals held (Wh), by day start: the stored daily series the route delivers from. */
async function trueDays(hub: TestHub): Promise<Map<number, number>> {
  const r = await hub.storage.store.read({
    prm: PRM_A,
    quantity: 'energy',
    direction: 'consumption',
    step: 'P1D',
    range: { from: Date.UTC(2006, 11, 1), to: Date.UTC(2007, 1, 1) },
  });
  return new Map([...r.ts].map((t, i) => [t, r.values[i]!]));
}

test('a protected consent: terms, notice text and hash, receipt carry the protection; refused where it cannot apply', async () => {
  await withOccupiedHub(async (hub) => {
    const { event, text, notice } = await giveProtected(hub);
    assert.equal(event.body.type, 'given');
    const terms = event.body.type === 'given' ? event.body.terms : undefined;
    assert.deepEqual(terms?.protection, { kind: 'noised-daily', level: 'standard', sigmaWh: SIGMA });
    assert.match(text, /une fois par jour, avec un brouillage/);
    assert.match(text, /écart type 0,5 kWh/);
    assert.match(text, /jamais les valeurs exactes/);
    // the record alone gives back the text shown, protection included
    assert.equal(
      renderBox({
        version: notice.version,
        lang: 'fr',
        recipient: { id: COACH.id, name: 'Coach Brouillé' },
        purpose: 'personalised-advice',
        categories: ['consumption'],
        step: 'P1D',
        durationMonths: 12,
        retentionText: { fr: text.split('\n')[7]!.replace(/^Conservation : /, ''), en: '' },
        protection: terms!.protection,
      }),
      text,
    );
    const plain = await hub.consents.notice({
      recipient: COACH.id,
      purpose: 'personalised-advice',
      step: 'P1D',
      categories: ['consumption'],
      lang: 'fr',
    });
    assert.notEqual(plain.notice.hash, notice.hash, 'the protection is part of the hashed text');
    assert.doesNotMatch(plain.text, /brouillage/, 'an unprotected notice is unchanged');
    // an unprotected notice does not stand for a protected consent, nor the reverse
    const base = {
      prm: PRM_A,
      recipient: COACH.id,
      purposes: ['personalised-advice'],
      categories: ['consumption'],
      step: 'P1D',
    };
    await assert.rejects(hub.consents.give(ALICE, { ...base, notice: plain.notice, protection: 'standard' }), {
      code: 'CONSENT_NOTICE_UNKNOWN',
    });
    await assert.rejects(hub.consents.give(ALICE, { ...base, notice }), { code: 'CONSENT_NOTICE_UNKNOWN' });
    // only a known level, daily consumption, and a client that accepts it
    await assert.rejects(hub.consents.give(ALICE, { ...base, notice, protection: 'strong' }), {
      code: 'CONSENT_INVALID',
    });
    await assert.rejects(hub.consents.give(ALICE, { ...base, notice, step: 'PT30M', protection: 'standard' }), {
      code: 'CONSENT_INVALID',
    });
    await assert.rejects(
      hub.consents.give(ALICE, { ...base, notice, categories: ['consumption', 'production'], protection: 'standard' }),
      { code: 'CONSENT_INVALID' },
    );
    await assert.rejects(hub.consents.give(ALICE, { ...base, recipient: ADVISOR.id, notice, protection: 'standard' }), {
      code: 'CONSENT_INVALID',
    });
    // never for published statistics (they read contributors' exact values into their own aggregates)
    const stats = {
      ...testClient({ clientId: 'stats-brouille', name: 'Stats Brouillées', purposes: ['anonymised-statistics'] }),
      acceptsProtectedDaily: true,
    };
    await registerClients(hub, [stats]);
    const sn = await hub.consents.notice({
      recipient: 'stats-brouille',
      purpose: 'anonymised-statistics',
      step: 'P1D',
      categories: ['consumption'],
      lang: 'fr',
      protection: 'standard',
    });
    await assert.rejects(
      hub.consents.give(ALICE, {
        ...base,
        recipient: 'stats-brouille',
        purposes: ['anonymised-statistics'],
        notice: sn.notice,
        protection: 'standard',
      }),
      { code: 'CONSENT_INVALID' },
    );
    const sreq = hub.oauth.request({ client_id: 'stats-brouille', response_type: 'code', state: 's' });
    assert.ok('client' in sreq);
    assert.ok((await hub.oauth.screen(ALICE, sreq, 'fr')).boxes.every((b) => !b.protection));
    // the receipt states it, and reads it back in words
    const payload = receiptPayload(event, { issuer: 'Hub de test', terms: terms!, retentionMonths: 12 });
    const p = (payload as unknown as { purposes: Record<string, unknown>[] }).purposes[0]!;
    assert.deepEqual(p['hub:protection'], { kind: 'noised-daily', level: 'standard', sigmaWh: SIGMA });
    const claims = readReceipt(payload, 'fr', { nameOf: () => undefined });
    assert.match(claims.consent?.stepText ?? '', /avec un brouillage/);
    assert.match(readReceipt(payload, 'en', { nameOf: () => undefined }).consent?.stepText ?? '', /blurring/);
  });
});

test('a protected consent: noisy daily values, the same at every read, within the bound; never the exact values', async () => {
  await withOccupiedHub(async (hub) => {
    await giveProtected(hub);
    const coach = caller(COACH, 'Coach Brouillé');
    const truth = await trueDays(hub);
    const a = await readForClient(deps(hub), coach, query(hub, 'daily_consumption'));
    const b = await readForClient(deps(hub), coach, query(hub, 'daily_consumption'));
    assert.ok(a.ok && b.ok, JSON.stringify(a));
    assert.ok(a.series.points.length >= 2);
    assert.deepEqual(a.series.points, b.series.points, 'a day read again answers the same value');
    // each |noise| ≤ the bound fails with probability < 1e-6 / n, so the whole check with probability < 1e-6
    const bound = noiseBound(SIGMA, 1e-6 / a.series.points.length);
    let differ = 0;
    for (const p of a.series.points) {
      const t = truth.get(p.ts);
      assert.ok(t !== undefined, `a true value for ${new Date(p.ts).toISOString()}`);
      assert.ok(Number.isInteger(p.value), 'integer Wh');
      assert.ok(Math.abs(p.value - Math.round(t)) <= bound, `${p.value} within ${bound} Wh of ${t}`);
      if (p.value !== Math.round(t) && p.value !== t) differ++;
    }
    // P(noise = 0) ≤ 1/(σ·√(2π)) + tiny, below 1e-3 per day: all days equal would be a broken noise
    assert.ok(differ >= 1, 'the protected values are not the true ones');
    // a shorter range answers the same days with the same values
    const c = await readForClient(deps(hub), coach, query(hub, 'daily_consumption', '2007-01-02', '2007-01-03'));
    assert.ok(c.ok);
    for (const p of c.series.points)
      assert.equal(p.value, a.series.points.find((x) => x.ts === p.ts)?.value, 'same day, same value');
    // every other measure: refused as if there were no consent
    for (const kind of ['consumption_load_curve', 'daily_consumption_max_power', 'daily_production'] as const) {
      const r = await readForClient(deps(hub), coach, query(hub, kind));
      assert.deepEqual(r, { ok: false, refusal: NO_CONSENT }, kind);
    }
    const contract = await contractForClient(
      { access: hub.access, ledger: hub.ledger, profiles: await hub.storage.repositories.profiles() },
      coach,
      PRM_A,
    );
    assert.deepEqual(contract, { ok: false, refusal: NO_CONSENT });
    // the decision every guarded data route asks (no protected delivery): refused at any step, daily included
    for (const step of ['P1D', 'P1M', 'PT30M'] as const) {
      const d = decideOne(hub.ledger.state, {
        actor: COACH,
        prm: PRM_A,
        step,
        purpose: 'personalised-advice',
        category: 'consumption',
        range: { from: Date.UTC(2007, 0, 1), to: Date.UTC(2007, 0, 3) },
        at: hub.clock.now(),
      });
      assert.equal(d.allowed, false, step);
    }
    // a direct read of the stored daily series through the access service is noised too
    const direct = await hub.access.read(COACH, {
      prm: PRM_A,
      quantity: 'energy',
      direction: 'consumption',
      step: 'P1D',
      range: { from: Date.UTC(2007, 0, 1) - 3_600_000, to: Date.UTC(2007, 0, 4) - 3_600_000 },
      purpose: 'personalised-advice',
    });
    assert.equal(direct.basis.kind === 'consent' && direct.basis.protection?.level, 'standard');
    // a finer stored step read as such is refused
    await assert.rejects(
      hub.access.read(COACH, {
        prm: PRM_A,
        quantity: 'energy',
        direction: 'consumption',
        step: 'PT30M',
        range: { from: Date.UTC(2007, 0, 1), to: Date.UTC(2007, 0, 3) },
        purpose: 'personalised-advice',
      }),
      { code: 'CONSENT_ACCESS_DENIED' },
    );
  });
});

test('an unprotected daily consent still gets the exact values', async () => {
  await withOccupiedHub(async (hub) => {
    await giveVia(hub, ALICE, { prm: PRM_A, recipient: ADVISOR.id, purpose: 'personalised-advice', step: 'P1D' });
    const truth = await trueDays(hub);
    const r = await readForClient(deps(hub), caller(ADVISOR, 'Conseil Énergie SAS'), query(hub, 'daily_consumption'));
    assert.ok(r.ok, JSON.stringify(r));
    for (const p of r.series.points) assert.equal(p.value, truth.get(p.ts));
  });
});

test('with an exact and a protected consent, the exact one is the basis (the protected one never lowers it)', async () => {
  await withOccupiedHub(async (hub) => {
    await giveProtected(hub);
    await giveVia(hub, ALICE, { prm: PRM_A, recipient: COACH.id, purpose: 'personalised-advice', step: 'P1D' });
    const truth = await trueDays(hub);
    const r = await readForClient(deps(hub), caller(COACH, 'Coach Brouillé'), query(hub, 'daily_consumption'));
    assert.ok(r.ok);
    for (const p of r.series.points) assert.equal(p.value, truth.get(p.ts));
  });
});

test('the consent screen offers the protected box only to a client that accepts protected daily data', async () => {
  await withOccupiedHub(async (hub) => {
    await registerClients(hub, [COACH_CLIENT]);
    const screenOf = async (clientId: string) => {
      const req = hub.oauth.request({ client_id: clientId, response_type: 'code', state: 's' });
      assert.ok('client' in req, JSON.stringify(req));
      return { req, screen: await hub.oauth.screen(ALICE, req, 'fr') };
    };
    const plain = await screenOf(ADVISOR.id);
    assert.ok(plain.screen.boxes.length > 0);
    assert.ok(plain.screen.boxes.every((b) => !b.protection && !b.key.endsWith(':protected')));
    const { req, screen } = await screenOf(COACH.id);
    const prot = screen.boxes.filter((b) => b.protection);
    assert.deepEqual(
      prot.map((b) => [b.key, b.step, b.categories]),
      [['personalised-advice:P1D:protected', 'P1D', ['consumption']]],
    );
    assert.match(prot[0]!.text, /lissée sur le mois/);
    // the exact boxes are still there, unchanged
    assert.deepEqual(
      screen.boxes.filter((b) => !b.protection).map((b) => b.key),
      ['personalised-advice:P1D'],
    );
    // ticking it gives a protected consent
    const { consentIds } = await hub.oauth.grant(ALICE, req, {
      prm: PRM_A,
      ticked: ['personalised-advice:P1D:protected'],
      lang: 'fr',
    });
    assert.equal(consentIds.length, 1);
    assert.equal(hub.ledger.state.consents.get(consentIds[0]!)?.terms.protection?.level, 'monthly');
  });
});
