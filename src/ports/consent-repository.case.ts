/**
 * The ConsentRepository conformance suite: what every storage adapter of consent and rights data must do, run against
 * a real database. Adapters call `consentRepositoryConformance(name, open)` from their own *.test.ts; `open` gives a
 * fresh, empty database per case, and `reopen` a new repository on the same database (what survives a restart).
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { sha256Hex } from '../consent/canonical.ts';
import type { ChainedEvent } from '../consent/events.ts';
import { chainEvent, verifyChain } from '../consent/ledger.ts';
import { DAY, EventLog, P1, P2, T0 } from '../consent/test-events.ts';
import { isCourantError } from '../core/errors.ts';
import type { ConsentRepository } from './consent-repository.ts';

export type OpenConsentRepository = () => Promise<{
  repo: ConsentRepository;
  /** Close the current repository's storage and open a new repository on the same database. */
  reopen(): Promise<ConsentRepository>;
  close(): Promise<void>;
}>;

const legal = {
  requestId: 'l1',
  reference: 'PV 2026/1',
  authorityId: 'tj-paris',
  authorityType: 'judicial',
  legalBasis: 'CPP art. 60-1',
  prms: [P1],
  rangeFrom: T0,
  rangeTo: T0 + DAY,
  secret: false,
  receivedAt: T0,
  outcome: 'pending',
} as const;

/** Two chained events (occupancy, consent) as a hub would append them. */
async function chained(): Promise<ChainedEvent[]> {
  const src = new EventLog().occupy(T0, P1, 'alice').give(T0 + DAY, {
    id: 'c1',
    prm: P1,
    subject: 'alice',
    recipient: 'r',
    purpose: 'personalised-advice',
    step: 'PT30M',
    categories: ['consumption', 'max-power'],
  });
  const rows: ChainedEvent[] = [];
  for (const e of src.events) rows.push(await chainEvent(rows.at(-1) ?? null, e, sha256Hex));
  return rows;
}

