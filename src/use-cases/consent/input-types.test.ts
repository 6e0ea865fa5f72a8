// Values reach the consent services from the HTTP layer and the command line alike; the services check their types
// themselves, so nothing is coerced on any path: a display name that is not text, "12" for a number of months,
// "true" for a boolean, a date that does not exist, each refused with the field in the message; nothing is written.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { isCourantError } from '../../core/errors.ts';
import { ALICE, PRM_A, T0, DAY, giveVia, openTestHub, removeDir, withOccupiedHub } from './test-support.ts';

const refused = (code: string, field: string) => (e: unknown) => {
  assert.ok(isCourantError(e), String(e));
  assert.equal(e.code, code, e.message);
  assert.ok(e.message.includes(field), `${JSON.stringify(e.message)} does not name ${field}`);
  return true;
};

test('rectify: a display name that is not text is refused, never stored as "[object Object]"', async () => {
  const hub = await openTestHub({ start: T0 });
  try {
    await hub.accounts.setupOwner({ username: 'famille.martin', password: 'correct horse battery' });
    const s = await hub.accounts.login('famille.martin', 'correct horse battery', '10.0.0.1');
    const auth = await hub.accounts.authenticate(s.token);
    for (const bad of [{ a: 1 }, 42, true, null, ['x'], '   '])
      await assert.rejects(
        hub.accounts.rectify(auth, { displayName: bad }),
        refused('INPUT_INVALID', 'account.displayName'),
        JSON.stringify(bad),
      );
    assert.equal((await hub.accounts.authenticate(s.token)).account.displayName, 'famille.martin');
    await hub.accounts.rectify(auth, { displayName: '  Famille Martin  ' });
    assert.equal((await hub.accounts.authenticate(s.token)).account.displayName, 'Famille Martin');
    await assert.rejects(
      hub.accounts.createAccount(
        { kind: 'operator', id: 'op' },
        { username: 'conseil', password: 'x'.repeat(16), role: 'recipient', displayName: { a: 1 } },
      ),
      refused('INPUT_INVALID', 'account.displayName'),
    );
  } finally {
    await hub.close();
    removeDir(hub.dir);
  }
});

test('controls: "12" months, a step that is not text, and a deletion request with "all": "true" or no range are refused', async () => {
  await withOccupiedHub(async (hub) => {
    const before = (await hub.ledger.repo.events()).length;
    await assert.rejects(
      hub.controls.extendFineRetention(ALICE, PRM_A, '12'),
      refused('INPUT_INVALID', 'control.months'),
    );
    await assert.rejects(
      hub.controls.extendFineRetention(ALICE, PRM_A, 12.5),
      refused('INPUT_INVALID', 'control.months'),
    );
    await assert.rejects(
      hub.controls.changeStep(ALICE, PRM_A, ['PT30M']),
      refused('INPUT_INVALID_STEP', 'control.step'),
    );
    await assert.rejects(
      hub.controls.deleteDataRequest(ALICE, PRM_A, { all: 'true' }),
      refused('INPUT_INVALID', 'control.all'),
    );
    await assert.rejects(
      hub.controls.deleteDataRequest(ALICE, PRM_A, { all: false }),
      refused('INPUT_INVALID', 'control.range'),
    );
    await assert.rejects(hub.controls.deleteDataRequest(ALICE, PRM_A, {}), refused('INPUT_INVALID', 'control.range'));
    await assert.rejects(
      hub.controls.deleteDataRequest(ALICE, PRM_A, { all: true, from: '2007-01-01' }),
      refused('INPUT_INVALID', 'control.all'),
    );
    await assert.rejects(
      hub.controls.deleteDataRequest(ALICE, PRM_A, { from: '2007-01-01', to: '2007-02-30' }),
      refused('INPUT_INVALID_DATE', 'control.range.to'),
    );
    await assert.rejects(
      hub.controls.deleteDataRequest(ALICE, PRM_A, { from: '2007-13-01', to: '2008-01-01' }),
      refused('INPUT_INVALID_DATE', 'control.range.from'),
    );
    await assert.rejects(
      hub.controls.deleteData(ALICE, PRM_A, { from: Number.NaN, to: T0 + DAY }),
      refused('INPUT_INVALID_DATE', 'control.range.from'),
    );
    assert.equal((await hub.ledger.repo.events()).length, before, 'no ledger event for a refused control');
    const held = async () => (await hub.storage.store.list(PRM_A)).reduce((a, s) => a + s.count, 0);
    const points = await held();
    assert.ok(points > 0);
    // the well-typed requests do what they say
    await hub.controls.extendFineRetention(ALICE, PRM_A, 12);
    await hub.controls.deleteDataRequest(ALICE, PRM_A, { from: '2007-01-01', to: '2007-01-02' });
    const left = await held();
    assert.ok(left > 0 && left < points, `${left} of ${points}`);
    await hub.controls.deleteDataRequest(ALICE, PRM_A, { all: true });
    assert.equal(await held(), 0);
  });
});

test('consents: an expiry, a channel or a notice language of the wrong type is refused naming the field', async () => {
  await withOccupiedHub(async (hub) => {
    const { notice } = await hub.consents.notice({
      recipient: 'conseil-energie',
      purpose: 'personalised-advice' as never,
      step: 'P1D' as never,
      categories: ['consumption'] as never,
      lang: 'fr',
    });
    const base = {
      prm: PRM_A,
      recipient: 'conseil-energie',
      purposes: ['personalised-advice'],
      categories: ['consumption'],
      step: 'P1D',
      notice,
    };
    await assert.rejects(
      hub.consents.give(ALICE, { ...base, expiresAt: String(T0 + 30 * DAY) as never }),
      refused('CONSENT_EXPIRY_INVALID', 'consent.expiresAt'),
    );
    await assert.rejects(
      hub.consents.give(ALICE, { ...base, expiresAt: Number.NaN }),
      refused('CONSENT_EXPIRY_INVALID', 'consent.expiresAt'),
    );
    await assert.rejects(
      hub.consents.give(ALICE, { ...base, channel: { a: 1 } as never }),
      refused('CONSENT_INVALID', 'consent.channel'),
    );
    await assert.rejects(
      hub.consents.give(ALICE, { ...base, notice: { ...notice, lang: 1 as never } }),
      refused('CONSENT_INVALID', 'consent.notice.lang'),
    );
    await assert.rejects(
      hub.consents.give(ALICE, { ...base, recipient: { id: 'conseil-energie' } as never }),
      refused('CONSENT_INVALID', 'consent.recipient'),
    );
    assert.equal(hub.ledger.state.consents.size, 0);
    await giveVia(hub, ALICE, {
      prm: PRM_A,
      recipient: 'conseil-energie',
      purpose: 'personalised-advice',
      step: 'P1D',
    });
    assert.equal(hub.ledger.state.consents.size, 1);
  });
});
