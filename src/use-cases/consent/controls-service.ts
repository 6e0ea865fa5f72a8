/**
 * @module use-cases/consent/controls-service
 * Household controls mirroring Code de la consommation D. 224-27 (R11) and the CNIL's meter controls (R3): each is
 * one call, acknowledged by a signed receipt (durable medium), and leaves a deletion record when it deletes.
 * Stop transmission to a recipient is `ConsentService.withdraw`.
 */
import { parsePrm } from '../../core/prm.ts';
import { checkRange, type TimeRange } from '../../core/range.ts';
import { stepRank, type FixedStep, type Step } from '../../core/step.ts';
import { requireOccupant } from '../../consent/consent-input.ts';
import type { ControlAction } from '../../consent/events.ts';
import type { Actor } from '../../consent/model.ts';
import type { DeletionReason } from '../../ports/consent-repository.ts';
import type { ReadingStore } from '../../ports/reading-store.ts';
import type { Appended, LedgerService } from './ledger-service.ts';
import type { RefusalLog } from './refusals.ts';
import { deletionRange, fineRetentionMonths, recordedStep } from './control-requests.ts';

export class ControlsService {
  constructor(
    private readonly ledger: LedgerService,
    private readonly readings: ReadingStore,
    private readonly refusals: RefusalLog,
  ) {}

  private control(
    actor: Actor,
    prm: string,
    what: string,
    act: (now: number, occFrom: number) => Promise<ControlAction>,
  ): Promise<Appended> {
    const now = this.ledger.clock.now();
    return this.refusals.guard(actor, `control.${what}`, now, async () => {
      await this.ledger.catchUp();
      this.ledger.requireWritable(); // before anything is deleted: a control without its ledger event is not done
      const p = requireOccupant(this.ledger.state, actor, prm, now);
      const occ = this.ledger.state.currentOccupancy(p, actor.id)!;
      const action = await act(now, occ.from);
      return this.ledger.append(actor, (state, at) => {
        requireOccupant(state, actor, p, at);
        return { type: 'control', prm: p, subject: actor.id, action };
      });
    });
  }

  private async recordDeletion(
    actor: Actor,
    prm: string,
    reason: DeletionReason,
    what: string,
    range: TimeRange | null,
    deleted: number,
    now: number,
  ) {
    await this.ledger.repo.addDeletion({
      recordId: globalThis.crypto.randomUUID(),
      at: now,
      prm,
      reason,
      what,
      rangeFrom: range?.from ?? null,
      rangeTo: range?.to ?? null,
      deleted,
      actorId: actor.id,
    });
  }

  /** Stop recording fine data: from now on the hub keeps only daily values (ingest asks `mayRecord`). */
  stopFineRecording(actor: Actor, prm: string): Promise<Appended> {
    return this.control(actor, prm, 'stop-fine-recording', async () => ({ kind: 'stop-fine-recording' }));
  }

  resumeFineRecording(actor: Actor, prm: string): Promise<Appended> {
    return this.control(actor, prm, 'resume-fine-recording', async () => ({ kind: 'resume-fine-recording' }));
  }

  /** Delete every value finer than a day held for the usage point (R3 purge). */
  purgeFineHistory(actor: Actor, prm: string): Promise<Appended> {
    return this.control(actor, prm, 'purge-fine-history', async (now) => {
      const deleted = await this.readings.delete({ prm: parsePrm(prm, 'usage point'), finerThan: 'P1D' });
      await this.recordDeletion(actor, prm, 'control', 'finer than P1D', null, deleted, now);
      return { kind: 'purge-fine-history', deleted };
    });
  }

  /** Change the recorded step: values finer than `step` are no longer recorded. */
  changeStep(actor: Actor, prm: string, step: unknown): Promise<Appended> {
    return this.control(actor, prm, 'change-step', async () => ({ kind: 'change-step', step: recordedStep(step) }));
  }

  /** delete-data from a request as a caller sends it: `{all: true}` or `{from, to}`, checked by `deletionRange`. */
  deleteDataRequest(actor: Actor, prm: string, request: unknown): Promise<Appended> {
    return this.control(actor, prm, 'delete-data', async (now, occFrom) =>
      this.deleteIn(actor, prm, deletionRange(request), now, occFrom),
    );
  }

  /** Delete collected data of the household, for a range or everything since it moved in. */
  deleteData(actor: Actor, prm: string, range: TimeRange | null): Promise<Appended> {
    return this.control(actor, prm, 'delete-data', async (now, occFrom) => {
      // numbers only: NaN or a string is refused, not read as "everything"
      if (range !== null) checkRange(range, 'control.range');
      return this.deleteIn(actor, prm, range, now, occFrom);
    });
  }

  private async deleteIn(
    actor: Actor,
    prm: string,
    range: TimeRange | null,
    now: number,
    occFrom: number,
  ): Promise<ControlAction> {
    // Never beyond the household's own occupancy: older data is not its to see (R19), it is purged at move-out.
    const r = range
      ? { from: Math.max(range.from, occFrom), to: range.to }
      : { from: occFrom, to: Number.MAX_SAFE_INTEGER };
    const deleted = r.from < r.to ? await this.readings.delete({ prm: parsePrm(prm, 'usage point'), range: r }) : 0;
    await this.recordDeletion(actor, prm, 'control', 'all steps', r, deleted, now);
    return { kind: 'delete-data', range: range ? r : null, deleted };
  }

  /** Opt in to keeping fine history longer than the default, up to the cap (R3 "unless the user opts in"). */
  extendFineRetention(actor: Actor, prm: string, months: unknown): Promise<Appended> {
    return this.control(actor, prm, 'extend-fine-retention', async () => ({
      kind: 'extend-fine-retention',
      months: fineRetentionMonths(months),
    }));
  }

  /** The recording guard's refresh: the controls other hub instances recorded on a shared ledger. */
  refresh(): Promise<void> {
    return this.ledger.catchUp();
  }

  /** Ingest gate: may a value at `step` be recorded for this usage point now? Daily and coarser always may. */
  mayRecord(prm: string, step: Step): boolean {
    if (step === 'P1D') return true;
    const c = this.ledger.state.controlsOf(prm);
    if (!c.fineRecording) return false;
    if (c.recordedStep && stepRank(step) < stepRank(c.recordedStep as FixedStep)) return false;
    return true;
  }

  /** Why `mayRecord` refuses a step: the household stopped fine recording, or chose a coarser recorded step. */
  refusalReason(prm: string, _step: Step): string {
    return this.ledger.state.controlsOf(prm).fineRecording ? 'finer-than-recorded-step' : 'fine-recording-stopped';
  }
}
