/**
 * @module use-cases/consent/consent-service
 * Use cases of the consent ledger: occupancy, give / renew / withdraw / expire, receipts, and policy decisions.
 * HTTP routes are one-liners over these methods (`consentService.give(actor, input)`, `consentService.decide(batch)`).
 */
import { CourantError } from '../../core/errors.ts';
import { isPrm, type Prm } from '../../core/prm.ts';
import type { ConsentConfig } from '../../consent/config.ts';
import { checkExpiry, prepareConsent, requireOccupant, type GiveInput } from '../../consent/consent-input.ts';
import type { ConsentTerms, NoticeRef } from '../../consent/events.ts';
import type { Actor, DataCategory, LadderStep, PurposeId, RecipientDeclaration } from '../../consent/model.ts';
import { DEFAULT_CONSENT_MS } from '../../consent/model.ts';
import { protectionOf, type Protection, type ProtectionLevel } from '../../consent/protection.ts';
import {
  consentScreen,
  NOTICE_VERSION,
  NOTICE_VERSIONS,
  noticeHash,
  renderBox,
  scopesFromForm,
  type BoxInput,
  type ConsentBox,
  type Lang,
} from '../../consent/notices.ts';
import { decide, type AccessRequest, type Decision } from '../../consent/policy.ts';
import { receiptMatchesEvent, verifyReceipt } from '../../consent/receipt-jws.ts';
import { MONTH_MS, retentionText } from '../../consent/retention.ts';
import { sha256Hex } from '../../consent/canonical.ts';
import type { ConsentStatus } from '../../consent/state.ts';
import type { Appended, LedgerService } from './ledger-service.ts';
import type { RefusalLog } from './refusals.ts';

export interface ConsentView {
  readonly terms: ConsentTerms;
  readonly status: ConsentStatus;
  readonly expiresAt: number;
  readonly endedAt?: number | undefined;
}

export class ConsentService {
  constructor(
    readonly ledger: LedgerService,
    readonly config: ConsentConfig,
    readonly refusals: RefusalLog,
    /** The recipients a consent may name: the registered, enabled clients (live; see use-cases/oauth). */
    readonly recipients: ReadonlyMap<string, RecipientDeclaration>,
  ) {}

  private get now(): number {
    return this.ledger.clock.now();
  }

  /** Policy decisions for a batch, against the state as of the last append (no cache). */
  decide(batch: readonly AccessRequest[]): Decision[] {
    return decide(this.ledger.state, batch);
  }

  /** Register a household as occupant of a usage point (first start set-up, or a new contract). */
  startOccupancy(actor: Actor, input: { prm: string; subject: string; supplier?: string }): Promise<Appended> {
    return this.refusals.guard(actor, 'occupancy.start', this.now, () =>
      this.ledger.append(actor, (state, now) => {
        if (actor.kind !== 'operator' && !(actor.kind === 'household' && actor.id === input.subject)) {
          throw new CourantError(
            'AUTH_FORBIDDEN',
            'only the operator or the household itself may register an occupancy',
          );
        }
        if (!isPrm(input.prm))
          throw new CourantError(
            'INPUT_INVALID_PRM',
            `occupancy.prm: ${JSON.stringify(input.prm)} is not a 14-digit usage point`,
          );
        const cur = state.occupantAt(input.prm, now);
        if (cur)
          throw new CourantError(
            'CONSENT_NOT_SUBJECT',
            `usage point ${input.prm} already has an occupant; record the move-out first`,
          );
        return { type: 'occupancy-started', prm: input.prm, subject: input.subject, supplier: input.supplier };
      }),
    );
  }

  /** The notice box for given choices: the UI shows `text`, then sends back `notice` with the consent. */
  notice(args: {
    recipient: string;
    purpose: PurposeId;
    step: LadderStep;
    categories: readonly DataCategory[];
    lang: Lang;
    expiresAt?: number;
    /** A protection level: the notice of a protected daily consent. */
    protection?: ProtectionLevel | undefined;
  }): Promise<{ text: string; notice: NoticeRef }> {
    const box = this.boxInput(
      args.recipient,
      args.purpose,
      args.step,
      args.categories,
      args.lang,
      (args.expiresAt ?? this.now + DEFAULT_CONSENT_MS) - this.now,
      NOTICE_VERSIONS[0],
      args.protection ? protectionOf(args.protection) : undefined,
    );
    return noticeHash(box, sha256Hex).then((hash) => ({
      text: renderBox(box),
      notice: { version: box.version, lang: args.lang, hash },
    }));
  }

