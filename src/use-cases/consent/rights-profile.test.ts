// The usage-point profile (contract facts, register calendars learnt by imports) is personal data: the rights export
// includes it, erasure and move-out delete it, and another household's profile is untouched. Real DuckDB file, real
// fixtures (the Conso Jour calendar trailer and the v5 contract answer, test/fixtures/enedis).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { strFromU8, unzipSync } from 'fflate';
import {
  isEmptyProfile,
  type UsagePointProfile,
  type UsagePointRepository,
} from '../../ports/usage-point-repository.ts';
import { fileSources, importSources } from '../import-files.ts';
import { profileSink } from '../usage-point-profiles.ts';
import { ALICE, BOB, OPERATOR, PRM_A, PRM_B, withOccupiedHub, type TestHub } from './test-support.ts';

const fx = (n: string) => join(import.meta.dirname, '../../../test/fixtures/enedis', n);

/** Alice's usage point gets the Conso Jour file (readings + calendar); Bob's the contract answer, as his. */
async function importProfiles(hub: TestHub): Promise<UsagePointRepository> {
  const repo = await hub.storage.repositories.profiles();
  const profiles = profileSink(repo, () => hub.clock.now());
  await importSources(hub.storage.store, await fileSources([fx('portal-jour-index-tempo.csv')]), {
    prm: PRM_A,
    profiles,
  });
  // the v5 contract names its own PRM; recorded for Bob's usage point from what it taught
  await repo.record(
    { prm: PRM_B, contract: { subscribedKva: 9, offpeakHours: 'HC (23h00-7h30)' }, calendars: [] },
    { source: 'dataconnect-v5', file: 'dc-v5-contracts.json', updatedAt: hub.clock.now() },
  );
  return repo;
}

test('rights export includes the usage-point profile; erasure deletes it (and only it)', async () => {
  await withOccupiedHub(
    async (hub) => {
      const repo = await importProfiles(hub);
      const before = await repo.profile(PRM_A);
      assert.equal(before.calendars.length, 1);
      const files = unzipSync(await hub.rights.exportAll(ALICE, PRM_A));
      const exported = JSON.parse(strFromU8(files['usage-point-profile.json']!)) as UsagePointProfile;
      assert.deepEqual(exported, JSON.parse(JSON.stringify(before)));
      assert.equal(exported.calendars[0]!.calendarId, 'FC000050');
      assert.match(strFromU8(files['README.txt']!), /usage-point-profile\.json/);

      await hub.rights.erase(ALICE, PRM_A);
      assert.equal(isEmptyProfile(await repo.profile(PRM_A)), true);
      assert.deepEqual(await hub.storage.store.list(PRM_A), []);
      assert.equal((await repo.profile(PRM_B)).contract.subscribedKva?.value, 9, "Bob's profile is untouched");
      // Bob's own export holds his facts, never Alice's
      const bobs = JSON.parse(
        strFromU8(unzipSync(await hub.rights.exportAll(BOB, PRM_B))['usage-point-profile.json']!),
      ) as UsagePointProfile;
      assert.equal(bobs.prm, PRM_B);
      assert.equal(bobs.contract.offpeakHours?.value, 'HC (23h00-7h30)');
      assert.deepEqual(bobs.calendars, []);
    },
    { withBob: true },
  );
});

test('move-out deletes the leaving household’s usage-point profile', async () => {
  await withOccupiedHub(
    async (hub) => {
      const repo = await importProfiles(hub);
      await hub.rights.moveOut(OPERATOR, PRM_B);
      assert.equal(isEmptyProfile(await repo.profile(PRM_B)), true);
      assert.equal((await repo.profile(PRM_A)).calendars.length, 1);
    },
    { withBob: true },
  );
});
