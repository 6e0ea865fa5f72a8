// `courant ledger verify` and `courant ledger acknowledge` (hub stopped) on a damaged ledger: a one-character edit that
// breaks an event's JSON and a flipped byte in the database file are named (first bad seq, kind, catalogue code),
// without a stack; an acknowledgement is appended to the chain, verifies, and lets the chain continue.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { runCli } from '../test-support.ts';
import { DuckDbDatabase } from '../../adapters/duckdb/duckdb-database.ts';
import { DATABASE_FILE } from '../../backend/open-storage.ts';
import { readPublicJwk } from '../../adapters/keys/file-key-store.ts';
import { receiptMatchesEvent, verifyReceipt } from '../../consent/receipt-jws.ts';
import { OPERATOR, PRM_B, openTestHub, removeDir } from '../../use-cases/consent/test-support.ts';
import { breakEventJson, flipLedgerByte, ledgerOfThree, runSql } from '../../use-cases/consent/damage-support.ts';

const run = (argv: string[]) => runCli(argv);

const noStack = (err: string) => {
  assert.doesNotMatch(err, /SyntaxError|\n\s+at /, `no stack: ${err}`);
  assert.match(err, /^error [A-Z_]+: /, `a catalogue code: ${err}`);
};

async function ledgerRows(dir: string) {
  const db = await DuckDbDatabase.open({ path: join(dir, DATABASE_FILE) });
  try {
    const r = await (
      await db.connect()
    ).runAndReadAll(
      'SELECT seq, type, body, receipt, prev_hash, hash, event_id, at_ms, actor_kind, actor_id FROM consent_ledger ORDER BY seq',
    );
    return r.getRowObjects().map((x) => ({ ...x, seq: Number(x.seq) })) as {
      seq: number;
      type: string;
      body: string;
      receipt: string;
      prev_hash: string;
      hash: string;
      event_id: string;
      at_ms: bigint;
      actor_kind: string;
      actor_id: string;
    }[];
  } finally {
    await db.close();
  }
}

test("a one-character edit that breaks an event's JSON: verify names seq 2 and the kind, exits 1 without a stack; acknowledge appends a verifiable event after it", async () => {
  const { dir } = await ledgerOfThree();
  try {
    await breakEventJson(dir, 2);
    const bad = await run(['ledger', 'verify', '--data-dir', dir]);
    assert.equal(bad.code, 1, bad.err);
    noStack(bad.err);
    assert.match(bad.err, /^error LEDGER_BROKEN: .*seq 2\b.*unparsable event/);

    const noReason = await run(['ledger', 'acknowledge', '--data-dir', dir]);
    assert.equal(noReason.code, 2, noReason.err);
    const ack = await run([
      'ledger',
      'acknowledge',
      '--reason',
      'row 2 edited by hand during a migration; consent asked again',
      '--data-dir',
      dir,
    ]);
    assert.equal(ack.code, 0, ack.err);
    assert.match(ack.out, /acknowledged: seq 2 \(unparsable event\)/);
    assert.match(ack.out, /acknowledgement recorded as seq 4/);

    const after = await run(['ledger', 'verify', '--data-dir', dir]);
    assert.equal(after.code, 0, after.err);
    assert.match(after.out, /ledger: 4 event\(s\)/);
    assert.match(
      after.out,
      /broken at seq 2 \(unparsable event\), acknowledged at seq 4 by operator local-cli on \d{4}-\d\d-\d\dT[\d:.]+Z: row 2 edited by hand/,
    );
    assert.match(after.out, /chain: ok apart from acknowledged damage, head [0-9a-f]{64}/);

    // the acknowledgement is itself a chained, signed event, bound to the damaged row before it
    const rows = await ledgerRows(dir);
    const a = rows.find((r) => r.seq === 4)!;
    assert.equal(a.type, 'ledger-acknowledged');
    assert.equal(a.prev_hash, rows.find((r) => r.seq === 3)!.hash);
    const body = JSON.parse(a.body) as { covers: { seq: number; kind: string }[]; reason: string };
    assert.deepEqual(
      body.covers.map((c) => [c.seq, c.kind]),
      [[2, 'unparsable']],
    );
    const p = await verifyReceipt(a.receipt, await readPublicJwk(dir));
    assert.equal(p['hub:event'].type, 'ledger-acknowledged');
    assert.equal(p['hub:event'].hash, a.hash);

    const again = await run(['ledger', 'acknowledge', '--reason', 'twice', '--data-dir', dir]);
    assert.equal(again.code, 1);
    assert.match(again.err, /^error INPUT_INVALID: .*nothing to acknowledge/);

    // the chain continues after the acknowledgement
    const hub = await openTestHub({ dir });
    const next = await hub.consents.startOccupancy(OPERATOR, { prm: PRM_B, subject: 'bob' });
    await hub.close();
    assert.equal(next.event.seq, 5);
    assert.equal((await run(['ledger', 'verify', '--data-dir', dir])).code, 0);

    // an altered acknowledgement no longer counts: the break it covered is open again, and it is damaged itself
    await runSql(dir, `UPDATE consent_ledger SET body = replace(body, 'migration', 'migraine') WHERE seq = 4`);
    const tampered = await run(['ledger', 'verify', '--data-dir', dir]);
    assert.equal(tampered.code, 1);
    assert.match(tampered.err, /^error LEDGER_BROKEN: .*seq 2\b.*unparsable event/);
    assert.match(tampered.out, /damaged: seq 4 \(hash mismatch\)/);
  } finally {
    removeDir(dir);
  }
});

