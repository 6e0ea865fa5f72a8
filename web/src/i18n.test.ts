import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DEFAULT_LOCALE, DICTIONARIES, duplicateKeys, format, isMessageKey, translate } from './i18n.ts';
import { fmtDuration, fmtKwh, fmtWatts, timeAxisValues } from './format.ts';
import { periodWords } from './period.ts';

const placeholders = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

test('French is the default and every message exists in both languages with the same placeholders', () => {
  assert.equal(DEFAULT_LOCALE, 'fr');
  const fr = DICTIONARIES.fr as Record<string, string>;
  const en = DICTIONARIES.en as Record<string, string>;
  assert.deepEqual(Object.keys(en).sort(), Object.keys(fr).sort());
  for (const k of Object.keys(fr)) {
    assert.ok(fr[k]!.trim() && en[k]!.trim(), `${k} is not empty`);
    assert.deepEqual(placeholders(en[k]!), placeholders(fr[k]!), `${k}: same placeholders in fr and en`);
  }
  assert.deepEqual(duplicateKeys(), [], 'no key is defined by two pages');
});

test('placeholders are filled; an unknown one stays visible', () => {
  assert.equal(format('{a} et {b}', { a: 1 }), '1 et {b}');
  assert.equal(translate('en', 'live.now', { va: 1200 }), 'Live: 1200 VA');
  assert.ok(isMessageKey('source.demo'));
  assert.ok(!isMessageKey('source.martian'));
});

test('numbers, energies and durations read naturally in each language', () => {
  assert.equal(fmtKwh('fr', 27_640), '27,6 kWh');
  assert.equal(fmtKwh('en', 27_640), '27.6 kWh');
  assert.equal(fmtWatts('fr', 850), '850 W');
  assert.equal(fmtWatts('en', 2500), '2.5 kW');
  assert.equal(fmtDuration('fr', 21_600_000), '6 heures');
  assert.equal(fmtDuration('en', 60_000), '1 minute');
  assert.equal(fmtDuration('fr', 86_400_000), '1 jour');
});

test('time axis labels are on the Paris clock and name the day where it changes', () => {
  // 2007-03-25 is the spring-forward day: 01:00 UTC is 03:00 in Paris
  const splits = [Date.UTC(2007, 2, 24, 22, 0), Date.UTC(2007, 2, 24, 23, 0), Date.UTC(2007, 2, 25, 1, 0)];
  const labels = timeAxisValues('fr')(null, splits, 0, 50, 3_600_000);
  assert.deepEqual(
    labels.map((l) => l.replace(/\s/g, ' ')),
    ['23:00 24 mars', '00:00 25 mars', '03:00'],
  );
  const months = timeAxisValues('en')(null, [Date.UTC(2006, 11, 31, 23), Date.UTC(2007, 1, 1)], 0, 50, 30 * 86_400_000);
  assert.deepEqual(months, ['Jan 2007', 'Feb']);
});

test('an access request’s duration reads as years, months, weeks and days in each language', () => {
  const fr = (p: string) => periodWords((k, v) => translate('fr', k, v), p);
  const en = (p: string) => periodWords((k, v) => translate('en', k, v), p);
  assert.equal(fr('P1Y'), '1 an');
  assert.equal(fr('P3Y'), '3 ans');
  assert.equal(fr('P6M'), '6 mois');
  assert.equal(fr('P1Y4M'), '1 an et 4 mois');
  assert.equal(fr('P1Y2M10D'), '1 an, 2 mois et 10 jours');
  assert.equal(en('P1M'), '1 month');
  assert.equal(en('P90D'), '90 days');
  assert.equal(en('P2W'), '2 weeks');
  assert.equal(en('P'), 'P', 'anything else as it came');
});
