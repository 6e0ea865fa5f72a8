import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { CourantError } from '../core/errors.ts';
import { DiscreteGaussian, fastSigma2 } from './noise.ts';
import { seededForTests } from './random.ts';
import { add, compare, rational, toNumber, type Rational } from './rational.ts';
import {
  RhoAccountant,
  checkBudget,
  composeRho,
  epsilonFromRho,
  gaussianRho,
  remainingRho,
  rhoFromEpsilon,
  sigma2FromRho,
  splitRho,
} from './zcdp.ts';

test('ρ of a Gaussian, σ² from ρ, ρ from ε, composition and the implied (ε, δ)', () => {
  assert.deepEqual(gaussianRho(1, 2), rational(1n, 4n));
  assert.deepEqual(sigma2FromRho(rational(9n), rational(1n, 2n)), rational(9n));
  assert.deepEqual(rhoFromEpsilon(1), rational(1n, 2n));
  assert.deepEqual(rhoFromEpsilon(0.5), rational(1n, 8n));
  // 0.1 is read as the double it is, exactly
  assert.deepEqual(rhoFromEpsilon(0.1), rational(3602879701896397n ** 2n, 2n ** 111n));
  assert.deepEqual(composeRho([rational(1n, 3n), rational(1n, 6n), 0.25]), rational(3n, 4n));
  // ε' = ρ + 2√(ρ ln(1/δ)): ρ = 1/2, δ = 1e-6 → 0.5 + 2√(0.5·13.8155…) = 5.7565…
  assert.ok(Math.abs(epsilonFromRho(rational(1n, 2n)) - (0.5 + 2 * Math.sqrt(0.5 * Math.log(1e6)))) < 1e-12);
  assert.ok(epsilonFromRho(0.5) >= 0.5 + 2 * Math.sqrt(0.5 * Math.log(1e6)));
  assert.equal(epsilonFromRho(0), 0);
  assert.throws(() => sigma2FromRho(1, 0), RangeError);
  assert.throws(() => gaussianRho(1, 0), RangeError);
  assert.throws(() => epsilonFromRho(1, 0), RangeError);
  fc.assert(
    fc.property(
      fc.bigInt({ min: 1n, max: 10n ** 12n }),
      fc.bigInt({ min: 1n, max: 10n ** 6n }),
      fc.bigInt({ min: 1n, max: 10n ** 6n }),
      (d2, rn, rd) => {
        const rho = rational(rn, rd);
        assert.deepEqual(gaussianRho(rational(d2), sigma2FromRho(rational(d2), rho)), rho);
        // rounding σ² up for the fast path never raises ρ
        const s2 = fastSigma2(sigma2FromRho(rational(d2), rho));
        assert.ok(compare(gaussianRho(rational(d2), s2), rho) <= 0);
      },
    ),
  );
});

test('fixed shares add up to the total exactly', () => {
  const parts = splitRho(rational(1n, 2n), { count: 1, sum: 2, presence: 1 });
  assert.deepEqual(parts, { count: rational(1n, 8n), sum: rational(1n, 4n), presence: rational(1n, 8n) });
  fc.assert(
    fc.property(
      fc.bigInt({ min: 1n, max: 10n ** 9n }),
      fc.dictionary(fc.string({ minLength: 1, maxLength: 6 }), fc.integer({ min: 1, max: 1000 }), {
        minKeys: 1,
        maxKeys: 8,
      }),
      (den, shares) => {
        const total = rational(1n, den);
        const parts = splitRho(total, shares);
        assert.deepEqual(composeRho(Object.values(parts)), total);
      },
    ),
  );
  assert.throws(() => splitRho(1, {}), RangeError);
  assert.throws(() => splitRho(1, { a: 0 }), RangeError);
});

test('the budget check refuses with STATS_BUDGET_EXCEEDED naming the budget left', () => {
  assert.deepEqual(checkBudget({ budget: 1, spent: 0.5, requested: 0.5 }), rational(1n));
  try {
    checkBudget({ budget: 1, spent: rational(3n, 4n), requested: 0.5, what: 'data set obs × commune × 2025' });
    assert.fail('expected a refusal');
  } catch (e) {
    assert.ok(e instanceof CourantError);
    assert.equal(e.code, 'STATS_BUDGET_EXCEEDED');
    assert.equal(e.status, 409);
    assert.match(e.message, /ρ = 0\.25 \(1\/4\) left/);
    assert.match(e.message, /data set obs × commune × 2025/);
    assert.equal(e.details?.['remainingRho'], 0.25);
  }
  assert.deepEqual(remainingRho(1, 2), rational(0n));
});

const rhoArb = fc
  .tuple(fc.bigInt({ min: 0n, max: 50n }), fc.bigInt({ min: 1n, max: 60n }))
  .map(([n, d]) => rational(n, d));

