/**
 * @module importers/dataconnect/v5-fast
 * The hot path of Data Connect v5 load curves: an `interval_reading` element read in place from the streaming
 * reader's field view (flat-scan.ts), with no string, object or Date per point. It only takes the common shape
 * (digits for `value`, a `YYYY-MM-DD HH:MM:SS` date, a known step) and declines anything else before touching any
 * state, so the general `reading` in v5.ts handles it with exactly the same result or error.
 */
import { type Collector, qualityOf, stepCodeMs } from '../collector.ts';
import { lazyArrayWhere } from './lazy-where.ts';
import type { Direction } from '../../core/series.ts';
import type { Prm } from '../../core/prm.ts';
import type { WallClock } from '../time.ts';
import { STRING, type FlatView } from './flat-view.ts';
import { viewNaive } from './stamps.ts';

/** Slots of the field view. */
export const FAST_KEYS_V5 = ['value', 'date', 'interval_length', 'measure_type'] as const;
const VALUE = 0;
const DATE = 1;
const LEN = 2;
const TYPE = 3;

export interface CurveState {
  readonly prm: Prm;
  readonly direction: Direction;
  readonly factor: number;
  readonly clock: WallClock;
}

export class FastReading {
  private code = 'PT30M';
  private stepMs = 1_800_000;
  /** The layout (flat-template.ts) whose fixed step and quality were derived last, with what they gave. */
  private layout: unknown;
  private layoutStep = 0;
  private layoutQ = 0;
  /** `where` of the curve call, built only if the collector reads it. */
  private readonly where = lazyArrayWhere();

  constructor(private readonly col: Collector) {}

  /** Store one load-curve reading; false (nothing done) when it is not of the common shape or its date is in the spring
   * gap.
   */
  point(st: CurveState, view: FlatView, arrayPath: string, index: number): boolean {
    const v = view.uint(VALUE);
    if (v !== v) return false;
    const naive = viewNaive(view, DATE);
    if (naive !== naive) return false;
    let stepMs: number;
    let q: number;
    const layout = view.layout;
    if (layout !== undefined && layout === this.layout) {
      stepMs = this.layoutStep;
      q = this.layoutQ;
    } else {
      stepMs = this.step(view);
      if (stepMs < 0) return false;
      q = view.is(TYPE, 'B') ? 0 : qualityOf(view.str(TYPE), undefined, undefined);
      if (layout !== undefined && view.fixed(LEN) && view.fixed(TYPE)) {
        this.layout = layout;
        this.layoutStep = stepMs;
        this.layoutQ = q;
      }
    }
    const end = st.clock.toUtc(naive); // leaves the clock as it was when NaN
    if (end !== end) return false; // the spring gap: the general path refuses it
    this.where.arrayPath = arrayPath;
    this.where.index = index;
    this.col.curve(st.prm, st.direction, stepMs, end - stepMs, v * st.factor, q, this.where);
    return true;
  }

  /** Step in ms (a missing or non-string `interval_length` is PT30M, as in v5.ts), -1 when unknown. */
  private step(view: FlatView): number {
    if (view.kind[LEN] !== STRING) return 1_800_000;
    if (view.is(LEN, this.code)) return this.stepMs;
    const code = view.str(LEN)!;
    const ms = stepCodeMs(code);
    if (ms === undefined) return -1;
    this.code = code;
    this.stepMs = ms;
    return ms;
  }
}
