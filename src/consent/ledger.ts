/**
 * @module consent/ledger
 * Hash chain over ledger events: hash_n = SHA-256(hash_{n-1} ‖ "\n" ‖ canonicalJson(event_n)), with a genesis
 * hash of 64 zeros. Altering, removing, inserting or reordering any row breaks every later link, and
 * `verifyChain` names the first broken one. (A tail truncation is only detectable against an anchored head
 * hash: the receipt each household holds carries the hash of its event, see receipt.ts.)
 */
import { canonicalJson, utf8, type HashFn } from './canonical.ts';
import type { ChainedEvent, LedgerEvent } from './events.ts';

export const GENESIS_HASH = '0'.repeat(64);

function eventForHash(e: LedgerEvent): LedgerEvent {
  return { seq: e.seq, eventId: e.eventId, at: e.at, actor: e.actor, body: e.body };
}

export async function hashEvent(prevHash: string, e: LedgerEvent, hash: HashFn): Promise<string> {
  return hash(utf8(`${prevHash}\n${canonicalJson(eventForHash(e))}`));
}

export async function chainEvent(
  prev: { seq: number; hash: string } | null,
  e: Omit<LedgerEvent, 'seq'>,
  hash: HashFn,
): Promise<ChainedEvent> {
  const seq = prev ? prev.seq + 1 : 1;
  const prevHash = prev ? prev.hash : GENESIS_HASH;
  const ev: LedgerEvent = { seq, eventId: e.eventId, at: e.at, actor: e.actor, body: e.body };
  return { ...ev, prevHash, hash: await hashEvent(prevHash, ev, hash) };
}

export type ChainCheck =
  | { readonly ok: true; readonly count: number; readonly head: string }
  | {
      readonly ok: false;
      readonly count: number;
      readonly seq: number;
      readonly eventId: string;
      readonly problem: string;
    };

/** Walk rows in seq order and report the first broken link. */
export async function verifyChain(rows: Iterable<ChainedEvent>, hash: HashFn): Promise<ChainCheck> {
  let prevHash = GENESIS_HASH;
  let expectedSeq = 1;
  let count = 0;
  for (const r of rows) {
    count++;
    const fail = (problem: string): ChainCheck => ({ ok: false, count, seq: r.seq, eventId: r.eventId, problem });
    if (r.seq !== expectedSeq)
      return fail(`sequence gap: expected seq ${expectedSeq}, found ${r.seq} (row removed or inserted)`);
    if (r.prevHash !== prevHash)
      return fail(
        `prev_hash ${r.prevHash.slice(0, 12)}… does not match the hash of seq ${r.seq - 1} (${prevHash.slice(0, 12)}…)`,
      );
    const h = await hashEvent(prevHash, r, hash);
    if (h !== r.hash) return fail(`content does not match its hash (row altered)`);
    prevHash = r.hash;
    expectedSeq++;
  }
  return { ok: true, count, head: prevHash };
}
