// A statistics release end to end on a small real population (real DuckDB file, consents given through the consent
// services, real readings): the floor on the noisy count, the noise and its bound, the ledger row and its chain, the
// spend, the budget, the household's journal, and all-or-nothing when the file step fails.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fixtureBatches, removeDir } from '../consent/test-support.ts';
import { parisDayStart } from '../../core/calendar.ts';
import type { ReleaseLedger } from '../../ports/release-ledger.ts';
import { openPopulation, PUBLISHER, prmOf } from './test-support.ts';
import { T0, DAY } from '../consent/test-support.ts';

const QUERY = {
  publisher: PUBLISHER,
  areaKind: 'commune',
  bucket: 'day',
  from: '2007-01-01',
  to: '2007-01-04',
  statistics: ['count', 'sum', 'mean'],
  clipWh: 40_000,
} as const;
const OPERATOR = { kind: 'operator', id: 'op' } as const;

/** True clipped energy per Paris day of the fixture household (its 30-minute series, rounded, clipped). */
function trueDaily(clipWh: number): Map<string, number> {
  const half = fixtureBatches(prmOf(0))[1]!;
  const days = new Map<number, number>();
  half.ts.forEach((t, i) => {
    const d = parisDayStart(t);
    days.set(d, (days.get(d) ?? 0) + half.values[i]!);
  });
  const out = new Map<string, number>();
  for (const [d, wh] of days) {
    const label = new Date(d + 3_600_000).toISOString().slice(0, 10); // Paris winter: UTC+1
    out.set(label, Math.min(clipWh, Math.max(0, Math.round(wh))));
  }
  return out;
}

/** |Z| ≤ t fails with probability < p for one draw of N_Z(0, σ²) (sub-Gaussian tail 2·exp(−t²/2σ²)). */
const bound = (sigma2: number, p: number) => Math.sqrt(2 * sigma2 * Math.log(2 / p));

