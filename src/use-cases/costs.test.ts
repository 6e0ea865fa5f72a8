import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Prm } from '../core/prm.ts';
import { parseRange } from '../core/range.ts';
import { openReadingStore } from '../backend/open-storage.ts';
import { costsFor } from './costs.ts';
import { fileSources, importSources } from './import-files.ts';

const fx = (n: string) => join(import.meta.dirname, '../../test/fixtures/enedis', n);

test('costs of an imported real curve: per day, per month, comparison, user tariff files', async () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'courant-costs-'));
  const store = await openReadingStore({ dataDir });
  // the route (src/server/routes/costs.ts) adds the policy check of the consent hub; the service is tested here
  try {
    await importSources(store, await fileSources([fx('dc2026-curve.json')]));
    // user's own table: one base offer at 0.25 €/kWh (TTC) and 30 €/month for 6 kVA, and a Tempo offer
    mkdirSync(join(dataDir, 'tariffs'));
    const period = {
      from: '2026-01-01',
      subscription: { '6': 30 },
      taxesIncluded: true,
      source: 'test',
      verified: true,
    };
    writeFileSync(
      join(dataDir, 'tariffs/offers.json'),
      JSON.stringify([
        {
          id: 'mine',
          label: { fr: 'Mon offre', en: 'My offer' },
          option: 'base',
          periods: [{ ...period, energy: { base: 0.25 } }],
        },
        {
          id: 'tempo',
          label: { fr: 'Tempo', en: 'Tempo' },
          option: 'tempo',
          periods: [
            {
              ...period,
              energy: { blue_hc: 0.1, blue_hp: 0.1, white_hc: 0.2, white_hp: 0.2, red_hc: 0.5, red_hp: 0.5 },
            },
          ],
        },
      ]),
    );
    writeFileSync(
      join(dataDir, 'tariffs/calendar.csv'),
      'date;couleur\n2026-09-28;BLEU\n2026-09-29;BLEU\n2026-09-30;BLEU\n',
    );
    const range = parseRange('2026-09-29', '2026-10-01');
    const body = await costsFor(store, dataDir, { prm: '99999999999991' as Prm, range, kva: 6, offerId: 'mine' });
    assert.equal(body.curve.halfHours, 96);
    // the capture's daily values (enedis-formats.md §1.5): 33 495 Wh and 38 022 Wh
    assert.deepEqual(
      body.days.map((d) => [d.period, Math.round(d.kwh * 1000)]),
      [
        ['2026-09-29', 33495],
        ['2026-09-30', 38022],
      ],
    );
    assert.ok(Math.abs(body.days[0]!.energyEur - 33.495 * 0.25) < 1e-9);
    assert.ok(Math.abs(body.days[0]!.subscriptionEur - 1) < 1e-9); // 30 €/month over 30 days of September
    assert.deepEqual(
      body.comparison.map((c) => c.offerId),
      ['tempo', 'mine'],
    ); // blue days at 0.10 beat 0.25
    assert.equal(body.months.length, 1);
    assert.equal(body.pricesVerified, true);
    await assert.rejects(costsFor(store, dataDir, { prm: '99999999999991', range, kva: 6, offerId: 'nope' }), {
      code: 'INPUT_INVALID',
    });
    await assert.rejects(costsFor(store, dataDir, { prm: '99999999999991', range, kva: 99 }), {
      code: 'INPUT_INVALID',
    });
  } finally {
    await store.close();
  }
});

test('Tempo colours come from the meter TIC registers stored for the usage point', async () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'courant-costs-'));
  const store = await openReadingStore({ dataDir });
  try {
    await importSources(store, await fileSources([fx('dc2026-curve.json')]));
    // a red Tempo register advancing through both days, at the TIC's own pace (raw)
    const ts: number[] = [];
    const values: number[] = [];
    for (let t = Date.parse('2026-09-28T22:00:00Z'); t <= Date.parse('2026-09-30T22:00:00Z'); t += 600_000) {
      ts.push(t);
      values.push(1_000_000 + ts.length * 100);
    }
    await store.write([
      {
        key: {
          prm: '99999999999991' as Prm,
          quantity: 'index',
          direction: 'consumption',
          register: 'BBRHPJR',
          step: 'raw',
          source: 'tic',
        },
        ts,
        values,
      },
    ]);
    const range = parseRange('2026-09-29', '2026-10-01');
    const r = await costsFor(store, dataDir, { prm: '99999999999991', range, kva: 6, offerId: 'edf-bleu-tempo' });
    const tempo = r.comparison.find((c) => c.offerId === 'edf-bleu-tempo')!;
    assert.equal(tempo.available, true, JSON.stringify(tempo.reason));
    // every half hour priced red (HP 06:00–22:00, HC otherwise)
    assert.deepEqual(Object.keys(r.total.byClass).sort(), ['red_hc', 'red_hp']);
  } finally {
    await store.close();
  }
});

test('a range across a tariff change names every grid that priced it, and only those', async () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'courant-costs-'));
  const store = await openReadingStore({ dataDir });
  try {
    await importSources(store, await fileSources([fx('dc2026-curve.json')]));
    mkdirSync(join(dataDir, 'tariffs'));
    const p = (from: string, to: string | undefined, base: number) => ({
      from,
      to,
      energy: { base },
      subscription: { '6': 30 },
      taxesIncluded: true,
      source: 'test',
      verified: true,
    });
    // the capture covers 29 and 30 September 2026: the grid changes on the 30th; an older and a later grid exist
    const periods = [
      p('2025-01-01', '2026-01-01', 0.1),
      p('2026-01-01', '2026-09-30', 0.2),
      p('2026-09-30', '2027-01-01', 0.3),
      p('2027-01-01', undefined, 0.4),
    ];
    writeFileSync(
      join(dataDir, 'tariffs/offers.json'),
      JSON.stringify([{ id: 'mine', label: { fr: 'Mon offre', en: 'My offer' }, option: 'base', periods }]),
    );
    const body = await costsFor(store, dataDir, {
      prm: '99999999999991' as Prm,
      range: parseRange('2026-09-29', '2026-10-01'),
      kva: 6,
      offerId: 'mine',
    });
    assert.deepEqual(body.priceTablesUsed, ['2026-01-01', '2026-09-30']);
    // and each day was priced at its own grid
    assert.deepEqual(
      body.days.map((d) => Math.round((d.energyEur / d.kwh) * 100) / 100),
      [0.2, 0.3],
    );
    const one = await costsFor(store, dataDir, {
      prm: '99999999999991' as Prm,
      range: parseRange('2026-09-29', '2026-09-30'),
      kva: 6,
      offerId: 'mine',
    });
    assert.deepEqual(one.priceTablesUsed, ['2026-01-01']);
  } finally {
    await store.close();
  }
});
