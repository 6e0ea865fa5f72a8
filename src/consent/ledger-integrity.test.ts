// Row-by-row ledger verification on plain rows (no storage, no signing): what is damaged, what still verifies, and
// which acknowledgements cover which damage.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { canonicalJson, sha256Hex } from './canonical.ts';
import { chainEvent } from './ledger.ts';
import { inspectLedger, type StoredRow } from './ledger-integrity.ts';
import type { AcknowledgedDamage, ChainedEvent, EventBody } from './events.ts';
import { P1, T0 } from './test-events.ts';

const OP = { kind: 'operator' as const, id: 'op' };
const occupancy = (i: number): EventBody => ({ type: 'occupancy-started', prm: P1, subject: `h${i}` });
const ack = (covers: AcknowledgedDamage[]): EventBody => ({ type: 'ledger-acknowledged', covers, reason: 'test' });

/** Chain bodies as the service would, seq after seq, and give them back as stored rows. */
async function rowsOf(bodies: EventBody[], start: { seq: number; hash: string } | null = null): Promise<StoredRow[]> {
  const out: ChainedEvent[] = [];
  for (const body of bodies)
    out.push(
      await chainEvent(
        out.at(-1) ?? start,
        { eventId: `e${(out.at(-1)?.seq ?? start?.seq ?? 0) + 1}`, at: T0, actor: OP, body },
        sha256Hex,
      ),
    );
  return out.map((e) => ({
    seq: e.seq,
    eventId: e.eventId,
    at: e.at,
    actor: e.actor,
    type: e.body.type,
    prm: null,
    consentId: null,
    body: canonicalJson(e.body),
    prevHash: e.prevHash,
    hash: e.hash,
    receipt: null,
  }));
}
const inspect = (rows: StoredRow[]) => inspectLedger({ rows, unreadable: [] }, { hash: sha256Hex });
const kinds = (r: Awaited<ReturnType<typeof inspect>>) =>
  r.report.breaks.map((b) => [b.seq, b.through ?? b.seq, b.kind, b.acknowledgedAt ?? null]);

test('an altered hash field damages its own row only: the next row links to the hash its content gives', async () => {
  const rows = await rowsOf([occupancy(1), occupancy(2), occupancy(3)]);
  rows[1] = { ...rows[1]!, hash: 'f'.repeat(64) };
  const r = await inspect(rows);
  assert.deepEqual(kinds(r), [[2, 2, 'hash-mismatch', null]]);
  assert.deepEqual(
    r.verified.map((e) => e.seq),
    [1, 3],
  );
  assert.equal(r.report.firstBreak?.code, 'LEDGER_BROKEN');
});

test('removed rows are one missing range; the row after the gap still verifies; an acknowledgement covers exactly what it names', async () => {
  const rows = await rowsOf([occupancy(1), occupancy(2), occupancy(3), occupancy(4), occupancy(5)]);
  const gapped = [rows[0]!, rows[3]!, rows[4]!];
  const r = await inspect(gapped);
  assert.deepEqual(kinds(r), [[2, 3, 'missing', null]]);
  assert.deepEqual(
    r.verified.map((e) => e.seq),
    [1, 4, 5],
  );
  const withAck = [
    ...gapped,
    ...(await rowsOf([ack([{ seq: 2, through: 3, kind: 'missing' }])], { seq: 5, hash: rows[4]!.hash })),
  ];
  const a = await inspect(withAck);
  assert.equal(a.report.status, 'acknowledged');
  assert.deepEqual(kinds(a), [[2, 3, 'missing', 6]]);
  // one more row removed inside the acknowledged stretch's neighbourhood: the wider gap is not covered
  const wider = await inspect(withAck.filter((x) => x.seq !== 4));
  assert.equal(wider.report.status, 'broken');
  assert.deepEqual(kinds(wider), [[2, 4, 'missing', null]]);
});

test('a gap made of ranges acknowledged separately (set aside as unreadable, then missing) stays covered', async () => {
  const rows = await rowsOf([occupancy(1), occupancy(2), occupancy(3), occupancy(4)]);
  const tail = await rowsOf(
    [
      ack([
        { seq: 2, kind: 'unparsable' },
        { seq: 3, through: 4, kind: 'unreadable' },
      ]),
    ],
    { seq: 4, hash: rows[3]!.hash },
  );
  const r = await inspect([rows[0]!, ...tail]);
  assert.deepEqual(kinds(r), [[2, 4, 'missing', 5]]);
  assert.equal(r.report.status, 'acknowledged');
  assert.equal(r.report.acknowledgements[0]?.by, 'operator op');
});

test('unparsable rows and unreadable ranges are named; damage before an acknowledgement it does not name stays open', async () => {
  const rows = await rowsOf([occupancy(1), occupancy(2), occupancy(3)]);
  rows[0] = { ...rows[0]!, body: rows[0]!.body.slice(1) };
  const r = await inspectLedger(
    { rows: [rows[0]!, rows[1]!], unreadable: [{ from: 3, to: 3, detail: 'IO Error: Corrupt database file' }] },
    { hash: sha256Hex },
  );
  assert.deepEqual(kinds(r), [
    [1, 1, 'unparsable', null],
    [3, 3, 'unreadable', null],
  ]);
  assert.equal(r.report.lastSeq, 3);
  const acked = await rowsOf([ack([{ seq: 1, kind: 'unparsable' }])], { seq: 3, hash: rows[2]!.hash });
  const r2 = await inspect([rows[0]!, rows[1]!, rows[2]!, ...acked]);
  assert.equal(r2.report.status, 'acknowledged');
  rows[1] = { ...rows[1]!, body: rows[1]!.body.replace('h2', 'h9') };
  const r3 = await inspect([rows[0]!, rows[1]!, rows[2]!, ...acked]);
  assert.deepEqual(kinds(r3), [
    [1, 1, 'unparsable', 4],
    [2, 2, 'hash-mismatch', null],
  ]);
  assert.equal(r3.report.firstBreak?.seq, 2);
});
