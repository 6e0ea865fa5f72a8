/**
 * @module privacy/noise
 * Exact discrete noise: Bernoulli(p), Bernoulli(exp(−γ)), the discrete Laplace and the discrete Gaussian, for rational
 * parameters, in integer arithmetic only, following Canonne, Kamath and Steinke, "The Discrete Gaussian for
 * Differential Privacy" (NeurIPS 2020, https://arxiv.org/abs/2004.00010), Algorithms 1, 2 and 3.
 *
 * Why here and not a library: no maintained JavaScript/TypeScript library samples the discrete Laplace or Gaussian
 * exactly from a cryptographic source (the npm `differential-privacy` package uses a floating-point inverse CDF and a
 * data-dependent sensitivity; the others found are `Math.random()` Laplace or Box–Muller), and floating-point noise
 * is attackable (Mironov 2012; Jin et al. 2022, https://arxiv.org/abs/2112.05307). OpenDP and Tumult implement the
 * same algorithms in Rust and Python; this module follows the paper directly.
 *
 * Every probability below is a ratio of integers decided by comparing an exact uniform integer with another integer,
 * so the output distribution is exactly the one named (given uniform random bits). Two paths compute the same thing:
 *
 * - the fast path, on Numbers, when every integer it forms is a safe integer (< 2^53). The bounds, for a Gaussian of
 *   variance σ² = n/d with proposal scale t (an integer ≈ σ) and g = gcd(n, t), writing t' = t/g, n' = n/g:
 *     U < t ≤ SAFE; X = U + t·V ≤ SAFE because V ≤ vMax = ⌊(SAFE − t + 1)/t⌋ is checked (V is geometric: P(V > k) =
 *     e^−k, so the check fails with probability below e^−2^21 for any t < 2^32); |Y|·d·t' ≤ SAFE because
 *     |Y| ≤ yMax = ⌊SAFE/(d·t')⌋ is checked; a = |Y|·d·t' − n' lies in [−n', SAFE] with n' ≤ SAFE checked once;
 *     a² ≤ SAFE because |a| ≤ 94,906,265 = ⌊√SAFE⌋ is checked; B = 2·n·d·t'² ≤ SAFE is checked once; q = ⌊a²/B⌋
 *     and r = a² mod B are then formed with `%` (exact on doubles) and an exact division of a multiple of B;
 *     uniform draws below a K are below 2^53 since K ≤ the number of loop rounds. Where a check fails for one draw
 *     (a far tail), that draw finishes in BigInt, consuming the same bits.
 * - the BigInt path, for any parameters, used when a constant does not fit (e.g. σ² with a 2^110 denominator, as
 *   ρ = ε²/2 gives for ε = 0.1 read as a double) — `fastSigma2` rounds σ² up to a value the fast path takes, which
 *   only lowers ρ.
 *
 * Both paths draw the same bits in the same order for the same parameters (a test checks they agree draw for draw).
 * Draws are not constant-time: releases are computed in a batch, off the request path (docs/statistics.md).
 */
import { BitPool, type RandomSource } from './random.ts';
import { type Rational, ceil, floorSqrt, gcd, rational } from './rational.ts';

const SAFE = Number.MAX_SAFE_INTEGER; // 2^53 − 1
const SAFE_BIG = BigInt(SAFE);
const A_MAX = 94_906_265; // ⌊√(2^53 − 1)⌋: a ≤ A_MAX ⇒ a² ≤ 2^53 − 1

function poolOf(source: RandomSource | BitPool): BitPool {
  return source instanceof BitPool ? source : new BitPool(source);
}

// --- Bernoulli primitives (Algorithm 1) ------------------------------------------------------------------------------

/** Bernoulli(exp(−1)): Algorithm 1 with γ = 1 (K ← 1; while Bernoulli(1/K), K ← K + 1; answer K odd). */
function bernExpMinusOne(p: BitPool): boolean {
  let k = 2; // Bernoulli(1/1) is certain
  while (p.uniform(k) === 0) k++;
  return (k & 1) === 1;
}

/**
 * Bernoulli(exp(−r/B)) for 0 ≤ r ≤ B ≤ 2^53: Algorithm 1 for γ = r/B ∈ [0, 1]. Bernoulli(γ/K) is drawn as
 * [U₁ = 0 and U₂ < r] with U₁ uniform in [0, K) and U₂ uniform in [0, B) (U₁·B + U₂ is uniform in [0, K·B) and below
 * r ≤ B exactly when U₁ = 0 and U₂ < r), so K·B is never formed.
 */
