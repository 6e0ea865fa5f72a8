import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Prm } from '../core/prm.ts';
import { decideOne } from '../consent/policy.ts';
import { DAY, EventLog, P1, P2, T0 } from '../consent/test-events.ts';
import { contributors } from './contributors.ts';

const P3 = '99999999999913' as Prm;
const P4 = '99999999999914' as Prm;
const P5 = '99999999999915' as Prm;
const PUB = 'observatoire';
const stats = 'anonymised-statistics' as const;

test('contributors: live consents naming the publisher for statistics at a step allowing the bucket', () => {
  const log = new EventLog()
    .occupy(T0, P1, 'h1')
    .occupy(T0, P2, 'h2')
    .occupy(T0, P3, 'h3')
    .occupy(T0, P4, 'h4')
    .occupy(T0, P5, 'old')
    .give(T0 + DAY, { id: 'c1', prm: P1, subject: 'h1', recipient: PUB, purpose: stats, step: 'PT30M' })
    .give(T0 + DAY, { id: 'c2', prm: P2, subject: 'h2', recipient: PUB, purpose: stats, step: 'P1D' })
    .give(T0 + DAY, { id: 'c3', prm: P3, subject: 'h3', recipient: 'other', purpose: stats, step: 'PT30M' })
    .give(T0 + DAY, { id: 'c4', prm: P4, subject: 'h4', recipient: PUB, purpose: 'academic-research', step: 'PT30M' })
    .give(T0 + DAY, { id: 'c5', prm: P5, subject: 'old', recipient: PUB, purpose: stats, step: 'PT30M' })
    .moveOut(T0 + 10 * DAY, P5, 'old')
    .occupy(T0 + 10 * DAY, P5, 'new')
    .give(T0 + 12 * DAY, { id: 'c6', prm: P5, subject: 'new', recipient: PUB, purpose: stats, step: 'PT1H' });
  const at = T0 + 20 * DAY;
  const monthly = contributors(log.state, PUB, 'month', at);
  assert.deepEqual(
    monthly.map((c) => [c.prm, c.subject, c.consentId, c.from]),
    [
      [P1, 'h1', 'c1', T0],
      [P2, 'h2', 'c2', T0],
      [P5, 'new', 'c6', T0 + 10 * DAY], // the new household, from its move-in: the previous one's data never counts
    ],
  );
  // an hourly profile: the daily consent does not allow it
  assert.deepEqual(
    contributors(log.state, PUB, 'hour-of-day', at).map((c) => c.consentId),
    ['c1', 'c6'],
  );
  // before the consents were given, and after a withdrawal: none
  assert.deepEqual(contributors(log.state, PUB, 'month', T0 + DAY / 2), []);
  log.withdraw(at + 1, 'c1', 'h1');
  assert.deepEqual(
    contributors(log.state, PUB, 'month', at + 2).map((c) => c.consentId),
    ['c2', 'c6'],
  );
  // the policy engine agrees: each contributor may be read for statistics from its occupancy start
  for (const c of contributors(log.state, PUB, 'day', at + 2)) {
    const d = decideOne(log.state, {
      actor: { kind: 'recipient', id: PUB },
      prm: c.prm,
      step: 'P1D',
      purpose: stats,
      category: 'consumption',
      range: { from: c.from, to: at },
      at: at + 2,
    });
    assert.deepEqual(d, { allowed: true, basis: { kind: 'consent', consentId: c.consentId } });
  }
});

test('contributors: a consent not covering consumption does not count', () => {
  const log = new EventLog().occupy(T0, P1, 'h1').give(T0, {
    id: 'p',
    prm: P1,
    subject: 'h1',
    recipient: PUB,
    purpose: stats,
    step: 'P1D',
    categories: ['production'],
  });
  assert.deepEqual(contributors(log.state, PUB, 'day', T0 + DAY), []);
});
