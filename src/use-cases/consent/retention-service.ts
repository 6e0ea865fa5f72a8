/**
 * @module use-cases/consent/retention-service
 * The scheduled retention sweep (R14): deletes data older than the per-step rules, records each deletion (what,
 * up to when, how many points — never the data), and writes `expired` events for consents past their expiry.
 * The clock is injected; the hub calls `sweep()` on a timer (e.g. hourly).
 */
import type { Prm } from '../../core/prm.ts';
import { fineMonthsFor, sweepPlan, type RetentionRules } from '../../consent/retention.ts';
import type { DeletionRecord } from '../../ports/consent-repository.ts';
import type { ReadingStore } from '../../ports/reading-store.ts';
import type { ConsentService } from './consent-service.ts';
import type { LedgerService } from './ledger-service.ts';

export interface SweepResult {
  readonly at: number;
  readonly deletions: DeletionRecord[];
  readonly expiredConsents: number;
}

export class RetentionService {
  constructor(
    private readonly ledger: LedgerService,
    private readonly consents: ConsentService,
    private readonly readings: ReadingStore,
    private readonly rules: RetentionRules,
    /** Usage points the sweep leaves alone (e.g. the bundled public demo dataset, which is nobody's personal data). */
    private readonly exempt: (prm: string) => boolean = () => false,
  ) {}

  /** How many months of fine history the sweep keeps for a usage point (its opt-in, else the configured rule). */
  fineMonthsOf(prm: string): number {
    return fineMonthsFor(this.rules, this.ledger.state.controlsOf(prm).fineRetentionMonths);
  }

  async sweep(): Promise<SweepResult> {
    const now = this.ledger.clock.now();
    const prms = new Set<string>([...(await this.readings.usagePoints()), ...this.ledger.state.occupancy.keys()]);
    const targets = [...prms]
      .filter((p) => !this.exempt(p))
      .map((prm) => ({ prm: prm as Prm, fineOptInMonths: this.ledger.state.controlsOf(prm).fineRetentionMonths }));
    const deletions: DeletionRecord[] = [];
    for (const a of sweepPlan(now, this.rules, targets)) {
      const deleted = await this.readings.delete({
        prm: a.prm,
        range: { from: 0, to: a.before },
        ...(a.finerThan ? { finerThan: a.finerThan } : {}),
        ...(a.steps ? { steps: a.steps } : {}),
      });
      if (deleted === 0) continue;
      const rec: DeletionRecord = {
        recordId: globalThis.crypto.randomUUID(),
        at: now,
        prm: a.prm,
        reason: 'retention',
        what: a.finerThan ? `finer than ${a.finerThan}` : (a.steps ?? []).join(','),
        rangeFrom: null,
        rangeTo: a.before,
        deleted,
        actorId: 'system',
      };
      await this.ledger.repo.addDeletion(rec);
      deletions.push(rec);
    }
    // Deleting old data stays due while the ledger is frozen (the policy already denies expired consents by time);
    // the `expired` events wait until an operator acknowledges the break.
    const expiredConsents = this.ledger.writable ? await this.consents.expireDue() : 0;
    return { at: now, deletions, expiredConsents };
  }
}
