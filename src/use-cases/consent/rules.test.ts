// Rulebook R1–R19, the parts that need the real storage: a DuckDB file in a temp dir, the real reading store with real
// readings (UCI household fixture), receipts signed with a real Ed25519 key, and an injected clock.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { statSync } from 'node:fs';
import { isCourantError } from '../../core/errors.ts';
import { verifyReceipt } from '../../consent/receipt-jws.ts';
import { renderBox, noticeHash } from '../../consent/notices.ts';
import { retentionText, MONTH_MS } from '../../consent/retention.ts';
import { canonicalJson, sha256Hex, utf8 } from '../../consent/canonical.ts';
import { verifyLedger } from './ledger-service.ts';
import { keyPath } from '../../adapters/keys/file-key-store.ts';
import {
  ADVISOR,
  ALICE,
  BOB,
  DAY,
  OPERATOR,
  PRM_A,
  PRM_B,
  T0,
  TEST_CONFIG,
  fixtureBatches,
  giveVia,
  openTestHub,
  removeDir,
  withOccupiedHub,
  type TestHub,
} from './test-support.ts';

const RANGE = { from: T0, to: T0 + 3 * DAY };
const readAs = (
  hub: Awaited<ReturnType<typeof openTestHub>>,
  actor = ADVISOR,
  step: 'PT30M' | 'P1D' = 'PT30M',
  to?: 'P1D',
) =>
  hub.access.read(actor, {
    prm: PRM_A,
    quantity: 'energy',
    direction: 'consumption',
    step,
    ...(to ? { to } : {}),
    range: RANGE,
    purpose: actor.kind === 'household' ? 'self' : 'personalised-advice',
  });

const withHub = (fn: (hub: TestHub) => Promise<void>) => withOccupiedHub(fn);

test('R5: submitting the consent form with only the daily box ticked records exactly one consent with one scope', () =>
  withHub(async (hub) => {
    const boxes = await hub.consents.screen('conseil-energie', 'fr');
    assert.deepEqual(
      boxes.map((b) => b.key),
      ['personalised-advice:P1D', 'personalised-advice:PT30M', 'service-provision:P1D', 'service-provision:PT30M'],
    );
    for (const b of boxes) {
      assert.equal(b.defaultChecked, false);
      assert.equal(
        await sha256Hex(utf8(canonicalJson({ text: b.text }))),
        b.notice.hash,
        'the hash is the hash of the text shown',
      );
    }
    assert.deepEqual(
      await hub.consents.submitForm(ALICE, { prm: PRM_A, recipient: 'conseil-energie', lang: 'fr', ticked: [] }),
      [],
    );
    const given = await hub.consents.submitForm(ALICE, {
      prm: PRM_A,
      recipient: 'conseil-energie',
      lang: 'fr',
      ticked: ['personalised-advice:P1D'],
    });
    assert.equal(given.length, 1);
    const consents = hub.consents.list(ALICE, PRM_A);
    assert.equal(consents.length, 1);
    assert.deepEqual([consents[0]!.terms.purposes, consents[0]!.terms.step], [['personalised-advice'], 'P1D']);
    await assert.rejects(
      hub.consents.submitForm(ALICE, {
        prm: PRM_A,
        recipient: 'conseil-energie',
        lang: 'fr',
        ticked: ['marketing:P1D'],
      }),
      (e) => isCourantError(e) && e.code === 'CONSENT_INVALID',
    );
    assert.equal(hub.consents.list(ALICE, PRM_A).length, 1);
  }));

test('R10: one withdrawal stops access for the very next request, and a withdrawn consent cannot be used or withdrawn again', () =>
  withHub(async (hub) => {
    const { event } = await giveVia(hub, ALICE, {
      prm: PRM_A,
      recipient: 'conseil-energie',
      purpose: 'personalised-advice',
      step: 'PT30M',
    });
    const id = event.body.type === 'given' ? event.body.terms.consentId : '';
    const ok = await readAs(hub);
    assert.deepEqual(ok.basis, { kind: 'consent', consentId: id });
    assert.equal(ok.data.ts.length, 144, '3 days of real 30-minute values');
    await hub.consents.withdraw(ALICE, id);
    await assert.rejects(readAs(hub), (e) => isCourantError(e) && e.code === 'CONSENT_ACCESS_DENIED');
    await assert.rejects(hub.consents.withdraw(ALICE, id), (e) => isCourantError(e) && e.code === 'CONSENT_NOT_ACTIVE');
    await assert.rejects(
      hub.consents.renew(
        ALICE,
        id,
        hub.clock.t + DAY,
        event.body.type === 'given' ? event.body.terms.notice : ({} as never),
      ),
      (e) => isCourantError(e) && e.code === 'CONSENT_NOT_ACTIVE',
    );
  }));

