// The hub on a damaged consent ledger: it starts, logs the break at error level (seq and kind), rebuilds its state
// from the events that verify, shows the break to the operator, refuses every ledger write with LEDGER_FROZEN until
// an operator acknowledges (route or CLI through the running hub), then accepts writes again.
import { spawnCli } from '../cli/test-support.ts';
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadConfig } from '../config/load.ts';
import { isCourantError } from '../core/errors.ts';
import { receiptMatchesEvent, verifyReceipt } from '../consent/receipt-jws.ts';
import { createLogger } from '../backend/logging.ts';
import { ALICE, OPERATOR, PRM_A, PRM_B, TEST_CONFIG, removeDir } from '../use-cases/consent/test-support.ts';
import { breakEventJson, flipLedgerByte, ledgerOfThree } from '../use-cases/consent/damage-support.ts';
import { createApp } from './app.ts';
import { buildHub, startHub } from './main.ts';

const courant = (args: string[]) => spawnCli(args);

const frozen = (e: unknown) => isCourantError(e) && e.code === 'LEDGER_FROZEN' && /seq 2\b/.test(e.message);

async function openHub(dir: string, lines: string[]) {
  const { config } = loadConfig({ env: {}, cwd: dir, overrides: { dataDir: dir, demo: { enabled: false } } });
  const hub = await buildHub(
    config,
    createLogger({ level: 'warn', write: (l) => lines.push(l) }),
    Date.now,
    TEST_CONFIG,
  );
  const app = await createApp(hub, { webDist: '/nonexistent' });
  const local = { authorization: `Bearer ${hub.localToken}` };
  return { hub, app, local, close: async () => (await app.close(), await hub.close()) };
}

test('the hub starts on a ledger broken at seq 2, logs it, refuses appends with LEDGER_FROZEN, and accepts them again after an operator acknowledges', async () => {
  const { dir } = await ledgerOfThree();
  try {
    await breakEventJson(dir, 2);
    const lines: string[] = [];
    const h = await openHub(dir, lines);
    try {
      assert.match(lines.join('\n'), /error .*consent ledger .*seq 2\b.*unparsable event/);
      // state from the events that verify: the occupancy (seq 1) and the control (seq 3), not the damaged consent
      assert.equal(h.hub.consent.ledger.state.currentOccupancy(PRM_A, 'alice')?.subject, 'alice');
      assert.equal(h.hub.consent.controls.mayRecord(PRM_A, 'PT1M'), false);
      assert.equal(h.hub.consent.ledger.state.consents.size, 0);

      await assert.rejects(h.hub.consent.controls.resumeFineRecording(ALICE, PRM_A), frozen);
      await assert.rejects(h.hub.consent.consents.startOccupancy(OPERATOR, { prm: PRM_B, subject: 'bob' }), frozen);
      await assert.rejects(h.hub.consent.rights.erase(ALICE, PRM_A), frozen);

      const report = await h.app.inject({ method: 'GET', url: '/api/admin/ledger/verify', headers: h.local });
      assert.equal(report.statusCode, 200, report.body);
      const r = report.json() as { status: string; firstBreak: { seq: number; kind: string } };
      assert.equal(r.status, 'broken');
      assert.deepEqual([r.firstBreak.seq, r.firstBreak.kind], [2, 'unparsable']);

      const empty = await h.app.inject({
        method: 'POST',
        url: '/api/admin/ledger/acknowledge',
        headers: h.local,
        payload: { reason: '  ' },
      });
      assert.equal(empty.statusCode, 400, empty.body);
      assert.equal((empty.json() as { error: { code: string } }).error.code, 'INPUT_INVALID');
      const ack = await h.app.inject({
        method: 'POST',
        url: '/api/admin/ledger/acknowledge',
        headers: h.local,
        payload: { reason: 'row 2 edited by hand; consent asked again' },
      });
      assert.equal(ack.statusCode, 200, ack.body);
      const a = ack.json() as {
        acknowledgement: { seq: number; by: string; reason: string; covers: { seq: number; kind: string }[] };
        receipt: string;
        report: { status: string };
      };
      assert.equal(a.acknowledgement.seq, 4);
      assert.equal(a.acknowledgement.by, 'operator local-cli');
      assert.deepEqual(
        a.acknowledgement.covers.map((c) => [c.seq, c.kind]),
        [[2, 'unparsable']],
      );
      assert.equal(a.report.status, 'acknowledged');

      const resumed = await h.hub.consent.controls.resumeFineRecording(ALICE, PRM_A);
      assert.equal(resumed.event.seq, 5);
      assert.equal(h.hub.consent.controls.mayRecord(PRM_A, 'PT1M'), true);

      const after = (
        await h.app.inject({ method: 'GET', url: '/api/admin/ledger/verify', headers: h.local })
      ).json() as { status: string; breaks: { seq: number; acknowledgedAt?: number }[] };
      assert.equal(after.status, 'acknowledged');
      assert.deepEqual(
        after.breaks.map((b) => [b.seq, b.acknowledgedAt]),
        [[2, 4]],
      );

      // the acknowledgement is in the chain, signed, and bound to its row
      const stored = (await h.hub.consent.ledger.repo.events()).find((e) => e.seq === 4)!;
      assert.equal(stored.body.type, 'ledger-acknowledged');
      const p = await verifyReceipt(a.receipt, h.hub.consent.key.publicJwk);
      assert.equal(receiptMatchesEvent(p, stored), undefined);
    } finally {
      await h.close();
    }

    // restarted: the acknowledged break is reported, not refused
    const lines2: string[] = [];
    const h2 = await openHub(dir, lines2);
    try {
      assert.doesNotMatch(lines2.join('\n'), /error /);
      assert.match(lines2.join('\n'), /warn .*seq 2\b.*acknowledged at seq 4/);
      assert.equal(
        (await h2.hub.consent.consents.startOccupancy(OPERATOR, { prm: PRM_B, subject: 'bob' })).event.seq,
        6,
      );
    } finally {
      await h2.close();
    }
  } finally {
    removeDir(dir);
  }
});

