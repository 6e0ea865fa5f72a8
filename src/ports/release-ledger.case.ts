/**
 * The ReleaseLedger conformance suite: what every storage adapter of the release ledger must do, run against a real
 * database and folder. Adapters call `releaseLedgerConformance(name, open)` from their own *.test.ts. Each case uses
 * its own release ids, subjects and data sets, so cases pass alone and in any order on one database.
 */
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { CourantError } from '../core/errors.ts';
import type { ReleaseLedger, ReleaseRecord, ReleaseTable } from './release-ledger.ts';

export type OpenReleaseLedger = () => Promise<{
  ledger: ReleaseLedger;
  /** Change a stored release's body behind the ledger's back (to prove verification sees it). */
  tamper(releaseId: string, body: string): Promise<void>;
  close(): Promise<void>;
}>;

const table: ReleaseTable = {
  columns: [
    { name: 'area', type: 'VARCHAR' },
    { name: 'bucket', type: 'VARCHAR' },
    { name: 'homes', type: 'BIGINT' },
    { name: 'mean_wh', type: 'DOUBLE' },
  ],
  rows: [
    ['92071', '2007-01', 12, 250.5],
    ['92071', '2007-02', 14, null],
    ["l'île", '2007-01', 11, 3.25],
  ],
};

const record = (id: string, over: Partial<ReleaseRecord> = {}): ReleaseRecord => ({
  releaseId: id,
  at: Date.UTC(2026, 0, 1),
  publisher: 'stats-coop',
  dataset: `stats-coop|commune|2007-01-01|2007-03-01|${id}`,
  rho: 0.125,
  body: { query: { area: 'commune', bucket: 'month' }, parameters: { epsilon: 0.5, rho: 0.125 } },
  ...over,
});

