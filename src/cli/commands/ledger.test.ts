// `courant ledger verify` and `courant register` against a real data dir written by the consent services.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { writeFileSync } from 'node:fs';
import { runCli } from '../test-support.ts';
import { DuckDbDatabase } from '../../adapters/duckdb/duckdb-database.ts';
import { DATABASE_FILE } from '../../backend/open-storage.ts';
import {
  ALICE,
  DAY,
  OPERATOR,
  PRM_A,
  T0,
  giveVia,
  openTestHub,
  removeDir,
} from '../../use-cases/consent/test-support.ts';

const run = (argv: string[]) => runCli(argv);

test('courant ledger verify: passes on an intact ledger, names the first broken link after tampering; courant register prints the register', async () => {
  const hub = await openTestHub({ start: T0 });
  const dir = hub.dir;
  try {
    await hub.consents.startOccupancy(OPERATOR, { prm: PRM_A, subject: 'alice' });
    hub.clock.t = T0 + DAY;
    await giveVia(hub, ALICE, {
      prm: PRM_A,
      recipient: 'conseil-energie',
      purpose: 'personalised-advice',
      step: 'P1D',
    });
    const last = await hub.controls.stopFineRecording(ALICE, PRM_A);
    await hub.close();
    const receiptFile = join(dir, 'last-receipt.jws');
    writeFileSync(receiptFile, last.receipt);

    const ok = await run(['ledger', 'verify', '--data-dir', dir]);
    assert.equal(ok.code, 0, ok.err);
    assert.match(ok.out, /ledger: 3 event\(s\)\nchain: ok, head [0-9a-f]{64}\nreceipts: 3 signature\(s\) verified/);

    const reg = await run(['register', '--data-dir', dir]);
    assert.equal(reg.code, 0, reg.err);
    assert.match(reg.out, /^# Registre des activités de traitement/);
    assert.match(reg.out, /Foyers occupant un point de livraison \(PRM\) enregistré : 1/);
    assert.match(reg.out, /Données fines .*12 mois glissants/);

    const withReceipt = await run(['ledger', 'verify', '--receipt', receiptFile, '--data-dir', dir]);
    assert.equal(withReceipt.code, 0, withReceipt.err);
    assert.match(withReceipt.out, /household receipts: 1 found in the ledger/);

    const db = await DuckDbDatabase.open({ path: join(dir, DATABASE_FILE) });
    const c = await db.connect();
    // a truncated tail still chains; only a household's receipt reveals it
    await c.run('DELETE FROM consent_ledger WHERE seq = 3');
    await db.close();
    const truncated = await run(['ledger', 'verify', '--data-dir', dir]);
    assert.equal(truncated.code, 0);
    const caught = await run(['ledger', 'verify', '--receipt', receiptFile, '--data-dir', dir]);
    assert.equal(caught.code, 1);
    assert.match(
      caught.err,
      /error LEDGER_BROKEN: a household receipt does not match the ledger .*\(seq 3\) is missing/,
    );

    const db2 = await DuckDbDatabase.open({ path: join(dir, DATABASE_FILE) });
    const c2 = await db2.connect();
    await c2.run(`UPDATE consent_ledger SET body = replace(body, '"P1D"', '"PT10M"') WHERE seq = 2`);
    await db2.close();
    const bad = await run(['ledger', 'verify', '--data-dir', dir]);
    assert.equal(bad.code, 1);
    assert.match(bad.err, /error LEDGER_BROKEN: first broken link at seq 2 .*row altered/);

    const usage = await run(['ledger', 'check', '--data-dir', dir]);
    assert.equal(usage.code, 2);
  } finally {
    removeDir(dir);
  }
});
