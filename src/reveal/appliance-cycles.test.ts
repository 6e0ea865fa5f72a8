import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';
import { loadFolder, type Household } from '../adapters/datasets/index.ts';
import { confusion, f1, precision, recall, runs } from './metrics.ts';
import { pairEdges } from './edges.ts';
import { heatingPlateaus } from './cycles.ts';
import {
  detectAppliance,
  APPLIANCE_CANDIDATES,
  DEFAULT_APPLIANCE_PARAMS,
  DEFAULT_DISHWASHER_PARAMS,
  type ApplianceName,
} from './appliances.ts';

const DIR = fileURLToPath(new URL('../../test/reveal/fixtures/', import.meta.url));
const load = (name: string): Household => loadFolder(`${DIR}${name}`).households[0]!;
const refit = load('refit');
const ideal = load('ideal');

/** Ground truth as in the evaluation: on above 1 kW for the shower, above 20 W for the cycle appliances. */
const truthOf = (h: Household, name: ApplianceName) =>
  h.appliances![name]!.map((x) => (x !== x ? NaN : x > (name === 'electric_shower' ? 1000 : 20) ? 1 : 0));

function scored(h: Household, name: ApplianceName) {
  const r = detectAppliance(h.load, name);
  assert.equal(r.status, 'ok', `${name}: ${JSON.stringify(r)}`);
  if (r.status !== 'ok') throw new Error('unreachable');
  const pred = r.value.power.map((x) => (x > 0 ? 1 : 0));
  return { r, pred, c: confusion(pred, truthOf(h, name)) };
}

test('REFIT house 2, one week: dishwasher cycles found by their two heating phases, precise per minute', () => {
  const { r, c } = scored(refit, 'dishwasher');
  assert.ok(precision(c) >= 0.85, `precision ${precision(c)}`);
  assert.ok(recall(c) >= 0.5, `recall ${recall(c)}`);
  assert.ok(r.value.events.length >= 5 && r.value.events.length <= 8, `${r.value.events.length} cycles for 7 runs`);
  assert.equal(r.value.plausibility, 'plausible');
});

test('REFIT house 2, one week: washing-machine cycles flagged whole (not only the heating), apart from the dishwasher', () => {
  const { r, c } = scored(refit, 'washing_machine');
  // the heating alone is about a fifth of a cycle: recall ≥ 0.5 needs the drum phase flagged too
  assert.ok(recall(c) >= 0.5, `recall ${recall(c)}`);
  assert.ok(precision(c) >= 0.6, `precision ${precision(c)}`);
  const long = r.value.events.filter((e) => e.to - e.from >= 45).length;
  assert.ok(long >= r.value.events.length / 2, `most cycles span ≥ 45 min: ${JSON.stringify(r.value.events)}`);
  // no washing-machine cycle lies on a dishwasher run, no dishwasher cycle on a wash
  const dish = truthOf(refit, 'dishwasher');
  const wash = truthOf(refit, 'washing_machine');
  const onShare = (t: ArrayLike<number>, from: number, to: number) => {
    let n = 0;
    for (let i = from; i < to; i++) n += t[i] === 1 ? 1 : 0;
    return n / (to - from);
  };
  // taken for the other: on the other's run and not on its own (the two sometimes run together)
  const mistaken = (own: ArrayLike<number>, other: ArrayLike<number>, from: number, to: number) =>
    onShare(other, from, to) >= 0.5 && onShare(own, from, to) < 0.5;
  for (const e of r.value.events)
    assert.ok(!mistaken(wash, dish, e.from, e.to), `wash ${e.from}–${e.to} is a dishwasher`);
  const d = scored(refit, 'dishwasher').r;
  for (const e of d.value.events)
    assert.ok(!mistaken(dish, wash, e.from, e.to), `dishwasher ${e.from}–${e.to} is a wash`);
});

test('IDEAL house 175, one week: the electric shower is found (F1 ≥ 0.85), and no dishwasher invented on wash days', () => {
  const s = scored(ideal, 'electric_shower');
  assert.ok(f1(s.c) >= 0.85, `shower F1 ${f1(s.c)}`);
  assert.equal(runs(s.pred).length, 6, 'six showers that week');
  const d = scored(ideal, 'dishwasher');
  assert.ok(d.r.value.events.length <= 1, `no dishwasher ran that week: ${d.r.value.events.length} cycles found`);
  const w = scored(ideal, 'washing_machine');
  assert.ok(recall(w.c) >= 0.4, `washing-machine recall ${recall(w.c)}`);
});

test('a dishwasher "running" more often than a household runs one is doubtful: declined unforced, kept forced', () => {
  const strict = { ...DEFAULT_DISHWASHER_PARAMS, maxPerDay: 0.5 }; // a run every other day at most
  const shown = detectAppliance(refit.load, 'dishwasher', { params: strict });
  assert.equal(shown.status, 'none');
  assert.equal(shown.status === 'none' && shown.reason, 'below_confidence');
  const forced = detectAppliance(refit.load, 'dishwasher', { force: true, params: strict });
  assert.equal(forced.status, 'ok');
  if (forced.status !== 'ok') return;
  assert.equal(forced.value.plausibility, 'doubtful');
  assert.ok(forced.confidence <= 0.3, `confidence ${forced.confidence}`);
  assert.match(forced.value.doubt ?? '', /cycles in 7 days/);
});

test('every appliance detector offers at most 16 candidate parameter sets, its defaults among them, and uses them', () => {
  for (const name of Object.keys(APPLIANCE_CANDIDATES) as ApplianceName[]) {
    const cands = APPLIANCE_CANDIDATES[name];
    assert.ok(cands.length >= 1 && cands.length <= 16, `${name}: ${cands.length} candidates`);
    assert.ok(
      cands.some((c) => JSON.stringify(c) === JSON.stringify(DEFAULT_APPLIANCE_PARAMS[name])),
      `${name}: defaults among the candidates`,
    );
  }
  // a kettle band above every kettle finds none of the week's 40-odd boils
  const none = detectAppliance(refit.load, 'kettle', {
    params: { ...DEFAULT_APPLIANCE_PARAMS.kettle, minW: 3400, maxW: 4000 },
  });
  const some = detectAppliance(refit.load, 'kettle');
  assert.ok(none.status === 'ok' && some.status === 'ok');
  if (none.status === 'ok' && some.status === 'ok') {
    assert.ok(some.value.events.length >= 30, `${some.value.events.length} boils`);
    assert.ok(none.value.events.length < 5, `${none.value.events.length} with the band moved`);
  }
});

test('IDEAL house 175, one week: a shower switching on through 2 kW pairs as an edge but is no heating plateau', () => {
  const showers = runs(truthOf(ideal, 'electric_shower'));
  const atShower = (from: number) => showers.some(([a]) => Math.abs(from - a) <= 2);
  const band = DEFAULT_APPLIANCE_PARAMS.washing_machine.heat;
  assert.ok(pairEdges(ideal.load, band).filter((e) => atShower(e.from)).length >= 2, 'the ramps pair as edges');
  const plateaus = heatingPlateaus(ideal.load, band);
  assert.deepEqual(
    plateaus.filter((e) => atShower(e.from)),
    [],
  );
  assert.ok(plateaus.length >= 4, `the week's heating plateaus stay: ${plateaus.length}`);
});