export function releaseLedgerConformance(name: string, open: OpenReleaseLedger): void {
  describe(`ReleaseLedger conformance: ${name}`, () => {
    let ledger: ReleaseLedger;
    let tamper: (id: string, body: string) => Promise<void>;
    let close: () => Promise<void>;
    before(async () => ({ ledger, tamper, close } = await open()));
    after(() => close());

    test('staged files are hashed, published with the chained row, and read back byte for byte', async () => {
      const files = await ledger.stage('rel-one', table);
      assert.match(files.csv.sha256, /^[0-9a-f]{64}$/);
      assert.match(files.parquet.sha256, /^[0-9a-f]{64}$/);
      assert.equal(await ledger.file('rel-one', 'csv'), null, 'not published before the row');
      const row = await ledger.publish(record('rel-one'), [{ subject: 'h-one', rho: 0.125 }]);
      assert.equal(row.releaseId, 'rel-one');
      assert.match(row.hash, /^[0-9a-f]{64}$/);
      assert.deepEqual(await ledger.get('rel-one'), row);
      const csv = Buffer.from((await ledger.file('rel-one', 'csv'))!).toString('utf8');
      assert.equal(csv.split('\n')[0], 'area,bucket,homes,mean_wh');
      assert.match(csv, /92071,2007-01,12,250\.5/);
      assert.match(csv, /"l'île",2007-01,11,3\.25|l'île,2007-01,11,3\.25/);
      const parquet = (await ledger.file('rel-one', 'parquet'))!;
      assert.equal(Buffer.from(parquet.subarray(0, 4)).toString(), 'PAR1');
      const { createHash } = await import('node:crypto');
      assert.equal(createHash('sha256').update(parquet).digest('hex'), files.parquet.sha256);
      assert.equal(await ledger.file('unknown-release', 'csv'), null);
      assert.equal(await ledger.file('../etc', 'csv'), null);
    });

    test('releases chain in order and verify; the spend adds up per household and per data set', async () => {
      const before = (await ledger.list()).length;
      const ds = 'stats-coop|iris|2007-01-01|2007-02-01|chain';
      for (const [i, id] of ['rel-a', 'rel-b', 'rel-c'].entries()) {
        await ledger.stage(id, table);
        await ledger.publish(record(id, { dataset: ds, rho: 0.5 * (i + 1) }), [
          { subject: 'h-chain-1', rho: 0.5 * (i + 1) },
          ...(i > 0 ? [{ subject: 'h-chain-2', rho: 0.5 * (i + 1) }] : []),
        ]);
      }
      const all = await ledger.list();
      assert.equal(all.length, before + 3);
      assert.deepEqual(
        all.map((r) => r.seq),
        all.map((_, i) => i + 1),
      );
      for (let i = 1; i < all.length; i++) assert.equal(all[i]!.prevHash, all[i - 1]!.hash);
      const check = await ledger.verify();
      assert.equal(check.ok, true);
      assert.equal(check.count, all.length);
      assert.equal(await ledger.spentOnDataset(ds), 3);
      assert.equal(await ledger.spentOnDataset('never-released'), 0);
      const spent = await ledger.spentByHousehold(['h-chain-1', 'h-chain-2', 'h-none']);
      assert.deepEqual([...spent.entries()].sort(), [
        ['h-chain-1', 3],
        ['h-chain-2', 2.5],
        ['h-none', 0],
      ]);
      assert.deepEqual(
        (await ledger.releasesOf('h-chain-2')).map((r) => r.releaseId),
        ['rel-b', 'rel-c'],
      );
      assert.deepEqual(await ledger.releasesOf('h-none'), []);
    });

    test('concurrent publications are strictly ordered: no fork, no duplicate seq', async () => {
      const ids = ['rel-p1', 'rel-p2', 'rel-p3', 'rel-p4'];
      await Promise.all(ids.map((id) => ledger.stage(id, table)));
      await Promise.all(ids.map((id) => ledger.publish(record(id), [{ subject: `h-${id}`, rho: 0.1 }])));
      const all = await ledger.list();
      assert.equal(new Set(all.map((r) => r.seq)).size, all.length);
      assert.equal((await ledger.verify()).ok, true);
    });

    test('a publication that fails leaves no row, no spend and no file; a duplicate id is refused', async () => {
      await assert.rejects(ledger.publish(record('rel-unstaged'), [{ subject: 'h-fail', rho: 1 }]), {
        code: 'STORE_WRITE_FAILED',
      });
      assert.equal(await ledger.get('rel-unstaged'), null);
      assert.equal((await ledger.spentByHousehold(['h-fail'])).get('h-fail'), 0);
      await ledger.stage('rel-dup', table);
      await ledger.publish(record('rel-dup'), []);
      const count = (await ledger.list()).length;
      await ledger.stage('rel-dup', table);
      await assert.rejects(ledger.publish(record('rel-dup'), [{ subject: 'h-dup', rho: 1 }]), {
        code: 'STORE_WRITE_FAILED',
      });
      assert.equal((await ledger.list()).length, count);
      assert.equal((await ledger.spentByHousehold(['h-dup'])).get('h-dup'), 0);
      assert.notEqual(await ledger.file('rel-dup', 'csv'), null, 'the first publication keeps its files');
      await ledger.stage('rel-discarded', table);
      await ledger.discard('rel-discarded');
      await assert.rejects(ledger.publish(record('rel-discarded'), []), { code: 'STORE_WRITE_FAILED' });
      assert.equal((await ledger.verify()).ok, true);
    });

    test('confirm reads the recorded spend in order; a refusal publishes nothing', async () => {
      const ds = 'stats-coop|commune|2007-01-01|2007-03-01|confirm';
      await ledger.stage('rel-c1', table);
      await ledger.publish(record('rel-c1', { dataset: ds, rho: 0.5 }), [{ subject: 'h-c1', rho: 0.5 }]);
      // concurrent publications on one data set: each sees what the ones ordered before it recorded
      const ids = ['rel-c2', 'rel-c3', 'rel-c4'];
      await Promise.all(ids.map((id) => ledger.stage(id, table)));
      const seen: number[] = [];
      const budget = (r: { dataset: number; households: ReadonlyMap<string, number> }) => {
        seen.push(r.dataset);
        if (r.dataset + 0.5 > 1.5) throw new CourantError('STATS_BUDGET_EXCEEDED', 'over budget');
      };
      const results = await Promise.allSettled(
        ids.map((id) => ledger.publish(record(id, { dataset: ds, rho: 0.5 }), [{ subject: 'h-c1', rho: 0.5 }], budget)),
      );
      assert.equal(results.filter((r) => r.status === 'fulfilled').length, 2, 'two fit in the budget, in order');
      assert.deepEqual([...seen].sort(), [0.5, 1, 1.5], 'each confirm saw the spend of those ordered before it');
      assert.equal(await ledger.spentOnDataset(ds), 1.5);
      assert.equal((await ledger.spentByHousehold(['h-c1'])).get('h-c1'), 1.5);
      const rejected = results.find((r) => r.status === 'rejected') as PromiseRejectedResult;
      assert.equal(
        (rejected.reason as { code?: string }).code,
        'STATS_BUDGET_EXCEEDED',
        'the refusal is kept as thrown',
      );
      const refused = ids[results.findIndex((r) => r.status === 'rejected')]!;
      assert.equal(await ledger.get(refused), null, 'the refused release has no row');
      assert.equal(await ledger.file(refused, 'csv'), null, 'and no file');
      // the households asked about are read too
      await ledger.stage('rel-c5', table);
      let households: ReadonlyMap<string, number> | undefined;
      await ledger.publish(
        record('rel-c5'),
        [
          { subject: 'h-c1', rho: 0.1 },
          { subject: 'h-c-new', rho: 0.1 },
        ],
        (r) => {
          households = r.households;
        },
      );
      assert.deepEqual([...households!].sort(), [
        ['h-c-new', 0],
        ['h-c1', 1.5],
      ]);
      assert.equal((await ledger.verify()).ok, true);
    });

    test('an altered release breaks the chain at its seq', async () => {
      await ledger.stage('rel-z', table);
      const row = await ledger.publish(record('rel-z'), []);
      await tamper('rel-z', JSON.stringify({ ...row.body, parameters: { epsilon: 0.1, rho: 0.005 } }));
      const check = await ledger.verify();
      assert.equal(check.ok, false);
      if (!check.ok) {
        assert.equal(check.seq, row.seq);
        assert.equal(check.releaseId, 'rel-z');
      }
    });
  });
}