test('property: no sequence of releases spends beyond the budget, refusals change nothing, and what fits is accepted', () => {
  fc.assert(
    fc.property(rhoArb, fc.array(rhoArb, { maxLength: 40 }), (budget, requests) => {
      const acc = new RhoAccountant(budget, 'test');
      let spent: Rational = rational(0n);
      for (const r of requests) {
        const fitsBudget = compare(add(spent, r), budget) <= 0;
        assert.equal(acc.canSpend(r), fitsBudget);
        if (fitsBudget) {
          acc.spend(r);
          spent = add(spent, r);
        } else {
          const before = acc.spent;
          assert.throws(
            () => acc.spend(r),
            (e: unknown) => e instanceof CourantError && e.code === 'STATS_BUDGET_EXCEEDED',
          );
          assert.deepEqual(acc.spent, before);
        }
        assert.deepEqual(acc.spent, spent);
        assert.ok(compare(acc.spent, budget) <= 0, 'spent beyond the budget');
        assert.deepEqual(add(acc.spent, acc.remaining), budget);
      }
    }),
    { numRuns: 500 },
  );
});

test('property: a release split in shares and released again and again stops exactly when the budget runs out', () => {
  fc.assert(
    fc.property(
      fc.integer({ min: 1, max: 20 }),
      fc.integer({ min: 1, max: 4 }),
      fc.array(fc.integer({ min: 1, max: 9 }), { minLength: 1, maxLength: 4 }),
      (budgetUnits, epsTenths, weights) => {
        const budget = rational(BigInt(budgetUnits), 10n);
        const perRelease = rhoFromEpsilon(rational(BigInt(epsTenths), 10n));
        const parts = splitRho(perRelease, Object.fromEntries(weights.map((w, i) => [`s${i}`, w])));
        const acc = new RhoAccountant(budget);
        let released = 0;
        for (let i = 0; i < 1000; i++) {
          if (!acc.canSpend(composeRho(Object.values(parts)))) break;
          acc.spend(composeRho(Object.values(parts)));
          released++;
        }
        // the number released is the floor of budget / ρ per release
        assert.equal(released, Math.floor(budgetUnits / 10 / toNumber(perRelease) + 1e-9));
        assert.ok(compare(acc.spent, budget) <= 0);
      },
    ),
  );
});

/**
 * The differencing attack, audited as a black box: the adversary sees many releases of sum(D) + Z and of
 * sum(D') + Z' for neighbouring populations (D' = D plus one household contributing the clip C), and estimates the
 * privacy loss L(y) = ln P_D(y)/P_D'(y) from the two empirical distributions of the outputs (bins of width σ/10, the
 * far tails merged). ρ-zCDP bounds the mean of L under D (the KL divergence) by ρ; binning only lowers it. Here
 * 5·10⁵ releases of each at ρ = 1/2 (ε = 1): the estimate must be ≤ ρ·(1 + 3 %) (its standard error is about
 * √(4ρ/n) = 0.002, so 3 % of ρ is 7.5 standard errors; the plug-in bias is below 10⁻³ of ρ), and ≥ 0.95·ρ, so the
 * audit is sharp enough to see a leak; a mechanism adding half the variance it claims is seen at about 2ρ.
 */
test('differencing attack: the empirical privacy loss of neighbouring sums stays within the zCDP bound for ρ', () => {
  const clip = 500; // Wh: one household adds at most this
  const rho = rational(1n, 2n);
  const sigma2 = sigma2FromRho(rational(BigInt(clip * clip)), rho); // 250 000: σ = 500
  const sigma = Math.sqrt(toNumber(sigma2));
  const S = 1_234_567; // the sum over D
  const S2 = S + clip; // the sum over D' (one more household, at the clip)
  const n = 500_000;
  const width = sigma / 10;
  const lo = S - 5 * sigma;
  const bins = Math.ceil((S2 + 5 * sigma - lo) / width);
  const binOf = (y: number) => Math.max(0, Math.min(bins - 1, Math.floor((y - lo) / width)));
  const audit = (noiseSigma2: Rational, seed: number) => {
    const g = new DiscreteGaussian(noiseSigma2, seededForTests(seed));
    const p = new Float64Array(bins);
    const q = new Float64Array(bins);
    for (let i = 0; i < n; i++) p[binOf(S + g.next())]!++;
    for (let i = 0; i < n; i++) q[binOf(S2 + g.next())]!++;
    let kl = 0;
    for (let b = 0; b < bins; b++) if (p[b]! > 0 && q[b]! > 0) kl += (p[b]! / n) * Math.log(p[b]! / q[b]!);
    return kl;
  };
  const r = toNumber(rho);
  const honest = audit(sigma2, 99);
  assert.ok(honest <= r * 1.03, `estimated privacy loss ${honest} above ρ = ${r}`);
  assert.ok(honest >= r * 0.95, `estimated privacy loss ${honest} far below ρ = ${r}: the audit would not see a leak`);
  // ρ also bounds the implied (ε, δ): the loss exceeds ε' = ρ + 2√(ρ ln(1/δ)) with probability ≤ δ
  assert.ok(epsilonFromRho(rho, 1e-6) > 5);
  const leaky = audit(rational(sigma2.num, sigma2.den * 2n), 100);
  assert.ok(leaky > r * 1.5, `a mechanism with half the variance leaked ${leaky}, unseen`);
});
