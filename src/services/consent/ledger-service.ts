/**
 * @module services/consent/ledger-service
 * Appends events to the consent ledger: chains them, signs a receipt, stores both in one row, then applies the
 * event to the in-memory ConsentState the policy engine reads. Appends are serialised (one at a time) so the chain
 * never forks; the state is updated in the same call, so the next decision already sees the change.
 */
import { sha256Hex, type HashFn } from '../../consent/canonical.ts';
import type { ChainedEvent, EventBody } from '../../consent/events.ts';
import { chainEvent, verifyChain, type ChainCheck } from '../../consent/ledger.ts';
import type { Actor } from '../../consent/model.ts';
import { receiptPayload } from '../../consent/receipt.ts';
import { receiptMatchesEvent, signReceipt, verifyReceipt } from '../../consent/receipt-jws.ts';
import type { ConsentRepository } from '../../consent/repository.ts';
import { ConsentState } from '../../consent/state.ts';
import type { JWK } from 'jose';
import type { SigningKey } from './key-store.ts';

export interface Clock {
  now(): number;
}
export const systemClock: Clock = { now: () => Date.now() };

export interface Appended {
  readonly event: ChainedEvent;
  readonly receipt: string;
}

export class LedgerService {
  private tail: Promise<unknown> = Promise.resolve();
  /** Last appended row; this process is the only writer (DuckDB: one process per file), so it stays exact. */
  private headRow: { seq: number; hash: string } | null | undefined;

  private constructor(
    readonly repo: ConsentRepository,
    readonly key: SigningKey,
    readonly state: ConsentState,
    readonly clock: Clock,
    readonly issuer: string,
    private readonly retentionMonths: () => number,
    private readonly hash: HashFn,
  ) {}

  static async open(opts: { repo: ConsentRepository; key: SigningKey; clock?: Clock; issuer?: string; retentionMonths?: () => number; hash?: HashFn }): Promise<LedgerService> {
    await opts.repo.init();
    const state = ConsentState.from(await opts.repo.events());
    return new LedgerService(opts.repo, opts.key, state, opts.clock ?? systemClock, opts.issuer ?? 'courant-hub', opts.retentionMonths ?? (() => 12), opts.hash ?? sha256Hex);
  }

  /** Append one event (serialised). `check` runs inside the critical section against the current state, so
   *  validations like "this consent is still active" cannot race with another append. */
  append(actor: Actor, build: (state: ConsentState, now: number) => EventBody): Promise<Appended> {
    const run = async (): Promise<Appended> => {
      const now = this.clock.now();
      const body = build(this.state, now);
      this.headRow ??= await this.repo.head();
      const head = this.headRow;
      const event = await chainEvent(head, { eventId: globalThis.crypto.randomUUID(), at: now, actor, body }, this.hash);
      const terms = 'consentId' in body ? this.state.consents.get(body.consentId)?.terms : body.type === 'given' ? body.terms : undefined;
      const payload = receiptPayload(event, { issuer: this.issuer, terms, retentionMonths: this.retentionMonths() });
      const receipt = await signReceipt(payload, this.key.privateKey, this.key.kid);
      try {
        await this.repo.append(event, receipt);
      } catch (e) {
        this.headRow = undefined; // re-read the head on the next append
        throw e;
      }
      this.headRow = { seq: event.seq, hash: event.hash };
      this.state.apply(event);
      return { event, receipt };
    };
    const p = this.tail.then(run, run);
    this.tail = p.catch(() => undefined);
    return p;
  }
}

export interface LedgerReport {
  readonly chain: ChainCheck;
  readonly receipts: { readonly checked: number; readonly firstBad?: { seq: number; eventId: string; problem: string } | undefined };
}

/** Check the chain and every receipt (signature with the public key, and binding to its row). */
export async function verifyLedger(repo: ConsentRepository, publicJwk: JWK, hash: HashFn = sha256Hex): Promise<LedgerReport> {
  const events = await repo.events();
  const chain = await verifyChain(events, hash);
  const receipts = await repo.receipts();
  let checked = 0;
  let firstBad: LedgerReport['receipts']['firstBad'];
  for (const e of events) {
    const jws = receipts.get(e.eventId);
    if (!jws) {
      firstBad ??= { seq: e.seq, eventId: e.eventId, problem: 'receipt missing' };
      continue;
    }
    checked++;
    try {
      const p = await verifyReceipt(jws, publicJwk);
      const mismatch = receiptMatchesEvent(p, e);
      if (mismatch) firstBad ??= { seq: e.seq, eventId: e.eventId, problem: mismatch };
    } catch (err) {
      firstBad ??= { seq: e.seq, eventId: e.eventId, problem: (err as Error).message };
    }
  }
  return { chain, receipts: { checked, firstBad } };
}