  private boxInput(
    recipientId: string,
    purpose: PurposeId,
    step: LadderStep,
    categories: readonly DataCategory[],
    lang: Lang,
    durationMs: number,
    version: string,
    protection?: Protection | undefined,
  ): BoxInput {
    const rec = this.recipients.get(recipientId);
    if (!rec)
      throw new CourantError(
        'CONSENT_INVALID',
        `consent.recipient: ${JSON.stringify(recipientId)} is not a declared recipient`,
      );
    return {
      version,
      lang,
      recipient: rec,
      purpose,
      categories,
      step,
      durationMonths: durationMs === DEFAULT_CONSENT_MS ? 12 : Math.max(1, Math.round(durationMs / MONTH_MS)),
      retentionText: retentionText(this.config.retention, step),
      ...(protection ? { protection } : {}),
    };
  }

  /**
   * The consent screen for one recipient (R5, R8, R9): one unticked box per declared purpose and offered step, each
   * with its exact text and the notice reference (version, language, hash) to send back with the form.
   */
  async screen(
    recipientId: string,
    lang: Lang,
    steps: readonly LadderStep[] = ['P1D', 'PT30M'],
    categories: readonly DataCategory[] = ['consumption'],
  ): Promise<(ConsentBox & { notice: NoticeRef })[]> {
    const rec = this.recipients.get(recipientId);
    if (!rec)
      throw new CourantError(
        'CONSENT_INVALID',
        `consent.recipient: ${JSON.stringify(recipientId)} is not a declared recipient`,
      );
    const boxes = consentScreen({
      lang,
      recipient: rec,
      steps,
      categories,
      durationMonths: 12,
      retentionText: (s) => retentionText(this.config.retention, s),
    });
    return Promise.all(
      boxes.map(async (b) => ({
        ...b,
        notice: {
          version: NOTICE_VERSION,
          lang,
          hash: await noticeHash(
            this.boxInput(rec.id, b.purpose, b.step, b.categories, lang, DEFAULT_CONSENT_MS, NOTICE_VERSION),
            sha256Hex,
          ),
        },
      })),
    );
  }

  /** A submitted consent form: one consent per ticked box and nothing else (R5); no box ticked gives no consent. */
  async submitForm(
    actor: Actor,
    form: {
      prm: string;
      recipient: string;
      lang: Lang;
      ticked: readonly string[];
      steps?: readonly LadderStep[];
      categories?: readonly DataCategory[];
    },
  ): Promise<Appended[]> {
    const boxes = await this.screen(form.recipient, form.lang, form.steps, form.categories);
    const keys = new Set(boxes.map((b) => b.key));
    for (const k of form.ticked) {
      if (!keys.has(k))
        throw new CourantError('CONSENT_INVALID', `consent.ticked: ${JSON.stringify(k)} is not a box of this screen`, {
          details: { where: 'consent.ticked' },
        });
    }
    const out: Appended[] = [];
    for (const b of scopesFromForm(boxes, new Set(form.ticked)) as (ConsentBox & { notice: NoticeRef })[]) {
      out.push(
        await this.give(actor, {
          prm: form.prm,
          recipient: b.recipient,
          purposes: [b.purpose],
          categories: b.categories,
          step: b.step,
          notice: b.notice,
        }),
      );
    }
    return out;
  }

  /** Give one consent (one ticked box). Refused unless the actor is the occupant and the notice hash matches. */
  give(actor: Actor, input: GiveInput): Promise<Appended> {
    return this.refusals.guard(actor, 'consent.give', this.now, async () => {
      // The notice hash is computed before entering the ledger's critical section (it is async).
      await this.ledger.catchUp();
      const now = this.now;
      const probe = prepareConsent(actor, input, {
        now,
        state: this.ledger.state,
        recipients: this.recipients,
        controller: this.config.controller.name,
        newId: () => 'probe',
      });
      await this.checkNotice(
        probe.recipient,
        probe.purposes[0]!,
        probe.step,
        probe.categories,
        probe.notice,
        probe.expiresAt - now,
        probe.protection,
      );
      return this.ledger.append(actor, (state, at) => ({
        type: 'given',
        terms: {
          ...prepareConsent(
            actor,
            { ...input, expiresAt: probe.expiresAt },
            {
              now: at,
              state,
              recipients: this.recipients,
              controller: this.config.controller.name,
              newId: () => globalThis.crypto.randomUUID(),
            },
          ),
          duration: probe.duration,
        },
      }));
    });
  }

  private activeOwned(actor: Actor, consentId: string, now: number): ConsentTerms {
    const rec = this.ledger.state.consents.get(consentId);
    // Same answer whether the consent does not exist or belongs to another household.
    if (!rec || actor.kind !== 'household' || rec.terms.subject !== actor.id) {
      throw new CourantError('CONSENT_NOT_FOUND', `consent ${consentId} not found`);
    }
    requireOccupant(this.ledger.state, actor, rec.terms.prm, now);
    const st = this.ledger.state.statusAt(consentId, now);
    if (st !== 'active')
      throw new CourantError('CONSENT_NOT_ACTIVE', `consent ${consentId} is ${st}; give a new consent instead`);
    return rec.terms;
  }

