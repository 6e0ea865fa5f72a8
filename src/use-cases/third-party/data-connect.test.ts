// A registered client reads a household's measures through the consent access service: the consented step served
// (resampled from a finer one when needed), a finer step refused, someone else's usage point, an unknown one and one
// outside the token's usage points refused alike, a period before the move-in told apart, each read journalled once.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Prm } from '../../core/prm.ts';
import { parseDcQuery, type DcQuery, type MeasureKind } from '../../enedis/serve/params.ts';
import { NO_CONSENT, BEFORE_ACTIVATION } from '../../enedis/serve/refusals.ts';
import { meterReading } from '../../enedis/serve/v5.ts';
import { ADVISOR, ALICE, PRM_A, PRM_B, giveVia, withOccupiedHub, type TestHub } from '../consent/test-support.ts';
import type { ClientCaller } from '../oauth/types.ts';
import { planRead, readForClient, type DataConnectDeps } from './data-connect.ts';

const CALLER: ClientCaller = {
  clientId: ADVISOR.id,
  clientName: 'Conseil Énergie SAS',
  actor: ADVISOR,
  purposes: ['service-provision', 'personalised-advice'],
  prms: null,
  tokenId: 'token-1',
};

function deps(hub: TestHub): DataConnectDeps {
  return { store: hub.storage.store, access: hub.access, ledger: hub.ledger };
}

function query(hub: TestHub, kind: MeasureKind, prm: string, start: string, end: string): DcQuery {
  const r = parseDcQuery(kind, 'v5', { usage_point_id: prm, start, end }, hub.clock.now());
  assert.ok(r.ok, JSON.stringify(r));
  return r.value;
}

async function journal(hub: TestHub, prm: Prm) {
  return (await hub.ledger.repo.accessLog(prm, 0)).filter(
    (e) => e.actorKind === ADVISOR.kind && e.actorId === ADVISOR.id,
  );
}

test('a consent at 30 minutes: the load curve is served at 30 minutes, in watts, and the read is journalled once', async () => {
  await withOccupiedHub(async (hub) => {
    await giveVia(hub, ALICE, { prm: PRM_A, recipient: ADVISOR.id, purpose: 'personalised-advice', step: 'PT30M' });
    const before = (await journal(hub, PRM_A)).length;
    const r = await readForClient(
      deps(hub),
      CALLER,
      query(hub, 'consumption_load_curve', PRM_A, '2007-01-01', '2007-01-03'),
    );
    assert.ok(r.ok, JSON.stringify(r));
    assert.equal(r.series.stepMs, 1_800_000);
    // the readings start at 01:00 Paris time on the first day: 94 half hours held of 96
    assert.equal(r.series.points.length, 94);
    // the held half-hour energy, as mean power
    const held = await hub.storage.store.read({
      prm: PRM_A,
      quantity: 'energy',
      direction: 'consumption',
      step: 'PT30M',
      range: { from: Date.UTC(2007, 0, 1) - 3_600_000, to: Date.UTC(2007, 0, 3) - 3_600_000 },
    });
    assert.deepEqual(
      r.series.points.map((p) => p.value),
      [...held.values].map((wh) => wh * 2),
    );
    const body = meterReading(r.series);
    assert.equal(body.interval_reading[0]!.date, '2007-01-01 01:30:00');
    assert.equal(body.interval_reading.at(-1)!.date, '2007-01-03 00:00:00');
    assert.equal((await journal(hub, PRM_A)).length, before + 1, 'one journal entry for one request');
    // daily energy under the same consent
    const d = await readForClient(
      deps(hub),
      CALLER,
      query(hub, 'daily_consumption', PRM_A, '2007-01-01', '2007-01-04'),
    );
    assert.ok(d.ok);
    assert.equal(d.series.points.length, 3);
  });
});

