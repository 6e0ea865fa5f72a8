/**
 * @module importers/dataconnect/v2026-fast
 * The hot path of Data Connect 2026 load curves: a `PA` point read in place from the streaming reader's field view
 * (flat-scan.ts), with no string, object or Date per point. It only takes the common shape (digits for `v`, a
 * `YYYY-MM-DD HH:MM:SS` date, a known step, string flags) and declines anything else before touching any state, so
 * the general `point` in v2026.ts handles it with exactly the same result or error.
 */
import { type Collector, qualityOf, stepCodeMs } from '../collector.ts';
import { lazyArrayWhere } from './lazy-where.ts';
import { ABSENT, NUMBER, STRING, type FlatView } from './flat-view.ts';
import { viewNaive } from './stamps.ts';
import type { GrandeurState } from './v2026.ts';

/** Slots of the field view. */
export const FAST_KEYS = ['v', 'd', 'p', 'n', 'iv', 'ec'] as const;
const V = 0;
const D = 1;
const P = 2;
const N = 3;
const IV = 4;
const EC = 5;

export class FastCurve {
  /** The step code seen last and its length, so a repeated `"PT30M"` is compared in place, not looked up. */
  private code = 'PT30M';
  private stepMs = 1_800_000;
  /** `where` of the curve call, built only if the collector reads it. */
  private readonly where = lazyArrayWhere();
  /** The layout (flat-template.ts) whose fixed step and flags were derived last, with what they gave. */
  private layout: unknown;
  private layoutStep = 0;
  private layoutQ = 0;

  constructor(private readonly col: Collector) {}

  /** Store one `PA` point; false (nothing done) when it is not of the common shape or its date is in the spring gap. */
  point(st: GrandeurState, view: FlatView, arrayPath: string, index: number): boolean {
    const v = view.uint(V);
    if (v !== v) return false;
    const naive = viewNaive(view, D);
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
      q = this.quality(view);
      if (q < 0) return false;
      // the flags and step of a learnt layout are the same in all its elements: derive them once
      if (layout !== undefined && view.fixed(P) && view.fixed(N) && view.fixed(IV) && view.fixed(EC)) {
        this.layout = layout;
        this.layoutStep = stepMs;
        this.layoutQ = q;
      }
    }
    const end = st.clock.toUtc(naive); // leaves the clock as it was when NaN
    if (end !== end) return false;
    this.where.arrayPath = arrayPath;
    this.where.index = index;
    this.col.curve(st.prm, st.direction, stepMs, end - stepMs, v * st.factor, q, this.where);
    return true;
  }

  /** Step of the point in ms, -1 when unusual. */
  private step(view: FlatView): number {
    const pk = view.kind[P];
    if (pk === ABSENT) return 1_800_000; // PT30M
    if (pk !== STRING) return -1;
    if (view.is(P, this.code)) return this.stepMs;
    const code = view.str(P)!;
    const ms = stepCodeMs(code);
    if (ms === undefined) return -1;
    [this.code, this.stepMs] = [code, ms];
    return ms;
  }

  /** Quality bits of the point, -1 when unusual (a flag given as a number). */
  private quality(view: FlatView): number {
    const kind = view.kind;
    if (view.is(N, 'B') && (kind[IV] === ABSENT || view.is(IV, '0')) && (kind[EC] === ABSENT || view.is(EC, '0')))
      return 0;
    if (kind[N] === NUMBER || kind[IV] === NUMBER || kind[EC] === NUMBER) return -1;
    return qualityOf(view.str(N), view.str(IV), view.str(EC));
  }
}
