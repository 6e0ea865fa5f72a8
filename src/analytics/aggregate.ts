/**
 * @module analytics/aggregate
 * Aggregation of a regular fine series into coarser buckets, the way a Linky meter reports them:
 * power as the mean over the interval, energy as the sum. Pure: arrays in, arrays out.
 */

export interface Buckets {
  /** Bucket start, UTC ms. */
  readonly ts: number[];
  readonly sum: number[];
  readonly mean: number[];
  /** Number of fine points found in each bucket. */
  readonly count: number[];
}

/**
 * Groups points (sorted by time) into buckets given by ascending boundaries (n+1 boundaries → n buckets),
 * or by a fixed width aligned on the epoch. Buckets with no point are omitted.
 */
export function bucketise(
  ts: ArrayLike<number>,
  values: ArrayLike<number>,
  by: { widthMs: number } | { boundaries: readonly number[] },
): Buckets {
  const out = { ts: [] as number[], sum: [] as number[], mean: [] as number[], count: [] as number[] };
  let cur = Number.NaN;
  let s = 0;
  let n = 0;
  let bi = 0;
  const bounds = 'boundaries' in by ? by.boundaries : undefined;
  const push = () => {
    if (n > 0) {
      out.ts.push(cur);
      out.sum.push(s);
      out.mean.push(s / n);
      out.count.push(n);
    }
  };
  for (let i = 0; i < ts.length; i++) {
    const t = ts[i]!;
    let b: number;
    if (bounds) {
      while (bi + 1 < bounds.length && t >= bounds[bi + 1]!) bi++;
      if (t < bounds[0]! || bi + 1 >= bounds.length) continue; // outside the boundaries
      b = bounds[bi]!;
    } else {
      const w = (by as { widthMs: number }).widthMs;
      b = Math.floor(t / w) * w;
    }
    if (b !== cur) {
      push();
      cur = b;
      s = 0;
      n = 0;
    }
    s += values[i]!;
    n++;
  }
  push();
  return out;
}
