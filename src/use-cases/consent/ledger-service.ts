/**
 * @module use-cases/consent/ledger-service
 * Appends events to the consent ledger: chains them, signs a receipt, stores both in one row, then applies the
 * event to the in-memory ConsentState the policy engine reads. Appends are serialised (one at a time) so the chain
 * never forks; the state is updated in the same call, so the next decision already sees the change.
 *
 * At open the stored ledger is verified row by row (ledger-integrity.ts) and the state is folded from the events
 * that verify only. While a break is not acknowledged, every append is refused with LEDGER_FROZEN; an operator's
 * acknowledgement is itself appended (a signed `ledger-acknowledged` event naming the damage it covers, the reason,
 * who and when), after which the chain continues and verification reports the break as acknowledged.
 *
 * Several hub instances on one shared ledger (a repository `sharedByInstances`): before each decision (`catchUp`) and
 * each append, the instance reads the rows appended after its head (one indexed query, usually empty), checks each
 * (ledger-catch-up.ts) and applies it, so the state follows the shared ledger. An append the repository refuses
 * because another instance moved the head meanwhile is rebuilt on the caught-up state and retried: its validation
 * runs again (a consent the other instance already withdrew is answered as withdrawn, never withdrawn twice). On a
 * ledger this process alone writes, nothing is queried: the state in memory is exact.
 */
import { sha256Hex, type HashFn } from '../../consent/canonical.ts';
import type { ChainedEvent, EventBody } from '../../consent/events.ts';
import { chainEvent } from '../../consent/ledger.ts';
import { inspectLedger, type LedgerReport, type ReceiptCheck } from '../../consent/ledger-integrity.ts';
import { frozenMessage } from '../../consent/ledger-report.ts';
import type { Actor } from '../../consent/model.ts';
import { receiptPayload } from '../../consent/receipt.ts';
import { receiptMatchesEvent, signReceipt, verifyReceipt } from '../../consent/receipt-jws.ts';
import type { ConsentRepository } from '../../ports/consent-repository.ts';
import { ConsentState } from '../../consent/state.ts';
import { CourantError } from '../../core/errors.ts';
import type { JWK } from 'jose';
import { acknowledgeDamage, type Acknowledged } from './ledger-acknowledge.ts';
import { followHead, staleHead, type Head } from './ledger-catch-up.ts';
import type { SigningKey } from '../../ports/signing-key.ts';

export type { LedgerReport } from '../../consent/ledger-integrity.ts';
export type { Acknowledged } from './ledger-acknowledge.ts';

export interface Clock {
  now(): number;
}
export const systemClock: Clock = { now: () => Date.now() };

export interface Appended {
  readonly event: ChainedEvent;
  readonly receipt: string;
}

/** A receipt must verify with the hub's public key and name its own row (seq, event, hash, type). */
export function receiptCheck(publicJwk: JWK): ReceiptCheck {
  return async (jws, e) => {
    try {
      return receiptMatchesEvent(await verifyReceipt(jws, publicJwk), e);
    } catch (err) {
      return (err as Error).message;
    }
  };
}

/** Check the stored ledger: every row (JSON, link, hash, receipt), gaps, unreadable ranges, acknowledgements. */
export async function verifyLedger(
  repo: ConsentRepository,
  publicJwk: JWK | undefined,
  hash: HashFn = sha256Hex,
): Promise<LedgerReport> {
  return (
    await inspectLedger(await repo.readLedger(), {
      hash,
      checkReceipt: publicJwk ? receiptCheck(publicJwk) : undefined,
    })
  ).report;
}

/** Appends refused on a moved head in a row before giving up (each retry follows rows another instance stored). */
const MAX_RECHAINS = 50;

export class LedgerService {
  private tail: Promise<unknown> = Promise.resolve();
  /** Last row applied to the state. Alone on the ledger, this process is the only writer and it stays exact; on a
   *  shared ledger it is this instance's position, moved by catching up. */
  private headRow: Head | undefined;
  /** A catch-up queued and not started yet: later callers join it (it reads after they arrived). */
  private queuedCatchUp: Promise<void> | null = null;
  /** False once a caught-up row did not verify: the ledger is frozen until an operator acknowledges. */
  private following = true;

  private constructor(
    readonly repo: ConsentRepository,
    readonly key: SigningKey,
    readonly state: ConsentState,
    readonly clock: Clock,
    readonly issuer: string,
    private readonly retentionMonths: () => number,
    private readonly hash: HashFn,
    private report: LedgerReport,
  ) {}

