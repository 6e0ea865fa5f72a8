// Imports record what they learn about a usage point (contract facts, register calendars) in the DuckDB profile
// repository: real fixtures, a real DuckDB file; expectations read from the fixture files themselves.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CourantError, isCourantError } from '../core/errors.ts';
import type { Prm } from '../core/prm.ts';
import { openStorage } from '../backend/open-storage.ts';
import { isEmptyProfile } from '../ports/usage-point-repository.ts';
import { fileSources, importSources } from './import-files.ts';
import { profileSink } from './usage-point-profiles.ts';

const fx = (n: string) => join(import.meta.dirname, '../../test/fixtures/enedis', n);
const MASKED = '14290000000001' as Prm; // the Conso Jour file masks its PRM; the test gives this one
const T = Date.UTC(2026, 10, 23, 12);

test('imports record contract facts and register calendars; re-import idempotent; a failing file or a refused usage point records nothing', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'courant-profiles-'));
  const { store, repositories } = await openStorage({ dataDir: dir });
  try {
    const repo = await repositories.profiles();
    let now = T;
    const profiles = profileSink(repo, () => now);

    // v5 contract answer: "subscribed_power": "9 kVA", "distribution_tariff": "BTINFCUST", "offpeak_hours": "HC
    // (23h00-7h30)"
    const v5 = JSON.parse(readFileSync(fx('dc-v5-contracts.json'), 'utf8')) as {
      customer: { usage_points: { usage_point: { usage_point_id: string }; contracts: Record<string, string> }[] };
    };
    const up = v5.customer.usage_points[0]!;
    await importSources(store, await fileSources([fx('dc-v5-contracts.json')]), { profiles });
    const p1 = await repo.profile(up.usage_point.usage_point_id as Prm);
    assert.equal(p1.contract.subscribedKva?.value, Number.parseFloat(up.contracts.subscribed_power!));
    assert.equal(p1.contract.tariffOption?.value, up.contracts.distribution_tariff);
    assert.equal(p1.contract.offpeakHours?.value, up.contracts.offpeak_hours);
    assert.equal(p1.contract.segment?.value, up.contracts.segment);
    assert.deepEqual(
      {
        source: p1.contract.offpeakHours?.source,
        file: p1.contract.offpeakHours?.file,
        at: p1.contract.offpeakHours?.updatedAt,
      },
      { source: 'dataconnect-v5', file: 'dc-v5-contracts.json', at: T },
    );

    // Conso Jour: readings and its calendar trailer (last line of the file)
    const csv = readFileSync(fx('portal-jour-index-tempo.csv'), 'utf8').trimEnd();
    const trailer = csv.split('\n').at(-1)!.split(';');
    const s = await importSources(store, await fileSources([fx('portal-jour-index-tempo.csv')]), {
      prm: MASKED,
      profiles,
    });
    assert.ok(s.added > 0);
    const p2 = await repo.profile(MASKED);
    assert.equal(p2.calendars.length, 1);
    const cal = p2.calendars[0]!;
    assert.equal(cal.from, Date.parse(trailer[0]!.replace(/^Du (\S+) au$/, '$1')));
    assert.equal(cal.to, undefined);
    assert.equal(cal.calendarId, trailer[1]);
    // every (class, label, register) triplet of the trailer (10 supplier ones from column 4, then the distributor
    // calendar id and label, then 4 distributor ones), registers renamed EAS F1 → EASF01
    const starts = [
      ...Array.from({ length: 10 }, (_, i) => 3 + 3 * i),
      ...Array.from({ length: 4 }, (_, i) => 35 + 3 * i),
    ];
    assert.equal(trailer.length, 35 + 12);
    let triplets = 0;
    for (const k of starts) {
      if (!trailer[k] || !trailer[k + 2]) continue;
      const reg = trailer[k + 2]!.replace(
        /^EAS ([FD])(\d+)$/,
        (_, g: string, n: string) => `EAS${g}${n.padStart(2, '0')}`,
      );
      assert.deepEqual(cal.registers[reg], { classId: trailer[k], label: trailer[k + 1] }, reg);
      triplets++;
    }
    assert.equal(Object.keys(cal.registers).length, triplets);
    assert.equal(triplets, 7); // 6 Tempo classes + Base
    assert.equal(cal.source, 'enedis-csv');

    // re-import: same content, a new date
    now = T + 60_000;
    await importSources(store, await fileSources([fx('portal-jour-index-tempo.csv')]), { prm: MASKED, profiles });
    const again = await repo.profile(MASKED);
    assert.deepEqual(
      { ...again, calendars: again.calendars.map((c) => ({ ...c, updatedAt: 0 })) },
      { ...p2, calendars: p2.calendars.map((c) => ({ ...c, updatedAt: 0 })) },
    );
    assert.equal(again.calendars[0]!.updatedAt, T + 60_000);

    // a file whose trailer row is followed by a broken one: the import fails and nothing of it is recorded, not even
    // the good calendar row read before the error
    const other = '14290000000002' as Prm;
    const broken = join(dir, 'Enedis_Conso_Jour_broken.csv');
    writeFileSync(broken, `${csv}\nDu n'importe quand;FC000050\n`);
    await assert.rejects(
      importSources(store, await fileSources([broken]), { prm: other, profiles }),
      (e) => isCourantError(e) && e.code === 'IMPORT_PARSE_ERROR',
    );
    assert.equal(isEmptyProfile(await repo.profile(other)), true);
    assert.deepEqual(await store.list(other), []);

    // a contract answer (no readings) for a usage point the caller may not write: refused, nothing recorded
    await repo.delete(up.usage_point.usage_point_id as Prm);
    const refuse = (prm: string) => {
      throw new CourantError('HTTP_NOT_FOUND', `usage point ${prm}`);
    };
    await assert.rejects(
      importSources(store, await fileSources([fx('dc-v5-contracts.json')]), { profiles, authorise: refuse }),
      (e) => isCourantError(e) && e.code === 'HTTP_NOT_FOUND',
    );
    assert.equal(isEmptyProfile(await repo.profile(up.usage_point.usage_point_id as Prm)), true);
  } finally {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  }
});
