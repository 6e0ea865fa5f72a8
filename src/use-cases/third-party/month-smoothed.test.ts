// Month-smoothed daily sharing, the protection the consent screen offers: its client gets, for every day of a finished
// and fully known Paris month, the same integer share of that month's total (the month sums to its total within half a
// Wh a day); nothing of a month still in progress or with a missing day; the same values at every read and for every
// sub-range; and never a single day's real consumption.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parisDayBoundaries, parisWallToUtc } from '../../core/calendar.ts';
import { parseDcQuery, type DcQuery } from '../../enedis/serve/params.ts';
import { ALICE, PRM_A, registerClients, testClient, withOccupiedHub, type TestHub } from '../consent/test-support.ts';
import type { ClientCaller } from '../oauth/types.ts';
import { readForClient, type DataConnectDeps } from './data-connect.ts';

const COACH = { kind: 'recipient' as const, id: 'coach-lisse' };
const COACH_CLIENT = {
  ...testClient({ clientId: COACH.id, name: 'Coach Lissé', purposes: ['personalised-advice'], finestStep: 'P1D' }),
  acceptsProtectedDaily: true,
};
const coach: ClientCaller = {
  clientId: COACH.id,
  clientName: 'Coach Lissé',
  actor: COACH,
  purposes: ['personalised-advice'],
  prms: null,
  tokenId: 'token-1',
};
const paris = (m: number, d: number) => parisWallToUtc(2007, m, d);
const deps = (hub: TestHub): DataConnectDeps => ({ store: hub.storage.store, access: hub.access, ledger: hub.ledger });

/**
 * Daily totals (Wh) on Paris days from 1 February to 20 March 2007: the three real days of the consent fixture
 * (UCI Sceaux, 1–3 January 2007: 29.5, 26.7 and 31.1 kWh, rounded) in turn, each with a varying fraction of a Wh so
 * rounding matters, and one March day missing.
 */
async function writeDays(hub: TestHub): Promise<Map<number, number>> {
  const days = parisDayBoundaries(paris(2, 1), paris(3, 21)).slice(0, -1);
  const real = [29_512.4, 26_731.8, 31_077.3];
  const truth = new Map<number, number>();
  days.forEach((t, i) => {
    if (t !== paris(3, 7)) truth.set(t, real[i % 3]! + i / 7);
  });
  await hub.storage.store.write([
    {
      key: {
        prm: PRM_A,
        quantity: 'energy',
        direction: 'consumption',
        register: '',
        step: 'P1D',
        source: 'derived',
      },
      ts: [...truth.keys()],
      values: [...truth.values()],
    },
  ]);
  return truth;
}

function query(hub: TestHub, start: string, end: string): DcQuery {
  const r = parseDcQuery('daily_consumption', 'v5', { usage_point_id: PRM_A, start, end }, hub.clock.now());
  assert.ok(r.ok, JSON.stringify(r));
  return r.value;
}

async function giveMonthly(hub: TestHub): Promise<void> {
  await registerClients(hub, [COACH_CLIENT]);
  const req = hub.oauth.request({ client_id: COACH.id, response_type: 'code', state: 's' });
  assert.ok('client' in req, JSON.stringify(req));
  const screen = await hub.oauth.screen(ALICE, req, 'fr');
  const box = screen.boxes.find((b) => b.protection);
  assert.equal(box?.protection, 'monthly', 'the screen offers the month-smoothed level');
  assert.match(box.text, /lissée sur le mois/);
  const { consentIds } = await hub.oauth.grant(ALICE, req, { prm: PRM_A, ticked: [box.key], lang: 'fr' });
  assert.deepEqual(hub.ledger.state.consents.get(consentIds[0]!)?.terms.protection, {
    kind: 'month-smoothed',
    level: 'monthly',
  });
}

test('month-smoothed: equal shares of each finished month summing to its exact total; the rest withheld', async () => {
  await withOccupiedHub(async (hub) => {
    hub.clock.t = paris(3, 25);
    const truth = await writeDays(hub);
    await giveMonthly(hub);
    const r = await readForClient(deps(hub), coach, query(hub, '2007-02-01', '2007-03-21'));
    assert.ok(r.ok, JSON.stringify(r));
    const points = r.series.points;
    const feb = points.filter((p) => p.ts >= paris(2, 1) && p.ts < paris(3, 1));
    assert.equal(feb.length, 28, 'every February day is delivered');
    const total = [...truth].filter(([t]) => t < paris(3, 1)).reduce((s, [, v]) => s + v, 0);
    assert.ok(
      feb.every((p) => p.value === Math.round(total / 28)),
      'every February day answers the month total / 28, to the Wh',
    );
    assert.ok(Math.abs(feb.reduce((s, p) => s + p.value, 0) - total) <= 14, 'February sums to its total');
    const exact = new Set([...truth.values()].map((v) => Math.round(v)));
    assert.ok(feb.filter((p) => exact.has(p.value)).length <= 1, 'no day answers its own real value');
    assert.deepEqual(
      points.filter((p) => p.ts >= paris(3, 1)),
      [],
      'March has a missing day and is not over: nothing of it is sent',
    );
    // the same values at every read and for a sub-range
    const again = await readForClient(deps(hub), coach, query(hub, '2007-02-10', '2007-02-13'));
    assert.ok(again.ok);
    assert.deepEqual(
      again.series.points,
      feb.filter((p) => p.ts >= paris(2, 10) && p.ts < paris(2, 13)),
    );
  });
});

test('month-smoothed: a month is sent only once it is over', async () => {
  await withOccupiedHub(async (hub) => {
    hub.clock.t = paris(2, 28) + 3_600_000;
    await writeDays(hub);
    await giveMonthly(hub);
    const r = await readForClient(deps(hub), coach, query(hub, '2007-02-01', '2007-02-28'));
    // February is not over on its last day: nothing to send, answered as Enedis answers a range without data
    assert.ok(!r.ok && r.refusal.status === 404, JSON.stringify(r));
    assert.equal((r.refusal.body as { error?: string }).error, 'no_data_found');
  });
});
