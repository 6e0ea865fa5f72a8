/**
 * @module use-cases/consent/damage-support
 * Test helpers that damage a real consent ledger the ways a file can be damaged: a one-character edit that breaks an
 * event's JSON (through DuckDB, as a careless manual fix would), and a flipped byte in the file (as a disk would).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DuckDbDatabase } from '../../adapters/duckdb/duckdb-database.ts';
import { DATABASE_FILE } from '../../backend/open-storage.ts';
import { ALICE, DAY, OPERATOR, PRM_A, T0, giveVia, openTestHub } from './test-support.ts';

/**
 * A data dir whose ledger holds three events written by the real services: alice moves in (seq 1), gives a consent
 * (seq 2), stops fine recording (seq 3). The hub is closed (the file checkpointed) when this returns.
 */
export async function ledgerOfThree(): Promise<{ dir: string; consentId: string }> {
  const hub = await openTestHub({ start: T0 });
  await hub.consents.startOccupancy(OPERATOR, { prm: PRM_A, subject: 'alice' });
  hub.clock.t = T0 + DAY;
  const given = await giveVia(hub, ALICE, {
    prm: PRM_A,
    recipient: 'conseil-energie',
    purpose: 'personalised-advice',
    step: 'P1D',
  });
  await hub.controls.stopFineRecording(ALICE, PRM_A);
  await hub.close();
  const consentId = given.event.body.type === 'given' ? given.event.body.terms.consentId : '';
  return { dir: hub.dir, consentId };
}

/** Run SQL on the data dir's database while nothing else holds it. */
export async function runSql(dir: string, sql: string): Promise<void> {
  const db = await DuckDbDatabase.open({ path: join(dir, DATABASE_FILE) });
  try {
    await (await db.connect()).run(sql);
  } finally {
    await db.close();
  }
}

/** One character removed from the stored JSON of event `seq` (its opening brace): the body no longer parses. */
export function breakEventJson(dir: string, seq: number): Promise<void> {
  return runSql(dir, `UPDATE consent_ledger SET body = substr(body, 2) WHERE seq = ${seq}`);
}

/** Flip one bit of the ledger's data in the database file (inside the block holding the events' JSON). */
export function flipLedgerByte(dir: string, marker = 'stop-fine-recording'): void {
  const path = join(dir, DATABASE_FILE);
  const bytes = readFileSync(path);
  const at = bytes.indexOf(marker);
  if (at < 0) throw new Error(`${marker} not found in ${path}: the ledger data is not stored as plain text here`);
  bytes[at] = bytes[at]! ^ 0x20;
  writeFileSync(path, bytes);
}