test("a flipped byte in the ledger's storage: verify answers LEDGER_UNREADABLE naming the first unreadable seq, without a stack; acknowledge sets the damaged table aside and the chain continues", async () => {
  const { dir } = await ledgerOfThree();
  try {
    flipLedgerByte(dir);
    const bad = await run(['ledger', 'verify', '--data-dir', dir]);
    assert.equal(bad.code, 1, bad.err);
    noStack(bad.err);
    assert.match(bad.err, /^error LEDGER_UNREADABLE: .*seq 1\b.*unreadable/);
    assert.doesNotMatch(bad.err, /^error: /m);

    const ack = await run([
      'ledger',
      'acknowledge',
      '--reason',
      'disk fault; database copied from the damaged disk',
      '--data-dir',
      dir,
    ]);
    assert.equal(ack.code, 0, ack.err);
    assert.match(ack.out, /acknowledged: seq 1–3 \(unreadable storage\)/);
    assert.match(ack.out, /damaged rows kept in table consent_ledger_damaged_4/);
    assert.match(ack.out, /acknowledgement recorded as seq 4/);

    const after = await run(['ledger', 'verify', '--data-dir', dir]);
    assert.equal(after.code, 0, after.err);
    assert.match(
      after.out,
      /broken at seq 1–3 \(unreadable storage; rows set aside in table consent_ledger_damaged_4\), acknowledged at seq 4 by operator local-cli/,
    );

    const hub = await openTestHub({ dir });
    const next = await hub.consents.startOccupancy(OPERATOR, { prm: PRM_B, subject: 'bob' });
    await hub.close();
    assert.equal(next.event.seq, 5);
    const ok = await run(['ledger', 'verify', '--data-dir', dir]);
    assert.equal(ok.code, 0, ok.err);
    const rows = await ledgerRows(dir);
    assert.deepEqual(
      rows.map((r) => [r.seq, r.type]),
      [
        [4, 'ledger-acknowledged'],
        [5, 'occupancy-started'],
      ],
    );
    const jwk = await readPublicJwk(dir);
    for (const r of rows) {
      const p = await verifyReceipt(r.receipt, jwk);
      const e = {
        seq: r.seq,
        eventId: r.event_id,
        at: Number(r.at_ms),
        actor: { kind: r.actor_kind as 'operator', id: r.actor_id },
        body: JSON.parse(r.body) as never,
        prevHash: r.prev_hash,
        hash: r.hash,
      };
      assert.equal(receiptMatchesEvent(p, e), undefined);
    }
  } finally {
    removeDir(dir);
  }
});