  static async open(opts: {
    repo: ConsentRepository;
    key: SigningKey;
    clock?: Clock;
    issuer?: string;
    retentionMonths?: () => number;
    hash?: HashFn;
  }): Promise<LedgerService> {
    await opts.repo.init();
    const hash = opts.hash ?? sha256Hex;
    const { report, verified } = await inspectLedger(await opts.repo.readLedger(), {
      hash,
      checkReceipt: receiptCheck(opts.key.publicJwk),
    });
    const state = ConsentState.from(verified);
    const service = new LedgerService(
      opts.repo,
      opts.key,
      state,
      opts.clock ?? systemClock,
      opts.issuer ?? 'courant-hub',
      opts.retentionMonths ?? (() => 12),
      hash,
      report,
    );
    // a shared ledger is followed from the last row verified at open (a damaged one is not followed: it is frozen)
    const writable = report.status !== 'broken';
    if (opts.repo.sharedByInstances && writable) service.headRow = report.head;
    service.following = writable;
    return service;
  }

  /** Whether other hub instances append to the same ledger (the repository says). */
  get shared(): boolean {
    return this.repo.sharedByInstances;
  }

  /**
   * Apply the rows other instances appended since this instance's head, before a decision that reads the state. On a
   * ledger this process alone writes, it returns at once. Concurrent callers share one query that starts after each
   * of them arrived, queued with the appends so rows are applied in order.
   */
  catchUp(): Promise<void> {
    if (!this.repo.sharedByInstances) return Promise.resolve();
    if (this.queuedCatchUp) return this.queuedCatchUp;
    const p = this.serialised(async () => {
      if (this.queuedCatchUp === p) this.queuedCatchUp = null;
      await this.follow();
    });
    this.queuedCatchUp = p;
    return p;
  }

  /** Read, check and apply the rows after the head. Caller holds the queue. */
  private async follow(): Promise<void> {
    if (!this.repo.sharedByInstances || !this.following) return;
    // null is an empty ledger (followed from its start); undefined, not known yet
    if (this.headRow === undefined) this.headRow = await this.repo.head();
    const rows = await this.repo.rowsAfter(this.headRow?.seq ?? 0);
    if (rows.length === 0) return;
    const r = await followHead(this.headRow, rows, { hash: this.hash, checkReceipt: receiptCheck(this.key.publicJwk) });
    for (const e of r.events) this.applied(e);
    if (!r.ok) {
      // never applied: the whole ledger is verified again, and its damage freezes appends as at start
      this.following = false;
      this.report = await verifyLedger(this.repo, this.key.publicJwk, this.hash);
      if (this.report.status !== 'broken') {
        // the stored ledger verifies but does not continue from this instance's head (another instance set a
        // damaged ledger aside): this instance's state is out of step until it restarts
        const firstBreak = {
          seq: r.seq,
          kind: 'link-mismatch' as const,
          detail: `${r.problem}: this instance's state no longer follows the stored ledger; restart it`,
          code: 'LEDGER_BROKEN',
        };
        this.report = { ...this.report, status: 'broken', firstBreak };
      }
    } else if (r.events.some((e) => e.body.type === 'ledger-acknowledged')) {
      this.report = await verifyLedger(this.repo, this.key.publicJwk, this.hash);
    }
  }

  /** The last verification: at open, or the latest verify() or acknowledgement. */
  get integrity(): LedgerReport {
    return this.report;
  }

  /** False while the ledger has a break no operator acknowledged: appends are refused. */
  get writable(): boolean {
    return this.report.status !== 'broken';
  }

  /** Throws LEDGER_FROZEN while a break is unacknowledged. Called before anything irreversible (deleting readings). */
  requireWritable(): void {
    const first = this.report.firstBreak;
    if (first)
      throw new CourantError('LEDGER_FROZEN', frozenMessage(first), { details: { seq: first.seq, kind: first.kind } });
  }

  /** Run `fn` after every queued append and before the next one. */
  private serialised<T>(fn: () => Promise<T>): Promise<T> {
    const p = this.tail.then(fn, fn);
    this.tail = p.catch(() => undefined);
    return p;
  }

  /** Sign the receipt of a chained event. */
  async sign(event: ChainedEvent): Promise<string> {
    const body = event.body;
    const terms =
      'consentId' in body
        ? this.state.consents.get(body.consentId)?.terms
        : body.type === 'given'
          ? body.terms
          : undefined;
    const payload = receiptPayload(event, { issuer: this.issuer, terms, retentionMonths: this.retentionMonths() });
    return signReceipt(payload, this.key.privateKey, this.key.kid);
  }

