// Rulebook R1–R19 (/work/shared/reference/rules.md §1.3), the parts that are pure decisions, texts and rules.
// The parts that need storage (withdrawal effect, controls with receipts, sweep, move-out purge, access log) are in
// src/use-cases/consent/rules.test.ts.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { decide, decideOne, type AccessRequest } from './policy.ts';
import { DAY, EventLog, P1, T0 } from './test-events.ts';
import type { Actor, LadderStep } from './model.ts';
import { consentScreen, renderBox, scopesFromForm, REVEALS, NOTICE_VERSION, noticeHash } from './notices.ts';
import { collectionPlan, mayReleaseBuildingAggregate, publishableCells } from './aggregates.ts';
import { DEFAULT_RETENTION, RETENTION_CAPS, retentionText, sweepPlan, MONTH_MS } from './retention.ts';
import { consentConfigSchema } from './config.ts';
import { prepareConsent } from './consent-input.ts';
import { sha256Hex } from './canonical.ts';
import { isCourantError } from '../core/errors.ts';

const ALICE: Actor = { kind: 'household', id: 'alice' };
const HUB: Actor = { kind: 'operator', id: 'hub-operator' };
const ADV: Actor = { kind: 'recipient', id: 'conseil' };
const SUP: Actor = { kind: 'recipient', id: 'fournisseur' };
const NOW = T0 + 30 * DAY;
const RANGE = { from: T0 + DAY, to: T0 + 2 * DAY };

function req(
  actor: Actor,
  step: LadderStep,
  purpose: AccessRequest['purpose'] = 'personalised-advice',
  over: Partial<AccessRequest> = {},
): AccessRequest {
  return { actor, prm: P1, step, purpose, category: 'consumption', range: RANGE, at: NOW, ...over };
}
const advisor = {
  id: 'conseil',
  name: 'Conseil',
  role: 'service' as const,
  purposes: ['personalised-advice' as const, 'service-provision' as const],
};

test('R1: the DSO’s default collection of daily data is no basis for the hub — the operator needs a consent even for daily data', () => {
  const log = new EventLog().occupy(T0, P1, 'alice');
  for (const a of [HUB, ADV]) {
    const d = decideOne(log.state, req(a, 'P1D', 'service-provision'));
    assert.equal(d.allowed, false);
  }
  log.give(T0 + DAY, {
    id: 'c1',
    prm: P1,
    subject: 'alice',
    recipient: 'hub-operator',
    purpose: 'service-provision',
    step: 'P1D',
  });
  const d = decideOne(log.state, req(HUB, 'P1D', 'service-provision'));
  assert.deepEqual(d, { allowed: true, basis: { kind: 'consent', consentId: 'c1' } });
});

test('R2: fine data is requested from Enedis only when consented and activated there; otherwise daily, never a retry loop', () => {
  assert.deepEqual(collectionPlan('PT30M', false), { step: 'P1D', retryFine: false });
  assert.deepEqual(collectionPlan('PT30M', true), { step: 'PT30M', retryFine: false });
  assert.deepEqual(collectionPlan('P1D', false), { step: 'P1D', retryFine: false });
  assert.deepEqual(collectionPlan(undefined, true), { step: null, retryFine: false });
});

test('R3: local fine history is capped at 12 months by default and at most 24 on opt-in', () => {
  const now = Date.UTC(2026, 5, 1);
  const [fine, daily] = sweepPlan(now, DEFAULT_RETENTION, [{ prm: P1, fineOptInMonths: 0 }]);
  assert.equal(fine!.finerThan, 'P1D');
  assert.equal(now - fine!.before, 12 * MONTH_MS);
  assert.equal(now - daily!.before, 36 * MONTH_MS);
  const [optIn] = sweepPlan(now, DEFAULT_RETENTION, [{ prm: P1, fineOptInMonths: 60 }]);
  assert.equal(now - optIn!.before, RETENTION_CAPS.fineMonths * MONTH_MS, 'opt-in never exceeds the cap');
});

