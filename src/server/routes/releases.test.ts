// The release routes over HTTP on a hub with real identities: the operator publishes (a household, a recipient or an
// anonymous caller is refused, ε out of range and an unknown publisher with their codes), the public list and file
// need no sign-in, and the contributing household sees the release on its usage point while another household and the
// operator get the 404 of an absent usage point.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { giveVia, registerClients, testClient } from '../../use-cases/consent/test-support.ts';
import { BOB_PRM, call, OWNER_PRM, ABSENT_PRM, openSecurityHub } from '../test-hub.ts';

test('release routes: the operator publishes, everyone reads the list, the contributing household sees it', async () => {
  const s = await openSecurityHub();
  try {
    const { hub, app } = s;
    await registerClients(hub.consent, [
      testClient({ clientId: 'stats-coop', name: 'Stats Coop', role: 'research', purposes: ['anonymised-statistics'] }),
    ]);
    const bob = hub.consent.ledger.state.occupantAt(BOB_PRM, Date.now())!.subject;
    await giveVia(
      hub.consent,
      { kind: 'household', id: bob },
      {
        prm: BOB_PRM,
        recipient: 'stats-coop',
        purpose: 'anonymised-statistics',
        step: 'P1D',
      },
    );
    await hub.profiles.setArea(BOB_PRM, 'commune', '92071', Date.now());
    const body = {
      publisher: 'stats-coop',
      areaKind: 'commune',
      bucket: 'day',
      from: '2007-01-02',
      to: '2007-01-04',
      epsilon: 1,
    };
    const post = (who: Parameters<typeof s.headers>[0], payload: Record<string, unknown>) =>
      call(app, { method: 'POST', url: '/api/admin/stats/releases', headers: s.headers(who), payload });

    for (const who of ['bob', 'alice', 'recipient', 'authority'] as const) {
      const r = await post(who, body);
      assert.equal(r.status, 403, who);
      assert.equal(r.body.error?.code, 'AUTH_FORBIDDEN');
    }
    assert.equal((await post('none', body)).status, 401);
    assert.equal((await post('operator', { ...body, epsilon: 0 })).body.error?.code, 'STATS_INVALID');
    assert.equal((await post('operator', { ...body, epsilon: 9 })).body.error?.code, 'STATS_INVALID');
    assert.equal((await post('operator', { ...body, publisher: 'nobody' })).body.error?.code, 'CLIENT_UNKNOWN');
    assert.equal((await post('operator', { ...body, areaKind: 'canton' })).body.error?.code, 'STATS_INVALID');
    assert.equal((await post('operator', { ...body, extra: 1 })).status, 400, 'strict body');
    assert.deepEqual((await call(app, { method: 'GET', url: '/api/public/releases' })).body, { releases: [] });

    const made = await post('operator', body);
    assert.equal(made.status, 201, JSON.stringify(made.body));
    const release = (made.body as { release: { releaseId: string; result: { cellsPublished: number } } }).release;
    assert.equal(release.result.cellsPublished, 0, 'one household: every cell is under the floor');

    const list = await call(app, { method: 'GET', url: '/api/public/releases' });
    assert.equal(list.status, 200);
    assert.deepEqual(
      (list.body.releases as { releaseId: string }[]).map((r) => r.releaseId),
      [release.releaseId],
    );
    const csv = await call(app, { method: 'GET', url: `/api/public/releases/${release.releaseId}.csv` });
    assert.equal(csv.status, 200);
    assert.equal(csv.raw.body.split('\n')[0], 'release_id,area,bucket,homes,sum_wh,mean_wh');

    const mine = (who: Parameters<typeof s.headers>[0], prm: string) =>
      call(app, { method: 'GET', url: `/api/usage-points/${prm}/releases`, headers: s.headers(who) });
    const bobs = await mine('bob', BOB_PRM);
    assert.equal(bobs.status, 200);
    assert.deepEqual(
      (bobs.body.releases as { releaseId: string }[]).map((r) => r.releaseId),
      [release.releaseId],
    );
    assert.deepEqual((await mine('alice', OWNER_PRM)).body, { releases: [] }, 'alice did not contribute');
    const absent = await mine('alice', ABSENT_PRM);
    for (const [who, prm] of [
      ['alice', BOB_PRM],
      ['operator', BOB_PRM],
    ] as const) {
      const r = await mine(who, prm);
      assert.equal(r.status, 404, `${who} on ${prm}`);
      assert.equal(r.raw.body.replace(prm, ABSENT_PRM), absent.raw.body, 'the same 404 as an absent usage point');
    }
  } finally {
    await s.close();
  }
});
