/**
 * @module server/auth/household
 * Helpers of the household's own routes: "only the occupant" refusals become the same 404 as an absent usage point
 * or consent, and a ledger append answers with the receipt's download address.
 */
import type { FastifyRequest } from 'fastify';
import { isCourantError } from '../../core/errors.ts';
import type { Actor } from '../../consent/model.ts';
import type { Appended } from '../../use-cases/consent/ledger-service.ts';
import { notFound } from '../errors.ts';
import { authOf } from './auth-plugin.ts';

const HIDDEN = new Set(['CONSENT_NOT_SUBJECT', 'CONSENT_NOT_FOUND', 'CONSENT_ACCESS_DENIED']);

/** Runs `fn`; a refusal that would tell another household's usage point or consent exists becomes HTTP_NOT_FOUND. */
export async function hidden<T>(what: string, fn: () => Promise<T> | T): Promise<T> {
  try {
    return await fn();
  } catch (e) {
    if (isCourantError(e) && HIDDEN.has(e.code)) throw notFound(what);
    throw e;
  }
}

export function actorOf(req: FastifyRequest): Actor {
  return authOf(req).actor;
}

/** What a state-changing household action answers: the ledger event and where to download its signed receipt. */
interface ReceiptAnswer {
  readonly event: { eventId: string; seq: number; type: string; at: string };
  readonly receipt: { jws: string; url: string };
}
export function receiptAnswer(a: Appended): ReceiptAnswer;
export function receiptAnswer<E extends object>(a: Appended, extra: E): E & ReceiptAnswer;
export function receiptAnswer(a: Appended, extra: object = {}): ReceiptAnswer {
  return {
    ...extra,
    event: {
      eventId: a.event.eventId,
      seq: a.event.seq,
      type: a.event.body.type,
      at: new Date(a.event.at).toISOString(),
    },
    receipt: { jws: a.receipt, url: `api/receipts/${a.event.eventId}` },
  };
}