test('the hub starts on a ledger whose storage is unreadable (flipped byte): coded error in the log, writes refused, acknowledged through the local API', async () => {
  const { dir } = await ledgerOfThree();
  try {
    flipLedgerByte(dir);
    const lines: string[] = [];
    const h = await openHub(dir, lines);
    try {
      assert.match(lines.join('\n'), /error .*consent ledger LEDGER_UNREADABLE: .*seq 1–3 \(unreadable storage\)/);
      await assert.rejects(
        h.hub.consent.consents.startOccupancy(OPERATOR, { prm: PRM_B, subject: 'bob' }),
        (e) => isCourantError(e) && e.code === 'LEDGER_FROZEN',
      );
      const ack = await h.app.inject({
        method: 'POST',
        url: '/api/admin/ledger/acknowledge',
        headers: h.local,
        payload: { reason: 'disk fault' },
      });
      assert.equal(ack.statusCode, 200, ack.body);
      assert.equal(
        (await h.hub.consent.consents.startOccupancy(OPERATOR, { prm: PRM_B, subject: 'bob' })).event.seq,
        5,
      );
    } finally {
      await h.close();
    }
  } finally {
    removeDir(dir);
  }
});

test('courant ledger verify / acknowledge while the hub runs go through its local API', async () => {
  const { dir } = await ledgerOfThree();
  try {
    await breakEventJson(dir, 2);
    const running = await startHub({
      dataDir: dir,
      port: 0,
      demo: false,
      env: {},
      logLevel: 'silent',
      consent: TEST_CONFIG,
    });
    try {
      const bad = await courant(['ledger', 'verify', '--data-dir', dir]);
      assert.equal(bad.status, 1, bad.stderr);
      assert.match(bad.stderr, /^error LEDGER_BROKEN: .*seq 2\b.*unparsable event/);
      assert.doesNotMatch(bad.stderr, /\n\s+at /);
      const ack = await courant(['ledger', 'acknowledge', '--reason', 'row 2 edited by hand', '--data-dir', dir]);
      assert.equal(ack.status, 0, ack.stderr);
      assert.match(ack.stdout, /acknowledgement recorded as seq 4/);
      const ok = await courant(['ledger', 'verify', '--data-dir', dir]);
      assert.equal(ok.status, 0, ok.stderr);
      assert.match(ok.stdout, /broken at seq 2 \(unparsable event\), acknowledged at seq 4 by operator local-cli/);
      assert.equal(
        (await running.hub.consent.consents.startOccupancy(OPERATOR, { prm: PRM_B, subject: 'bob' })).event.seq,
        5,
      );
    } finally {
      await running.close();
    }
  } finally {
    removeDir(dir);
  }
});
