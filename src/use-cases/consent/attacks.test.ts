// Bad input and attacks: each is refused with a clear error code, logged, and changes nothing.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { generateKeyPair } from 'jose';
import { isCourantError } from '../../core/errors.ts';
import { receiptPayload } from '../../consent/receipt.ts';
import { signReceipt } from '../../consent/receipt-jws.ts';
import { YEAR_MS } from '../../consent/model.ts';
import { verifyLedger } from './ledger-service.ts';
import {
  ALICE,
  BOB,
  DAY,
  PRM_A,
  PRM_B,
  T0,
  giveVia,
  openTestHub,
  withOccupiedHub,
  type TestHub,
} from './test-support.ts';

type Hub = Awaited<ReturnType<typeof openTestHub>>;
const withHub = (fn: (hub: TestHub) => Promise<void>) => withOccupiedHub(fn, { start: T0, withBob: true });

/** Expect a refusal with `code`, logged, and the ledger head unchanged. */
async function refused(hub: Hub, code: string, fn: () => Promise<unknown>) {
  const head = await hub.ledger.repo.head();
  const before = hub.refusals.recent.length;
  await assert.rejects(fn(), (e) => isCourantError(e) && e.code === code);
  assert.deepEqual(await hub.ledger.repo.head(), head, 'nothing written');
  assert.equal(hub.refusals.recent.length, before + 1, 'refusal logged');
  assert.equal(hub.refusals.recent.at(-1)!.code, code);
}

test('consents with an expiry in the past, before now, or more than 3 years away are refused', () =>
  withHub(async (hub) => {
    const base = { prm: PRM_A, recipient: 'conseil-energie', purpose: 'personalised-advice', step: 'P1D' };
    await refused(hub, 'CONSENT_EXPIRY_INVALID', () => giveVia(hub, ALICE, { ...base, expiresAt: hub.clock.t - DAY }));
    await refused(hub, 'CONSENT_EXPIRY_INVALID', () =>
      giveVia(hub, ALICE, { ...base, expiresAt: hub.clock.t + 3 * YEAR_MS + 2 * DAY }),
    );
    const ok = await giveVia(hub, ALICE, { ...base, expiresAt: hub.clock.t + 3 * YEAR_MS });
    assert.equal(ok.event.body.type === 'given' && ok.event.body.terms.duration, 'P1095D');
  }));

test('a consent naming a usage point the subject does not occupy, or an unknown one, is refused the same way', () =>
  withHub(async (hub) => {
    const base = { recipient: 'conseil-energie', purpose: 'personalised-advice', step: 'P1D' };
    await refused(hub, 'CONSENT_NOT_SUBJECT', () => giveVia(hub, ALICE, { ...base, prm: PRM_B }));
    await refused(hub, 'CONSENT_NOT_SUBJECT', () => giveVia(hub, ALICE, { ...base, prm: '99999999999999' as never }));
  }));

test('a notice hash that does not match the text for the choices, or an unknown notice version, is refused', () =>
  withHub(async (hub) => {
    const { notice } = await hub.consents.notice({
      recipient: 'conseil-energie',
      purpose: 'personalised-advice',
      step: 'P1D',
      categories: ['consumption'],
      lang: 'fr',
    });
    const input = {
      prm: PRM_A,
      recipient: 'conseil-energie',
      purposes: ['personalised-advice'],
      categories: ['consumption'],
      notice,
    };
    // the notice shown was for daily data, the submission asks for 30-minute data
    await refused(hub, 'CONSENT_NOTICE_UNKNOWN', () => hub.consents.give(ALICE, { ...input, step: 'PT30M' }));
    await refused(hub, 'CONSENT_NOTICE_UNKNOWN', () =>
      hub.consents.give(ALICE, { ...input, step: 'P1D', notice: { ...notice, version: '1999-1' } }),
    );
    await refused(hub, 'CONSENT_INVALID', () => hub.consents.give(ALICE, { ...input, step: 'PT7M' }));
    await refused(hub, 'CONSENT_INVALID', () =>
      hub.consents.give(ALICE, { ...input, step: 'P1D', recipient: 'unknown-party' }),
    );
  }));

