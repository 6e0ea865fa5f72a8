/**
 * @module web/chart-summary
 * What a chart shows, said in one sentence for those who do not see it (screen readers): its range and the lowest,
 * highest and mean value. The charts put it in a visually hidden paragraph the drawing is described by.
 */

export interface Summary {
  min: number;
  max: number;
  mean: number;
}

/** Lowest, highest and mean of the finite values (`lows`/`highs`: a decimated series' bucket extremes). */
export function summarise(
  values: readonly (number | null)[],
  lows: readonly (number | null)[] | null = null,
  highs: readonly (number | null)[] | null = null,
): Summary | null {
  const finite = (xs: readonly (number | null)[]) => xs.filter((x): x is number => x !== null && Number.isFinite(x));
  const v = finite(values);
  if (v.length === 0) return null;
  const lo = lows ? finite(lows) : v;
  const hi = highs ? finite(highs) : v;
  return {
    min: (lo.length ? lo : v).reduce((a, b) => (b < a ? b : a), Infinity),
    max: (hi.length ? hi : v).reduce((a, b) => (b > a ? b : a), -Infinity),
    mean: v.reduce((a, b) => a + b, 0) / v.length,
  };
}
