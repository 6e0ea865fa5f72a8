/**
 * @module privacy/zcdp
 * Privacy accounting in ρ-zero-concentrated differential privacy (Bun and Steinke 2016), exact on rationals.
 *
 * - A Gaussian (discrete or continuous) with L2 sensitivity Δ and variance σ² is ρ-zCDP with ρ = Δ²/(2σ²)
 *   (Canonne, Kamath, Steinke 2020, Theorem 14 for the discrete one). Sensitivities enter squared (Δ² = C²·k for a
 *   clip C over k buckets), so they stay rational.
 * - Composition adds ρ. ε-DP implies (ε²/2)-zCDP. ρ-zCDP implies (ρ + 2√(ρ·ln(1/δ)), δ)-DP for every δ > 0.
 * - A budget is spent in ρ; a spend that would exceed it is refused with STATS_BUDGET_EXCEEDED naming what remains.
 *
 * Amounts of ρ are exact rationals so that no sequence of spends can slip past a budget through rounding; the
 * floating-point figures (`toNumber`, the implied ε) are for people to read.
 */
import { CourantError } from '../core/errors.ts';
import { type Rational, add, compare, div, mul, rational, rationalFromNumber, sub, toNumber } from './rational.ts';

const ZERO: Rational = { num: 0n, den: 1n };

function asRational(x: Rational | number, what: string): Rational {
  if (typeof x === 'number') {
    if (!Number.isFinite(x)) throw new RangeError(`${what} must be finite: ${x}`);
    return rationalFromNumber(x);
  }
  return rational(x.num, x.den);
}

/** ρ of a Gaussian of variance σ² for a query of squared L2 sensitivity Δ²: Δ²/(2σ²). */
export function gaussianRho(sensitivitySquared: Rational | number, sigma2: Rational | number): Rational {
  const d2 = asRational(sensitivitySquared, 'Δ²');
  const s2 = asRational(sigma2, 'σ²');
  if (d2.num < 0n) throw new RangeError('Δ² must be ≥ 0');
  if (s2.num <= 0n) throw new RangeError('σ² must be > 0');
  return div(d2, mul(rational(2n), s2));
}

/** The variance a Gaussian needs to be ρ-zCDP for squared L2 sensitivity Δ²: σ² = Δ²/(2ρ), exactly. */
export function sigma2FromRho(sensitivitySquared: Rational | number, rho: Rational | number): Rational {
  const d2 = asRational(sensitivitySquared, 'Δ²');
  const r = asRational(rho, 'ρ');
  if (d2.num <= 0n) throw new RangeError('Δ² must be > 0');
  if (r.num <= 0n) throw new RangeError('ρ must be > 0');
  return div(d2, mul(rational(2n), r));
}

/** Sequential composition: the ρ of several mechanisms run on the same data is the sum of their ρ. */
export function composeRho(rhos: readonly (Rational | number)[]): Rational {
  return rhos.reduce<Rational>((acc, r) => add(acc, nonNegative(asRational(r, 'ρ'))), ZERO);
}

/** The zCDP cost of an ε-DP mechanism, ρ = ε²/2 (how `--epsilon ε` is read). */
export function rhoFromEpsilon(epsilon: Rational | number): Rational {
  const e = asRational(epsilon, 'ε');
  if (e.num < 0n) throw new RangeError('ε must be ≥ 0');
  return div(mul(e, e), rational(2n));
}

/** The ε of the (ε, δ)-DP that ρ-zCDP implies: ε = ρ + 2√(ρ·ln(1/δ)) (rounded up by one ulp, for reporting). */
export function epsilonFromRho(rho: Rational | number, delta = 1e-6): number {
  if (!(delta > 0 && delta < 1)) throw new RangeError('δ must be in (0, 1)');
  const r = toNumber(nonNegative(asRational(rho, 'ρ')));
  const e = r + 2 * Math.sqrt(r * Math.log(1 / delta));
  return e === 0 ? 0 : e * (1 + Number.EPSILON);
}

/**
 * Splits ρ into fixed, public shares: each name gets total·w/Σw for its positive weight w (integers or rationals),
 * exactly, so that the parts add up to the total.
 */