test('cross-household: another household cannot see, withdraw, control, export or erase', () =>
  withHub(async (hub) => {
    const { event } = await giveVia(hub, ALICE, {
      prm: PRM_A,
      recipient: 'conseil-energie',
      purpose: 'personalised-advice',
      step: 'P1D',
    });
    const id = event.body.type === 'given' ? event.body.terms.consentId : '';
    await refused(hub, 'CONSENT_NOT_FOUND', () => hub.consents.withdraw(BOB, id));
    await refused(hub, 'CONSENT_NOT_FOUND', () => hub.consents.withdraw(BOB, 'no-such-consent'));
    await refused(hub, 'CONSENT_NOT_SUBJECT', () => hub.controls.purgeFineHistory(BOB, PRM_A));
    await refused(hub, 'CONSENT_NOT_SUBJECT', () => hub.rights.exportAll(BOB, PRM_A));
    await refused(hub, 'CONSENT_NOT_SUBJECT', () => hub.rights.erase(BOB, PRM_A));
    await refused(hub, 'CONSENT_ACCESS_DENIED', () =>
      hub.access.read(BOB, {
        prm: PRM_A,
        quantity: 'energy',
        direction: 'consumption',
        step: 'P1D',
        range: { from: T0, to: T0 + DAY },
        purpose: 'self',
      }),
    );
    assert.equal((await hub.storage.store.list(PRM_A)).length, 3, 'alice’s data untouched');
    assert.equal(hub.ledger.state.statusAt(id, hub.clock.t), 'active');
  }));

test('a withdrawn consent used again is refused; its receipt still verifies but reports the withdrawal', () =>
  withHub(async (hub) => {
    const given = await giveVia(hub, ALICE, {
      prm: PRM_A,
      recipient: 'conseil-energie',
      purpose: 'personalised-advice',
      step: 'P1D',
    });
    const id = given.event.body.type === 'given' ? given.event.body.terms.consentId : '';
    await hub.consents.withdraw(ALICE, id);
    await refused(hub, 'CONSENT_NOT_ACTIVE', () => hub.consents.withdraw(ALICE, id));
    assert.deepEqual(await hub.consents.checkReceipt(given.receipt), {
      eventId: given.event.eventId,
      type: 'given',
      consentStatus: 'withdrawn',
    });
  }));

test('forged and replayed receipts are refused', () =>
  withHub(async (hub) => {
    const given = await giveVia(hub, ALICE, {
      prm: PRM_A,
      recipient: 'conseil-energie',
      purpose: 'personalised-advice',
      step: 'P1D',
    });
    const other = await generateKeyPair('EdDSA', { crv: 'Ed25519' });
    const terms = given.event.body.type === 'given' ? given.event.body.terms : undefined;
    const forged = await signReceipt(
      receiptPayload(given.event, { issuer: 'x', terms, retentionMonths: 12 }),
      other.privateKey,
      hub.key.kid,
    );
    await assert.rejects(hub.consents.checkReceipt(forged), (e) => isCourantError(e) && e.code === 'RECEIPT_INVALID');
    // replay: a correctly signed receipt whose event hash does not match the row it names
    const second = await hub.controls.stopFineRecording(ALICE, PRM_A);
    const replay = await signReceipt(
      {
        ...receiptPayload(given.event, { issuer: 'x', terms, retentionMonths: 12 }),
        'hub:event': {
          ...receiptPayload(given.event, { issuer: 'x', terms, retentionMonths: 12 })['hub:event'],
          hash: second.event.hash,
        },
      },
      hub.key.privateKey,
      hub.key.kid,
    );
    await assert.rejects(hub.consents.checkReceipt(replay), (e) => isCourantError(e) && e.code === 'RECEIPT_INVALID');
    assert.equal(hub.refusals.recent.filter((r) => r.code === 'RECEIPT_INVALID').length, 2, 'both refusals logged');
  }));

