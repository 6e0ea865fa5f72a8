/**
 * The UsagePointRepository conformance suite: what every storage adapter of usage-point profiles must do, run against a
 * real database with the facts the real fixtures give (the v5 contract answer and the Conso Jour calendar trailer,
 * test/fixtures/enedis). Adapters call `usagePointRepositoryConformance(name, open)` from their own *.test.ts; `open`
 * gives a fresh, empty database per case, and `reopen` a new repository on the same database.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Prm } from '../core/prm.ts';
import { isCourantError } from '../core/errors.ts';
import { isEmptyProfile, type LearntFacts, type UsagePointRepository } from './usage-point-repository.ts';

export type OpenUsagePointRepository = () => Promise<{
  repo: UsagePointRepository;
  /** Close the current repository's storage and open a new repository on the same database. */
  reopen(): Promise<UsagePointRepository>;
  close(): Promise<void>;
}>;

const P1 = '12345678910123' as Prm;
const P2 = '14290000000001' as Prm;
const T = Date.UTC(2026, 10, 23);
// dc-v5-contracts.json
const contract: LearntFacts = {
  prm: P1,
  contract: {
    subscribedKva: 9,
    tariffOption: 'BTINFCUST',
    offpeakHours: 'HC (23h00-7h30)',
    contractStart: '2013-08-14+01:00',
    segment: 'C5',
  },
  calendars: [],
};
// portal-jour-index-tempo.csv trailer: "Du 2024-01-10T00:00:00+01:00 au;FC000050;6 cadrans;BUHC;…"
const tempo = {
  from: Date.parse('2024-01-10T00:00:00+01:00'),
  to: undefined,
  calendarId: 'FC000050',
  label: '6 cadrans',
  registers: {
    EASF01: { classId: 'BUHC', label: 'Bleu Heures Creuses' },
    EASF06: { classId: 'RHP', label: 'Rouge Heures Pleines' },
    EASD01: { classId: 'BASE', label: 'Base' },
  },
};

