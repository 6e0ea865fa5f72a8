/**
 * Goodness-of-fit helpers for the noise tests: exact PMFs (in floating point: tests only), chi-square with merged
 * tails, Kolmogorov–Smirnov with the DKW bound, tail counts with Chernoff bounds, and a replaying bit pool that
 * enumerates every path of a sampler to bound its exact output probabilities.
 *
 * Error budget: every statistical assertion in src/privacy/*.test.ts rejects at a level α ≤ 1e-8 (ALPHA), and the
 * files make fewer than 100 such assertions, so a correct sampler fails a run with probability below 1e-6. The
 * distribution tests use a fixed seed (deterministic); only the one crypto-source run is random.
 */
import { BitPool, type RandomSource } from './random.ts';

export const ALPHA = 1e-8;

/** P(Y = y) for y in [−m, m] (index y + m), normalised over that range, for a weight function of |y|. */
export function pmfTable(weight: (y: number) => number, m: number): Float64Array {
  const p = new Float64Array(2 * m + 1);
  let z = 0;
  for (let y = -m; y <= m; y++) z += p[y + m] = weight(y);
  for (let i = 0; i < p.length; i++) p[i]! /= z;
  return p;
}

export function gaussianPmf(sigma: number): { m: number; p: Float64Array } {
  const m = Math.ceil(40 * sigma) + 10;
  return { m, p: pmfTable((y) => Math.exp((-y * y) / (2 * sigma * sigma)), m) };
}

export function laplacePmf(scale: number): { m: number; p: Float64Array } {
  const m = Math.ceil(800 * scale) + 10;
  return { m, p: pmfTable((y) => Math.exp(-Math.abs(y) / scale), m) };
}

// --- regularized incomplete gamma (Numerical Recipes), for chi-square p-values ------------------------------------

/** ln Γ(x) for x > 0: Stirling's series after shifting x above 10 (relative error below 1e-12). */
function lnGamma(x: number): number {
  let shift = 0;
  while (x < 10) {
    shift += Math.log(x);
    x += 1;
  }
  const x2 = x * x;
  const series = 1 / (12 * x) - 1 / (360 * x * x2) + 1 / (1260 * x * x2 * x2) - 1 / (1680 * x * x2 * x2 * x2);
  return (x - 0.5) * Math.log(x) - x + 0.5 * Math.log(2 * Math.PI) + series - shift;
}

/** Q(a, x) = Γ(a, x)/Γ(a), the upper regularized gamma function. */
export function gammaQ(a: number, x: number): number {
  if (x <= 0) return 1;
  const gln = lnGamma(a);
  if (x < a + 1) {
    let sum = 1 / a;
    let del = sum;
    let ap = a;
    for (let n = 0; n < 10_000; n++) {
      del *= x / ++ap;
      sum += del;
      if (Math.abs(del) < Math.abs(sum) * 1e-15) break;
    }
    return 1 - sum * Math.exp(-x + a * Math.log(x) - gln);
  }
  let b = x + 1 - a;
  let c = 1 / 1e-300;
  let d = 1 / b;
  let h = d;
  for (let i = 1; i < 10_000; i++) {
    const an = -i * (i - a);
    b += 2;
    d = an * d + b;
    if (Math.abs(d) < 1e-300) d = 1e-300;
    c = b + an / c;
    if (Math.abs(c) < 1e-300) c = 1e-300;
    d = 1 / d;
    const del = d * c;
    h *= del;
    if (Math.abs(del - 1) < 1e-15) break;
  }
  return Math.exp(-x + a * Math.log(x) - gln) * h;
}

/** Counts of each integer value in [−m, m] (values outside are counted at the ends). */
export function histogram(samples: ArrayLike<number>, m: number): Float64Array {
  const h = new Float64Array(2 * m + 1);
  for (let i = 0; i < samples.length; i++) {
    const y = Math.max(-m, Math.min(m, samples[i]!));
    h[y + m]!++;
  }
  return h;
}

/**
 * Chi-square goodness of fit: consecutive integers are merged into bins of expected count ≥ `minExpected` (and at
 * most about `maxBins` bins); the first and last bins hold the whole tails. Returns the statistic, degrees of freedom
 * and p-value (upper tail of the chi-square law).
 */
