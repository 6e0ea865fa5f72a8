/**
 * The out-of-sample evaluation on real data (UK-DALE house 2, REFIT house 2 and IDEAL house 175 slices): a held-out
 * household never takes part in choosing its own constants, and the lean scoring a fit reads gives the same F1 as the
 * full scoring the held-out household gets.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';
import { loadFolder, type Household } from '../../src/adapters/datasets/index.ts';
import { paramGrids } from '../../src/reveal/evaluation/candidates.ts';
import { fitCandidate } from '../../src/reveal/evaluation/fit.ts';
import { outOfSample, Scorer, unitOf, type OutOfSampleRow } from '../../src/reveal/evaluation/out-of-sample.ts';
import { ukdaleFixture } from './fixtures.ts';

const OTHERS = fileURLToPath(new URL('./fixtures/', import.meta.url));
const refit = (): Household => loadFolder(`${OTHERS}refit`).households[0]!;
const ideal = (): Household => loadFolder(`${OTHERS}ideal`).households[0]!;

/** The household with its kettle and dishwasher ground truth blanked: every candidate then scores F1 0 on it. */
function blanked(h: Household): Household {
  const appliances = { ...h.appliances! };
  for (const a of ['kettle', 'dishwasher']) appliances[a] = new Float64Array(appliances[a]!.length);
  return { ...h, appliances };
}

const chosen = (rows: readonly OutOfSampleRow[], household: string) =>
  new Map(
    rows
      .filter((r) => r.household === household && r.split === 'leave_one_household_out' && r.metric === 'f1')
      .map((r) => [`${r.detector} ${r.step}`, { candidate: r.candidate, value: r.value, trainedOn: r.trainedOn }]),
  );

test('a held-out household does not take part in choosing its constants: blanking its truth leaves its choice', () => {
  const grids = paramGrids();
  assert.ok((grids.get('dishwasher')?.candidates.length ?? 0) > 1, 'the dishwasher has candidates to choose from');
  const others = [refit(), ideal()];
  const u = ukdaleFixture();
  const a = chosen(outOfSample([u, ...others], grids), u.id);
  const b = chosen(outOfSample([blanked(u), ...others], grids), u.id);
  assert.ok(a.size > 0);
  for (const [key, x] of a) {
    assert.ok(!x.trainedOn.includes(u.id), `${key}: trained on ${x.trainedOn.join(', ')}`);
    assert.equal(b.get(key)!.candidate, x.candidate, `${key}: the same constants whatever its own truth`);
  }
  // the blanking did reach the scores: the held-out figure moved, the choice did not
  assert.ok(a.get('kettle PT1M')!.value > 0.5, `kettle F1 on UK-DALE: ${a.get('kettle PT1M')!.value}`);
  assert.equal(b.get('kettle PT1M')!.value, 0);
  // and the other households' folds do see it (it is in their training set)
  const refitFold = chosen(outOfSample([u, ...others], grids), others[0]!.id).get('dishwasher PT1M')!;
  assert.ok(refitFold.trainedOn.includes(u.id));
});

test('the lean scoring a fit reads gives the F1 of the full scoring, for every appliance candidate and step', () => {
  const grids = paramGrids();
  const h = ukdaleFixture();
  const lean = new Scorer(grids);
  const full = new Scorer(grids);
  const u = unitOf(h.id, h);
  let compared = 0;
  for (const group of ['kettle', 'microwave', 'dishwasher', 'washing_machine']) {
    const n = grids.get(group)!.candidates.length;
    for (const step of ['PT1M', 'PT10M', 'PT30M'] as const) {
      for (let c = 0; c < n; c++) {
        const f1 = full.rows(u, step, group, c).find((r) => r.detector === group && r.metric === 'f1')!;
        assert.equal(lean.objective(u, step, group, c), f1.value, `${group} ${step} candidate ${c}`);
        compared++;
      }
    }
  }
  assert.ok(compared >= 40);
});

test('the fit takes the best mean over the training units, leaves unscored units out, and breaks ties to the first', () => {
  const scores: Record<string, number[]> = { a: [0.2, 0.6, 0.6], b: [0.4, NaN, 0.6], c: [0.3, 0.5, 0.1] };
  const pick = (units: string[], better: 'higher' | 'lower' = 'higher') =>
    fitCandidate(3, units, (u, c) => scores[u]![c]!, { metric: 'f1', better });
  // means over a, b, c: 0.3, 0.55 (b unscored), 0.433
  assert.deepEqual(pick(['a', 'b', 'c']), { index: 1, trainScore: 0.55, trainUnits: 2 });
  // a alone: 0.6 twice, the first wins
  assert.equal(pick(['a']).index, 1);
  assert.equal(pick(['a', 'c'], 'lower').index, 0);
  // nothing to learn from: the first candidate (the defaults)
  assert.equal(pick([]).index, 0);
  assert.equal(fitCandidate(1, ['a'], () => 1, { metric: 'f1', better: 'higher' }).index, 0);
});
