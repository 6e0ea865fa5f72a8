import { test } from 'node:test';
import assert from 'node:assert/strict';
import { classify } from './classify.ts';
import { compareOffers } from './compare.ts';
import { costCurve, type EnergyCurve } from './cost.ts';
import { calendarFromTempoIndexes, calendarFromTicLabels, parseColourCsv } from './day-calendar.ts';
import { EMPTY_CALENDAR, type Offer } from './model.ts';
import { offpeakOfferLabel, TARIF_BLEU_HC, withOffpeak } from './offer-label.ts';
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
  periods: [
    {
      from: '2020-01-01',
      energy: {
        base: 0.2,
        hp: 0.3,
        hc: 0.1,
        blue_hc: 0.1,
        blue_hp: 0.15,
        white_hc: 0.14,
        white_hp: 0.18,
        red_hc: 0.15,
        red_hp: 0.66,
        ejp_normal: 0.17,
        ejp_peak: 0.64,
      },
      subscription: { '6': 31 },
      taxesIncluded: true,
      source: 'test',
      verified: true,
    },
  ],
  ...over,
});

test('off-peak text from Enedis parses, several ranges, wrap over midnight', () => {
  const o = parseOffpeakText('HC (22H00-6H00;12H30-14H30)');
  assert.deepEqual(o.ranges, [
    { from: '22:00', to: '06:00' },
    { from: '12:30', to: '14:30' },
  ]);
  assert.deepEqual(parseOffpeakText('HC (23h00-7h30)').ranges, [{ from: '23:00', to: '07:30' }]);
  assert.ok(inRanges(o.ranges, 23 * 60) && inRanges(o.ranges, 5 * 60 + 30) && inRanges(o.ranges, 13 * 60));
  assert.ok(!inRanges(o.ranges, 6 * 60) && !inRanges(o.ranges, 14 * 60 + 30));
  assert.throws(() => parseOffpeakText('HC'), { code: 'TARIFF_INVALID' });
});

test('HP/HC by Paris wall time, per weekday', () => {
  const o = offer({
    option: 'hphc',
    offpeak: { ranges: [{ from: '22:00', to: '06:00' }], byWeekday: { 7: [{ from: '00:00', to: '24:00' }] } },
  });
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
  assert.deepEqual(
    [...cal.tempo],
    [
      ['2025-01-15', 'red'],
      ['2025-01-16', 'white'],
    ],
  );
});

test('Tempo colours from the meter index registers that advanced', () => {
  const ts = [
    u('2025-01-15T05:00:00Z'),
    u('2025-01-15T12:00:00Z'),
    u('2025-01-16T04:00:00Z'),
    u('2025-01-16T12:00:00Z'),
  ];
  const cal = calendarFromTempoIndexes([
    { register: 'BBRHPJR', ts, values: [100, 900, 900, 900] }, // 15th, red day
    { register: 'BBRHCJR', ts, values: [50, 50, 80, 80] }, // night of the 15th → 16th, still the 15th's Tempo day
    { register: 'BBRHPJB', ts, values: [10, 10, 10, 400] }, // 16th, blue
    { register: 'BASE', ts, values: [1, 2, 3, 4] },
  ]);
  assert.deepEqual([...cal.tempo].sort(), [
    ['2025-01-15', 'red'],
    ['2025-01-16', 'blue'],
  ]);
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
  const c = costCurve(
    flat('2024-12-31T23:00:00Z', '2025-01-31T23:00:00Z', 250),
    offer({ option: 'base' }),
    6,
    EMPTY_CALENDAR,
  );
  assert.equal(c.days.length, 31);
  assert.equal(c.months.length, 1);
  assert.ok(Math.abs(c.total.kwh - 372) < 1e-9);
  assert.ok(Math.abs(c.total.energyEur - 372 * 0.2) < 1e-9);
  assert.ok(Math.abs(c.total.subscriptionEur - 31) < 1e-9);
});

