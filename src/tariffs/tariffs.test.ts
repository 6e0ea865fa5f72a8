import { test } from 'node:test';
import assert from 'node:assert/strict';
import { classify } from './classify.ts';
import { compareOffers } from './compare.ts';
import { costCurve, type EnergyCurve } from './cost.ts';
import { calendarFromTempoIndexes, calendarFromTicLabels, parseColourCsv } from './day-calendar.ts';
import { EMPTY_CALENDAR, type Offer } from './model.ts';
import { inRanges, parseOffpeakText } from './offpeak.ts';
import { DEFAULT_OFFERS } from './prices.ts';
import { validateOffers } from './validate.ts';

const u = (s: string) => Date.parse(s);
const HH = 1_800_000;
/** A flat curve: `whPerHalfHour` every half hour over [from, to). */
function flat(from: string, to: string, whPerHalfHour: number): EnergyCurve {
  const ts: number[] = [];
  for (let t = u(from); t < u(to); t += HH) ts.push(t);
  return { ts, wh: ts.map(() => whPerHalfHour), stepMs: HH };
}
const offer = (over: Partial<Offer> & Pick<Offer, 'option'>): Offer => ({
  id: 'test',
  label: { fr: 't', en: 't' },
  periods: [{ from: '2020-01-01', energy: { base: 0.2, hp: 0.3, hc: 0.1, blue_hc: 0.1, blue_hp: 0.15, white_hc: 0.14, white_hp: 0.18, red_hc: 0.15, red_hp: 0.66, ejp_normal: 0.17, ejp_peak: 0.64 }, subscription: { '6': 31 }, taxesIncluded: true, source: 'test', verified: true }],
  ...over,
});

test('off-peak text from Enedis parses, several ranges, wrap over midnight', () => {
  const o = parseOffpeakText('HC (22H00-6H00;12H30-14H30)');
  assert.deepEqual(o.ranges, [{ from: '22:00', to: '06:00' }, { from: '12:30', to: '14:30' }]);
  assert.deepEqual(parseOffpeakText('HC (23h00-7h30)').ranges, [{ from: '23:00', to: '07:30' }]);
  assert.ok(inRanges(o.ranges, 23 * 60) && inRanges(o.ranges, 5 * 60 + 30) && inRanges(o.ranges, 13 * 60));
  assert.ok(!inRanges(o.ranges, 6 * 60) && !inRanges(o.ranges, 14 * 60 + 30));
  assert.throws(() => parseOffpeakText('HC'), { code: 'TARIFF_INVALID' });
});

test('HP/HC by Paris wall time, per weekday', () => {
  const o = offer({ option: 'hphc', offpeak: { ranges: [{ from: '22:00', to: '06:00' }], byWeekday: { 7: [{ from: '00:00', to: '24:00' }] } } });
  assert.equal(classify(o, u('2025-01-15T21:00:00Z'), EMPTY_CALENDAR), 'hc'); // 22:00 CET, Wednesday
  assert.equal(classify(o, u('2025-07-15T19:30:00Z'), EMPTY_CALENDAR), 'hp'); // 21:30 CEST
  assert.equal(classify(o, u('2025-07-15T20:00:00Z'), EMPTY_CALENDAR), 'hc'); // 22:00 CEST
  assert.equal(classify(o, u('2025-01-19T12:00:00Z'), EMPTY_CALENDAR), 'hc'); // Sunday, all day
  assert.equal(classify(o, u('2025-01-20T12:00:00Z'), EMPTY_CALENDAR), 'hp'); // Monday
});

test('Tempo: the colour of the Tempo day (06:00 → 06:00) and HC 22:00–06:00; a missing colour is an error', () => {
  const cal = parseColourCsv('date;couleur\n2025-01-15;ROUGE\n16/01/2025;TEMPO_BLEU\n');
  const o = offer({ option: 'tempo' });
  assert.equal(classify(o, u('2025-01-15T06:00:00Z'), cal), 'red_hp'); // 07:00 on the 15th
  assert.equal(classify(o, u('2025-01-16T04:30:00Z'), cal), 'red_hc'); // 05:30 on the 16th still belongs to the 15th
  assert.equal(classify(o, u('2025-01-16T05:00:00Z'), cal), 'blue_hp'); // 06:00 on the 16th
  assert.throws(() => classify(o, u('2025-01-17T12:00:00Z'), cal), { code: 'TARIFF_NO_COLOUR' });
  assert.throws(() => parseColourCsv('2025-01-15;VERT'), { code: 'TARIFF_INVALID' });
});

test('Tempo colours from the meter TIC labels', () => {
  const cal = calendarFromTicLabels([
    { ts: u('2025-01-15T12:00:00Z'), label: 'HPJR' },
    { ts: u('2025-01-16T04:00:00Z'), label: 'HCJR' }, // 05:00 local: still the 15th's Tempo day
    { ts: u('2025-01-16T12:00:00Z'), label: 'HP BLANC' },
  ]);
  assert.deepEqual([...cal.tempo], [['2025-01-15', 'red'], ['2025-01-16', 'white']]);
});