export function usagePointRepositoryConformance(name: string, open: OpenUsagePointRepository): void {
  describe(`UsagePointRepository conformance: ${name}`, () => {
    test('per-field merge with origins, calendars by validity start, idempotent, atomic, survives reopen, delete', async () => {
      const store = await open();
      try {
        let repo = store.repo;
        assert.equal(isEmptyProfile(await repo.profile(P1)), true);
        await repo.record(contract, { source: 'dataconnect-v5', file: 'dc-v5-contracts.json', updatedAt: T });
        // a later answer with only some fields: those replace, the others keep their own origin
        await repo.record(
          { prm: P1, contract: { subscribedKva: 12 }, calendars: [] },
          { source: 'dataconnect-2026', file: 'situation.json', updatedAt: T + 1000 },
        );
        let p = await repo.profile(P1);
        assert.deepEqual(p.contract.subscribedKva, {
          value: 12,
          source: 'dataconnect-2026',
          file: 'situation.json',
          updatedAt: T + 1000,
        });
        assert.deepEqual(p.contract.offpeakHours, {
          value: 'HC (23h00-7h30)',
          source: 'dataconnect-v5',
          file: 'dc-v5-contracts.json',
          updatedAt: T,
        });
        assert.equal(p.contract.segment?.value, 'C5');

        await repo.record(
          { prm: P2, contract: {}, calendars: [tempo] },
          { source: 'enedis-csv', file: 'jour.csv', updatedAt: T },
        );
        await repo.record(
          { prm: P2, contract: {}, calendars: [tempo] },
          { source: 'enedis-csv', file: 'jour.csv', updatedAt: T },
        ); // re-import
        // an older, closed period before it, and the same start closed by a later file
        const closed = {
          ...tempo,
          from: Date.parse('2023-01-01T00:00:00+01:00'),
          to: tempo.from,
          calendarId: 'FC000165',
          label: 'Base',
          registers: { EASF01: { classId: 'BASE', label: 'Base' } },
        };
        await repo.record(
          { prm: P2, contract: {}, calendars: [closed] },
          { source: 'enedis-csv', file: 'old.csv', updatedAt: T },
        );

        repo = await store.reopen();
        p = await repo.profile(P2);
        assert.deepEqual(
          p.calendars.map((c) => [c.calendarId, c.from, c.to]),
          [
            ['FC000165', closed.from, tempo.from],
            ['FC000050', tempo.from, undefined],
          ],
        );
        assert.deepEqual(p.calendars[1]!.registers, tempo.registers);
        assert.deepEqual(await repo.usagePoints(), [P1, P2]);

        const end = Date.parse('2024-09-01T00:00:00+02:00');
        await repo.record(
          { prm: P2, contract: {}, calendars: [{ ...tempo, to: end }] },
          { source: 'enedis-csv', file: 'newer.csv', updatedAt: T + 5 },
        );
        p = await repo.profile(P2);
        assert.equal(p.calendars.length, 2);
        assert.equal(p.calendars[1]!.to, end);
        assert.equal(p.calendars[1]!.file, 'newer.csv');

        // a failing record writes nothing (the second calendar is not JSON-serialisable: BigInt)
        const bad = { ...tempo, from: 1, registers: { X: { classId: 'A', label: 1n as unknown as string } } };
        await assert.rejects(
          repo.record(
            { prm: P1, contract: { segment: 'C4' }, calendars: [bad] },
            { source: 's', file: 'f', updatedAt: T },
          ),
          (e) => isCourantError(e) && e.code === 'STORE_WRITE_FAILED',
        );
        p = await repo.profile(P1);
        assert.equal(p.contract.segment?.value, 'C5');
        assert.equal(p.calendars.length, 0);

        assert.equal(await repo.delete(P2), 2);
        assert.equal(isEmptyProfile(await repo.profile(P2)), true);
        assert.equal((await repo.profile(P1)).contract.subscribedKva?.value, 12, 'another usage point is untouched');
        assert.deepEqual(await repo.usagePoints(), [P1]);
      } finally {
        await store.close();
      }
    });

    test('areas, one per kind, listed by kind, in the profile, erased with the rest', async () => {
      const store = await open();
      try {
        let repo = store.repo;
        await repo.setArea(P1, 'commune', '92071', T);
        await repo.setArea(P1, 'iris', '920710101', T);
        await repo.setArea(P2, 'commune', '92050', T);
        await repo.setArea(P1, 'commune', '92073', T + 1); // a new code replaces the old one
        await repo.setArea(P2, 'group', 'Résidence Les Tilleuls', T);
        repo = await store.reopen();
        assert.deepEqual(
          (await repo.areas('commune')).map((a) => [a.prm, a.code, a.updatedAt]),
          [
            [P1, '92073', T + 1],
            [P2, '92050', T],
          ],
        );
        assert.deepEqual(
          (await repo.areas()).map((a) => [a.kind, a.prm]),
          [
            ['commune', P1],
            ['commune', P2],
            ['group', P2],
            ['iris', P1],
          ],
        );
        const p = await repo.profile(P1);
        assert.deepEqual(p.areas, {
          commune: { code: '92073', updatedAt: T + 1 },
          iris: { code: '920710101', updatedAt: T },
        });
        assert.equal(isEmptyProfile(p), true, 'areas are not imported facts');
        assert.deepEqual(await repo.usagePoints(), [P1, P2]);
        await repo.setArea(P2, 'group', null, T + 2);
        assert.deepEqual(await repo.areas('group'), []);
        assert.equal(await repo.delete(P1), 2);
        assert.equal((await repo.profile(P1)).areas, undefined);
        assert.deepEqual(
          (await repo.areas()).map((a) => a.prm),
          [P2],
        );
      } finally {
        await store.close();
      }
    });
  });
}