function bernExpFrac(p: BitPool, r: number, b: number): boolean {
  let k = 1;
  while (p.uniform(k) === 0 && p.uniform(b) < r) k++;
  return (k & 1) === 1;
}

function bernExpFracBig(p: BitPool, r: bigint, b: bigint): boolean {
  let k = 1;
  while (p.uniform(k) === 0 && p.uniformBig(b) < r) k++;
  return (k & 1) === 1;
}

/** Bernoulli(exp(−(q + r/B))): q rounds of Bernoulli(exp(−1)), then the fraction (Algorithm 1, γ > 1). */
function bernExp(p: BitPool, q: number, r: number, b: number): boolean {
  for (let i = 0; i < q; i++) if (!bernExpMinusOne(p)) return false;
  return bernExpFrac(p, r, b);
}

function bernExpBig(p: BitPool, q: bigint, r: bigint, b: bigint): boolean {
  for (let i = 0n; i < q; i++) if (!bernExpMinusOne(p)) return false;
  return bernExpFracBig(p, r, b);
}

/** Bernoulli(p) for a rational 0 ≤ p ≤ 1: a uniform integer below p's denominator is below its numerator. */
export function bernoulli(source: RandomSource | BitPool, p: Rational): boolean {
  const pr = rational(p.num, p.den);
  if (pr.num < 0n || pr.num > pr.den) throw new RangeError('bernoulli: p must be in [0, 1]');
  return poolOf(source).uniformBig(pr.den) < pr.num;
}

/** Bernoulli(exp(−γ)) for a rational γ ≥ 0, exactly (Algorithm 1). */
export function bernoulliExp(source: RandomSource | BitPool, gamma: Rational): boolean {
  const g = rational(gamma.num, gamma.den);
  if (g.num < 0n) throw new RangeError('bernoulliExp: γ must be ≥ 0');
  const p = poolOf(source);
  const q = g.num / g.den;
  const r = g.num - q * g.den;
  if (g.den <= SAFE_BIG && q <= SAFE_BIG) return bernExp(p, Number(q), Number(r), Number(g.den));
  return bernExpBig(p, q, r, g.den);
}

export interface SamplerOptions {
  /** 'bigint' forces the BigInt path (for tests that compare the two); the default picks the fast one when it fits. */
  readonly path?: 'auto' | 'bigint';
}

// --- discrete Laplace (Algorithm 2) ----------------------------------------------------------------------------------

/**
 * The discrete Laplace distribution with scale τ = t/s > 0: P(Y = y) ∝ exp(−|y|/τ) on the integers (Algorithm 2 with
 * the paper's s, t). Construct once, draw many: a draw allocates nothing on the fast path.
 */
export class DiscreteLaplace {
  private readonly pool: BitPool;
  private readonly fast: boolean;
  private readonly t: number;
  private readonly s: number;
  private readonly vMax: number;
  private readonly tB: bigint;
  private readonly sB: bigint;
  private big = 0n;

  constructor(scale: Rational, source: RandomSource | BitPool, options: SamplerOptions = {}) {
    const sc = rational(scale.num, scale.den);
    if (sc.num <= 0n) throw new RangeError('discrete Laplace: the scale must be > 0');
    this.pool = poolOf(source);
    this.tB = sc.num;
    this.sB = sc.den;
    this.fast = options.path !== 'bigint' && sc.num <= SAFE_BIG && sc.den <= SAFE_BIG;
    this.t = this.fast ? Number(sc.num) : 0;
    this.s = this.fast ? Number(sc.den) : 0;
    this.vMax = this.fast ? Math.floor((SAFE - this.t + 1) / this.t) : 0;
  }

  /** One draw as a Number (throws a RangeError in the impossible-in-practice case that it is not a safe integer). */
  next(): number {
    const y = this.fast ? this.drawFast() : this.drawBig();
    if (y === y) return y;
    if (this.big <= SAFE_BIG && this.big >= -SAFE_BIG) return Number(this.big);
    throw new RangeError('discrete Laplace draw beyond 2^53: use nextBigInt');
  }

  /** One draw as a bigint. */
  nextBigInt(): bigint {
    const y = this.fast ? this.drawFast() : this.drawBig();
    return y === y ? BigInt(y) : this.big;
  }