test('Tempo colours from the meter index registers that advanced', () => {
  const ts = [u('2025-01-15T05:00:00Z'), u('2025-01-15T12:00:00Z'), u('2025-01-16T04:00:00Z'), u('2025-01-16T12:00:00Z')];
  const cal = calendarFromTempoIndexes([
    { register: 'BBRHPJR', ts, values: [100, 900, 900, 900] }, // 15th, red day
    { register: 'BBRHCJR', ts, values: [50, 50, 80, 80] }, // night of the 15th → 16th, still the 15th's Tempo day
    { register: 'BBRHPJB', ts, values: [10, 10, 10, 400] }, // 16th, blue
    { register: 'BASE', ts, values: [1, 2, 3, 4] },
  ]);
  assert.deepEqual([...cal.tempo].sort(), [['2025-01-15', 'red'], ['2025-01-16', 'blue']]);
});

test('EJP peak days run 07:00 to 01:00 the next night', () => {
  const cal = parseColourCsv('2025-01-15;pointe');
  const o = offer({ option: 'ejp' });
  assert.equal(classify(o, u('2025-01-15T05:30:00Z'), cal), 'ejp_normal'); // 06:30
  assert.equal(classify(o, u('2025-01-15T06:00:00Z'), cal), 'ejp_peak'); // 07:00
  assert.equal(classify(o, u('2025-01-15T23:30:00Z'), cal), 'ejp_peak'); // 00:30 on the 16th
  assert.equal(classify(o, u('2025-01-16T00:00:00Z'), cal), 'ejp_normal'); // 01:00
});

test('Base cost of a flat month: energy × price plus one month of subscription', () => {
  // January 2025 (CET): 31 days × 48 half hours × 250 Wh = 372 kWh
  const c = costCurve(flat('2024-12-31T23:00:00Z', '2025-01-31T23:00:00Z', 250), offer({ option: 'base' }), 6, EMPTY_CALENDAR);
  assert.equal(c.days.length, 31);
  assert.equal(c.months.length, 1);
  assert.ok(Math.abs(c.total.kwh - 372) < 1e-9);
  assert.ok(Math.abs(c.total.energyEur - 372 * 0.2) < 1e-9);
  assert.ok(Math.abs(c.total.subscriptionEur - 31) < 1e-9);
});

test('a 23-hour DST day costs 23 hours; taxes before VAT follow the documented model', () => {
  const c = costCurve(flat('2025-03-29T23:00:00Z', '2025-03-30T22:00:00Z', 500), offer({ option: 'base' }), 6, EMPTY_CALENDAR);
  assert.equal(c.days.length, 1);
  assert.equal(c.days[0]!.period, '2025-03-30');
  assert.ok(Math.abs(c.days[0]!.kwh - 23) < 1e-9);
  const ht: Offer = offer({ option: 'base', periods: [{ from: '2020-01-01', energy: { base: 0.1 }, subscription: { '6': 10 }, taxesIncluded: false, taxes: { excisePerKwh: 0.02, ctaRate: 0.2, vatRate: 0.2 }, source: 't', verified: true }] });
  const t = costCurve(flat('2025-03-29T23:00:00Z', '2025-03-30T22:00:00Z', 500), ht, 6, EMPTY_CALENDAR);
  assert.ok(Math.abs(t.total.energyEur - 23 * 0.12 * 1.2) < 1e-9);
  assert.ok(Math.abs(t.total.subscriptionEur - (10 * 1.2 * 1.2) / 31) < 1e-9);
});

test('compareOffers: a night-only household is cheapest on HP/HC; Tempo without colours is unavailable with its reason', () => {
  const ts: number[] = [];
  const wh: number[] = [];
  for (let t = u('2025-01-31T23:00:00Z'); t < u('2025-02-28T23:00:00Z'); t += HH) {
    ts.push(t);
    const hour = new Date(t + 3_600_000).getUTCHours(); // CET
    wh.push(hour >= 22 || hour < 6 ? 1000 : 0);
  }
  const rows = compareOffers({ ts, wh, stepMs: HH }, 6, EMPTY_CALENDAR);
  assert.equal(rows[0]!.offerId, 'edf-bleu-hphc');
  assert.equal(rows[0]!.overCheapestEur, 0);
  const tempo = rows.find((r) => r.offerId === 'edf-bleu-tempo')!;
  assert.equal(tempo.available, false);
  assert.equal(tempo.reason!.code, 'TARIFF_NO_COLOUR');
  const ejp = rows.find((r) => r.offerId === 'edf-bleu-ejp')!;
  assert.equal(ejp.available, false); // no 6 kVA EJP subscription in the table
  assert.equal(ejp.reason!.code, 'TARIFF_NO_PRICE');
});

test('the shipped price table validates; bad user tables are refused with the field', () => {
  assert.equal(validateOffers(JSON.parse(JSON.stringify(DEFAULT_OFFERS))).length, DEFAULT_OFFERS.length);
  const bad = JSON.parse(JSON.stringify(DEFAULT_OFFERS)) as Offer[];
  delete (bad[1]!.periods[0]!.energy as Record<string, number>).hc;
  assert.throws(() => validateOffers(bad), /offers\[1\] \(edf-bleu-hphc\)\.periods\[0\]\.energy: no price for hc/);
  assert.throws(() => validateOffers([{ id: 'x' }]), { code: 'TARIFF_INVALID' });
});
