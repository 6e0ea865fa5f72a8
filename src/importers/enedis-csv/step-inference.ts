/**
 * @module importers/enedis-csv/step-inference
 * The portal / SGE HDM CSV never states its step ("Pas en minutes" is empty) and the step changes inside one
 * file (30 → 60 → 30 min, often right after a gap). The step of a row is therefore read from its neighbours:
 * with end-of-interval stamps (Linky C5) the distance to the previous stamp; after a gap (or on the first row)
 * the distance to the next stamp; failing both, the last step seen. With start-of-interval stamps (C4 meters)
 * the roles of previous and next swap. One row of look-ahead is kept, so memory stays flat.
 */
import { stepOfMs } from '../collector.ts';

/** Where a row is emitted: interval start, step (ms), value (null rows only inform the inference), source line. */
export type EmitInterval = (start: number, stepMs: number, value: number, line: number) => void;

/** Rows are passed as plain numbers (no object per row: a large file has millions). */
export class StepInference {
  private prevT = Number.NaN;
  private lastStep = Number.NaN;
  private hasPending = false;
  private pendingT = 0;
  private pendingValue: number | null = null;
  private pendingLine = 0;
  constructor(
    private readonly convention: 'end' | 'start',
    private readonly emit: EmitInterval,
    private readonly onUnknownStep: (line: number) => void,
  ) {}

  add(t: number, value: number | null, line: number): void {
    const d = t - this.prevT;
    const known = stepOfMs(d) !== undefined;
    if (this.hasPending) {
      // the pending row learns its step from the distance to this row
      this.hasPending = false;
      this.out(this.pendingT, this.pendingValue, this.pendingLine, known ? d : this.lastStep);
    }
    if (this.convention === 'end' && known) {
      this.out(t, value, line, d);
    } else {
      this.hasPending = true;
      this.pendingT = t;
      this.pendingValue = value;
      this.pendingLine = line;
    }
    this.prevT = t;
  }

  finish(): void {
    if (this.hasPending) {
      this.hasPending = false;
      this.out(this.pendingT, this.pendingValue, this.pendingLine, this.lastStep);
    }
  }

  private out(t: number, value: number | null, line: number, step: number): void {
    if (Number.isNaN(step)) {
      this.onUnknownStep(line);
      return;
    }
    this.lastStep = step;
    if (value !== null) this.emit(this.convention === 'end' ? t - step : t, step, value, line);
  }
}