  /** Chain `body` onto the stored head, store it with its receipt, apply it. Caller holds the queue. */
  private async write(actor: Actor, now: number, body: EventBody): Promise<Appended> {
    if (this.headRow === undefined) this.headRow = await this.repo.head();
    const event = await chainEvent(
      this.headRow,
      { eventId: globalThis.crypto.randomUUID(), at: now, actor, body },
      this.hash,
    );
    const receipt = await this.sign(event);
    await this.stored(event, () => this.repo.append(event, receipt));
    return { event, receipt };
  }

  /** Persist with `store`, then move the head and apply the event to the state. */
  private async stored(event: ChainedEvent, store: () => Promise<void>): Promise<void> {
    try {
      await store();
    } catch (e) {
      // alone on the ledger, re-read the head on the next append; shared, the head is where this instance applied
      // up to, and the next append follows the rows stored since
      if (!this.repo.sharedByInstances) this.headRow = undefined;
      throw e;
    }
    this.applied(event);
  }

  /** Move the head to a stored event, apply it, tell the listeners. */
  private applied(event: ChainedEvent): void {
    this.headRow = { seq: event.seq, hash: event.hash };
    this.state.apply(event);
    for (const fn of this.listeners) {
      try {
        fn(event);
      } catch {
        // a listener (token revocation…) never undoes or blocks an append that is already stored
      }
    }
  }

  private readonly listeners = new Set<(e: ChainedEvent) => void>();
  /** Called after each stored and applied event, appended here or caught up from another instance (e.g. a withdrawal
   *  revokes the access tokens it covered). */
  onAppended(fn: (e: ChainedEvent) => void): () => void {
    this.listeners.add(fn);
    return () => this.listeners.delete(fn);
  }

  /** Append one event (serialised). `check` runs inside the critical section against the current state, so
   *  validations like "this consent is still active" cannot race with another append. */
  append(actor: Actor, build: (state: ConsentState, now: number) => EventBody): Promise<Appended> {
    return this.serialised(async () => {
      for (let rechained = 0; ; rechained++) {
        await this.follow();
        this.requireWritable();
        const now = this.clock.now();
        try {
          return await this.write(actor, now, build(this.state, now));
        } catch (e) {
          // another instance moved the head: follow it, then build and validate again on the state it left
          if (!this.repo.sharedByInstances || !staleHead(e) || rechained >= MAX_RECHAINS) throw e;
        }
      }
    });
  }

  /**
   * Append an event that ends or changes consent `consentId` only while it is still active in the state the append is
   * built on; null when it no longer is (another hub instance sharing the ledger ended it first: nothing is written
   * twice).
   */
  async appendWhileActive(actor: Actor, consentId: string, body: () => EventBody): Promise<Appended | null> {
    try {
      return await this.append(actor, (state) => {
        if (state.consents.get(consentId)?.status !== 'active')
          throw new CourantError('CONSENT_NOT_ACTIVE', `consent ${consentId} already ended`);
        return body();
      });
    } catch (e) {
      if ((e as { code?: unknown }).code === 'CONSENT_NOT_ACTIVE') return null;
      throw e;
    }
  }

  /** Verify the stored ledger now (serialised with appends). Damage found here freezes appends like damage at open. */
  verify(): Promise<LedgerReport> {
    return this.serialised(async () => (this.report = await verifyLedger(this.repo, this.key.publicJwk, this.hash)));
  }

  /**
   * An operator acknowledges every break verification finds now: a `ledger-acknowledged` event naming them, the
   * reason, who and when is appended (after the damaged rows; after setting unreadable storage aside), and appends
   * are accepted again. The damage stays in the ledger and in every later verification report.
   */
  acknowledge(actor: Actor, reason: unknown): Promise<Acknowledged> {
    return this.serialised(async () => {
      const read = await this.repo.readLedger();
      const { report } = await inspectLedger(read, { hash: this.hash, checkReceipt: receiptCheck(this.key.publicJwk) });
      this.report = report;
      const done = await acknowledgeDamage({
        actor,
        reason,
        now: this.clock.now(),
        report,
        hash: this.hash,
        sign: (e) => this.sign(e),
        append: (e, receipt) => this.stored(e, () => this.repo.append(e, receipt)),
        setAside: (name, e, receipt) => this.stored(e, () => this.repo.setAside(name, read.rows, e, receipt)),
      });
      this.report = await verifyLedger(this.repo, this.key.publicJwk, this.hash);
      this.following = this.report.status !== 'broken';
      return { ...done, report: this.report };
    });
  }
}