  /** Withdraw (= stop transmission to that recipient). One call, immediate effect (R10). */
  withdraw(actor: Actor, consentId: string, channel: 'web' | 'cli' | 'api' = 'web'): Promise<Appended> {
    return this.refusals.guard(actor, 'consent.withdraw', this.now, () =>
      this.ledger.append(actor, (_s, now) => {
        this.activeOwned(actor, consentId, now);
        return { type: 'withdrawn', consentId, channel };
      }),
    );
  }

  /** Renew before expiry, for at most 3 years from now, with the notice shown for the new duration (hash checked). */
  renew(actor: Actor, consentId: string, expiresAt: number, notice: NoticeRef): Promise<Appended> {
    return this.refusals.guard(actor, 'consent.renew', this.now, async () => {
      await this.ledger.catchUp();
      const now = this.now;
      const t = this.activeOwned(actor, consentId, now);
      checkExpiry(now, now, expiresAt);
      await this.checkNotice(t.recipient, t.purposes[0]!, t.step, t.categories, notice, expiresAt - now, t.protection);
      return this.ledger.append(actor, (_s, at) => {
        this.activeOwned(actor, consentId, at);
        return { type: 'renewed', consentId, expiresAt, notice };
      });
    });
  }

  private async checkNotice(
    recipient: string,
    purpose: PurposeId,
    step: LadderStep,
    categories: readonly DataCategory[],
    notice: NoticeRef,
    durationMs: number,
    protection?: Protection | undefined,
  ): Promise<void> {
    if (!notice || !(NOTICE_VERSIONS as readonly string[]).includes(notice.version)) {
      throw new CourantError(
        'CONSENT_NOTICE_UNKNOWN',
        `consent.notice.version: ${JSON.stringify(notice?.version)} is not a notice this hub has shown`,
      );
    }
    const expected = await noticeHash(
      this.boxInput(
        recipient,
        purpose,
        step,
        categories,
        notice.lang === 'en' ? 'en' : 'fr',
        durationMs,
        notice.version,
        protection,
      ),
      sha256Hex,
    );
    if (expected !== notice.hash)
      throw new CourantError(
        'CONSENT_NOTICE_UNKNOWN',
        'consent.notice.hash: does not match the text of the notice for these choices (R13)',
      );
  }

  /** Write `expired` events for consents whose expiry has passed (the policy already denies them by time). */
  async expireDue(): Promise<number> {
    await this.ledger.catchUp();
    const now = this.now;
    const due = [...this.ledger.state.consents.values()]
      .filter((c) => c.status === 'active' && c.expiresAt <= now)
      .map((c) => c.terms.consentId);
    let expired = 0;
    for (const id of due) {
      const done = await this.ledger.appendWhileActive({ kind: 'operator', id: 'system' }, id, () => ({
        type: 'expired',
        consentId: id,
      }));
      if (done) expired++;
    }
    return expired;
  }

  /** The household's consents on its usage points (only from its own occupancy). */
  list(actor: Actor, prm: Prm): ConsentView[] {
    const now = this.now;
    requireOccupant(this.ledger.state, actor, prm, now);
    return [...this.ledger.state.consents.values()]
      .filter((c) => c.terms.prm === prm && c.terms.subject === actor.id)
      .map((c) => ({
        terms: c.terms,
        status: this.ledger.state.statusAt(c.terms.consentId, now)!,
        expiresAt: c.expiresAt,
        endedAt: c.endedAt,
      }));
  }

  /** Verify a receipt presented by anyone: signature, binding to its ledger row, and the consent's status now. */
  checkReceipt(
    jws: string,
    by: Actor = { kind: 'recipient', id: 'anonymous' },
  ): Promise<{ eventId: string; type: string; consentStatus?: ConsentStatus | undefined }> {
    return this.refusals.guard(by, 'receipt.check', this.now, async () => {
      await this.ledger.catchUp();
      const p = await verifyReceipt(jws, this.ledger.key.publicJwk);
      const events = await this.ledger.repo.events();
      const e = events.find((x) => x.eventId === p.receipt_id);
      const mismatch = e ? receiptMatchesEvent(p, e) : 'no ledger event with this receipt id';
      if (!e || mismatch) throw new CourantError('RECEIPT_INVALID', `receipt replayed or forged: ${mismatch}`);
      const consentId =
        'consentId' in e.body ? e.body.consentId : e.body.type === 'given' ? e.body.terms.consentId : undefined;
      return {
        eventId: e.eventId,
        type: e.body.type,
        consentStatus: consentId ? this.ledger.state.statusAt(consentId, this.now) : undefined,
      };
    });
  }
}