test('R4: the supplier gets monthly consumption for billing without consent, and nothing finer', () => {
  const log = new EventLog().occupy(T0, P1, 'alice', 'fournisseur');
  assert.deepEqual(decideOne(log.state, req(SUP, 'P1M', 'billing')), {
    allowed: true,
    basis: { kind: 'contract', ref: 'supplier:fournisseur' },
  });
  assert.equal(decideOne(log.state, req(SUP, 'P1D', 'billing')).allowed, false);
  assert.equal(decideOne(log.state, req(SUP, 'PT30M', 'billing')).allowed, false);
  assert.equal(
    decideOne(log.state, req({ kind: 'recipient', id: 'autre' }, 'P1M', 'billing')).allowed,
    false,
    'only the household’s own supplier',
  );
});

test('R5: a consent for daily data alone grants exactly one scope', () => {
  const boxes = consentScreen({
    lang: 'fr',
    recipient: advisor,
    steps: ['P1D', 'PT30M'],
    categories: ['consumption'],
    durationMonths: 12,
    retentionText: (s) => retentionText(DEFAULT_RETENTION, s),
  });
  assert.equal(boxes.length, 4, 'one box per step and per purpose');
  assert.ok(boxes.every((b) => b.defaultChecked === false && b.required === false));
  const scopes = scopesFromForm(boxes, new Set(['personalised-advice:P1D']));
  assert.equal(scopes.length, 1);
  assert.deepEqual([scopes[0]!.step, scopes[0]!.purpose], ['P1D', 'personalised-advice']);
  // …and the ledger refuses a record bundling two purposes
  const log = new EventLog().occupy(T0, P1, 'alice');
  assert.throws(
    () =>
      prepareConsent(
        ALICE,
        {
          prm: P1,
          recipient: 'conseil',
          purposes: ['personalised-advice', 'service-provision'],
          categories: ['consumption'],
          step: 'P1D',
          notice: { version: 'v', lang: 'fr', hash: 'h' },
        },
        {
          now: NOW,
          state: log.state,
          recipients: new Map([['conseil', advisor]]),
          controller: 'hub',
          newId: () => 'x',
        },
      ),
    (e) => isCourantError(e) && e.code === 'CONSENT_NOT_SPECIFIC',
  );
});

test('R6: a recipient reads only under an unexpired, unwithdrawn consent naming it, its purpose and a step at least as fine', () => {
  const log = new EventLog().occupy(T0, P1, 'alice').give(T0 + DAY, {
    id: 'c1',
    prm: P1,
    subject: 'alice',
    recipient: 'conseil',
    purpose: 'personalised-advice',
    step: 'PT30M',
    expiresAt: T0 + 60 * DAY,
  });
  const ok = decide(log.state, [req(ADV, 'PT30M'), req(ADV, 'PT1H'), req(ADV, 'P1D')]);
  assert.ok(
    ok.every((d) => d.allowed),
    'same or coarser step',
  );
  assert.deepEqual(decideOne(log.state, req(ADV, 'PT10M')), { allowed: false, reason: 'step-too-fine' });
  assert.equal(decideOne(log.state, req(ADV, 'PT30M', 'marketing')).allowed, false, 'other purpose');
  assert.equal(
    decideOne(log.state, req({ kind: 'recipient', id: 'other' }, 'PT30M')).allowed,
    false,
    'other recipient',
  );
  assert.equal(
    decideOne(log.state, req(ADV, 'PT30M', 'personalised-advice', { category: 'production' })).allowed,
    false,
    'other data category',
  );
  assert.deepEqual(decideOne(log.state, req(ADV, 'PT30M', 'personalised-advice', { at: T0 + 61 * DAY })), {
    allowed: false,
    reason: 'consent-ended',
  });
  assert.equal(
    decideOne(log.state, req(ADV, 'PT30M', 'personalised-advice', { at: T0 })).allowed,
    false,
    'not before it was given',
  );
  log.withdraw(NOW, 'c1', 'alice');
  assert.deepEqual(decideOne(log.state, req(ADV, 'PT30M')), { allowed: false, reason: 'consent-ended' });
});

test('R7: consent comes from the occupant — a landlord, the operator or another household cannot give it', () => {
  const log = new EventLog().occupy(T0, P1, 'alice');
  const ctx = {
    now: NOW,
    state: log.state,
    recipients: new Map([['conseil', advisor]]),
    controller: 'hub',
    newId: () => 'x',
  };
  const input = {
    prm: P1,
    recipient: 'conseil',
    purposes: ['personalised-advice'],
    categories: ['consumption'],
    step: 'P1D',
    notice: { version: 'v', lang: 'fr' as const, hash: 'h' },
  };
  for (const proxy of [
    { kind: 'household', id: 'landlord' },
    { kind: 'operator', id: 'op' },
    { kind: 'recipient', id: 'conseil' },
  ] as Actor[]) {
    assert.throws(
      () => prepareConsent(proxy, input, ctx),
      (e) => isCourantError(e) && e.code === 'CONSENT_NOT_SUBJECT',
    );
  }
  assert.equal(prepareConsent(ALICE, input, ctx).subject, 'alice');
});

