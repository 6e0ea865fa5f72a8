/**
 * @module consent/test-events
 * Builders of ledger events for pure tests of the policy engine and the state fold (no storage, no signing).
 */
import type { Prm } from '../core/prm.ts';
import type { ConsentTerms, EventBody, LedgerEvent } from './events.ts';
import type { Actor, DataCategory, LadderStep, PurposeId } from './model.ts';
import { ConsentState } from './state.ts';

export const P1 = '99999999999911' as Prm;
export const P2 = '99999999999912' as Prm;
export const DAY = 86_400_000;
export const T0 = Date.UTC(2026, 0, 1);

export class EventLog {
  readonly state = new ConsentState();
  readonly events: LedgerEvent[] = [];
  add(at: number, actor: Actor, body: EventBody): LedgerEvent {
    const seq = this.events.length + 1;
    const e: LedgerEvent = { seq, eventId: `e${seq}`, at, actor, body };
    this.state.apply(e);
    this.events.push(e);
    return e;
  }
  occupy(at: number, prm: Prm, subject: string, supplier?: string): this {
    this.add(at, { kind: 'operator', id: 'op' }, { type: 'occupancy-started', prm, subject, supplier });
    return this;
  }
  moveOut(at: number, prm: Prm, subject: string): this {
    this.add(at, { kind: 'operator', id: 'op' }, { type: 'moved-out', prm, subject });
    return this;
  }
  give(
    at: number,
    o: {
      id: string;
      prm: Prm;
      subject: string;
      recipient: string;
      purpose: PurposeId;
      step: LadderStep;
      categories?: DataCategory[];
      expiresAt?: number;
    },
  ): this {
    const terms: ConsentTerms = {
      consentId: o.id,
      subject: o.subject,
      prm: o.prm,
      controller: 'hub',
      recipient: o.recipient,
      purposes: [o.purpose],
      categories: o.categories ?? ['consumption'],
      step: o.step,
      legalBasis: 'eu-gdpr:A6-1-a',
      notice: { version: 'v', lang: 'fr', hash: 'h' },
      channel: 'web',
      givenAt: at,
      expiresAt: o.expiresAt ?? at + 365 * DAY,
      duration: 'P1Y',
    };
    this.add(at, { kind: 'household', id: o.subject }, { type: 'given', terms });
    return this;
  }
  withdraw(at: number, id: string, subject: string): this {
    this.add(at, { kind: 'household', id: subject }, { type: 'withdrawn', consentId: id, channel: 'web' });
    return this;
  }
  supersede(at: number, id: string): this {
    this.add(at, { kind: 'operator', id: 'op' }, { type: 'superseded', consentId: id, reason: 'move-out' });
    return this;
  }
}