test('a 23-hour DST day costs 23 hours; taxes before VAT follow the documented model', () => {
  const c = costCurve(
    flat('2025-03-29T23:00:00Z', '2025-03-30T22:00:00Z', 500),
    offer({ option: 'base' }),
    6,
    EMPTY_CALENDAR,
  );
  assert.equal(c.days.length, 1);
  assert.equal(c.days[0]!.period, '2025-03-30');
  assert.ok(Math.abs(c.days[0]!.kwh - 23) < 1e-9);
  const ht: Offer = offer({
    option: 'base',
    periods: [
      {
        from: '2020-01-01',
        energy: { base: 0.1 },
        subscription: { '6': 10 },
        taxesIncluded: false,
        taxes: { excisePerKwh: 0.02, ctaRate: 0.2, vatRate: 0.2 },
        source: 't',
        verified: true,
      },
    ],
  });
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

test('compareOffers: an offer closed to new customers is costed and shown but never the cheapest, even when it costs less', () => {
  // a flat February at 9 kVA: the EJP grid (no peak day known) costs less than Base
  const rows = compareOffers(flat('2025-02-01T00:00:00Z', '2025-03-01T00:00:00Z', 400), 9, EMPTY_CALENDAR);
  const ejp = rows.find((r) => r.offerId === 'edf-bleu-ejp')!;
  assert.equal(ejp.available, true);
  assert.equal(ejp.closed, true);
  assert.ok(ejp.overCheapestEur! < 0, 'it would cost less: said, below zero');
  assert.notEqual(rows[0]!.offerId, 'edf-bleu-ejp', 'the first row is an offer one can subscribe to');
  assert.equal(rows[0]!.overCheapestEur, 0);
  const open = rows.filter((r) => r.available && !r.closed);
  assert.ok(
    rows.indexOf(ejp) > rows.indexOf(open[open.length - 1]!),
    'closed offers come after every open one that could be costed',
  );
  // a user table may mark its own offers closed; the shipped one marks only EJP
  assert.deepEqual(
    DEFAULT_OFFERS.filter((o) => o.closedToNewCustomers).map((o) => o.id),
    ['edf-bleu-ejp'],
  );
});

test('the shipped price table validates; bad user tables are refused with the field', () => {
  assert.equal(validateOffers(JSON.parse(JSON.stringify(DEFAULT_OFFERS))).length, DEFAULT_OFFERS.length);
  const bad = JSON.parse(JSON.stringify(DEFAULT_OFFERS)) as Offer[];
  const k = bad.findIndex((o) => o.id === 'edf-bleu-hphc');
  delete (bad[k]!.periods[0]!.energy as Record<string, number>).hc;
  assert.throws(
    () => validateOffers(bad),
    new RegExp(`offers\\[${k}\\] \\(edf-bleu-hphc\\)\\.periods\\[0\\]\\.energy: no price for hc`),
  );
  assert.throws(() => validateOffers([{ id: 'x' }]), { code: 'TARIFF_INVALID' });
});

// ---- the shipped table (prices.ts): shape and units, checked against the table itself, never against typed costs

const offerById = (id: string): Offer => DEFAULT_OFFERS.find((o) => o.id === id)!;
/** The period of an offer valid on a Paris civil day, as the cost code picks it. */
const periodOn = (o: Offer, day: string) => o.periods.find((p) => p.from <= day && (p.to === undefined || day < p.to))!;

test('the shipped table follows the tariff movements without gaps: 1 February / 1 August, the last grid open-ended', () => {
  for (const o of DEFAULT_OFFERS) {
    const ps = [...o.periods].sort((a, b) => (a.from < b.from ? -1 : 1));
    assert.equal(ps[0]!.from, '2025-02-01', o.id);
    for (const [i, p] of ps.entries()) {
      assert.match(p.from, /^\d{4}-0[28]-01$/, `${o.id} from ${p.from}`);
      if (i < ps.length - 1) assert.equal(p.to, ps[i + 1]!.from, `${o.id}: gap or overlap after ${p.from}`);
      else assert.equal(p.to, undefined, `${o.id}: the latest grid stays valid`);
      assert.ok(p.taxesIncluded, `${o.id} ${p.from}: regulated grids are TTC`);
      assert.ok(p.source.length > 20, `${o.id} ${p.from}: the source is named`);
      if (!p.verified)
        assert.match(
          p.source,
          /one source|one copy|no source|not found|not confirmed|differs/i,
          `${o.id} ${p.from}: an unverified period says what is missing`,
        );
    }
  }
});

test('subscriptions are € per month (yearly CRE figures divided by 12), for the usual powers, growing with the power', () => {
  const powers = ['3', '6', '9', '12', '15', '18', '24', '30', '36'];
  for (const o of DEFAULT_OFFERS)
    for (const p of o.periods) {
      const kvas = Object.keys(p.subscription).sort((a, b) => Number(a) - Number(b));
      assert.ok(kvas.length > 0 && kvas.every((k) => powers.includes(k)), `${o.id} ${p.from}: ${kvas.join(',')}`);
      for (const [i, k] of kvas.entries()) {
        const eur = p.subscription[k]!;
        // a month costs between ~2 € and ~5 € per kVA at these powers; a yearly figure would be 12 times more
        assert.ok(eur > 1.2 * Number(k) && eur < 5 * Number(k), `${o.id} ${p.from} ${k} kVA: ${eur} €/month`);
        if (i > 0)
          assert.ok(
            eur > p.subscription[kvas[i - 1]!]!,
            `${o.id} ${p.from}: ${k} kVA costs more than ${kvas[i - 1]} kVA`,
          );
      }
    }
});

test('kWh prices are € TTC per kWh with the structure of each option', () => {
  for (const o of DEFAULT_OFFERS)
    for (const p of o.periods) {
      const e = p.energy;
      const at = `${o.id} ${p.from}`;
      for (const v of [...Object.values(e), ...Object.values(p.energyByKva ?? {}).flatMap((x) => Object.values(x))])
        assert.ok(v > 0.1 && v < 1, `${at}: ${v} €/kWh`);
      if (o.option === 'hphc') assert.ok(e.hc! < e.hp!, at);
      if (o.option === 'tempo') {
        assert.ok(e.blue_hc! < e.blue_hp! && e.white_hc! < e.white_hp! && e.red_hc! < e.red_hp!, `${at}: HC below HP`);
        assert.ok(e.blue_hp! < e.white_hp! && e.white_hp! < e.red_hp!, `${at}: blue < white < red`);
      }
      if (o.option === 'ejp') assert.ok(e.ejp_normal! < e.ejp_peak!, at);
    }
});

test('a day is priced at the grid of its own period across a tariff movement (31 July / 1 August 2025)', () => {
  const base = offerById('edf-bleu-base');
  // 30 July 22:00 UTC = 31 July 00:00 Paris (CEST); two Paris days of 24 × 1 kWh
  const c = costCurve(flat('2025-07-30T22:00:00Z', '2025-08-01T22:00:00Z', 500), base, 6, EMPTY_CALENDAR);
  assert.deepEqual(
    c.days.map((d) => d.period),
    ['2025-07-31', '2025-08-01'],
  );
  for (const d of c.days) {
    const p = periodOn(base, d.period);
    assert.ok(Math.abs(d.energyEur - 24 * p.energy.base!) < 1e-9, d.period);
    assert.ok(Math.abs(d.subscriptionEur - p.subscription['6']! / 31) < 1e-9, d.period);
  }
  assert.notEqual(periodOn(base, '2025-07-31'), periodOn(base, '2025-08-01'));
});

test('Base is one offer: from 2026 its kWh price follows the subscribed power (energyByKva), every power is priced', () => {
  assert.equal(DEFAULT_OFFERS.filter((o) => o.option === 'base').length, 1);
  const base = offerById('edf-bleu-base');
  const curve = flat('2026-08-31T22:00:00Z', '2026-09-30T22:00:00Z', 300); // September 2026, Paris days
  const p = periodOn(base, '2026-09-15');
  const priceAt = (kva: number) => p.energyByKva?.[String(kva)]?.base ?? p.energy.base!;
  // the table does say two prices for this period (3–6 and 9–36 kVA), otherwise this test tests nothing
  assert.notEqual(priceAt(6), priceAt(9));
  for (const kva of Object.keys(p.subscription).map(Number)) {
    const rows = compareOffers(curve, kva, EMPTY_CALENDAR);
    const row = rows.find((r) => r.offerId === 'edf-bleu-base')!;
    assert.equal(row.available, true, `${kva} kVA: ${JSON.stringify(row.reason)}`);
    assert.ok(
      Math.abs(row.energyEur! - Math.round(row.kwh! * priceAt(kva) * 100) / 100) <= 0.01,
      `${kva} kVA energy at ${priceAt(kva)}`,
    );
    const c = costCurve(curve, base, kva, EMPTY_CALENDAR);
    assert.ok(Math.abs(c.total.energyEur - c.total.kwh * priceAt(kva)) < 1e-9, `${kva} kVA`);
    assert.ok(
      Math.abs(c.total.subscriptionEur - p.subscription[String(kva)]!) < 1e-9,
      `${kva} kVA: one month of subscription`,
    );
  }
  // every Base period prices the low and the high group (the two lists of the sources merged)
  for (const q of base.periods)
    assert.ok(
      q.subscription['6'] !== undefined && q.subscription['9'] !== undefined && q.subscription['36'] !== undefined,
      q.from,
    );
});

test('a per-power price replaces energy class by class for that power only', () => {
  const o = offer({
    option: 'hphc',
    offpeak: { ranges: [{ from: '22:00', to: '06:00' }] },
    periods: [
      {
        from: '2020-01-01',
        energy: { hp: 0.3, hc: 0.1 },
        energyByKva: { '9': { hp: 0.25 } },
        subscription: { '6': 31, '9': 40 },
        taxesIncluded: true,
        source: 'test',
        verified: true,
      },
    ],
  });
  const curve = flat('2024-12-31T23:00:00Z', '2025-01-01T23:00:00Z', 500); // 1 January 2025, 16 HC + 32 HP half hours
  const six = costCurve(curve, o, 6, EMPTY_CALENDAR).total.byClass;
  const nine = costCurve(curve, o, 9, EMPTY_CALENDAR).total.byClass;
  assert.ok(Math.abs(six.hp!.eur - six.hp!.kwh * 0.3) < 1e-9 && Math.abs(nine.hp!.eur - nine.hp!.kwh * 0.25) < 1e-9);
  assert.ok(Math.abs(nine.hc!.eur - nine.hc!.kwh * 0.1) < 1e-9, 'hc not overridden: energy price');
});

test('per-power prices in a user table: errors name the offer, the period and the kVA', () => {
  const table = (energyByKva: unknown) => [
    {
      id: 'mine',
      label: { fr: 'm', en: 'm' },
      option: 'base',
      periods: [
        {
          from: '2026-02-01',
          energy: { base: 0.19 },
          energyByKva,
          subscription: { '6': 15, '9': 19 },
          taxesIncluded: true,
          source: 's',
        },
      ],
    },
  ];
  const ok = validateOffers(table({ '9': { base: 0.18 } }), 'offers.json');
  assert.equal(ok[0]!.periods[0]!.energyByKva!['9']!.base, 0.18);
  assert.throws(() => validateOffers(table({ '12': { base: 0.18 } }), 'offers.json'), {
    code: 'TARIFF_INVALID',
    message:
      /^offers\.json\[0\] \(mine\)\.periods\[0\]\.energyByKva\.12: no subscription price for "12" kVA in this period \(known: 6, 9\)/,
  });
  assert.throws(() => validateOffers(table({ '9': { hp: 0.18 } }), 'offers.json'), {
    code: 'TARIFF_INVALID',
    message: /periods\[0\]\.energyByKva\.9\.hp: not a price class of a base offer/,
  });
  assert.throws(() => validateOffers(table({ '9': {} }), 'offers.json'), {
    code: 'TARIFF_INVALID',
    message: /energyByKva\.9: no price/,
  });
  assert.throws(() => validateOffers(table({ '9': { base: -1 } }), 'offers.json'), {
    code: 'TARIFF_INVALID',
    message: /^offers\.json\[0\]\.periods\[0\]\.energyByKva\.9\.base: /,
  });
  assert.throws(() => validateOffers(table({ '9': 0.18 }), 'offers.json'), {
    code: 'TARIFF_INVALID',
    message: /energyByKva\.9/,
  });
});

test('an HP/HC label names the hours it uses: the shipped 22h–6h, replaced by the contract hours', () => {
  const hphc = offerById('edf-bleu-hphc');
  assert.deepEqual(hphc.label, offpeakOfferLabel(TARIF_BLEU_HC, hphc.offpeak!));
  assert.match(hphc.label.fr, /\(22h–6h\)$/);
  assert.match(hphc.label.en, /\(22:00–06:00\)$/);
  const mine = withOffpeak(hphc, parseOffpeakText('HC (23h00-7h30;12H30-14H30)'));
  assert.deepEqual(mine.label, {
    fr: `${TARIF_BLEU_HC.fr} (23h–7h30, 12h30–14h30)`,
    en: `${TARIF_BLEU_HC.en} (23:00–07:30, 12:30–14:30)`,
  });
  assert.equal(mine.offpeak!.ranges.length, 2);
  // a label that did not name its hours gets them appended
  assert.equal(
    withOffpeak({ ...hphc, label: { fr: 'Mon offre', en: 'Mine' } }, parseOffpeakText('HC (1h00-7h00)')).label.fr,
    'Mon offre (1h–7h)',
  );
});