test('R8: no consent is bundled or required, and only purposes a recipient declares can be consented to', () => {
  const boxes = consentScreen({
    lang: 'fr',
    recipient: advisor,
    steps: ['P1D'],
    categories: ['consumption'],
    durationMonths: 12,
    retentionText: (s) => retentionText(DEFAULT_RETENTION, s),
  });
  for (const b of boxes) {
    assert.equal(b.required, false);
    assert.match(b.text, /facultatif/);
    assert.doesNotMatch(b.text, /activ(er|ation) (du|le) compteur|facturation au plus juste/i);
  }
  const log = new EventLog().occupy(T0, P1, 'alice');
  assert.throws(
    () =>
      prepareConsent(
        ALICE,
        {
          prm: P1,
          recipient: 'conseil',
          purposes: ['marketing'],
          categories: ['consumption'],
          step: 'P1D',
          notice: { version: 'v', lang: 'fr', hash: 'h' },
        },
        {
          now: NOW,
          state: log.state,
          recipients: new Map([['conseil', advisor]]),
          controller: 'hub',
          newId: () => 'x',
        },
      ),
    (e) => isCourantError(e) && e.code === 'CONSENT_PURPOSE_UNDECLARED',
  );
  // the household's own access needs no consent at all (the service is not conditional on one)
  assert.equal(decideOne(log.state, req(ALICE, 'PT1M', 'self')).allowed, true);
});

test('R9: each notice states the step in plain words, what it reveals, recipient, purpose, duration, retention and withdrawal; daily and 30-min are never conflated', () => {
  const base = {
    version: NOTICE_VERSION,
    recipient: advisor,
    purpose: 'personalised-advice' as const,
    categories: ['consumption' as const],
    durationMonths: 12,
  };
  const dailyFr = renderBox({
    ...base,
    lang: 'fr',
    step: 'P1D',
    retentionText: retentionText(DEFAULT_RETENTION, 'P1D'),
  });
  const fineFr = renderBox({
    ...base,
    lang: 'fr',
    step: 'PT30M',
    retentionText: retentionText(DEFAULT_RETENTION, 'PT30M'),
  });
  const fineEn = renderBox({
    ...base,
    lang: 'en',
    step: 'PT30M',
    retentionText: retentionText(DEFAULT_RETENTION, 'PT30M'),
  });
  assert.match(dailyFr, /une fois par jour/);
  assert.doesNotMatch(dailyFr, /30 min/);
  assert.match(fineFr, /toutes les 30 minutes/);
  assert.doesNotMatch(fineFr, /quotidien|une fois par jour/);
  assert.match(fineEn, /every 30 minutes/);
  for (const t of [dailyFr, fineFr])
    for (const w of ['Conseil', 'conseils personnalisés', '1 an', 'mois au plus', 'retirer cet accord'])
      assert.ok(t.includes(w), `${w} missing`);
  assert.ok(fineFr.includes(REVEALS.fine.fr) && dailyFr.includes(REVEALS.daily.fr));
});

test('R12: retention defaults keep 24 months of fine data available on opt-in and 3 years of daily and monthly data', () => {
  assert.ok(RETENTION_CAPS.fineMonths >= 24);
  assert.ok(DEFAULT_RETENTION.dailyMonths >= 24 && DEFAULT_RETENTION.monthlyMonths >= 36);
});

test('R13: the record alone reconstructs the notice the household saw (version, language, hash)', async () => {
  const input = {
    version: NOTICE_VERSION,
    lang: 'fr' as const,
    recipient: advisor,
    purpose: 'personalised-advice' as const,
    categories: ['consumption' as const],
    step: 'PT30M' as const,
    durationMonths: 12,
    retentionText: retentionText(DEFAULT_RETENTION, 'PT30M'),
  };
  const h = await noticeHash(input, sha256Hex);
  assert.equal(await noticeHash({ ...input }, sha256Hex), h, 'deterministic');
  assert.notEqual(
    await noticeHash({ ...input, step: 'P1D', retentionText: retentionText(DEFAULT_RETENTION, 'P1D') }, sha256Hex),
    h,
  );
  assert.notEqual(await noticeHash({ ...input, lang: 'en' }, sha256Hex), h);
});

