/**
 * @module use-cases/consent/receipt-check
 * A household's receipts against the ledger: each receipt's signature is verified, then the event it names must still
 * be in the ledger with the same seq, hash and type. This finds a truncated tail or a removed row, which the hash chain
 * alone cannot see. `courant ledger verify --receipt` runs it on the file with the hub stopped, and the hub runs it
 * for the same command while it holds the database (POST /api/admin/ledger/receipts), so both answer alike.
 */
import type { JWK } from 'jose';
import { receiptMatchesEvent, verifyReceipt } from '../../consent/receipt-jws.ts';
import type { ChainedEvent } from '../../consent/events.ts';

export interface ReceiptCheck {
  readonly receiptId: string;
  /** The seq the receipt names. */
  readonly seq: number;
  /** What does not match the ledger; null when the event is there as signed. */
  readonly problem: string | null;
}

/** A receipt whose signature does not verify with `jwk` throws RECEIPT_INVALID (the first one, in order). */
export async function checkReceipts(
  events: readonly ChainedEvent[],
  jwk: JWK,
  receipts: readonly string[],
): Promise<ReceiptCheck[]> {
  const byId = new Map(events.map((e) => [e.eventId, e]));
  const out: ReceiptCheck[] = [];
  for (const jws of receipts) {
    const p = await verifyReceipt(jws.trim(), jwk);
    const e = byId.get(p.receipt_id);
    const problem = e
      ? receiptMatchesEvent(p, e)
      : `event ${p.receipt_id} (seq ${p['hub:event'].seq}) is missing from the ledger`;
    out.push({ receiptId: p.receipt_id, seq: p['hub:event'].seq, problem: problem ?? null });
  }
  return out;
}
