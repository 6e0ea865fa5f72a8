// Following a ledger other hub instances append to (a real PostgreSQL server): an instance applies the rows another
// appended only after checking them, so an instance started with another signing key than the one that signed the
// rows never applies them and freezes its appends instead of building on rows it cannot verify.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { generateSigningKey } from '../src/adapters/keys/file-key-store.ts';
import { PostgresConsentRepository } from '../src/adapters/postgres/postgres-consent-repository.ts';
import { PostgresDatabase } from '../src/adapters/postgres/postgres-database.ts';
import { DAY, EventLog, P1, T0 } from '../src/consent/test-events.ts';
import { LedgerService } from '../src/use-cases/consent/ledger-service.ts';
import { startPostgres } from './postgres-server.ts';

const server = await startPostgres();
after(() => server.stop());

const OP = { kind: 'operator', id: 'op' } as const;
const occupy = (subject: string) => () => ({ type: 'occupancy-started' as const, prm: P1, subject });

test("an instance applies another's rows once it has checked them; with another key it applies none and freezes", async () => {
  const url = await server.createDatabase();
  const pools = await Promise.all([1, 2, 3].map(() => PostgresDatabase.open({ url, max: 2 })));
  try {
    const [k1, k2] = [(await generateSigningKey()).key, (await generateSigningKey()).key];
    const [a, b, stranger] = await Promise.all([
      LedgerService.open({ repo: new PostgresConsentRepository(pools[0]!), key: k1 }),
      LedgerService.open({ repo: new PostgresConsentRepository(pools[1]!), key: k1 }),
      LedgerService.open({ repo: new PostgresConsentRepository(pools[2]!), key: k2 }),
    ]);
    assert.equal(a.shared, true);
    await a.append(OP, occupy('alice'));
    await b.catchUp();
    assert.equal(b.state.occupantAt(P1, Date.now())?.subject, 'alice', 'the other instance applied the row');
    // b appends on the head a left: its state and head followed
    await b.append(OP, () => ({ type: 'moved-out', prm: P1, subject: 'alice' }));
    await a.catchUp();
    assert.equal(a.state.occupantAt(P1, Date.now()), undefined);
    assert.equal(a.state.lastSeq, 2);

    // the stranger's key did not sign these receipts: it applies nothing and takes no append
    await assert.rejects(stranger.append(OP, occupy('mallory')), { code: 'LEDGER_FROZEN' });
    assert.equal(stranger.integrity.status, 'broken');
    assert.equal(stranger.state.occupancy.size, 0, 'no row it could not verify was applied');
    assert.equal((await a.verify()).status, 'ok', 'the ledger itself is intact');
    assert.equal((await a.repo.events()).length, 2);
  } finally {
    await Promise.all(pools.map((p) => p.close()));
  }
});

test('both instances ending the same consent at once: it is ended once, the other is told it already was', async () => {
  const url = await server.createDatabase();
  const pools = await Promise.all([1, 2].map(() => PostgresDatabase.open({ url, max: 2 })));
  try {
    const key = (await generateSigningKey()).key;
    const [a, b] = (await Promise.all(
      pools.map((p) => LedgerService.open({ repo: new PostgresConsentRepository(p), key })),
    )) as [LedgerService, LedgerService];
    const src = new EventLog().occupy(T0, P1, 'alice').give(T0 + DAY, {
      id: 'c1',
      prm: P1,
      subject: 'alice',
      recipient: 'r',
      purpose: 'personalised-advice',
      step: 'P1D',
      categories: ['consumption'],
    });
    for (const e of src.events) await a.append(e.actor, () => e.body);
    const ends = await Promise.all(
      [a, b].map((l) => l.appendWhileActive(OP, 'c1', () => ({ type: 'expired' as const, consentId: 'c1' }))),
    );
    assert.equal(ends.filter((x) => x !== null).length, 1, 'one instance ended it, the other was told');
    const events = await a.repo.events();
    assert.deepEqual(
      events.map((e) => e.body.type),
      ['occupancy-started', 'given', 'expired'],
    );
    await Promise.all([a.catchUp(), b.catchUp()]);
    for (const l of [a, b]) assert.equal(l.state.consents.get('c1')?.status, 'expired');
  } finally {
    await Promise.all(pools.map((p) => p.close()));
  }
});
