// Several hub instances on one PostgreSQL database: two pools (two "instances") append to the consent ledger and
// publish releases at the same time, interleaved. The ledger lock serialises them: an append waits for the lock held
// by the other instance, then sees the new head and is refused (never a fork); the chains verify with every event once.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import pg from 'pg';
import { sha256Hex } from '../../consent/canonical.ts';
import type { ChainedEvent } from '../../consent/events.ts';
import { chainEvent, verifyChain } from '../../consent/ledger.ts';
import { P1, T0 } from '../../consent/test-events.ts';
import { CourantError, isCourantError } from '../../core/errors.ts';
import type { ConsentRepository } from '../../ports/consent-repository.ts';
import { startPostgres } from '../../../test/postgres-server.ts';
import { DEADLINE_MS } from '../../../test/wait.ts';
import { PostgresConsentRepository } from './postgres-consent-repository.ts';
import { PostgresDatabase } from './postgres-database.ts';
import { LOCKS, LOCK_SQL } from './postgres-locks.ts';
import { PostgresReleaseLedger } from './postgres-release-ledger.ts';

const server = await startPostgres();
after(() => server.stop());

/** Two instances: each its own pool on the same database. */
async function twoInstances(): Promise<{ url: string; a: PostgresDatabase; b: PostgresDatabase }> {
  const url = await server.createDatabase();
  const [a, b] = await Promise.all([PostgresDatabase.open({ url, max: 4 }), PostgresDatabase.open({ url, max: 4 })]);
  return { url, a, b };
}

/** What a hub instance does to append: chain on the stored head; when another instance got there first, re-read. */
async function appendOne(repo: ConsentRepository, eventId: string, at: number): Promise<number> {
  for (let refused = 0; ; refused++) {
    const head = await repo.head();
    const e = await chainEvent(
      head,
      {
        eventId,
        at,
        actor: { kind: 'operator', id: 'op' },
        body: { type: 'occupancy-started', prm: P1, subject: eventId },
      },
      sha256Hex,
    );
    try {
      await repo.append(e, `jws-${eventId}`);
      return refused;
    } catch (err) {
      if (!(isCourantError(err) && err.code === 'STORE_WRITE_FAILED')) throw err;
    }
  }
}

