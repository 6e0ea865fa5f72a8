/**
 * @module reveal/protect
 * The two protections the harness measures: coarsening (see grid.coarsen) and calibrated Laplace noise per slot.
 *
 * Hand-written on purpose: no maintained, audited differential-privacy library exists for TypeScript/JavaScript on
 * npm, and the mechanism is three lines (inverse-CDF sampling of a Laplace variable). The generator is seeded
 * (mulberry32) so that every evaluation run is reproducible; it is NOT a cryptographic source and must not be used
 * to protect data actually released — the harness only uses it to measure what noise of a given scale would remove.
 */
import { DAY_MS, type Grid } from './grid.ts';

/** mulberry32: tiny, fast, seeded 32-bit PRNG (public domain, Tommy Ettinger). Returns a function giving [0, 1). */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

/**
 * Add Laplace(0, scale) noise (W) to every known slot. With sensitivity Δ (the largest change one household
 * action makes to a slot, in W) this is ε-differentially private per slot for ε = Δ / scale.
 * Negative results are kept (clamping would bias the bill upward).
 */
export function addLaplaceNoise(g: Grid, scaleW: number, seed: number): Grid {
  const rnd = mulberry32(seed);
  const out = new Float64Array(g.values.length);
  for (let i = 0; i < out.length; i++) {
    const x = g.values[i]!;
    // inverse CDF: u uniform in (-0.5, 0.5) → −b·sgn(u)·ln(1 − 2|u|)
    const u = rnd() - 0.5;
    const noise = -scaleW * Math.sign(u) * Math.log(1 - 2 * Math.abs(u));
    out[i] = x === x ? x + noise : NaN;
  }
  return { start: g.start, stepMs: g.stepMs, values: out };
}

/** Energy (kWh) per local day and per calendar month of a grid, skipping unknown slots. */
export function energyTotals(g: Grid): { day: Map<number, number>; month: Map<string, number> } {
  const day = new Map<number, number>();
  const month = new Map<string, number>();
  const kwhPerSlot = g.stepMs / 3_600_000 / 1000;
  for (let i = 0; i < g.values.length; i++) {
    const x = g.values[i]!;
    if (x !== x) continue;
    const t = g.start + i * g.stepMs;
    const d = Math.floor(t / DAY_MS);
    const m = new Date(t).toISOString().slice(0, 7);
    day.set(d, (day.get(d) ?? 0) + x * kwhPerSlot);
    month.set(m, (month.get(m) ?? 0) + x * kwhPerSlot);
  }
  return { day, month };
}

/** Mean absolute percentage error of daily and monthly energy of `released` against `truth` (the bill's cost). */
export function billError(truth: Grid, released: Grid): { dayMape: number; monthMape: number } {
  const a = energyTotals(truth);
  const b = energyTotals(released);
  const mape = <K>(x: Map<K, number>, y: Map<K, number>) => {
    let s = 0;
    let n = 0;
    for (const [k, v] of x) {
      const w = y.get(k);
      if (w === undefined || v <= 0) continue;
      s += Math.abs(w - v) / v;
      n++;
    }
    return n === 0 ? NaN : s / n;
  };
  return { dayMape: mape(a.day, b.day), monthMape: mape(a.month, b.month) };
}
