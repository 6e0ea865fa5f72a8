import { test } from 'node:test';
import assert from 'node:assert/strict';
import { groupAccessLog, type AccessLogEntry } from './access-log.ts';

const entry = (over: Partial<AccessLogEntry>): AccessLogEntry => ({
  entryId: crypto.randomUUID(),
  at: 1_000,
  actorKind: 'authority',
  actorId: 'a1',
  prm: '99999999999901',
  rangeFrom: 0,
  rangeTo: 86_400_000,
  step: 'P1D',
  purpose: 'legal-obligation',
  category: 'consumption',
  allowed: false,
  basis: 'denied:no-legal-request',
  ...over,
});

test('the entries one request produced (one per series) read as one line with every step it touched', () => {
  const one = ['PT1M', 'PT10M', 'PT30M', 'P1D'].map((step) => entry({ step }));
  const later = entry({ at: 2_000 });
  const other = entry({ actorId: 'a2' });
  const g = groupAccessLog([...one, later, other]);
  assert.equal(g.length, 3);
  assert.deepEqual(g[0]!.steps, ['PT1M', 'PT10M', 'PT30M', 'P1D']);
  assert.equal(g[0]!.reads, 4);
  assert.equal(g[0]!.entryId, one[0]!.entryId);
  assert.deepEqual(
    g.slice(1).map((x) => x.reads),
    [1, 1],
  );
});
