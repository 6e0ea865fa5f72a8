/**
 * @module use-cases/consent/ledger-catch-up
 * Checking the rows another hub instance appended to a shared ledger before this instance applies them: each must
 * follow the one before (seq + 1, prev_hash = its hash), match its own hash and carry a receipt signed by the hub's
 * key for that very row. A row that does not is never applied: the caller re-verifies the whole ledger, which freezes
 * appends as damage found at start does.
 */
import type { HashFn } from '../../consent/canonical.ts';
import type { ChainedEvent, EventBody } from '../../consent/events.ts';
import type { ReceiptCheck, StoredRow } from '../../consent/ledger-integrity.ts';
import { GENESIS_HASH, hashEvent } from '../../consent/ledger.ts';

export type Head = { readonly seq: number; readonly hash: string } | null;

export type Followed =
  | { readonly ok: true; readonly events: readonly ChainedEvent[] }
  /** `events` are the rows before the first one that does not verify (they do). */
  | { readonly ok: false; readonly events: readonly ChainedEvent[]; readonly seq: number; readonly problem: string };

/** The rows that follow `head`, checked in order; stops at the first that does not verify. */
export async function followHead(
  head: Head,
  rows: readonly StoredRow[],
  opts: { hash: HashFn; checkReceipt: ReceiptCheck },
): Promise<Followed> {
  const events: ChainedEvent[] = [];
  let prev = head ?? { seq: 0, hash: GENESIS_HASH };
  for (const row of rows) {
    const fail = (problem: string): Followed => ({ ok: false, events, seq: row.seq, problem });
    if (row.seq !== prev.seq + 1) return fail(`seq ${row.seq} does not follow seq ${prev.seq}`);
    if (row.prevHash !== prev.hash) return fail(`prev_hash does not match the hash of seq ${prev.seq}`);
    let body: EventBody;
    try {
      body = JSON.parse(row.body) as EventBody;
    } catch {
      return fail("the event's JSON does not parse");
    }
    const event: ChainedEvent = {
      seq: row.seq,
      eventId: row.eventId,
      at: row.at,
      actor: row.actor,
      body,
      prevHash: row.prevHash,
      hash: row.hash,
    };
    if ((await hashEvent(row.prevHash, event, opts.hash)) !== row.hash) return fail('content does not match its hash');
    const receipt = row.receipt ? await opts.checkReceipt(row.receipt, event) : 'receipt missing';
    if (receipt !== undefined) return fail(`receipt: ${receipt}`);
    events.push(event);
    prev = { seq: row.seq, hash: row.hash };
  }
  return { ok: true, events };
}

/** Whether an append was refused because another writer moved the head (the repository's STORE_WRITE_FAILED). */
export function staleHead(e: unknown): boolean {
  const d = (e as { code?: unknown; details?: { head?: unknown } } | null)?.details;
  return (e as { code?: unknown } | null)?.code === 'STORE_WRITE_FAILED' && typeof d?.head === 'number';
}