  /** A draw, or NaN when it was finished in BigInt (then it is in `this.big`). */
  private drawFast(): number {
    const p = this.pool;
    const t = this.t;
    const s = this.s;
    for (;;) {
      const u = p.uniform(t);
      if (!bernExpFrac(p, u, t)) continue;
      let v = 0;
      while (bernExpMinusOne(p)) v++;
      if (v > this.vMax) {
        const y = (BigInt(u) + this.tB * BigInt(v)) / this.sB;
        const neg = p.bits(1) === 1;
        if (neg && y === 0n) continue;
        this.big = neg ? -y : y;
        return NaN;
      }
      const x = u + t * v;
      const y = s === 1 ? x : (x - (x % s)) / s;
      const neg = p.bits(1) === 1;
      if (neg && y === 0) continue;
      return neg ? -y : y;
    }
  }

  private drawBig(): number {
    const p = this.pool;
    for (;;) {
      const u = p.uniformBig(this.tB);
      if (!bernExpFracBig(p, u, this.tB)) continue;
      let v = 0;
      while (bernExpMinusOne(p)) v++;
      const y = (u + this.tB * BigInt(v)) / this.sB;
      const neg = p.bits(1) === 1;
      if (neg && y === 0n) continue;
      this.big = neg ? -y : y;
      return NaN;
    }
  }
}

// --- discrete Gaussian (Algorithm 3) ---------------------------------------------------------------------------------

/**
 * The discrete Gaussian N_Z(0, σ²) for a rational σ² > 0: P(Y = y) ∝ exp(−y²/(2σ²)) on the integers (Algorithm 3).
 * A discrete Laplace proposal of integer scale t is accepted with probability exp(−(|Y| − σ²/t)²/(2σ²)); the paper
 * takes t = ⌊σ⌋ + 1 and the algorithm is exact for any t ≥ 1, so t is ⌊σ⌋ + 1 or ⌊σ⌋, whichever makes the acceptance
 * fraction's denominator smaller (⌊σ⌋ when it divides σ²'s numerator: then B = 2·n·d instead of 2·n·d·t²).
 */
export class DiscreteGaussian {
  /** σ², reduced. */
  readonly sigma2: Rational;
  /** The proposal's scale t. */
  readonly t: bigint;
  private readonly pool: BitPool;
  private readonly fast: boolean;
  private readonly tN: number;
  private readonly vMax: number;
  private readonly yMax: number;
  private readonly dtN: number;
  private readonly nN: number;
  private readonly bN: number;
  private readonly tB: bigint;
  private readonly dtB: bigint;
  private readonly nB: bigint;
  private readonly bB: bigint;
  private big = 0n;

  constructor(sigma2: Rational, source: RandomSource | BitPool, options: SamplerOptions = {}) {
    const s2 = rational(sigma2.num, sigma2.den);
    if (s2.num <= 0n) throw new RangeError('discrete Gaussian: σ² must be > 0');
    this.sigma2 = s2;
    this.pool = poolOf(source);
    const { n, d, t, g, b } = gaussianConstants(s2);
    this.t = t;
    this.tB = t;
    this.dtB = d * (t / g);
    this.nB = n / g;
    this.bB = b;
    this.fast =
      options.path !== 'bigint' && t <= SAFE_BIG && this.dtB <= SAFE_BIG && this.nB <= SAFE_BIG && b <= SAFE_BIG;
    this.tN = this.fast ? Number(t) : 0;
    this.dtN = this.fast ? Number(this.dtB) : 0;
    this.nN = this.fast ? Number(this.nB) : 0;
    this.bN = this.fast ? Number(b) : 0;
    this.vMax = this.fast ? Math.floor((SAFE - this.tN + 1) / this.tN) : 0;
    this.yMax = this.fast ? Math.floor(SAFE / this.dtN) : 0;
  }

  /** Whether draws run on the Number fast path. */
  get fastPath(): boolean {
    return this.fast;
  }

  /** One draw as a Number (throws a RangeError if it is not a safe integer, which needs σ of order 2^48). */
  next(): number {
    const y = this.fast ? this.drawFast() : this.drawBig();
    if (y === y) return y;
    if (this.big <= SAFE_BIG && this.big >= -SAFE_BIG) return Number(this.big);
    throw new RangeError('discrete Gaussian draw beyond 2^53: use nextBigInt');
  }

  /** One draw as a bigint. */
  nextBigInt(): bigint {
    const y = this.fast ? this.drawFast() : this.drawBig();
    return y === y ? BigInt(y) : this.big;
  }

