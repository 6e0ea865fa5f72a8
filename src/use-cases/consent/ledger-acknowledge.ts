/**
 * @module use-cases/consent/ledger-acknowledge
 * Builds an operator's acknowledgement of ledger damage. It is an ordinary chained, signed event
 * (`ledger-acknowledged`) listing every break verification finds now (first bad seq or range, and kind), the
 * reason, who (its actor) and when (its time):
 *
 * - damage in readable rows (unparsable JSON, altered content, broken link, bad receipt, missing seqs): the event is
 *   appended after the last stored row, linked to its stored hash, so the chain continues and the damaged rows stay
 *   where they are, reported as "broken at N, acknowledged at A";
 * - unreadable storage: appending to that table would invalidate the database, so the table is renamed aside
 *   (`consent_ledger_damaged_<A>`, kept for inspection), the readable rows are copied as stored into a new table and
 *   the event follows them at seq A = the highest seq known + 1; the unreadable seqs become a gap it covers.
 */
import { CourantError } from '../../core/errors.ts';
import type { HashFn } from '../../consent/canonical.ts';
import type { AcknowledgedDamage, ChainedEvent, EventBody, LedgerEvent } from '../../consent/events.ts';
import { GENESIS_HASH, chainEvent, hashEvent } from '../../consent/ledger.ts';
import type { AcknowledgementView, LedgerReport } from '../../consent/ledger-integrity.ts';
import type { Actor } from '../../consent/model.ts';

/** Longest reason kept (it is in the ledger and in its receipt). */
export const MAX_REASON_LENGTH = 2000;

export interface Acknowledged {
  readonly acknowledgement: AcknowledgementView;
  readonly receipt: string;
  /** Verification after the acknowledgement (status "acknowledged" unless something else broke meanwhile). */
  readonly report: LedgerReport;
}

export async function acknowledgeDamage(o: {
  actor: Actor;
  reason: unknown;
  now: number;
  report: LedgerReport;
  hash: HashFn;
  sign: (e: ChainedEvent) => Promise<string>;
  append: (e: ChainedEvent, receipt: string) => Promise<void>;
  setAside: (name: string, e: ChainedEvent, receipt: string) => Promise<void>;
}): Promise<Omit<Acknowledged, 'report'>> {
  if (o.actor.kind !== 'operator')
    throw new CourantError('AUTH_FORBIDDEN', 'only the hub operator acknowledges damage to the consent ledger');
  const reason = typeof o.reason === 'string' ? o.reason.trim() : '';
  if (!reason)
    throw new CourantError(
      'INPUT_INVALID',
      'reason: say why the damage is accepted (what happened, what was restored or lost)',
      { details: { where: 'reason' } },
    );
  if (reason.length > MAX_REASON_LENGTH)
    throw new CourantError('INPUT_INVALID', `reason: at most ${MAX_REASON_LENGTH} characters`, {
      details: { where: 'reason' },
    });
  const open = o.report.breaks.filter((b) => b.acknowledgedAt === undefined);
  if (open.length === 0)
    throw new CourantError(
      'INPUT_INVALID',
      `the consent ledger has no unacknowledged damage (status ${o.report.status}): nothing to acknowledge`,
    );
  const covers: AcknowledgedDamage[] = open.map((b) => ({
    seq: b.seq,
    ...(b.through !== undefined ? { through: b.through } : {}),
    kind: b.kind,
  }));
  const eventId = globalThis.crypto.randomUUID();

  let event: ChainedEvent;
  let setAside: string | undefined;
  if (open.some((b) => b.kind === 'unreadable')) {
    const seq = o.report.lastSeq + 1;
    setAside = `consent_ledger_damaged_${seq}`;
    const body: EventBody = { type: 'ledger-acknowledged', covers, reason, setAside };
    const ev: LedgerEvent = { seq, eventId, at: o.now, actor: o.actor, body };
    // linked to the row before it when that row could be read; otherwise to the genesis hash (the gap is covered)
    const prevHash = o.report.head?.seq === seq - 1 ? o.report.head.hash : GENESIS_HASH;
    event = { ...ev, prevHash, hash: await hashEvent(prevHash, ev, o.hash) };
  } else {
    event = await chainEvent(
      o.report.head,
      { eventId, at: o.now, actor: o.actor, body: { type: 'ledger-acknowledged', covers, reason } },
      o.hash,
    );
  }
  const receipt = await o.sign(event);
  if (setAside) await o.setAside(setAside, event, receipt);
  else await o.append(event, receipt);
  return {
    acknowledgement: {
      seq: event.seq,
      eventId,
      at: o.now,
      by: `${o.actor.kind} ${o.actor.id}`,
      reason,
      covers,
      ...(setAside ? { setAside } : {}),
    },
    receipt,
  };
}
