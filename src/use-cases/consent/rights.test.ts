// Rights end to end on real storage: export (ZIP of JSON + CSV, receipts verifiable offline with the key inside),
// erasure leaving only a deletion record, and legal requests (scoped, recorded, visible unless secret, counted).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { strFromU8, unzipSync } from 'fflate';
import { isCourantError } from '../../core/errors.ts';
import { verifyReceipt } from '../../consent/receipt-jws.ts';
import { verifyLedger } from './ledger-service.ts';
import {
  ADVISOR,
  ALICE,
  DAY,
  OPERATOR,
  PRM_A,
  PRM_B,
  T0,
  giveVia,
  withOccupiedHub,
  type TestHub,
} from './test-support.ts';

const withHub = (fn: (hub: TestHub) => Promise<void>) => withOccupiedHub(fn);

test('export: everything held about the household as a ZIP of CSV and JSON; receipts verify offline with the included key', () =>
  withHub(async (hub) => {
    await giveVia(hub, ALICE, {
      prm: PRM_A,
      recipient: 'conseil-energie',
      purpose: 'personalised-advice',
      step: 'P1D',
    });
    await hub.access.read(ADVISOR, {
      prm: PRM_A,
      quantity: 'energy',
      direction: 'consumption',
      step: 'P1D',
      range: { from: T0, to: T0 + 3 * DAY },
      purpose: 'personalised-advice',
    });
    await hub.controls.stopFineRecording(ALICE, PRM_A);
    const files = unzipSync(await hub.rights.exportAll(ALICE, PRM_A));
    const names = Object.keys(files).sort();
    for (const f of [
      'README.txt',
      'access-log.csv',
      'access-log.json',
      'consents.json',
      'controls.json',
      'deletions.json',
      'hub-public-key.jwk',
      'ledger-events.json',
      'legal-requests.json',
      'readings/index.json',
      'receipts.json',
    ])
      assert.ok(names.includes(f), f);
    const minute = strFromU8(files['readings/energy.consumption.PT1M.csv.csv']!).trim().split('\n');
    assert.equal(minute[0], 'interval_start_utc,value_Wh,quality');
    assert.equal(minute.length, 1 + 4320);
    assert.equal(
      minute[1],
      `2007-01-01T00:00:00.000Z,${(2.58 * 1000) / 60},0`,
      'first real value of the UCI household',
    );
    const consents = JSON.parse(strFromU8(files['consents.json']!));
    assert.equal(consents.length, 1);
    assert.equal(consents[0].status, 'active');
    const log = strFromU8(files['access-log.csv']!).trim().split('\n');
    assert.equal(log.length, 2);
    assert.match(log[1]!, /conseil-energie,.*,P1D,personalised-advice,consumption,true,consent:/);
    const key = JSON.parse(strFromU8(files['hub-public-key.jwk']!));
    assert.equal(key.d, undefined, 'no private key material');
    const receipts = JSON.parse(strFromU8(files['receipts.json']!)) as { jws: string }[];
    assert.equal(receipts.length, 3, 'occupancy, consent, control');
    for (const r of receipts) assert.equal((await verifyReceipt(r.jws, key))['hub:usagePointId'], PRM_A);
  }));

test('erasure: readings gone, consents ended, a deletion record without data, and the ledger still verifies', () =>
  withHub(async (hub) => {
    await giveVia(hub, ALICE, {
      prm: PRM_A,
      recipient: 'conseil-energie',
      purpose: 'personalised-advice',
      step: 'P1D',
    });
    const r = await hub.rights.erase(ALICE, PRM_A);
    assert.equal(r.event.body.type === 'erased' && r.event.body.deleted, 4320 + 144 + 3);
    assert.deepEqual(await hub.storage.store.list(PRM_A), []);
    assert.deepEqual(await hub.storage.store.usagePoints(), []);
    assert.ok([...hub.ledger.state.consents.values()].every((c) => c.status === 'superseded'));
    await assert.rejects(
      hub.access.read(ADVISOR, {
        prm: PRM_A,
        quantity: 'energy',
        direction: 'consumption',
        step: 'P1D',
        range: { from: T0, to: T0 + DAY },
        purpose: 'personalised-advice',
      }),
      (e) => isCourantError(e) && e.code === 'CONSENT_ACCESS_DENIED',
    );
    const del = await hub.ledger.repo.deletions(PRM_A);
    assert.deepEqual(
      del.map((d) => [d.reason, d.what, d.deleted]),
      [['erasure', 'all', 4467]],
    );
    const report = await verifyLedger(hub.ledger.repo, hub.key.publicJwk);
    assert.equal(report.status, 'ok');
    assert.deepEqual(report.breaks, []);
  }));