  /** Fills `out` with draws (fast path; falls back to `next` per draw). */
  fill(out: Float64Array | number[]): void {
    for (let i = 0; i < out.length; i++) out[i] = this.next();
  }

  /** The acceptance Bernoulli for a proposal |Y| = x, in BigInt. */
  private acceptBig(x: bigint): boolean {
    let a = x * this.dtB - this.nB;
    if (a < 0n) a = -a;
    const a2 = a * a;
    return bernExpBig(this.pool, a2 / this.bB, a2 % this.bB, this.bB);
  }

  private drawFast(): number {
    const p = this.pool;
    const t = this.tN;
    const b = this.bN;
    for (;;) {
      // discrete Laplace of scale t (Algorithm 2 with s = 1)
      const u = p.uniform(t);
      if (!bernExpFrac(p, u, t)) continue;
      let v = 0;
      while (bernExpMinusOne(p)) v++;
      if (v > this.vMax) {
        const x = BigInt(u) + this.tB * BigInt(v);
        const neg = p.bits(1) === 1;
        if (!this.acceptBig(x)) continue;
        this.big = neg ? -x : x;
        return NaN;
      }
      const y = u + t * v;
      const neg = p.bits(1) === 1;
      if (neg && y === 0) continue;
      // accept with probability exp(−a²/B)
      if (y > this.yMax) {
        if (!this.acceptBig(BigInt(y))) continue;
        return neg ? -y : y;
      }
      let a = y * this.dtN - this.nN;
      if (a < 0) a = -a;
      if (a > A_MAX) {
        if (!this.acceptBig(BigInt(y))) continue;
        return neg ? -y : y;
      }
      const a2 = a * a;
      const r = a2 % b;
      if (!bernExp(p, (a2 - r) / b, r, b)) continue;
      return neg ? -y : y;
    }
  }

  private drawBig(): number {
    const p = this.pool;
    for (;;) {
      const u = p.uniformBig(this.tB);
      if (!bernExpFracBig(p, u, this.tB)) continue;
      let v = 0;
      while (bernExpMinusOne(p)) v++;
      const x = u + this.tB * BigInt(v);
      const neg = p.bits(1) === 1;
      if (neg && x === 0n) continue;
      if (!this.acceptBig(x)) continue;
      this.big = neg ? -x : x;
      return NaN;
    }
  }
}

function gaussianConstants(s2: Rational): { n: bigint; d: bigint; t: bigint; g: bigint; b: bigint } {
  const n = s2.num;
  const d = s2.den;
  const t0 = floorSqrt(s2) + 1n;
  const candidates = t0 > 1n ? [t0, t0 - 1n] : [t0];
  let best: { n: bigint; d: bigint; t: bigint; g: bigint; b: bigint } | undefined;
  for (const t of candidates) {
    const g = gcd(n, t);
    const tg = t / g;
    const b = 2n * n * d * tg * tg;
    if (!best || b < best.b) best = { n, d, t, g, b };
  }
  return best!;
}

/**
 * The smallest σ'² ≥ σ² on which the Gaussian sampler runs its Number fast path for moderate σ: for σ ≥ 1, the next
 * multiple of t = ⌊σ⌋ + 1 (an integer with t | σ'², so B = 2σ'²); below 1, the next multiple of 2^−20. Raising σ²
 * lowers ρ = Δ²/(2σ²), so a release may always use σ'² in place of σ² (and must account the ρ of the σ² it used).
 * The relative increase is below 1/σ + 1/σ² for σ ≥ 1.
 */
export function fastSigma2(sigma2: Rational): Rational {
  const s2 = rational(sigma2.num, sigma2.den);
  if (s2.num <= 0n) throw new RangeError('fastSigma2: σ² must be > 0');
  const t = floorSqrt(s2) + 1n;
  if (t === 1n) {
    const k = ceil({ num: s2.num * (1n << 20n), den: s2.den });
    return rational(k, 1n << 20n);
  }
  return rational(t * ceil({ num: s2.num, den: s2.den * t }));
}

/** One discrete Gaussian draw (constructs a sampler: for many draws, keep a `DiscreteGaussian`). */
export function discreteGaussian(source: RandomSource | BitPool, sigma2: Rational): number {
  return new DiscreteGaussian(sigma2, source).next();
}

/** One discrete Laplace draw of scale τ (for many draws, keep a `DiscreteLaplace`). */
export function discreteLaplace(source: RandomSource | BitPool, scale: Rational): number {
  return new DiscreteLaplace(scale, source).next();
}
