import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { openReadingStore } from '../backend/open-storage.ts';
import { describeRefusal, guardRecording } from './recording-guard.ts';
import type { Prm } from '../core/prm.ts';
import type { Step } from '../core/step.ts';

const P = '09000000000011' as Prm;
const H = 3_600_000;

test('a stopped fine recording stores nothing finer than a day; indexes are kept at the day start', async () => {
  const raw = await openReadingStore({ dataDir: mkdtempSync(join(tmpdir(), 'courant-guard-')) });
  let fine = true;
  const store = guardRecording(raw, { mayRecord: (_p: string, step: Step) => fine || step === 'P1D' });
  const t0 = Date.UTC(2024, 0, 1, 5); // 06:00 Paris
  const energy = {
    prm: P,
    quantity: 'energy',
    direction: 'consumption',
    register: '',
    step: 'PT30M',
    source: 'tic',
  } as const;
  const index = {
    prm: P,
    quantity: 'index',
    direction: 'consumption',
    register: 'BASE',
    step: 'raw',
    source: 'tic',
  } as const;
  assert.equal((await store.write([{ key: energy, ts: [t0], values: [10] }])).added, 1);
  fine = false;
  const r = await store.write([
    { key: energy, ts: [t0 + H], values: [12] },
    { key: index, ts: [t0, t0 + H, t0 + 24 * H], values: [1000, 1012, 1300] },
  ]);
  assert.equal(r.added, 2, 'only the two daily index values');
  const held = await raw.list(P);
  assert.deepEqual(held.map((s) => `${s.quantity}.${s.step}.${s.count}`).sort(), ['energy.PT30M.1', 'index.P1D.2']);
  const days = await raw.read({
    prm: P,
    quantity: 'index',
    direction: 'consumption',
    register: 'BASE',
    step: 'P1D',
    range: { from: 0, to: t0 + 48 * H },
  });
  assert.deepEqual([...days.ts], [Date.UTC(2023, 11, 31, 23), Date.UTC(2024, 0, 1, 23)]);
  assert.deepEqual([...days.values], [1000, 1300]);
  await store.close();
});

test('the write result names what was refused: series, step, points, the daily indexes kept instead, and why', async () => {
  const raw = await openReadingStore({ dataDir: mkdtempSync(join(tmpdir(), 'courant-guard-')) });
  // a household that chose to record hourly values: 30-minute energy is refused, hourly kept
  const store = guardRecording(raw, {
    mayRecord: (_p: string, step: Step) => step === 'P1D' || step === 'PT1H',
    refusalReason: () => 'finer-than-recorded-step',
  });
  const t0 = Date.UTC(2024, 0, 1, 5);
  const key = { prm: P, quantity: 'energy', direction: 'consumption', register: '', source: 'tic' } as const;
  const index = {
    prm: P,
    quantity: 'index',
    direction: 'consumption',
    register: 'BASE',
    step: 'raw',
    source: 'tic',
  } as const;
  const r = await store.write([
    { key: { ...key, step: 'PT30M' }, ts: [t0, t0 + H / 2, t0 + H], values: [1, 2, 3] },
    { key: { ...key, step: 'PT1H' }, ts: [t0], values: [3] },
    { key: index, ts: [t0, t0 + H], values: [1000, 1003] },
  ]);
  assert.equal(r.added, 2, 'the hourly value and one day-start index');
  assert.deepEqual(r.refused, [
    { prm: P, series: 'energy.consumption.PT30M.tic', step: 'PT30M', points: 3, reason: 'finer-than-recorded-step' },
    {
      prm: P,
      series: 'index.consumption.BASE.raw.tic',
      step: 'raw',
      points: 2,
      reason: 'finer-than-recorded-step',
      keptAs: { series: 'index.consumption.BASE.P1D.tic', points: 1 },
    },
  ]);
  assert.equal(
    describeRefusal(r.refused![0]!),
    `${P} energy.consumption.PT30M.tic: 3 points at PT30M not stored (finer than the step the household chose to record)`,
  );
  assert.match(
    describeRefusal(r.refused![1]!),
    /the day-start values were kept instead \(1 in index\.consumption\.BASE\.P1D\.tic\)/,
  );
  assert.equal(
    (await store.write([{ key: { ...key, step: 'PT1H' }, ts: [t0 + H], values: [4] }])).refused,
    undefined,
    'nothing refused: no entry',
  );
  await store.close();
});