test('R14: configuration may shorten retention but never exceed the rulebook caps', () => {
  assert.equal(consentConfigSchema.parse({ retention: { fineMonths: 6 } }).retention.fineMonths, 6);
  assert.throws(() => consentConfigSchema.parse({ retention: { fineMonths: 25 } }));
  assert.throws(() => consentConfigSchema.parse({ retention: { dailyMonths: 60 } }));
});

test('R15: real-time data needs a consent at the real-time step; a 1-minute or 10-minute consent does not cover it', () => {
  const log = new EventLog().occupy(T0, P1, 'alice').give(T0 + DAY, {
    id: 'c1',
    prm: P1,
    subject: 'alice',
    recipient: 'conseil',
    purpose: 'personalised-advice',
    step: 'PT1M',
  });
  assert.equal(decideOne(log.state, req(ADV, 'raw')).allowed, false);
  log.give(T0 + DAY, {
    id: 'c2',
    prm: P1,
    subject: 'alice',
    recipient: 'conseil',
    purpose: 'personalised-advice',
    step: 'raw',
  });
  assert.deepEqual(decideOne(log.state, req(ADV, 'raw')), {
    allowed: true,
    basis: { kind: 'consent', consentId: 'c2' },
  });
});

test('R16: only cells of at least 10 residential points are published (more than 10 at address level)', () => {
  const cells = [
    { key: 'iris-a', points: 10, value: 1 },
    { key: 'iris-b', points: 9, value: 1 },
    { key: 'addr-1', points: 10, value: 1, addressLevel: true },
    { key: 'addr-2', points: 11, value: 1, addressLevel: true },
  ];
  const r = publishableCells(cells);
  assert.deepEqual(
    r.publish.map((c) => c.key),
    ['iris-a', 'addr-2'],
  );
  assert.deepEqual(r.suppressed, ['iris-b', 'addr-1']);
});

test('R17: building aggregates go to an owner only above 10 subscriptions and with a stated energy-saving action', () => {
  assert.equal(
    mayReleaseBuildingAggregate({ subscriptions: 11, requesterRole: 'owner', justification: 'isolation des combles' }),
    true,
  );
  assert.equal(
    mayReleaseBuildingAggregate({ subscriptions: 10, requesterRole: 'owner', justification: 'isolation des combles' }),
    false,
  );
  assert.equal(mayReleaseBuildingAggregate({ subscriptions: 40, requesterRole: 'owner' }), false);
  assert.equal(
    mayReleaseBuildingAggregate({ subscriptions: 40, requesterRole: 'tenant', justification: 'isolation des combles' }),
    false,
  );
});

test('R19: after a move-out the next occupant and its recipients see nothing of the previous occupant', () => {
  const out = T0 + 20 * DAY;
  const log = new EventLog()
    .occupy(T0, P1, 'alice')
    .give(T0 + DAY, {
      id: 'c1',
      prm: P1,
      subject: 'alice',
      recipient: 'conseil',
      purpose: 'personalised-advice',
      step: 'P1D',
    })
    .supersede(out, 'c1')
    .moveOut(out, P1, 'alice')
    .occupy(out + DAY, P1, 'bob')
    .give(out + 2 * DAY, {
      id: 'c2',
      prm: P1,
      subject: 'bob',
      recipient: 'conseil',
      purpose: 'personalised-advice',
      step: 'P1D',
    });
  const at = out + 3 * DAY;
  const old = { from: T0, to: out };
  assert.equal(
    decideOne(log.state, req({ kind: 'household', id: 'bob' }, 'P1D', 'self', { range: old, at })).allowed,
    false,
  );
  assert.equal(decideOne(log.state, req(ADV, 'P1D', 'personalised-advice', { range: old, at })).allowed, false);
  assert.equal(
    decideOne(log.state, req(ALICE, 'P1D', 'self', { range: old, at })).allowed,
    false,
    'the leaver is no longer the occupant',
  );
  assert.equal(
    decideOne(log.state, req(ADV, 'P1D', 'personalised-advice', { range: { from: out + DAY, to: at }, at })).allowed,
    true,
  );
});
