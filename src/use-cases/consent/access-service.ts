/**
 * @module use-cases/consent/access-service
 * The only read path to personal data for anyone but through the household's own dashboard: decide (policy),
 * log (every non-self read, allowed or denied), then read. There is no other method that returns readings.
 *
 * A read of daily consumption energy is the one read that can be delivered protected: it asks the policy with
 * `protectedDelivery`, and when the basis is a protected consent each day's total gets that consent's noise
 * (privacy/daily-noise.ts) under the hub's noise key, so the same day answers the same value at every read.
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
import type {
  ReadingStore,
  ResampledColumns,
  ResampleQuery,
  SeriesColumns,
  SeriesQuery,
} from '../../ports/reading-store.ts';
import type { LedgerService } from './ledger-service.ts';
import type { RefusalLog } from './refusals.ts';
import { GroupCommit } from './group-commit.ts';
import { protectDailyWh } from '../../privacy/daily-noise.ts';
import { parisMonthCalendar, parisMonthSpan, smoothByMonth } from '../../privacy/month-smoothing.ts';

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
    /** The secret of the protected noise streams (at least 16 bytes; the composition root keeps it in the data
     * directory, never in the ledger). */
    private readonly noiseKey: Uint8Array,
    /** The legal requests' windows as recorded on every hub instance sharing the ledger (LegalService.refresh). */
    private readonly legalWindows: () => Promise<void> = async () => undefined,
  ) {
    this.journal = new GroupCommit((entries) => ledger.repo.logAccess(entries));
  }

  /** Decide a batch and log every non-self decision. */
  async authorize(batch: readonly AccessRequest[]): Promise<Decision[]> {
    await this.ledger.catchUp(); // a shared ledger: what other hub instances appended decides too
    if (batch.some((r) => r.actor.kind === 'authority')) await this.legalWindows();
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
        protectedDelivery: q.quantity === 'energy' && q.direction === 'consumption' && delivered === 'P1D',
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
      const basis = d!.basis;
      if (basis.kind === 'consent' && basis.protection?.kind === 'month-smoothed')
        return { basis, data: await this.monthSmoothed(base, q.to, now) };
      const data =
        q.to && q.to !== q.step ? await this.readings.resample({ ...base, to: q.to }) : await this.readings.read(base);
      if (basis.kind === 'consent' && basis.protection?.kind === 'noised-daily')
        return { basis, data: this.protect(basis.consentId, basis.protection.sigmaWh, data) };
      return { basis, data };
    });
  }

  /**
   * The protected columns of a daily read: each day's total plus its keyed noise (integer Wh); min and max (of the
   * finer points a day was summed from) are replaced by the protected value, since they would tell the exact day.
   */
  private protect(
    consentId: string,
    sigmaWh: number,
    data: SeriesColumns | ResampledColumns,
  ): SeriesColumns | ResampledColumns {
    const values = new Float64Array(data.values.length);
    for (let i = 0; i < values.length; i++) {
      const v = data.values[i]!;
      values[i] = Number.isFinite(v) ? protectDailyWh(this.noiseKey, consentId, data.ts[i]!, v, sigmaWh) : NaN;
    }
    if ('count' in data) return { ts: data.ts, values, min: values, max: values, count: data.count };
    return { ts: data.ts, values, quality: data.quality };
  }

  /**
   * The month-smoothed columns of a daily read (privacy/month-smoothing.ts): the whole Paris months around the range
   * are read, each finished and fully known month is split into equal daily shares, and the days of the range are
   * answered (a day of a month not delivered reads as missing). min and max are the delivered share, like the value.
   */
  private async monthSmoothed(
    base: SeriesQuery,
    to: ResampleQuery['to'] | undefined,
    now: number,
  ): Promise<SeriesColumns | ResampledColumns> {
    const wide = { ...base, range: parisMonthSpan(base.range.from, base.range.to) };
    const data =
      to && to !== base.step ? await this.readings.resample({ ...wide, to }) : await this.readings.read(wide);
    const smooth = smoothByMonth(data.ts, data.values, parisMonthCalendar(now));
    let a = 0;
    while (a < data.ts.length && data.ts[a]! < base.range.from) a++;
    let b = a;
    while (b < data.ts.length && data.ts[b]! < base.range.to) b++;
    const ts = data.ts.slice(a, b);
    const values = smooth.slice(a, b);
    if ('count' in data) return { ts, values, min: values, max: values, count: data.count.slice(a, b) };
    return { ts, values, quality: data.quality.slice(a, b) };
  }

  /** The access log shown to the household: reads of its usage point since it moved in. */
  async logFor(actor: Actor, prm: Prm): Promise<AccessLogEntry[]> {
    await this.ledger.catchUp();
    const occ = actor.kind === 'household' ? this.ledger.state.currentOccupancy(prm, actor.id) : undefined;
    if (!occ)
      throw new CourantError(
        'CONSENT_NOT_SUBJECT',
        `only the household occupying usage point ${prm} may see its access log`,
      );
    return this.ledger.repo.accessLog(prm, occ.from);
  }
}
