import { test } from 'node:test';
import assert from 'node:assert/strict';
import { revealSummary } from './summary.ts';
import { uciFixture } from '../../test/reveal/fixtures.ts';

// The fixture is on the UCI house clock (UTC+1 all year, as the demo loader reads it): rebuild UTC columns.
function columns() {
  const g = uciFixture().load;
  const ts = new Float64Array(g.values.length);
  for (let i = 0; i < ts.length; i++) ts[i] = g.start + i * g.stepMs - 3_600_000;
  return { ts, values: g.values, step: 'PT1M' as const };
}

test('revealSummary at 30 minutes names the wake-up time and the absence, in French and English', () => {
  const fr = revealSummary(columns(), 'PT30M', 'fr');
  assert.match(
    fr.sentence,
    /^Avec des données toutes les 30 minutes, un destinataire pourrait estimer que vous vous levez habituellement vers \d\d:\d\d/,
  );
  assert.match(fr.sentence, /logement était inoccupé du \d+ février au \d+ mars/);
  const en = revealSummary(columns(), 'PT30M', 'en');
  assert.match(en.sentence, /^With 30-minute data, a recipient could estimate that you usually wake around \d\d:\d\d/);
  assert.ok('periods' in en.absences && en.absences.periods.length >= 1);
  assert.ok('runs' in en.waterHeater && en.waterHeater.runs.length > 10);
  assert.doesNotThrow(() => JSON.stringify(en), 'plain JSON for the page');
});

test('revealSummary at daily step keeps only the absence', () => {
  const s = revealSummary(columns(), 'P1D', 'en');
  assert.deepEqual(s.routine, { none: 'step_too_coarse' });
  assert.deepEqual(s.waterHeater, { none: 'step_too_coarse' });
  assert.match(s.sentence, /^With daily data, a recipient could estimate that you were away from/);
});

test('asking for a step finer than the stored series reports the series step, not an invented one', () => {
  const c = columns();
  const ts: number[] = [];
  const values: number[] = [];
  for (let i = 0; i + 30 <= c.ts.length; i += 30) {
    let s = 0;
    let n = 0;
    for (let k = i; k < i + 30; k++)
      if (c.values[k] === c.values[k]) {
        s += c.values[k]! / 60;
        n++;
      }
    if (n >= 15) {
      ts.push(c.ts[i]!);
      values.push((s * 30) / n);
    }
  }
  const r = revealSummary({ ts, values, unit: 'Wh', step: 'PT30M' }, 'PT1M', 'en');
  assert.equal(r.step, 'PT30M');
  assert.match(r.sentence, /^With 30-minute data/);
});