test('legal requests: bounded scope only, operator-recorded, effective only once accepted, visible unless secret, counted publicly', () =>
  withHub(async (hub) => {
    const police = { kind: 'authority' as const, id: 'gendarmerie-92' };
    const base = {
      reference: 'PV 2007/0042',
      authorityId: police.id,
      authorityType: 'police',
      legalBasis: 'Code de procédure pénale art. 77-1-1',
      prms: [PRM_A],
      rangeFrom: T0,
      rangeTo: T0 + DAY,
    };
    await assert.rejects(
      hub.legal.record(OPERATOR, { ...base, prms: [] }),
      (e) => isCourantError(e) && e.code === 'LEGAL_REQUEST_INVALID',
    );
    await assert.rejects(
      hub.legal.record(OPERATOR, {
        ...base,
        prms: Array.from({ length: 11 }, (_, i) => `999999999999${String(i).padStart(2, '0')}`),
      }),
      (e) => isCourantError(e) && e.code === 'LEGAL_REQUEST_INVALID',
    );
    await assert.rejects(
      hub.legal.record(OPERATOR, { ...base, rangeTo: Number.POSITIVE_INFINITY }),
      (e) => isCourantError(e) && e.code === 'LEGAL_REQUEST_INVALID',
    );
    await assert.rejects(hub.legal.record(ALICE, base), (e) => isCourantError(e) && e.code === 'AUTH_FORBIDDEN');
    const read = (range = { from: T0, to: T0 + DAY }, prm = PRM_A) =>
      hub.access.read(police, {
        prm,
        quantity: 'energy',
        direction: 'consumption',
        step: 'PT30M',
        range,
        purpose: 'legal-obligation',
      });
    const req = await hub.legal.record(OPERATOR, base);
    await assert.rejects(read(), (e) => isCourantError(e) && e.code === 'CONSENT_ACCESS_DENIED');
    await hub.legal.decide(OPERATOR, req.requestId, 'accepted');
    const ok = await read();
    assert.deepEqual(ok.basis, { kind: 'legal-request', requestId: req.requestId });
    assert.equal(ok.data.ts.length, 48);
    await assert.rejects(
      read({ from: T0, to: T0 + 2 * DAY }),
      (e) => isCourantError(e) && e.code === 'CONSENT_ACCESS_DENIED',
    );
    await assert.rejects(read(undefined, PRM_B), (e) => isCourantError(e) && e.code === 'CONSENT_ACCESS_DENIED');
    const secret = await hub.legal.record(OPERATOR, {
      ...base,
      reference: 'SECRET-1',
      authorityType: 'judicial',
      secret: true,
    });
    await hub.legal.decide(OPERATOR, secret.requestId, 'refused');
    assert.deepEqual(
      (await hub.legal.forHousehold(ALICE, PRM_A)).map((r) => r.reference),
      ['PV 2007/0042'],
    );
    assert.deepEqual(await hub.legal.transparency(), [
      { authorityType: 'judicial', outcome: 'refused', count: 1 },
      { authorityType: 'police', outcome: 'accepted', count: 1 },
    ]);
    const log = await hub.access.logFor(ALICE, PRM_A);
    assert.deepEqual(
      log.map((a) => [a.actorKind, a.allowed]),
      [
        ['authority', false],
        ['authority', true],
        ['authority', false],
      ],
    );
    hub.clock.advance(31 * DAY);
    await assert.rejects(read(), (e) => isCourantError(e) && e.code === 'CONSENT_ACCESS_DENIED', 'no standing access');
  }));