test('a release publishes noisy cells above the floor, records its row, chain and spend, and the budget holds', async () => {
  // 30 homes in one commune, 2 in another: the second's cells are below the floor whatever the noise (beyond 6σ), the
  // first's above it (beyond 15σ)
  const pop = await openPopulation({ '92071': 30, '75056': 2 }, { maxEpsilon: 2, datasetBudgetRho: 2.5 });
  try {
    const r = await pop.service.release(OPERATOR, { ...QUERY, epsilon: 2 });
    const b = r.body;
    assert.equal(b.parameters.method, 'discrete Gaussian, zCDP');
    assert.equal(b.parameters.epsilon, 2);
    assert.equal(b.parameters.rho, 2);
    assert.equal(b.parameters.delta, 1e-6);
    assert.ok(Math.abs(b.parameters.impliedEpsilon - (2 + 2 * Math.sqrt(2 * Math.log(1e6)))) < 1e-4);
    assert.equal(b.parameters.floor, 10);
    assert.equal(b.parameters.clipWh, 40_000);
    assert.deepEqual(Object.keys(b.parameters.shares).sort(), ['count', 'homes', 'sum']);
    assert.ok(Math.abs(Object.values(b.parameters.shares).reduce((a, x) => a + x, 0) - 1) < 1e-6);
    assert.equal(b.result.cellsPublished, 3, 'the 3 days of the large commune');
    assert.equal(b.result.cellsSuppressed, 3, 'the 3 days of the small one');
    assert.ok(Math.abs(b.result.noisyHomes - 32) <= bound(b.parameters.sigma2.homes!, 1e-7));

    // the published file: cells of the large commune only, noisy sums within the bound, and not all exact
    const csv = Buffer.from((await pop.ledger.file(b.releaseId, 'csv'))!)
      .toString('utf8')
      .trim()
      .split('\n');
    assert.equal(csv[0], 'release_id,area,bucket,homes,sum_wh,mean_wh');
    const rows = csv.slice(1).map((l) => l.split(','));
    assert.deepEqual(
      rows.map((x) => [x[1], x[2]]),
      [
        ['92071', '2007-01-01'],
        ['92071', '2007-01-02'],
        ['92071', '2007-01-03'],
      ],
    );
    const truth = trueDaily(40_000);
    const tSum = bound(b.parameters.sigma2.sum!, 1e-7);
    const tCount = bound(b.parameters.sigma2.count!, 1e-7);
    let differ = 0;
    for (const [, , day, homes, sum, mean] of rows) {
      const trueSum = 30 * truth.get(day!)!;
      assert.ok(Math.abs(Number(homes) - 30) <= tCount, `count ${homes} within ${tCount} of 30`);
      assert.ok(Math.abs(Number(sum) - trueSum) <= tSum, `sum ${sum} within ${tSum} of ${trueSum}`);
      assert.ok(Math.abs(Number(mean) - Number(sum) / Number(homes)) < 1e-3 * Math.abs(Number(mean)) + 1e-6);
      if (Number(sum) !== trueSum) differ++;
    }
    assert.ok(differ > 0, 'noise was added');
    assert.equal(b.files.csv.sha256.length, 64);

    // the ledger row, its chain, the spend; the files moved out of staging
    assert.deepEqual(
      (await pop.service.list()).map((x) => x.body.releaseId),
      [b.releaseId],
    );
    assert.equal((await pop.service.verify()).ok, true);
    const spent = await pop.ledger.spentByHousehold(pop.households.map((h) => h.subject));
    assert.ok([...spent.values()].every((rho) => rho === 2));
    const dir = join(pop.hub.dir, 'releases');
    assert.deepEqual(readdirSync(dir).sort(), ['.staging', `${b.releaseId}.csv`, `${b.releaseId}.parquet`]);
    assert.deepEqual(readdirSync(join(dir, '.staging')), []);

    // the household's journal: one line for the publisher's read, and the release among its own
    const log = await pop.hub.access.logFor({ kind: 'household', id: 'home-0' }, prmOf(0));
    const lines = log.filter((e) => e.actorId === PUBLISHER && e.purpose === 'anonymised-statistics');
    assert.equal(lines.length, 1);
    assert.equal(lines[0]!.allowed, true);
    assert.match(lines[0]!.basis, /^consent:/);
    assert.equal(lines[0]!.step, 'P1D');
    assert.deepEqual(
      (await pop.service.of('home-0')).map((x) => x.body.releaseId),
      [b.releaseId],
    );
    assert.deepEqual(await pop.service.of('nobody'), []);

    // a second release over the data set's budget: refused, the remaining budget named, nothing written
    await assert.rejects(pop.service.release(OPERATOR, { ...QUERY, epsilon: 1.2 }), (e: Error & { code?: string }) => {
      assert.equal(e.code, 'STATS_BUDGET_EXCEEDED');
      assert.match(e.message, /stats-coop\|commune\|2007-01-01\|2007-01-04 has ρ = 0\.5 \(1\/2\) left \(of 2\.5/);
      assert.match(e.message, /largest ε still possible on it is 1$/);
      return true;
    });
    assert.equal((await pop.service.list()).length, 1);
    assert.deepEqual(readdirSync(dir).sort(), ['.staging', `${b.releaseId}.csv`, `${b.releaseId}.parquet`]);
    assert.equal(
      (await pop.hub.access.logFor({ kind: 'household', id: 'home-0' }, prmOf(0))).length,
      log.length,
      'no journal line for a refused release',
    );
  } finally {
    await pop.hub.close();
    removeDir(pop.hub.dir);
  }
});

test('refusals: a non-operator, ε out of range, an unknown publisher, area kind or bucket, a bucket finer than allowed', async () => {
  const pop = await openPopulation({ '92071': 2 });
  try {
    const refuse = (actor: { kind: string; id: string }, over: Record<string, unknown>, code: string) =>
      assert.rejects(pop.service.release(actor as never, { ...QUERY, epsilon: 1, ...over } as never), { code });
    await refuse({ kind: 'household', id: 'home-0' }, {}, 'AUTH_FORBIDDEN');
    await refuse({ kind: 'recipient', id: PUBLISHER }, {}, 'AUTH_FORBIDDEN');
    await refuse(OPERATOR, { epsilon: 0 }, 'STATS_INVALID');
    await refuse(OPERATOR, { epsilon: -1 }, 'STATS_INVALID');
    await refuse(OPERATOR, { epsilon: 2.5 }, 'STATS_INVALID');
    await refuse(OPERATOR, { publisher: 'nobody-registered' }, 'CLIENT_UNKNOWN');
    await refuse(OPERATOR, { publisher: 'conseil-energie' }, 'STATS_INVALID');
    await refuse(OPERATOR, { areaKind: 'canton' }, 'STATS_INVALID');
    await refuse(OPERATOR, { bucket: 'minute' }, 'STATS_INVALID');
    await pop.hub.clients.register(OPERATOR, {
      clientId: 'daily-only',
      name: 'Observatoire',
      legalIdentity: 'Observatoire, SIRET 000 000 000 00000',
      contact: 'dpo@daily-only.invalid',
      redirectUris: ['https://daily-only.invalid/cb'],
      role: 'research',
      purposes: ['anonymised-statistics'],
      finestStep: 'P1D',
      retentionMonths: 12,
    });
    await refuse(OPERATOR, { publisher: 'daily-only', bucket: 'hour-of-day' }, 'STATS_INVALID');
    assert.deepEqual(await pop.service.list(), []);
  } finally {
    await pop.hub.close();
    removeDir(pop.hub.dir);
  }
});

test('all or nothing: when the file step fails, no row, no spend and no file are left', async () => {
  const pop = await openPopulation({ '92071': 12 });
  try {
    for (const step of ['stage', 'publish'] as const) {
      const failing: ReleaseLedger = Object.create(pop.ledger) as ReleaseLedger;
      if (step === 'stage')
        failing.stage = async () => {
          throw Object.assign(new Error('disk full'), { code: 'STORE_WRITE_FAILED' });
        };
      else
        failing.publish = async (record) => {
          // the files were written; the move fails
          assert.ok(existsSync(join(pop.hub.dir, 'releases', '.staging', `${record.releaseId}.csv.tmp`)));
          throw Object.assign(new Error('rename failed'), { code: 'STORE_WRITE_FAILED' });
        };
      await assert.rejects(pop.serviceWith(failing).release(OPERATOR, { ...QUERY, epsilon: 1 }), /disk full|rename/);
      assert.deepEqual(await pop.ledger.list(), []);
      const spent = await pop.ledger.spentByHousehold(pop.households.map((h) => h.subject));
      assert.ok([...spent.values()].every((x) => x === 0));
      const dir = join(pop.hub.dir, 'releases');
      const files = existsSync(dir) ? readdirSync(dir).filter((f) => f !== '.staging') : [];
      assert.deepEqual(files, []);
      const staged = existsSync(join(dir, '.staging')) ? readdirSync(join(dir, '.staging')) : [];
      assert.deepEqual(staged, [], `${step}: staged files removed`);
    }
    // and the budget was not spent: a full release still passes
    const ok = await pop.service.release(OPERATOR, { ...QUERY, epsilon: 1 });
    assert.equal((await pop.service.list()).length, 1);
    assert.equal(ok.body.parameters.rho, 0.5);
  } finally {
    await pop.hub.close();
    removeDir(pop.hub.dir);
  }
});

test('a household whose own budget would be exceeded is left out of later releases', async () => {
  const pop = await openPopulation({ '92071': 12 }, { householdBudgetRho: 0.6, datasetBudgetRho: 10, maxEpsilon: 2 });
  try {
    await pop.service.release(OPERATOR, { ...QUERY, epsilon: 1 });
    const second = await pop.service.release(OPERATOR, { ...QUERY, to: '2007-01-03', epsilon: 1 });
    assert.deepEqual(await pop.ledger.spentByHousehold(['home-0']), new Map([['home-0', 0.5]]));
    assert.deepEqual(await pop.service.of('home-0'), (await pop.service.list()).slice(0, 1));
    assert.equal(second.body.result.cellsPublished, 0, 'nobody left: every cell is below the floor');
  } finally {
    await pop.hub.close();
    removeDir(pop.hub.dir);
  }
});

test('an hour-of-day profile with every statistic: 24 cells, presence shares and ordered quartiles, Parquet readable', async () => {
  // 40 homes consenting to hourly data: a cell falls under the floor only with noise beyond 6σ
  const pop = await openPopulation({ '92071': 80 }, {}, undefined, T0 + 10 * DAY, 'PT1H');
  try {
    const r = await pop.service.release(OPERATOR, {
      ...QUERY,
      bucket: 'hour-of-day',
      statistics: ['count', 'sum', 'mean', 'presence', 'quantiles'],
      clipWh: 4_000,
      epsilon: 2,
    });
    const b = r.body;
    assert.equal(b.result.cellsPublished, 24);
    assert.equal(b.parameters.maxBuckets, 24);
    assert.deepEqual(Object.keys(b.parameters.shares).sort(), ['count', 'homes', 'presence', 'quantiles', 'sum']);
    assert.equal(b.parameters.histogramEdgesWh!.length, 20);
    const csv = Buffer.from((await pop.ledger.file(b.releaseId, 'csv'))!)
      .toString('utf8')
      .trim()
      .split('\n');
    assert.equal(csv[0], 'release_id,area,bucket,homes,sum_wh,mean_wh,presence_share,q25_wh,q50_wh,q75_wh');
    const rows = csv.slice(1).map((l) => l.split(','));
    assert.deepEqual(
      rows.map((x) => x[2]),
      Array.from({ length: 24 }, (_, h) => String(h).padStart(2, '0')),
    );
    for (const x of rows) {
      const [share, q25, q50, q75] = x.slice(6).map(Number) as [number, number, number, number];
      assert.ok(share >= 0 && share <= 1, `presence share ${share}`);
      assert.ok(q25 <= q50 && q50 <= q75 && q75 <= 4_000 && q25 >= 200, `quartiles ${q25} ${q50} ${q75}`);
    }
    // the Parquet file holds the same cells
    const conn = await pop.hub.storage.db.connect();
    const path = join(pop.hub.dir, 'releases', `${b.releaseId}.parquet`).replaceAll("'", "''");
    const read = (await conn.runAndReadAll(`SELECT bucket, homes FROM read_parquet('${path}') ORDER BY bucket`))
      .getRowObjects()
      .map((x) => `${String(x.bucket)}:${String(x.homes)}`);
    assert.deepEqual(
      read,
      rows.map((x) => `${x[2]}:${x[3]}`),
    );
  } finally {
    await pop.hub.close();
    removeDir(pop.hub.dir);
  }
});
