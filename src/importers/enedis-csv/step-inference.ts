/**
 * @module importers/enedis-csv/step-inference
 * The portal / SGE HDM CSV never states its step ("Pas en minutes" is empty) and the step changes inside one
 * file (30 → 60 → 30 min, often right after a gap). The step of a row is therefore read from its neighbours:
 * with end-of-interval stamps (Linky C5) the distance to the previous stamp; after a gap (or on the first row)
 * the distance to the next stamp; failing both, the last step seen. With start-of-interval stamps (C4 meters)
 * the roles of previous and next swap. One row of look-ahead is kept, so memory stays flat.
 */
import { stepOfMs } from '../collector.ts';

export interface StampedRow {
  readonly t: number;
  readonly value: number | null;
  readonly line: number;
}

export type EmitInterval = (start: number, stepMs: number, row: StampedRow) => void;

export class StepInference {
  private prevT = Number.NaN;
  private lastStep = Number.NaN;
  private pending: StampedRow | undefined;
  constructor(
    private readonly convention: 'end' | 'start',
    private readonly emit: EmitInterval,
    private readonly onUnknownStep: (row: StampedRow) => void,
  ) {}

  add(row: StampedRow): void {
    const d = row.t - this.prevT;
    const known = stepOfMs(d) !== undefined;
    if (this.pending) {
      // the pending row learns its step from the distance to this row
      const p = this.pending;
      this.pending = undefined;
      const step = known ? d : this.lastStep;
      this.out(p, step);
    }
    if (this.convention === 'end' && known) {
      this.out(row, d);
    } else {
      this.pending = row;
    }
    this.prevT = row.t;
  }

  finish(): void {
    if (this.pending) {
      const p = this.pending;
      this.pending = undefined;
      this.out(p, this.lastStep);
    }
  }

  private out(row: StampedRow, step: number): void {
    if (Number.isNaN(step)) {
      this.onUnknownStep(row);
      return;
    }
    this.lastStep = step;
    if (row.value !== null) this.emit(this.convention === 'end' ? row.t - step : row.t, step, row);
  }
}