test('R11: every household control (stop/resume fine recording, purge, change step, delete data) is acknowledged by a signed receipt', () =>
  withHub(async (hub) => {
    const receipts: string[] = [];
    receipts.push((await hub.controls.stopFineRecording(ALICE, PRM_A)).receipt);
    assert.equal(hub.controls.mayRecord(PRM_A, 'PT1M'), false);
    assert.equal(hub.controls.mayRecord(PRM_A, 'P1D'), true, 'daily values are still kept');
    receipts.push((await hub.controls.resumeFineRecording(ALICE, PRM_A)).receipt);
    receipts.push((await hub.controls.changeStep(ALICE, PRM_A, 'PT30M')).receipt);
    assert.equal(hub.controls.mayRecord(PRM_A, 'PT1M'), false);
    assert.equal(hub.controls.mayRecord(PRM_A, 'PT30M'), true);
    const purge = await hub.controls.purgeFineHistory(ALICE, PRM_A);
    receipts.push(purge.receipt);
    const purged =
      purge.event.body.type === 'control' && purge.event.body.action.kind === 'purge-fine-history'
        ? purge.event.body.action.deleted
        : -1;
    assert.equal(purged, 4320 + 144, 'all 1-minute and 30-minute values');
    assert.deepEqual(
      (await hub.storage.store.list(PRM_A)).map((s) => s.step),
      ['P1D'],
    );
    receipts.push((await hub.controls.deleteData(ALICE, PRM_A, { from: T0, to: T0 + DAY })).receipt);
    assert.equal((await hub.storage.store.list(PRM_A))[0]!.count, 2);
    for (const jws of receipts) {
      const p = await verifyReceipt(jws, hub.key.publicJwk);
      assert.equal(p['hub:usagePointId'], PRM_A);
      assert.ok(p['hub:control']);
    }
    assert.equal((await hub.ledger.repo.deletions(PRM_A)).length, 2);
  }));

test('R13: the stored consent record alone proves what was agreed and reconstructs the notice shown', () =>
  withHub(async (hub) => {
    const { event, receipt } = await giveVia(hub, ALICE, {
      prm: PRM_A,
      recipient: 'conseil-energie',
      purpose: 'personalised-advice',
      step: 'P1D',
      categories: ['consumption', 'max-power'],
    });
    const stored = (await hub.ledger.repo.events()).find((e) => e.eventId === event.eventId)!;
    assert.equal(stored.body.type, 'given');
    const t = stored.body.type === 'given' ? stored.body.terms : undefined!;
    for (const f of [
      'consentId',
      'subject',
      'prm',
      'controller',
      'recipient',
      'purposes',
      'categories',
      'step',
      'legalBasis',
      'notice',
      'channel',
      'givenAt',
      'expiresAt',
      'duration',
    ] as const)
      assert.ok(t[f] !== undefined, f);
    const rec = hub.consents.recipients.get(t.recipient)!;
    const text = renderBox({
      version: t.notice.version,
      lang: t.notice.lang,
      recipient: rec,
      purpose: t.purposes[0]!,
      categories: t.categories,
      step: t.step,
      durationMonths: 12,
      retentionText: retentionText(TEST_CONFIG.retention, t.step),
    });
    assert.equal(
      await noticeHash(
        {
          version: t.notice.version,
          lang: t.notice.lang,
          recipient: rec,
          purpose: t.purposes[0]!,
          categories: t.categories,
          step: t.step,
          durationMonths: 12,
          retentionText: retentionText(TEST_CONFIG.retention, t.step),
        },
        sha256Hex,
      ),
      t.notice.hash,
    );
    assert.match(text, /une fois par jour/);
    const p = await verifyReceipt(receipt, hub.key.publicJwk);
    assert.equal(p['hub:event'].hash, stored.hash);
    const report = await verifyLedger(hub.ledger.repo, hub.key.publicJwk);
    assert.equal(report.status, 'ok');
    assert.deepEqual(report.breaks, []);
    assert.equal(statSync(keyPath(hub.dir)).mode & 0o777, 0o600, 'private key file is 0600');
  }));

test('R14: the retention sweep deletes fine data after 12 months and daily data after 36, and records what it deleted', () =>
  withHub(async (hub) => {
    hub.clock.t = T0 + 11 * MONTH_MS;
    assert.deepEqual((await hub.retention.sweep()).deletions, []);
    hub.clock.t = T0 + 3 * DAY + 12 * MONTH_MS + DAY;
    const r1 = await hub.retention.sweep();
    assert.deepEqual(
      r1.deletions.map((d) => [d.what, d.deleted]),
      [['finer than P1D', 4320 + 144]],
    );
    assert.deepEqual(
      (await hub.storage.store.list(PRM_A)).map((s) => s.step),
      ['P1D'],
    );
    hub.clock.t = T0 + 3 * DAY + 36 * MONTH_MS + DAY;
    const r2 = await hub.retention.sweep();
    assert.deepEqual(
      r2.deletions.map((d) => [d.what, d.deleted]),
      [['P1D', 3]],
    );
    assert.deepEqual(await hub.storage.store.list(PRM_A), []);
    const recs = await hub.ledger.repo.deletions(PRM_A);
    assert.equal(recs.length, 2);
    assert.ok(recs.every((d) => d.reason === 'retention' && !('values' in d)));
  }));

