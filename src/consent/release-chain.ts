/**
 * @module consent/release-chain
 * The hash chain of the release ledger (published statistics, docs/statistics.md), built like the consent ledger's
 * (consent/ledger.ts): hash_n = SHA-256(hash_{n-1} ‖ "\n" ‖ canonicalJson(row_n without its hashes)), genesis 64 zeros.
 * Altering, removing, inserting or reordering a release breaks every later link; `verifyReleaseChain` names the first.
 */
import { canonicalJson, utf8, type HashFn } from './canonical.ts';
import { GENESIS_HASH } from './ledger.ts';

/** What one release row holds, before chaining. `body` is the release's public record (query, parameters, files). */
export interface ReleaseRecord {
  readonly releaseId: string;
  readonly at: number;
  readonly publisher: string;
  /** The data set the budget is counted on: publisher × area kind × period. */
  readonly dataset: string;
  /** ρ (zCDP) the release spent. */
  readonly rho: number;
  readonly body: Readonly<Record<string, unknown>>;
}

export interface ChainedRelease extends ReleaseRecord {
  readonly seq: number;
  readonly prevHash: string;
  readonly hash: string;
}

function hashed(seq: number, r: ReleaseRecord): Record<string, unknown> {
  return {
    seq,
    releaseId: r.releaseId,
    at: r.at,
    publisher: r.publisher,
    dataset: r.dataset,
    rho: r.rho,
    body: r.body,
  };
}

export function hashRelease(prevHash: string, seq: number, r: ReleaseRecord, hash: HashFn): Promise<string> {
  return hash(utf8(`${prevHash}\n${canonicalJson(hashed(seq, r))}`));
}

/** Chain `r` after `prev` (null: the first release). */
export async function chainRelease(
  prev: { seq: number; hash: string } | null,
  r: ReleaseRecord,
  hash: HashFn,
): Promise<ChainedRelease> {
  const seq = prev ? prev.seq + 1 : 1;
  const prevHash = prev ? prev.hash : GENESIS_HASH;
  const rec: ReleaseRecord = {
    releaseId: r.releaseId,
    at: r.at,
    publisher: r.publisher,
    dataset: r.dataset,
    rho: r.rho,
    body: r.body,
  };
  return { ...rec, seq, prevHash, hash: await hashRelease(prevHash, seq, rec, hash) };
}

export type ReleaseChainCheck =
  | { readonly ok: true; readonly count: number; readonly head: string }
  | {
      readonly ok: false;
      readonly count: number;
      readonly seq: number;
      readonly releaseId: string;
      readonly problem: string;
    };

/** Walk releases in seq order and report the first broken link. */
export async function verifyReleaseChain(rows: Iterable<ChainedRelease>, hash: HashFn): Promise<ReleaseChainCheck> {
  let prevHash = GENESIS_HASH;
  let expected = 1;
  let count = 0;
  for (const r of rows) {
    count++;
    const fail = (problem: string): ReleaseChainCheck => ({
      ok: false,
      count,
      seq: r.seq,
      releaseId: r.releaseId,
      problem,
    });
    if (r.seq !== expected)
      return fail(`sequence gap: expected seq ${expected}, found ${r.seq} (release removed or inserted)`);
    if (r.prevHash !== prevHash) return fail(`prev_hash does not match the hash of seq ${r.seq - 1}`);
    if ((await hashRelease(prevHash, r.seq, r, hash)) !== r.hash)
      return fail('content does not match its hash (altered)');
    prevHash = r.hash;
    expected++;
  }
  return { ok: true, count, head: prevHash };
}