async function poll(what: string, ok: () => Promise<boolean>): Promise<void> {
  for (const t0 = Date.now(); !(await ok());) {
    if (Date.now() - t0 > DEADLINE_MS) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

test('an append waits for the ledger lock another instance holds, then sees its row and is refused: no fork', async () => {
  const { url, a, b } = await twoInstances();
  const holder = new pg.Client({ connectionString: url });
  await holder.connect();
  try {
    const repoB = new PostgresConsentRepository(b);
    const first = await chainEvent(
      null,
      {
        eventId: 'a-1',
        at: T0,
        actor: { kind: 'operator', id: 'op' },
        body: { type: 'occupancy-started', prm: P1, subject: 'a' },
      },
      sha256Hex,
    );
    const rival = await chainEvent(
      null,
      {
        eventId: 'b-1',
        at: T0,
        actor: { kind: 'operator', id: 'op' },
        body: { type: 'occupancy-started', prm: P1, subject: 'b' },
      },
      sha256Hex,
    );
    // instance A is inside its append: lock taken, head read (empty), row not yet committed
    await holder.query('BEGIN');
    await holder.query(LOCK_SQL, [LOCKS.consentLedger]);
    // instance B appends its own seq 1, chained on the same (empty) head
    const pending = repoB.append(rival, null).then(
      () => 'stored',
      (e: unknown) => (isCourantError(e) ? e.code : String(e)),
    );
    await poll('instance B to wait on the advisory lock', async () => {
      const r = await a.query<{ n: number }>(
        "SELECT count(*) AS n FROM pg_locks WHERE locktype = 'advisory' AND NOT granted AND objid = $1",
        [LOCKS.consentLedger],
      );
      return r.rows[0]!.n === 1;
    });
    await holder.query(
      `INSERT INTO consent_ledger (seq, event_id, at_ms, actor_kind, actor_id, type, prm, consent_id, body, prev_hash, hash, receipt)
       VALUES ($1, $2, $3, 'operator', 'op', 'occupancy-started', $4, NULL, $5, $6, $7, NULL)`,
      [first.seq, first.eventId, first.at, P1, JSON.stringify(first.body), first.prevHash, first.hash],
    );
    await holder.query('COMMIT');
    assert.equal(await pending, 'STORE_WRITE_FAILED', "B saw A's row once the lock was free and wrote nothing");
    const rows = await repoB.events();
    assert.deepEqual(
      rows.map((r) => r.eventId),
      ['a-1'],
    );
  } finally {
    await holder.end();
    await Promise.all([a.close(), b.close()]);
  }
});

test('two instances appending interleaved events: one chain, every event once, no fork, it verifies', async () => {
  const { a, b } = await twoInstances();
  try {
    const repos = [new PostgresConsentRepository(a), new PostgresConsentRepository(b)];
    const PER_WRITER = 15;
    const WRITERS_PER_INSTANCE = 3;
    const writers = repos.flatMap((repo, i) =>
      Array.from({ length: WRITERS_PER_INSTANCE }, async (_, w) => {
        let refused = 0;
        for (let k = 0; k < PER_WRITER; k++) refused += await appendOne(repo, `i${i}-w${w}-${k}`, T0 + k);
        return refused;
      }),
    );
    const refusals = (await Promise.all(writers)).reduce((s, n) => s + n, 0);
    const total = 2 * WRITERS_PER_INSTANCE * PER_WRITER;
    for (const repo of repos) {
      const events: ChainedEvent[] = await repo.events();
      assert.equal(events.length, total);
      assert.deepEqual(
        events.map((e) => e.seq),
        events.map((_, i) => i + 1),
      );
      assert.equal(new Set(events.map((e) => e.eventId)).size, total, 'every event once');
      assert.equal(new Set(events.map((e) => e.prevHash)).size, total, 'no two rows on the same predecessor: no fork');
      assert.deepEqual(await verifyChain(events, sha256Hex), { ok: true, count: total, head: events.at(-1)!.hash });
    }
    // the proof's figures, for the report
    console.log(
      `consent ledger: ${total} appends from 2 instances × ${WRITERS_PER_INSTANCE} writers, ${refusals} refused and re-chained`,
    );
  } finally {
    await Promise.all([a.close(), b.close()]);
  }
});

test('two instances publishing releases at once: one chain in seq order, each release and its files once', async () => {
  const { a, b } = await twoInstances();
  try {
    const ledgers = [new PostgresReleaseLedger(a), new PostgresReleaseLedger(b)];
    const table = {
      columns: [
        { name: 'area', type: 'VARCHAR' as const },
        { name: 'homes', type: 'BIGINT' as const },
      ],
      rows: [['92071', 12]],
    };
    const ids = ledgers.flatMap((_, i) => Array.from({ length: 6 }, (_, k) => `rel-i${i}-${k}`));
    await Promise.all(ids.map((id) => ledgers[Number(id[5])]!.stage(id, table)));
    await Promise.all(
      ids.map((id) =>
        ledgers[Number(id[5])]!.publish(
          {
            releaseId: id,
            at: T0,
            publisher: 'stats-coop',
            dataset: `ds-${id}`,
            rho: 0.1,
            body: { id },
          },
          [{ subject: `h-${id}`, rho: 0.1 }],
        ),
      ),
    );
    for (const ledger of ledgers) {
      const all = await ledger.list();
      assert.deepEqual(
        all.map((r) => r.seq),
        ids.map((_, i) => i + 1),
      );
      assert.deepEqual(all.map((r) => r.releaseId).sort(), [...ids].sort());
      assert.equal((await ledger.verify()).ok, true);
      for (const id of ids) assert.notEqual(await ledger.file(id, 'parquet'), null, `${id} served by either instance`);
    }
  } finally {
    await Promise.all([a.close(), b.close()]);
  }
});

test('two instances publishing on one data set at once: the budget checked under the lock lets one through', async () => {
  const { a, b } = await twoInstances();
  try {
    const ledgers = [new PostgresReleaseLedger(a), new PostgresReleaseLedger(b)];
    const table = { columns: [{ name: 'homes', type: 'BIGINT' as const }], rows: [[12]] };
    const ids = ['rel-budget-a', 'rel-budget-b'];
    await Promise.all(ids.map((id, i) => ledgers[i]!.stage(id, table)));
    // a data set budget of ρ = 1: each release asks 0.75, so only the first in the ledger's order fits
    const results = await Promise.allSettled(
      ids.map((id, i) =>
        ledgers[i]!.publish(
          { releaseId: id, at: T0, publisher: 'stats-coop', dataset: 'ds-budget', rho: 0.75, body: { id } },
          [{ subject: 'h-budget', rho: 0.75 }],
          (r) => {
            if (r.dataset + 0.75 > 1) throw new CourantError('STATS_BUDGET_EXCEEDED', 'over');
          },
        ),
      ),
    );
    assert.equal(results.filter((r) => r.status === 'fulfilled').length, 1, 'one release published');
    const refused = results.find((r) => r.status === 'rejected') as PromiseRejectedResult;
    assert.equal((refused.reason as { code?: string }).code, 'STATS_BUDGET_EXCEEDED');
    for (const ledger of ledgers) {
      assert.equal(await ledger.spentOnDataset('ds-budget'), 0.75, 'the budget is never overspent');
      assert.equal((await ledger.list()).filter((r) => r.dataset === 'ds-budget').length, 1);
    }
  } finally {
    await Promise.all([a.close(), b.close()]);
  }
});