export function chiSquare(
  counts: Float64Array,
  p: Float64Array,
  n: number,
  options: { minExpected?: number; maxBins?: number } = {},
): { stat: number; df: number; pValue: number; bins: number } {
  const target = Math.max(options.minExpected ?? 20, n / (options.maxBins ?? 80));
  const obs: number[] = [];
  const exp: number[] = [];
  let o = 0;
  let e = 0;
  for (let i = 0; i < p.length; i++) {
    o += counts[i]!;
    e += p[i]! * n;
    if (e >= target) {
      obs.push(o);
      exp.push(e);
      o = 0;
      e = 0;
    }
  }
  if (exp.length === 0) throw new Error('chiSquare: too few samples');
  obs[obs.length - 1]! += o; // the right tail joins the last bin
  exp[exp.length - 1]! += e;
  let stat = 0;
  for (let i = 0; i < obs.length; i++) stat += (obs[i]! - exp[i]!) ** 2 / exp[i]!;
  const df = obs.length - 1;
  return { stat, df, pValue: gammaQ(df / 2, stat / 2), bins: obs.length };
}

/**
 * Kolmogorov–Smirnov distance between the empirical CDF and the exact one over the integers, with the bound of
 * Dvoretzky–Kiefer–Wolfowitz (Massart's constant), valid for any distribution, discrete included:
 * P(sup |F_n − F| > ε) ≤ 2·exp(−2nε²). Returns D and the largest D allowed at level ALPHA.
 */
export function kolmogorovSmirnov(counts: Float64Array, p: Float64Array, n: number): { d: number; limit: number } {
  let fn = 0;
  let f = 0;
  let d = 0;
  for (let i = 0; i < p.length; i++) {
    fn += counts[i]! / n;
    f += p[i]!;
    d = Math.max(d, Math.abs(fn - f));
  }
  return { d, limit: Math.sqrt(Math.log(2 / ALPHA) / (2 * n)) };
}

/**
 * Whether a binomial count k of n trials is consistent with success probability q at level ALPHA, by the Chernoff
 * bounds P(X ≥ (1+δ)μ) ≤ exp(−μδ²/(2+δ)) and P(X ≤ (1−δ)μ) ≤ exp(−μδ²/2), each side given ALPHA/2.
 */
export function binomialConsistent(k: number, n: number, q: number): { ok: boolean; low: number; high: number } {
  const mu = n * q;
  const l = Math.log(2 / ALPHA);
  const dLow = Math.sqrt((2 * l) / mu);
  // solve μδ²/(2+δ) = l for δ > 0
  const dHigh = (l + Math.sqrt(l * l + 8 * mu * l)) / (2 * mu);
  const low = Math.max(0, mu * (1 - dLow));
  const high = mu * (1 + dHigh);
  return { ok: k >= low && k <= high, low, high };
}

/** A source that is not random at all: for tests that must see a sampler fail. */
export function constantSource(word: number): RandomSource {
  return { uint32: () => word >>> 0 };
}

/**
 * Exact path enumeration: runs `draw` on every sequence of bit requests, depth first, each answer with its exact
 * probability 2^−k, and returns the total probability of each outcome over the paths of probability ≥ 2^−`depth`
 * bits, plus the probability of the paths left unfinished. Any exact answer P(outcome) lies in
 * [found, found + unfinished].
 */
export function enumerateOutcomes<T>(
  draw: (pool: BitPool) => T,
  key: (t: T) => string,
  maxBits: number,
): { found: Map<string, number>; unfinished: number } {
  const found = new Map<string, number>();
  let unfinished = 0;
  class Scripted extends BitPool {
    pos = 0;
    spent = 0;
    constructor(
      readonly script: number[],
      readonly widths: number[],
    ) {
      super({ uint32: () => 0 });
    }
    override bits(k: number): number {
      if (this.pos < this.script.length) {
        this.spent += k;
        return this.script[this.pos++]!;
      }
      throw new Need(k, this.spent);
    }
  }
  class Need {
    constructor(
      readonly k: number,
      readonly spent: number,
    ) {}
  }
  const stack: { script: number[]; widths: number[] }[] = [{ script: [], widths: [] }];
  while (stack.length > 0) {
    const { script, widths } = stack.pop()!;
    const pool = new Scripted(script, widths);
    try {
      const out = draw(pool);
      const bitsUsed = widths.reduce((a, b) => a + b, 0);
      const k = key(out);
      found.set(k, (found.get(k) ?? 0) + 2 ** -bitsUsed);
    } catch (e) {
      if (!(e instanceof Need)) throw e;
      if (e.spent + e.k > maxBits) {
        unfinished += 2 ** -e.spent;
        continue;
      }
      for (let v = 0; v < 2 ** e.k; v++) stack.push({ script: [...script, v], widths: [...widths, e.k] });
    }
  }
  return { found, unfinished };
}