export function splitRho<K extends string>(
  total: Rational | number,
  shares: Readonly<Record<K, Rational | number>>,
): Record<K, Rational> {
  const t = nonNegative(asRational(total, 'ρ'));
  const entries = Object.entries(shares) as [K, Rational | number][];
  if (entries.length === 0) throw new RangeError('splitRho: no shares');
  const weights = entries.map(([k, w]) => {
    const r = asRational(w, `share ${k}`);
    if (r.num <= 0n) throw new RangeError(`splitRho: share ${k} must be > 0`);
    return [k, r] as const;
  });
  const sum = weights.reduce<Rational>((acc, [, w]) => add(acc, w), ZERO);
  const out = {} as Record<K, Rational>;
  for (const [k, w] of weights) out[k] = mul(t, div(w, sum));
  return out;
}

function nonNegative(r: Rational): Rational {
  if (r.num < 0n) throw new RangeError('ρ must be ≥ 0');
  return r;
}

/** What is left of a budget after some spends (never below zero). */
export function remainingRho(budget: Rational | number, spent: Rational | number): Rational {
  const left = sub(asRational(budget, 'budget'), asRational(spent, 'spent'));
  return left.num < 0n ? ZERO : left;
}

/** A ρ for people: the decimal to 6 significant digits, and the exact fraction when it is short. */
export function describeRho(rho: Rational): string {
  const dec = Number(toNumber(rho).toPrecision(6)).toString();
  const frac = `${rho.num}/${rho.den}`;
  return rho.den === 1n ? rho.num.toString() : frac.length <= 24 ? `${dec} (${frac})` : dec;
}

/**
 * Refuses a spend of `requested` on a budget with `spent` already used: throws STATS_BUDGET_EXCEEDED naming what
 * remains (and what was asked) when spent + requested > budget. Returns the new total spent otherwise.
 */
export function checkBudget(args: {
  readonly budget: Rational | number;
  readonly spent: Rational | number;
  readonly requested: Rational | number;
  /** What the budget belongs to, for the message (e.g. "data set research-obs × commune × 2025"). */
  readonly what?: string;
}): Rational {
  const budget = nonNegative(asRational(args.budget, 'budget'));
  const spent = nonNegative(asRational(args.spent, 'spent'));
  const requested = nonNegative(asRational(args.requested, 'requested ρ'));
  const total = add(spent, requested);
  if (compare(total, budget) > 0) {
    const left = remainingRho(budget, spent);
    throw new CourantError(
      'STATS_BUDGET_EXCEEDED',
      `the release needs ρ = ${describeRho(requested)} but ${args.what ? `the budget of ${args.what}` : 'the budget'} ` +
        `has ρ = ${describeRho(left)} left (of ${describeRho(budget)})`,
      {
        details: {
          budgetRho: toNumber(budget),
          spentRho: toNumber(spent),
          remainingRho: toNumber(left),
          requestedRho: toNumber(requested),
        },
      },
    );
  }
  return total;
}

/** A running account of one budget: `spend` refuses (and records nothing) when a spend would exceed it. */
export class RhoAccountant {
  private spentSoFar: Rational = ZERO;
  readonly budget: Rational;

  constructor(
    budget: Rational | number,
    private readonly what?: string,
  ) {
    this.budget = nonNegative(asRational(budget, 'budget'));
  }

  get spent(): Rational {
    return this.spentSoFar;
  }

  get remaining(): Rational {
    return remainingRho(this.budget, this.spentSoFar);
  }

  /** Whether `rho` could be spent now. */
  canSpend(rho: Rational | number): boolean {
    return compare(add(this.spentSoFar, nonNegative(asRational(rho, 'ρ'))), this.budget) <= 0;
  }

  /** Spends `rho` or throws STATS_BUDGET_EXCEEDED, leaving the account unchanged. */
  spend(rho: Rational | number): Rational {
    const args = { budget: this.budget, spent: this.spentSoFar, requested: rho };
    this.spentSoFar = checkBudget(this.what === undefined ? args : { ...args, what: this.what });
    return this.spentSoFar;
  }
}