test('renewal needs the notice for the new duration and at most 3 years; it extends the consent', () =>
  withHub(async (hub) => {
    const g = await giveVia(hub, ALICE, {
      prm: PRM_A,
      recipient: 'conseil-energie',
      purpose: 'personalised-advice',
      step: 'P1D',
    });
    const id = g.event.body.type === 'given' ? g.event.body.terms.consentId : '';
    const until = hub.clock.t + 2 * YEAR_MS;
    const stale = g.event.body.type === 'given' ? g.event.body.terms.notice : undefined!;
    await refused(hub, 'CONSENT_NOTICE_UNKNOWN', () => hub.consents.renew(ALICE, id, until, stale));
    const { notice } = await hub.consents.notice({
      recipient: 'conseil-energie',
      purpose: 'personalised-advice',
      step: 'P1D',
      categories: ['consumption'],
      lang: 'fr',
      expiresAt: until,
    });
    await refused(hub, 'CONSENT_EXPIRY_INVALID', () =>
      hub.consents.renew(ALICE, id, hub.clock.t + 4 * YEAR_MS, notice),
    );
    await refused(hub, 'CONSENT_NOT_FOUND', () => hub.consents.renew(BOB, id, until, notice));
    await hub.consents.renew(ALICE, id, until, notice);
    hub.clock.t += YEAR_MS + DAY;
    assert.equal(hub.ledger.state.statusAt(id, hub.clock.t), 'active', 'still in force after the original year');
  }));

test('tampered ledger rows and swapped receipts are found by ledger verification, naming the first broken link', () =>
  withHub(async (hub) => {
    const g = await giveVia(hub, ALICE, {
      prm: PRM_A,
      recipient: 'conseil-energie',
      purpose: 'personalised-advice',
      step: 'P1D',
    });
    await hub.controls.stopFineRecording(ALICE, PRM_A);
    assert.equal((await verifyLedger(hub.ledger.repo, hub.key.publicJwk)).status, 'ok');
    const conn = await hub.storage.db.connect();
    // widen a consent from daily to 10-minute data behind the ledger's back
    await conn.run(
      `UPDATE consent_ledger SET body = replace(body, '"step":"P1D"', '"step":"PT10M"') WHERE event_id = $1`,
      [g.event.eventId],
    );
    const r = await verifyLedger(hub.ledger.repo, hub.key.publicJwk);
    assert.equal(r.status, 'broken');
    assert.deepEqual(
      [r.firstBreak?.seq, r.firstBreak?.kind, r.firstBreak?.code],
      [g.event.seq, 'hash-mismatch', 'LEDGER_BROKEN'],
    );
    await conn.run(
      `UPDATE consent_ledger SET body = replace(body, '"step":"PT10M"', '"step":"P1D"') WHERE event_id = $1`,
      [g.event.eventId],
    );
    assert.equal((await verifyLedger(hub.ledger.repo, hub.key.publicJwk)).status, 'ok');
    await conn.run(
      `UPDATE consent_ledger SET receipt = (SELECT receipt FROM consent_ledger WHERE seq = 1) WHERE seq = $1`,
      [g.event.seq],
    );
    const r2 = await verifyLedger(hub.ledger.repo, hub.key.publicJwk);
    assert.deepEqual(
      [r2.firstBreak?.seq, r2.firstBreak?.kind, r2.firstBreak?.code],
      [g.event.seq, 'bad-signature', 'LEDGER_BAD_SIGNATURE'],
    );
    await conn.run('DELETE FROM consent_ledger WHERE seq = 1');
    const r3 = await verifyLedger(hub.ledger.repo, hub.key.publicJwk);
    assert.deepEqual([r3.firstBreak?.seq, r3.firstBreak?.kind], [1, 'missing']);
    // a verification that finds damage while the hub runs stops further appends
    assert.equal((await hub.ledger.verify()).status, 'broken');
    await assert.rejects(
      hub.controls.resumeFineRecording(ALICE, PRM_A),
      (e) => isCourantError(e) && e.code === 'LEDGER_FROZEN',
    );
  }));
