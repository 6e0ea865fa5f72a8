// The cost service uses what imports learnt about the usage point: Tempo colours from the real "Conso Jour" daily
// indexes per register read through its calendar trailer, the contract's subscribed power and off-peak hours, the
// option the register calendar tells. Real DuckDB file; expectations derived from the fixture text itself.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Prm } from '../core/prm.ts';
import { parseRange } from '../core/range.ts';
import { openStorage } from '../backend/open-storage.ts';
import type { UsagePointRepository } from '../ports/usage-point-repository.ts';
import { tempoColourOf } from '../tariffs/day-calendar.ts';
import type { TempoColour } from '../tariffs/model.ts';
import { offpeakOfferLabel, TARIF_BLEU_HC } from '../tariffs/offer-label.ts';
import { parseOffpeakText } from '../tariffs/offpeak.ts';
import { DEFAULT_OFFERS } from '../tariffs/prices.ts';
import { costsFor } from './costs.ts';
import { optionHint, optionOfNetworkTariff, registerTempoCalendar } from './costs-profile.ts';
import { fileSources, importSources } from './import-files.ts';
import { profileSink } from './usage-point-profiles.ts';

const fx = (n: string) => join(import.meta.dirname, '../../test/fixtures/enedis', n);
const PRM = '14290000000001' as Prm; // the Conso Jour file masks its PRM

/**
 * Independent reading of the fixture text: the trailer says which column is a Tempo peak-hour register of which
 * colour ("Rouge Heures Pleines" → EAS F6); the colour of day D is the one whose peak register rose from D's row to
 * the next row (peak hours 06:00–22:00 lie inside D).
 */
function coloursFromText(): Map<string, TempoColour> {
  const lines = readFileSync(fx('portal-jour-index-tempo.csv'), 'utf8').trimEnd().split('\n');
  const header = lines[2]!.split(';');
  const trailer = lines.at(-1)!.split(';');
  const hp = new Map<number, TempoColour>(); // column → colour
  for (let k = 3; k < 33; k += 3) {
    if (!/Heures Pleines/.test(trailer[k + 1] ?? '')) continue;
    hp.set(header.indexOf(trailer[k + 2]!), tempoColourOf(trailer[k + 1]!)!);
  }
  assert.equal(hp.size, 3, 'three Tempo peak registers in the trailer');
  const rows = lines.filter((l) => /^\d{4}-\d{2}-\d{2}T/.test(l)).map((l) => l.split(';'));
  const out = new Map<string, TempoColour>();
  for (let i = 1; i < rows.length; i++) {
    const rose = [...hp].filter(([col]) => Number(rows[i]![col]) > Number(rows[i - 1]![col])).map(([, c]) => c);
    if (rose.length === 1) out.set(rows[i - 1]![0]!.slice(0, 10), rose[0]!);
  }
  return out;
}