test('R14: the sweep leaves exempt usage points (the public demo dataset) alone and sweeps the others', async () => {
  const hub = await openTestHub({ start: T0, retentionExempt: (prm) => prm === PRM_B });
  try {
    await hub.storage.store.write([...fixtureBatches(PRM_A), ...fixtureBatches(PRM_B)]);
    hub.clock.t = T0 + 3 * DAY + 36 * MONTH_MS + DAY;
    const r = await hub.retention.sweep();
    assert.deepEqual([...new Set(r.deletions.map((d) => d.prm))], [PRM_A]);
    assert.deepEqual(await hub.storage.store.usagePoints(), [PRM_B]);
  } finally {
    await hub.close();
    removeDir(hub.dir);
  }
});

test('R14: a household opt-in keeps fine history up to 24 months, and an expired consent gets its expiry event', () =>
  withHub(async (hub) => {
    await hub.controls.extendFineRetention(ALICE, PRM_A, 24);
    await giveVia(hub, ALICE, {
      prm: PRM_A,
      recipient: 'conseil-energie',
      purpose: 'personalised-advice',
      step: 'P1D',
    });
    hub.clock.t = T0 + 3 * DAY + 13 * MONTH_MS;
    const r = await hub.retention.sweep();
    assert.deepEqual(r.deletions, []);
    assert.equal(r.expiredConsents, 1);
    assert.equal((await hub.ledger.repo.events()).at(-1)!.body.type, 'expired');
  }));

test('R18: every read by anyone but the household is logged with its basis and shown to the household; the household’s own reads are not', () =>
  withHub(async (hub) => {
    await readAs(hub, ALICE);
    await assert.rejects(
      readAs(hub, OPERATOR as never),
      (e) => isCourantError(e) && e.code === 'CONSENT_ACCESS_DENIED',
    );
    const { event } = await giveVia(hub, ALICE, {
      prm: PRM_A,
      recipient: 'conseil-energie',
      purpose: 'personalised-advice',
      step: 'P1D',
    });
    // 30-min refused under a daily consent
    await assert.rejects(readAs(hub), (e) => isCourantError(e) && e.code === 'CONSENT_ACCESS_DENIED');
    const daily = await readAs(hub, ADVISOR, 'PT30M', 'P1D');
    assert.equal(
      daily.data.ts.length,
      4,
      'daily values derived on Europe/Paris civil days (3 UTC days span 4 Paris days)',
    );
    const log = await hub.access.logFor(ALICE, PRM_A);
    assert.deepEqual(
      log.map((a) => [a.actorId, a.step, a.allowed, a.basis]),
      [
        ['op', 'PT30M', false, 'denied:no-consent'],
        ['conseil-energie', 'PT30M', false, 'denied:step-too-fine'],
        ['conseil-energie', 'P1D', true, `consent:${event.body.type === 'given' ? event.body.terms.consentId : ''}`],
      ],
    );
    await assert.rejects(hub.access.logFor(BOB, PRM_A), (e) => isCourantError(e) && e.code === 'CONSENT_NOT_SUBJECT');
  }));

test('R19: move-out ends every consent, purges the leaver’s data and shows the next occupant nothing of it', () =>
  withHub(async (hub) => {
    await giveVia(hub, ALICE, {
      prm: PRM_A,
      recipient: 'conseil-energie',
      purpose: 'personalised-advice',
      step: 'PT30M',
    });
    await hub.rights.moveOut(OPERATOR, PRM_A);
    assert.deepEqual(await hub.storage.store.list(PRM_A), []);
    assert.ok([...hub.ledger.state.consents.values()].every((c) => c.status === 'superseded'));
    hub.clock.advance(DAY);
    await hub.consents.startOccupancy(OPERATOR, { prm: PRM_A, subject: 'bob' });
    await assert.rejects(readAs(hub, BOB), (e) => isCourantError(e) && e.code === 'CONSENT_ACCESS_DENIED');
    await assert.rejects(readAs(hub, ALICE), (e) => isCourantError(e) && e.code === 'CONSENT_ACCESS_DENIED');
    assert.deepEqual(hub.consents.list(BOB, PRM_A), []);
    assert.deepEqual(await hub.access.logFor(BOB, PRM_A), []);
    const zip = await hub.rights.exportAll(BOB, PRM_A);
    assert.ok(
      !Buffer.from(zip).includes(Buffer.from('alice')),
      'nothing of the previous occupant in the new occupant’s export',
    );
  }));