export function consentRepositoryConformance(name: string, open: OpenConsentRepository): void {
  describe(`ConsentRepository conformance: ${name}`, () => {
    test('ledger append/read round-trip, seq guard, receipts, access log, legal requests, deletions; survives reopen', async () => {
      const store = await open();
      try {
        let repo = store.repo;
        await repo.init();
        await repo.init(); // idempotent
        assert.equal(await repo.head(), null);
        const rows = await chained();
        for (const r of rows) await repo.append(r, `jws-${r.seq}`);
        // a second writer that did not see the head cannot fork the chain
        await assert.rejects(
          repo.append(rows[0]!, null),
          (e) => isCourantError(e) && e.code === 'STORE_WRITE_FAILED' && (e.details as { head?: unknown }).head === 2,
        );
        assert.deepEqual(await repo.head(), { seq: 2, hash: rows[1]!.hash });
        // catching up: the rows after a seq, as stored, in order
        assert.deepEqual(
          (await repo.rowsAfter(0)).map((r) => [r.seq, r.eventId, r.hash, r.receipt]),
          rows.map((r) => [r.seq, r.eventId, r.hash, `jws-${r.seq}`]),
        );
        assert.deepEqual(
          (await repo.rowsAfter(1)).map((r) => r.seq),
          [2],
        );
        assert.deepEqual(await repo.rowsAfter(2), []);
        assert.equal(typeof repo.sharedByInstances, 'boolean');
        assert.equal(await repo.receipt(rows[1]!.eventId), 'jws-2');
        await repo.logAccess([
          {
            entryId: 'a1',
            at: T0 + 2 * DAY,
            actorKind: 'recipient',
            actorId: 'r',
            prm: P1,
            rangeFrom: T0,
            rangeTo: T0 + DAY,
            step: 'P1D',
            purpose: 'personalised-advice',
            category: 'consumption',
            allowed: true,
            basis: 'consent:c1',
          },
          {
            entryId: 'a2',
            at: T0 + 3 * DAY,
            actorKind: 'operator',
            actorId: 'op',
            prm: P2,
            rangeFrom: T0,
            rangeTo: T0 + DAY,
            step: 'PT30M',
            purpose: 'service-provision',
            category: 'consumption',
            allowed: false,
            basis: 'denied:no-consent',
          },
        ]);
        await repo.saveLegalRequest(legal);
        await repo.saveLegalRequest({
          ...legal,
          outcome: 'accepted',
          decidedAt: T0 + 1,
          validUntil: T0 + 2,
          decidedBy: 'op',
        });
        await repo.addDeletion({
          recordId: 'd1',
          at: T0,
          prm: P1,
          reason: 'retention',
          what: 'finer than P1D',
          rangeFrom: null,
          rangeTo: T0,
          deleted: 42,
          actorId: 'system',
        });

        repo = await store.reopen();
        await repo.init();
        const back = await repo.events();
        assert.deepEqual(back, JSON.parse(JSON.stringify(rows)), 'undefined fields are dropped, nothing else changes');
        assert.equal((await verifyChain(back, sha256Hex)).ok, true);
        assert.deepEqual([...(await repo.receipts()).values()], ['jws-1', 'jws-2']);
        assert.deepEqual(
          (await repo.accessLog(P1)).map((a) => [a.entryId, a.allowed, a.basis]),
          [['a1', true, 'consent:c1']],
        );
        assert.equal((await repo.accessLog(P1, T0 + 3 * DAY)).length, 0);
        const lr = await repo.legalRequests();
        assert.equal(lr.length, 1);
        assert.equal(lr[0]!.outcome, 'accepted');
        assert.deepEqual(lr[0]!.prms, [P1]);
        assert.equal(lr[0]!.validUntil, T0 + 2);
        assert.deepEqual(
          (await repo.deletions(P1)).map((d) => [d.recordId, d.deleted, d.rangeFrom]),
          [['d1', 42, null]],
        );
        assert.equal((await repo.deletions(P2)).length, 0);
      } finally {
        await store.close();
      }
    });

    test('a large journal batch is stored whole, field for field; a duplicate line refuses the whole batch', async () => {
      const store = await open();
      try {
        const repo = store.repo;
        const entries = Array.from({ length: 1500 }, (_, i) => ({
          entryId: `e${i}`,
          at: T0 + i, // all after 2^32 ms: BIGINT, not INTEGER
          actorKind: i % 3 ? 'recipient' : 'operator',
          actorId: i % 7 ? "conseil-énergie l'« ami »" : 'op',
          prm: i % 2 ? P1 : P2,
          rangeFrom: T0 - (i + 1) * DAY,
          rangeTo: T0 - i * DAY,
          step: i % 2 ? 'PT30M' : 'P1D',
          purpose: 'personalised-advice',
          category: i % 5 ? 'consumption' : 'max-power',
          allowed: i % 4 !== 0,
          basis: i % 4 ? `consent:c${i}` : 'denied:no-consent',
        }));
        await repo.logAccess(entries);
        const back = [...(await repo.accessLog(P1)), ...(await repo.accessLog(P2))].sort((a, b) => a.at - b.at);
        assert.deepEqual(back, entries);
        await assert.rejects(
          repo.logAccess([{ ...entries[0]!, entryId: 'new-1' }, entries[1]!]),
          (e) => isCourantError(e) && e.code === 'STORE_WRITE_FAILED',
        );
        assert.equal((await repo.accessLog(P1)).length + (await repo.accessLog(P2)).length, 1500, 'nothing stored');
      } finally {
        await store.close();
      }
    });

    test('setting the ledger aside keeps the rows given, as stored, then the acknowledgement; the chain goes on', async () => {
      const store = await open();
      try {
        const repo = store.repo;
        const rows = await chained();
        for (const r of rows) await repo.append(r, `jws-${r.seq}`);
        const kept = (await repo.readLedger()).rows;
        assert.deepEqual(
          kept.map((r) => [r.seq, r.type, r.receipt]),
          [
            [1, 'occupancy-started', 'jws-1'],
            [2, 'given', 'jws-2'],
          ],
        );
        // the acknowledgement follows the first row: the second is the one set aside as damaged
        const ack = await chainEvent(
          rows[0]!,
          { eventId: 'ack', at: T0 + 2 * DAY, actor: { kind: 'operator', id: 'op' }, body: rows[1]!.body },
          sha256Hex,
        );
        await assert.rejects(repo.setAside('not a table name', kept, ack, 'jws-ack'), { code: 'INPUT_INVALID' });
        await repo.setAside('consent_ledger_damaged_2', kept.slice(0, 1), ack, 'jws-ack');
        const again = await store.reopen();
        assert.deepEqual(
          (await again.readLedger()).rows.map((r) => [r.seq, r.eventId, r.receipt]),
          [
            [1, rows[0]!.eventId, 'jws-1'],
            [2, 'ack', 'jws-ack'],
          ],
        );
        const next = await chainEvent(
          ack,
          { eventId: 'next', at: T0 + 3 * DAY, actor: { kind: 'operator', id: 'op' }, body: rows[1]!.body },
          sha256Hex,
        );
        await again.append(next, null);
        assert.equal((await verifyChain(await again.events(), sha256Hex)).ok, true);
      } finally {
        await store.close();
      }
    });
  });
}