async function withImported(
  fn: (ctx: Awaited<ReturnType<typeof openStorage>> & { repo: UsagePointRepository; dir: string }) => Promise<void>,
): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'courant-costs-profile-'));
  const opened = await openStorage({ dataDir: dir });
  try {
    const repo = await opened.repositories.profiles();
    await importSources(
      opened.store,
      await fileSources([fx('portal-jour-index-tempo.csv'), fx('dc2026-situation.json')]),
      { prm: PRM, profiles: profileSink(repo) },
    );
    await fn({ ...opened, repo, dir });
  } finally {
    await opened.store.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

test('Tempo colours from the daily per-register indexes and the calendar trailer match the file, and obey the Tempo rules', async () => {
  await withImported(async ({ store, repo }) => {
    const profile = await repo.profile(PRM);
    const cal = await registerTempoCalendar(store, profile, parseRange('2024-01-10', '2024-07-25'));
    const expected = coloursFromText();
    assert.ok(expected.size > 150, `${expected.size} days`);
    assert.deepEqual(new Map([...cal.tempo].sort()), new Map([...expected].sort()));
    // RTE's rules: red days only from November to March and never on a weekend; at most 22 per season
    const red = [...cal.tempo].filter(([, c]) => c === 'red').map(([d]) => d);
    assert.ok(red.length > 0 && red.length <= 22, `${red.length} red days`);
    for (const d of red) {
      const wd = new Date(`${d}T12:00:00Z`).getUTCDay();
      assert.ok(wd >= 1 && wd <= 5 && Number(d.slice(5, 7)) <= 3, `red day ${d}`);
    }
    const white = [...cal.tempo].filter(([, c]) => c === 'white').length;
    assert.ok(white <= 43, `${white} white days`);
  });
});

test('costs default to the contract (kVA, off-peak hours) and to the option of the register calendar, and say where from', async () => {
  await withImported(async ({ store, repo, dir }) => {
    // a load curve is needed to cost; the file has only daily values, so a flat curve is made from its daily energy
    const daily = await store.read({
      prm: PRM,
      quantity: 'energy',
      direction: 'consumption',
      step: 'P1D',
      range: parseRange('2024-01-11', '2024-01-18'),
    });
    const ts: number[] = [];
    const values: number[] = [];
    for (let i = 0; i < daily.ts.length; i++) {
      for (let h = 0; h < 48; h++) {
        ts.push(daily.ts[i]! + h * 1_800_000);
        values.push(daily.values[i]! / 48);
      }
    }
    await store.write([
      {
        key: { prm: PRM, quantity: 'energy', direction: 'consumption', register: '', step: 'PT30M', source: 'csv' },
        ts,
        values,
      },
    ]);
    // the v5 contract answer's off-peak hours, recorded for this usage point
    const v5 = JSON.parse(readFileSync(fx('dc-v5-contracts.json'), 'utf8')) as {
      customer: { usage_points: { contracts: { offpeak_hours: string } }[] };
    };
    const offpeakText = v5.customer.usage_points[0]!.contracts.offpeak_hours; // "HC (23h00-7h30)"
    await repo.record(
      { prm: PRM, contract: { offpeakHours: offpeakText }, calendars: [] },
      { source: 'dataconnect-v5', file: 'dc-v5-contracts.json', updatedAt: Date.UTC(2026, 10, 23) },
    );
    const situation = JSON.parse(readFileSync(fx('dc2026-situation.json'), 'utf8')) as {
      subscribed_power: { value: string };
    }[];

    const range = parseRange('2024-01-11', '2024-01-18');
    const r = await costsFor(store, dir, { prm: PRM, range, prices: 'auto' }, { profiles: repo });
    assert.equal(r.kva, Number(situation[0]!.subscribed_power.value));
    assert.equal(r.contract.kvaFrom, 'contract');
    assert.equal(r.contract.facts.subscribedKva?.file, 'dc2026-situation.json');
    assert.deepEqual(
      [r.contract.option?.option, r.contract.option?.basis, r.contract.option?.origin.source],
      ['tempo', 'register-calendar', 'enedis-csv'],
    );
    assert.equal(r.contract.offerFrom, 'contract');
    assert.equal(r.offerId, 'edf-bleu-tempo');
    assert.equal(r.tempoDays.registers > 0, true);
    // every day's peak hours are priced at the colour the file's registers tell
    const colours = coloursFromText();
    for (const d of r.days) {
      const hp = Object.keys(d.byClass).filter((k) => k.endsWith('_hp'));
      assert.deepEqual(hp, [`${colours.get(d.period)}_hp`], d.period);
    }

    // HP/HC: the contract's 23:00–07:30 replaces the shipped offer's 22:00–06:00 (17 of 48 half hours off-peak)
    const hphc = await costsFor(
      store,
      dir,
      { prm: PRM, range, prices: 'auto', offerId: 'edf-bleu-hphc', kva: 9 },
      { profiles: repo },
    );
    assert.deepEqual([hphc.kva, hphc.contract.kvaFrom, hphc.contract.offerFrom], [9, 'request', 'request']);
    assert.deepEqual([hphc.contract.offpeak?.text, hphc.contract.offpeak?.applied], [offpeakText, true]);
    assert.ok(
      Math.abs(hphc.total.byClass.hc!.kwh / hphc.total.kwh - 17 / 48) < 1e-9,
      String(hphc.total.byClass.hc!.kwh / hphc.total.kwh),
    );
    // and the offer's label names the hours used, not the shipped 22h–6h
    const label = hphc.comparison.find((c) => c.offerId === 'edf-bleu-hphc')!.label;
    assert.deepEqual(label, offpeakOfferLabel(TARIF_BLEU_HC, parseOffpeakText(offpeakText)));
    assert.notDeepEqual(label, DEFAULT_OFFERS.find((o) => o.id === 'edf-bleu-hphc')!.label);

    // without a profile: 6 kVA, cheapest offer, shipped hours (16 of 48)
    const none = await costsFor(store, dir, { prm: PRM, range, prices: 'auto', offerId: 'edf-bleu-hphc' });
    assert.deepEqual([none.kva, none.contract.kvaFrom, none.contract.offpeak], [6, 'default', undefined]);
    assert.ok(Math.abs(none.total.byClass.hc!.kwh / none.total.kwh - 16 / 48) < 1e-9);
    assert.deepEqual(
      none.comparison.find((c) => c.offerId === 'edf-bleu-hphc')!.label,
      DEFAULT_OFFERS.find((o) => o.id === 'edf-bleu-hphc')!.label,
    );
  });
});

test('a Base calendar (the real SGE HDM index file, FC000165) tells the Base option; no calendar: the network tariff hint', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'courant-costs-profile-'));
  const { store, repositories } = await openStorage({ dataDir: dir });
  try {
    const repo = await repositories.profiles();
    const s = await importSources(store, await fileSources([fx('sge-hdm-index-calendar-pmax.csv')]), {
      profiles: profileSink(repo),
    });
    const prm = s.usagePoints[0] as Prm;
    const profile = await repo.profile(prm);
    // the trailer's INCONNU period (pre-Linky) is not a calendar; the FC000165 "Base" period is
    assert.deepEqual(
      profile.calendars.map((c) => [c.calendarId, c.to]),
      [['FC000165', undefined]],
    );
    assert.deepEqual(
      [
        optionHint(profile, parseRange('2021-06-01', '2021-07-01'))?.option,
        optionHint(profile, parseRange('2021-06-01', '2021-07-01'))?.basis,
      ],
      ['base', 'register-calendar'],
    );
    const noCalendar = {
      ...profile,
      calendars: [],
      contract: { tariffOption: { value: 'BTINFMUDT', source: 's', file: 'f', updatedAt: 0 } },
    };
    assert.deepEqual(
      [
        optionHint(noCalendar, parseRange('2021-06-01', '2021-07-01'))?.option,
        optionHint(noCalendar, parseRange('2021-06-01', '2021-07-01'))?.basis,
      ],
      ['hphc', 'network-tariff'],
    );
  } finally {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  }
});

test('network tariff option hints', () => {
  // texts and codes as contract answers give them (fixtures dc2026-situation.json, dc-v5-contracts.json)
  assert.equal(
    optionOfNetworkTariff('Tarif BT<=36kVA Moyenne Utilisation heures pleines heures creuses associées à deux saisons'),
    'hphc',
  );
  assert.equal(optionOfNetworkTariff('BTINFCUST'), 'base');
  assert.equal(optionOfNetworkTariff('BTINFMUDT'), 'hphc');
  assert.equal(optionOfNetworkTariff('quelque chose'), undefined);
});