test('from a finer step only: the load curve is resampled to 30 minutes, and buckets not fully held are left out', async () => {
  await withOccupiedHub(async (hub) => {
    await giveVia(hub, ALICE, { prm: PRM_A, recipient: ADVISOR.id, purpose: 'personalised-advice', step: 'PT30M' });
    const q = query(hub, 'consumption_load_curve', PRM_A, '2007-01-01', '2007-01-03');
    const exact = await readForClient(deps(hub), CALLER, q);
    await hub.storage.store.delete({ prm: PRM_A, steps: ['PT30M', 'P1D'] });
    assert.deepEqual(planRead('consumption_load_curve', await hub.storage.store.list(PRM_A)), {
      quantity: 'energy',
      stored: 'PT1M',
      delivered: 'PT30M',
    });
    const resampled = await readForClient(deps(hub), CALLER, q);
    assert.ok(exact.ok && resampled.ok);
    assert.equal(resampled.series.points.length, exact.series.points.length);
    resampled.series.points.forEach((p, i) => {
      assert.equal(p.ts, exact.series.points[i]!.ts);
      assert.ok(Math.abs(p.value - exact.series.points[i]!.value) < 1e-6);
    });
    // ten minutes missing from one half hour: that half hour is left out, not delivered short
    const hole = exact.series.points[10]!.ts;
    await hub.storage.store.delete({ prm: PRM_A, range: { from: hole + 600_000, to: hole + 1_200_000 } });
    const holed = await readForClient(deps(hub), CALLER, q);
    assert.ok(holed.ok);
    assert.deepEqual(
      holed.series.points.map((p) => p.ts),
      exact.series.points.map((p) => p.ts).filter((t) => t !== hole),
    );
    // a daily value summed from the finer curve says so (2026 modeCalcul INTEG.COURBE)
    const d = await readForClient(
      deps(hub),
      CALLER,
      query(hub, 'daily_consumption', PRM_A, '2007-01-01', '2007-01-04'),
    );
    assert.ok(d.ok);
    assert.equal(d.series.fromCurve, true);
  });
});

test('a consent at one day: daily energy served, the load curve refused as if there were no consent', async () => {
  await withOccupiedHub(async (hub) => {
    await giveVia(hub, ALICE, { prm: PRM_A, recipient: ADVISOR.id, purpose: 'service-provision', step: 'P1D' });
    const d = await readForClient(
      deps(hub),
      CALLER,
      query(hub, 'daily_consumption', PRM_A, '2007-01-01', '2007-01-04'),
    );
    assert.ok(d.ok);
    const c = await readForClient(
      deps(hub),
      CALLER,
      query(hub, 'consumption_load_curve', PRM_A, '2007-01-01', '2007-01-02'),
    );
    assert.deepEqual(c, { ok: false, refusal: NO_CONSENT });
    const j = await journal(hub, PRM_A);
    assert.equal(j.filter((e) => !e.allowed).length, 1, 'the refusal is in the household’s journal');
  });
});

test('someone else’s usage point, an unknown one, and one the token was not issued for: one answer', async () => {
  await withOccupiedHub(
    async (hub) => {
      await giveVia(hub, ALICE, { prm: PRM_A, recipient: ADVISOR.id, purpose: 'personalised-advice', step: 'PT30M' });
      const ask = (prm: string, caller = CALLER) =>
        readForClient(deps(hub), caller, query(hub, 'daily_consumption', prm, '2007-01-01', '2007-01-03'));
      const bobs = await ask(PRM_B);
      const unknown = await ask('99999999999777');
      const otherToken = await ask(PRM_A, { ...CALLER, prms: new Set([PRM_B]) });
      for (const r of [bobs, unknown, otherToken]) assert.deepEqual(r, { ok: false, refusal: NO_CONSENT });
      assert.ok((await ask(PRM_A, { ...CALLER, prms: new Set([PRM_A]) })).ok, 'the token’s own usage point is served');
      // another client with no consent at all
      const stranger = await ask(PRM_A, { ...CALLER, clientId: 'x', actor: { kind: 'recipient', id: 'x' } });
      assert.deepEqual(stranger, { ok: false, refusal: NO_CONSENT });
    },
    { withBob: true },
  );
});

test('a period starting before the household moved in: ADAM-ERR0123, told only to a client with a consent', async () => {
  await withOccupiedHub(async (hub) => {
    await giveVia(hub, ALICE, { prm: PRM_A, recipient: ADVISOR.id, purpose: 'personalised-advice', step: 'P1D' });
    const q = query(hub, 'daily_consumption', PRM_A, '2006-12-20', '2007-01-02');
    assert.deepEqual(await readForClient(deps(hub), CALLER, q), { ok: false, refusal: BEFORE_ACTIVATION });
    const stranger = await readForClient(deps(hub), { ...CALLER, actor: { kind: 'recipient', id: 'x' } }, q);
    assert.deepEqual(stranger, { ok: false, refusal: NO_CONSENT });
  });
});
