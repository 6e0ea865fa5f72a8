/**
 * @module use-cases/consent/access-service
 * The only read path to personal data for anyone but through the household's own dashboard: decide (policy),
 * log (every non-self read, allowed or denied), then read. There is no other method that returns readings.
 */
import { CourantError } from '../../core/errors.ts';
import type { Prm } from '../../core/prm.ts';
import type { TimeRange } from '../../core/range.ts';
import type { Direction, Quantity } from '../../core/series.ts';
import type { FixedStep, Step } from '../../core/step.ts';
import { accessLogEntry, type AccessLogEntry } from '../../consent/access-log.ts';
import type { AccessPurpose, Actor, Basis, DataCategory } from '../../consent/model.ts';
import type { AccessRequest, Decision } from '../../consent/policy.ts';
import { decide } from '../../consent/policy.ts';
import type { ReadingStore, ResampledColumns, SeriesColumns } from '../../ports/reading-store.ts';
import type { LedgerService } from './ledger-service.ts';
import type { RefusalLog } from './refusals.ts';
import { GroupCommit } from './group-commit.ts';

export function categoryOf(quantity: Quantity, direction: Direction): DataCategory {
  if (quantity === 'max_power' || quantity === 'apparent_power') return 'max-power';
  if (quantity === 'index') return 'index';
  return direction === 'production' ? 'production' : 'consumption';
}

export interface ReadRequest {
  readonly prm: Prm;
  readonly quantity: Quantity;
  readonly direction: Direction;
  /** Stored step read from. */
  readonly step: Step;
  /** Step delivered (resampled); defaults to `step`. The policy decides on the delivered step. */
  readonly to?: FixedStep | undefined;
  readonly range: TimeRange;
  readonly purpose: AccessPurpose;
}

export class AccessService {
  /** The journal's writes, grouped across concurrent reads (each read still waits for its own lines). */
  private readonly journal: GroupCommit<AccessLogEntry>;

  constructor(
    private readonly ledger: LedgerService,
    private readonly readings: ReadingStore,
    private readonly refusals: RefusalLog,
  ) {
    this.journal = new GroupCommit((entries) => ledger.repo.logAccess(entries));
  }

  /** Decide a batch and log every non-self decision. */
  async authorize(batch: readonly AccessRequest[]): Promise<Decision[]> {
    const d = decide(this.ledger.state, batch);
    const entries: AccessLogEntry[] = [];
    for (let i = 0; i < batch.length; i++) {
      const e = accessLogEntry(batch[i]!, d[i]!, globalThis.crypto.randomUUID());
      if (e) entries.push(e);
    }
    await this.journal.add(entries);
    return d;
  }

  /**
   * Journal a refusal decided before the policy, by the channel the request came through: an access token issued for
   * other usage points (`outside-token`). The household sees the attempt like any refused read.
   */
  async refuse(r: AccessRequest, reason: 'outside-token'): Promise<void> {
    const e = accessLogEntry(r, { allowed: false, reason: 'no-consent' }, globalThis.crypto.randomUUID());
    if (e) await this.journal.add([{ ...e, basis: `denied:${reason}` }]);
  }

  /** Read one series for `actor` if the policy allows it; returns the basis with the data. */
  async read(actor: Actor, q: ReadRequest): Promise<{ basis: Basis; data: SeriesColumns | ResampledColumns }> {
    const now = this.ledger.clock.now();
    return this.refusals.guard(actor, 'data.read', now, async () => {
      const delivered = q.to ?? q.step;
      const req: AccessRequest = {
        actor,
        prm: q.prm,
        step: delivered,
        purpose: q.purpose,
        category: categoryOf(q.quantity, q.direction),
        range: q.range,
        at: now,
      };
      const [d] = await this.authorize([req]);
      if (!d!.allowed) {
        throw new CourantError(
          'CONSENT_ACCESS_DENIED',
          `read of ${q.prm} at ${delivered} for ${q.purpose} refused: ${d!.reason}`,
          { details: { reason: d!.reason } },
        );
      }
      const base = { prm: q.prm, quantity: q.quantity, direction: q.direction, step: q.step, range: q.range };
      const data =
        q.to && q.to !== q.step ? await this.readings.resample({ ...base, to: q.to }) : await this.readings.read(base);
      return { basis: d!.basis, data };
    });
  }

  /** The access log shown to the household: reads of its usage point since it moved in. */
  async logFor(actor: Actor, prm: Prm): Promise<AccessLogEntry[]> {
    const occ = actor.kind === 'household' ? this.ledger.state.currentOccupancy(prm, actor.id) : undefined;
    if (!occ)
      throw new CourantError(
        'CONSENT_NOT_SUBJECT',
        `only the household occupying usage point ${prm} may see its access log`,
      );
    return this.ledger.repo.accessLog(prm, occ.from);
  }
}
