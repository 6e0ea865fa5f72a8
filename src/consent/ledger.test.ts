import { test } from 'node:test';
import assert from 'node:assert/strict';
import { exportJWK, generateKeyPair } from 'jose';
import { sha256Hex } from './canonical.ts';
import { chainEvent, GENESIS_HASH, verifyChain } from './ledger.ts';
import type { ChainedEvent, EventBody } from './events.ts';
import { receiptPayload, kantaraView } from './receipt.ts';
import { receiptMatchesEvent, signReceipt, verifyReceipt } from './receipt-jws.ts';
import { DAY, EventLog, P1, T0 } from './test-events.ts';
import { isCourantError } from '../core/errors.ts';

async function chainOf(bodies: EventBody[]): Promise<ChainedEvent[]> {
  const out: ChainedEvent[] = [];
  for (const [i, body] of bodies.entries())
    out.push(
      await chainEvent(
        out.at(-1) ?? null,
        { eventId: `e${i}`, at: T0 + i * DAY, actor: { kind: 'operator', id: 'op' }, body },
        sha256Hex,
      ),
    );
  return out;
}
const log = new EventLog()
  .occupy(T0, P1, 'alice')
  .give(T0 + DAY, {
    id: 'c1',
    prm: P1,
    subject: 'alice',
    recipient: 'conseil',
    purpose: 'personalised-advice',
    step: 'P1D',
  })
  .withdraw(T0 + 2 * DAY, 'c1', 'alice');
const bodies = log.events.map((e) => e.body);
const terms = log.state.consents.get('c1')!.terms;

test('a chain of events verifies, starting from the genesis hash', async () => {
  const rows = await chainOf(bodies);
  assert.equal(rows[0]!.prevHash, GENESIS_HASH);
  assert.equal(rows[1]!.prevHash, rows[0]!.hash);
  const r = await verifyChain(rows, sha256Hex);
  assert.deepEqual(r, { ok: true, count: 3, head: rows[2]!.hash });
});

test('tampering is detected at the first broken link: altered content, removed row, reordered rows, relinked row', async () => {
  const rows = await chainOf(bodies);
  const altered = rows.map((r, i) =>
    i === 1 ? { ...r, body: { ...r.body, terms: { ...terms, step: 'PT10M' as const } } } : r,
  ) as ChainedEvent[];
  assert.deepEqual(await verifyChain(altered, sha256Hex), {
    ok: false,
    count: 2,
    seq: 2,
    eventId: 'e1',
    problem: 'content does not match its hash (row altered)',
  });
  const removed = [rows[0]!, rows[2]!];
  const r2 = await verifyChain(removed, sha256Hex);
  assert.equal(r2.ok, false);
  assert.equal(!r2.ok && r2.seq, 3);
  const reordered = [rows[1]!, rows[0]!, rows[2]!];
  assert.equal((await verifyChain(reordered, sha256Hex)).ok, false);
  // an attacker who rewrites a row and its own hash still breaks the next link
  const body = { ...rows[1]!.body, terms: { ...terms, step: 'PT10M' as const } } as EventBody;
  const forged = await chainEvent(rows[0]!, { eventId: 'e1', at: rows[1]!.at, actor: rows[1]!.actor, body }, sha256Hex);
  const r4 = await verifyChain([rows[0]!, forged, rows[2]!], sha256Hex);
  assert.equal(!r4.ok && r4.seq, 3);
});

test('receipts are ISO/IEC TS 27560-shaped, signed, verifiable offline, and bound to their ledger row', async () => {
  const rows = await chainOf(bodies);
  const { privateKey, publicKey } = await generateKeyPair('EdDSA', { crv: 'Ed25519', extractable: true });
  const pub = await exportJWK(publicKey);
  const payload = receiptPayload(rows[1]!, { issuer: 'hub', terms, retentionMonths: 12 });
  assert.equal(payload.schema_version, 'ISO/IEC TS 27560:2023');
  assert.equal(payload.record_id, 'c1');
  const pur = payload.purposes![0] as Record<string, unknown>;
  assert.equal(pur.purpose, 'dpv:ProvidePersonalisedRecommendations');
  assert.equal(pur['hub:granularity'], 'P1D');
  assert.equal(pur.lawful_basis, 'eu-gdpr:A6-1-a');
  const jws = await signReceipt(payload, privateKey, 'k1');
  const back = await verifyReceipt(jws, pub);
  assert.equal(back['hub:event'].hash, rows[1]!.hash);
  assert.equal(receiptMatchesEvent(back, rows[1]!), undefined);
  assert.match(receiptMatchesEvent(back, rows[2]!) ?? '', /receipt_id/, 'replayed against another event');
  // forged: signed with another key
  const other = await generateKeyPair('EdDSA', { crv: 'Ed25519' });
  const forged = await signReceipt(payload, other.privateKey, 'k1');
  await assert.rejects(verifyReceipt(forged, pub), (e) => isCourantError(e) && e.code === 'RECEIPT_INVALID');
  // tampered payload with the original signature
  const [h, , s] = jws.split('.');
  const evil = Buffer.from(JSON.stringify({ ...payload, record_id: 'c999' })).toString('base64url');
  await assert.rejects(
    verifyReceipt(`${h}.${evil}.${s}`, pub),
    (e) => isCourantError(e) && e.code === 'RECEIPT_INVALID',
  );
});

test('a withdrawal receipt records the withdrawn state; the Kantara view carries the same consent', async () => {
  const rows = await chainOf(bodies);
  const p = receiptPayload(rows[2]!, { issuer: 'hub', terms, retentionMonths: 12 });
  assert.equal(p.event[0]!.state, 'withdrawn');
  const k = kantaraView(terms, {
    controllerName: 'Hub',
    controllerContact: 'c@x.invalid',
    policyUrl: 'https://x.invalid/p',
  });
  assert.equal(k.version, 'KI-CR-v1.1.0');
  assert.equal(k.consentReceiptID, 'c1');
  assert.equal(k.services[0]!.purposes[0]!.thirdPartyName, 'conseil');
});
