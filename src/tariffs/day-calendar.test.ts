// Tempo colours from daily per-register indexes: the rules that the real-file test (use-cases/costs-profile.test.ts)
// cannot show on its own — ambiguous days, gaps, validity of the register calendar, class labels, a 23-hour day.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { calendarFromRegisterIndexes, tempoClassOf, type RegisterMapping } from './day-calendar.ts';

// Paris midnights (UTC) around the spring change of 31 March 2024 (a 23-hour civil day)
const M = (d: string) => Date.parse(`${d}T00:00:00${d >= '2024-03-31' && d !== '2024-03-31' ? '+02:00' : '+01:00'}`);
const DAYS = ['2024-03-28', '2024-03-29', '2024-03-30', '2024-03-31', '2024-04-01', '2024-04-02'];
const TS = DAYS.map(M);
// the trailer of portal-jour-index-tempo.csv: EAS F2 = BUHP, F4 = BCHP, F6 = RHP, F1 = BUHC
const TEMPO: RegisterMapping = {
  from: M('2024-03-29'),
  to: undefined,
  registers: {
    EASF01: { classId: 'BUHC', label: 'Bleu Heures Creuses' },
    EASF02: { classId: 'BUHP', label: 'Bleu Heures Pleines' },
    EASF04: { classId: 'BCHP', label: 'Blanc Heures Pleines' },
    EASF06: { classId: 'RHP', label: 'Rouge Heures Pleines' },
  },
};
const cum = (steps: number[]) => steps.reduce<number[]>((a, s) => [...a, a.at(-1)! + s], [1000]);

test('the peak register that rose over a civil day gives its colour; off-peak registers, days before the calendar and ambiguous days give none', () => {
  const cal = calendarFromRegisterIndexes(
    [TEMPO],
    [
      { register: 'EASF01', ts: TS, values: cum([5, 5, 5, 5, 5]) }, // off-peak rises every day: tells nothing
      { register: 'EASF02', ts: TS, values: cum([7, 0, 9, 0, 4]) }, // blue on 28 (before the calendar), 30, 01
      { register: 'EASF04', ts: TS, values: cum([0, 3, 0, 0, 2]) }, // white on 29; also on 01 → ambiguous with blue
      { register: 'EASF06', ts: TS, values: cum([0, 0, 0, 8, 0]) }, // red on 31 March (23 hours long)
    ],
  );
  assert.deepEqual(Object.fromEntries(cal.tempo), { '2024-03-29': 'white', '2024-03-30': 'blue', '2024-03-31': 'red' });
});

test('a gap longer than a day tells no colour; a closed calendar stops applying', () => {
  const ts = [M('2024-03-29'), M('2024-03-31'), M('2024-04-01')];
  const cal = calendarFromRegisterIndexes(
    [{ ...TEMPO, to: M('2024-03-31') }],
    [{ register: 'EASF06', ts, values: [1, 2, 3] }],
  );
  assert.equal(cal.tempo.size, 0);
});

test('temporal classes by id, else by label', () => {
  assert.deepEqual(tempoClassOf('RHP', ''), { colour: 'red', hp: true });
  assert.deepEqual(tempoClassOf('BCHC', ''), { colour: 'white', hp: false });
  assert.deepEqual(tempoClassOf('X7', 'Rouge Heures Pleines'), { colour: 'red', hp: true });
  assert.deepEqual(tempoClassOf('X8', 'Bleu Heures Creuses'), { colour: 'blue', hp: false });
  assert.equal(tempoClassOf('HP', 'Heures Pleines'), undefined);
  assert.equal(tempoClassOf('BASE', 'Base'), undefined);
});
