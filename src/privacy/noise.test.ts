/**
 * The exact samplers against their exact laws. How the thresholds are chosen is in ./test-support.ts: every
 * statistical assertion rejects at α ≤ 1e-8 (chi-square p-value, the DKW bound for Kolmogorov–Smirnov, Chernoff
 * bounds for tail counts, ±6 standard errors for the independence statistics), fewer than 100 of them, so a correct
 * sampler fails a run with probability < 1e-6. Fixed seeds make the distribution runs deterministic; the crypto run
 * is the one random test. Each test can fail: the "a wrong sampler is caught" tests feed the same checks from
 * samplers that are slightly off and require them to be rejected.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DiscreteGaussian, DiscreteLaplace, bernoulli, bernoulliExp, fastSigma2 } from './noise.ts';
import { cryptoRandom, seededForTests, type RandomSource } from './random.ts';
import { rational, rationalFromNumber, toNumber, type Rational } from './rational.ts';
import {
  ALPHA,
  binomialConsistent,
  chiSquare,
  enumerateOutcomes,
  gaussianPmf,
  histogram,
  kolmogorovSmirnov,
  laplacePmf,
} from './test-support.ts';

const N = 500_000;

function drawMany(next: () => number, n: number): Float64Array {
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) out[i] = next();
  return out;
}

function fits(samples: Float64Array, law: { m: number; p: Float64Array }, what: string): void {
  const counts = histogram(samples, law.m);
  const chi = chiSquare(counts, law.p, samples.length);
  assert.ok(
    chi.pValue > ALPHA,
    `${what}: chi-square ${chi.stat.toFixed(1)} on ${chi.df} df, p = ${chi.pValue.toExponential(2)}`,
  );
  const ks = kolmogorovSmirnov(counts, law.p, samples.length);
  assert.ok(ks.d <= ks.limit, `${what}: KS distance ${ks.d.toExponential(3)} > ${ks.limit.toExponential(3)}`);
}

function rejects(samples: Float64Array, law: { m: number; p: Float64Array }): boolean {
  const counts = histogram(samples, law.m);
  const chi = chiSquare(counts, law.p, samples.length);
  const ks = kolmogorovSmirnov(counts, law.p, samples.length);
  return chi.pValue <= ALPHA || ks.d > ks.limit;
}

// σ given as a double: σ² = σ·σ exactly as a rational (0.5 → 1/4)
const sigma2Of = (sigma: number): Rational => {
  const s = rationalFromNumber(sigma);
  return rational(s.num * s.num, s.den * s.den);
};

for (const sigma of [0.5, 1, 3, 10, 100]) {
  test(`discrete Gaussian σ = ${sigma}: chi-square and KS against the exact PMF (n = ${N}, fixed seed)`, () => {
    const g = new DiscreteGaussian(sigma2Of(sigma), seededForTests(1000 + sigma * 10));
    assert.ok(g.fastPath);
    fits(
      drawMany(() => g.next(), N),
      gaussianPmf(sigma),
      `σ = ${sigma}`,
    );
  });
}

test('discrete Gaussian on the BigInt path (σ = 3.1 read as a double: σ² has a 2^102 denominator) fits its PMF', () => {
  const s2 = sigma2Of(3.1);
  const g = new DiscreteGaussian(s2, seededForTests(77));
  assert.equal(g.fastPath, false);
  fits(
    drawMany(() => g.next(), 60_000),
    gaussianPmf(Math.sqrt(toNumber(s2))),
    'σ = 3.1 (BigInt)',
  );
});

test('discrete Gaussian from the crypto source, σ = 10 (the one random run; false-failure < 2e-8)', () => {
  const g = new DiscreteGaussian(rational(100n), cryptoRandom());
  fits(
    drawMany(() => g.next(), 100_000),
    gaussianPmf(10),
    'σ = 10 (crypto)',
  );
});

for (const scale of [0.5, 1, 3, 10, 100]) {
  test(`discrete Laplace scale ${scale}: chi-square and KS against the exact PMF (n = ${N}, fixed seed)`, () => {
    const l = new DiscreteLaplace(rationalFromNumber(scale), seededForTests(2000 + scale * 10));
    fits(
      drawMany(() => l.next(), N),
      laplacePmf(scale),
      `scale ${scale}`,
    );
  });
}

test('discrete Laplace with a non-integer rational scale 7/3, and from the crypto source', () => {
  const l = new DiscreteLaplace(rational(7n, 3n), seededForTests(5));
  fits(
    drawMany(() => l.next(), N),
    laplacePmf(7 / 3),
    'scale 7/3',
  );
  const c = new DiscreteLaplace(rational(10n), cryptoRandom());
  fits(
    drawMany(() => c.next(), 100_000),
    laplacePmf(10),
    'scale 10 (crypto)',
  );
});

test('a wrong sampler is caught: σ off by 3 %, a rounded Box–Muller normal, a Laplace for a Gaussian', () => {
  const N = 250_000;
  const off = new DiscreteGaussian(sigma2Of(10 * 1.03), seededForTests(9));
  assert.ok(
    rejects(
      drawMany(() => off.next(), N),
      gaussianPmf(10),
    ),
    'σ = 10.3 accepted as σ = 10',
  );
  const r = seededForTests(10);
  const u = () => (r.uint32() + 0.5) / 2 ** 32;
  const rounded = drawMany(() => Math.round(0.5 * Math.sqrt(-2 * Math.log(u())) * Math.cos(2 * Math.PI * u())), N);
  assert.ok(rejects(rounded, gaussianPmf(0.5)), 'a rounded continuous normal accepted as a discrete Gaussian');
  const lap = new DiscreteLaplace(rational(3n), seededForTests(11));
  assert.ok(
    rejects(
      drawMany(() => lap.next(), N),
      gaussianPmf(3),
    ),
    'a Laplace accepted as a Gaussian',
  );
  const lapOff = new DiscreteLaplace(rational(103n, 10n), seededForTests(12));
  assert.ok(
    rejects(
      drawMany(() => lapOff.next(), N),
      laplacePmf(10),
    ),
    'scale 10.3 accepted as scale 10',
  );
});

test('tails: the frequency beyond 4σ and 6σ matches the exact law (σ = 10 and 100, n = 10⁶, Chernoff bounds)', () => {
  for (const sigma of [10, 100]) {
    const law = gaussianPmf(sigma);
    const g = new DiscreteGaussian(rational(BigInt(sigma * sigma)), seededForTests(3000 + sigma));
    const n = 1_000_000;
    let beyond4 = 0;
    let beyond6 = 0;
    for (let i = 0; i < n; i++) {
      const y = Math.abs(g.next());
      if (y > 4 * sigma) beyond4++;
      if (y > 6 * sigma) beyond6++;
    }
    const tail = (k: number) => {
      let s = 0;
      for (let y = -law.m; y <= law.m; y++) if (Math.abs(y) > k) s += law.p[y + law.m]!;
      return s;
    };
    const c4 = binomialConsistent(beyond4, n, tail(4 * sigma));
    assert.ok(c4.ok, `σ = ${sigma}: ${beyond4} beyond 4σ, expected in [${c4.low.toFixed(1)}, ${c4.high.toFixed(1)}]`);
    // beyond 6σ the expectation is about 0.002: more than 4 would have probability below 1e-11
    assert.ok(beyond6 <= 4, `σ = ${sigma}: ${beyond6} draws beyond 6σ`);
  }
  // and a sampler with too light tails is caught: σ 10 % small puts too few beyond 4σ
  const light = new DiscreteGaussian(rational(81n), seededForTests(4));
  let k = 0;
  for (let i = 0; i < 1_000_000; i++) if (Math.abs(light.next()) > 40) k++;
  const law = gaussianPmf(10);
  let q = 0;
  for (let y = 41; y <= law.m; y++) q += 2 * law.p[y + law.m]!;
  assert.ok(!binomialConsistent(k, 1_000_000, q).ok, `σ = 9 gave ${k} beyond 40, consistent with σ = 10`);
});

function lag1(x: Float64Array): number {
  let mean = 0;
  for (const v of x) mean += v;
  mean /= x.length;
  let num = 0;
  let den = 0;
  for (let i = 0; i < x.length; i++) {
    const d = x[i]! - mean;
    den += d * d;
    if (i > 0) num += d * (x[i - 1]! - mean);
  }
  return num / den;
}

/** Wald–Wolfowitz runs test on the signs of the non-zero values: the z statistic. */
function runsZ(x: Float64Array): number {
  let pos = 0;
  let neg = 0;
  let runs = 0;
  let last = 0;
  for (const v of x) {
    if (v === 0) continue;
    const s = v > 0 ? 1 : -1;
    if (s > 0) pos++;
    else neg++;
    if (s !== last) runs++;
    last = s;
  }
  const n = pos + neg;
  const mu = (2 * pos * neg) / n + 1;
  const var_ = ((mu - 1) * (mu - 2)) / (n - 1);
  return (runs - mu) / Math.sqrt(var_);
}

test('independence: lag-1 autocorrelation and a runs test (|z| ≤ 6), and a correlated stream is caught', () => {
  for (const [what, next] of [
    [
      'Gaussian σ = 3',
      (() =>
        (
          (g) => () =>
            g.next()
        )(new DiscreteGaussian(rational(9n), seededForTests(21))))(),
    ],
    [
      'Gaussian σ = 1000',
      (() =>
        (
          (g) => () =>
            g.next()
        )(new DiscreteGaussian(rational(10n ** 6n), seededForTests(22))))(),
    ],
    [
      'Laplace 5',
      (() =>
        (
          (l) => () =>
            l.next()
        )(new DiscreteLaplace(rational(5n), seededForTests(23))))(),
    ],
  ] as const) {
    const x = drawMany(next, N);
    const r = lag1(x) * Math.sqrt(N);
    assert.ok(Math.abs(r) <= 6, `${what}: √n·r₁ = ${r.toFixed(2)}`);
    const z = runsZ(x);
    assert.ok(Math.abs(z) <= 6, `${what}: runs z = ${z.toFixed(2)}`);
  }
  // a stream that repeats each draw half the time is caught by both
  const g = new DiscreteGaussian(rational(9n), seededForTests(24));
  const coin = seededForTests(25);
  let prev = 0;
  const sticky = drawMany(() => (prev = coin.uint32() & 1 ? prev : g.next()), N);
  assert.ok(Math.abs(lag1(sticky) * Math.sqrt(N)) > 6);
  assert.ok(Math.abs(runsZ(sticky)) > 6);
});

test('Bernoulli(exp(−γ)) is exact: every path enumerated, the exact probability is inside [found, found + unfinished]', () => {
  for (const [n, d] of [
    [0n, 1n],
    [1n, 3n],
    [1n, 2n],
    [2n, 3n],
    [1n, 1n],
    [3n, 2n],
    [5n, 2n],
    [7n, 3n],
  ] as const) {
    const gamma = Number(n) / Number(d);
    const { found, unfinished } = enumerateOutcomes((pool) => bernoulliExp(pool, rational(n, d)), String, 24);
    const yes = found.get('true') ?? 0;
    const want = Math.exp(-gamma);
    assert.ok(unfinished < 0.01, `γ = ${n}/${d}: ${unfinished} left unexplored`);
    assert.ok(
      yes <= want + 1e-12 && want <= yes + unfinished + 1e-12,
      `γ = ${n}/${d}: P(1) ∈ [${yes}, ${yes + unfinished}] misses exp(−γ) = ${want}`,
    );
  }
  // Bernoulli(p) on a small rational is exactly p
  const { found, unfinished } = enumerateOutcomes((pool) => bernoulli(pool, rational(2n, 7n)), String, 30);
  assert.ok(Math.abs((found.get('true') ?? 0) - 2 / 7) <= unfinished + 1e-12 && unfinished < 1e-6);
});

test('the Number and BigInt paths agree draw for draw on the same random stream', () => {
  const cases: Rational[] = [
    rational(1n, 4n),
    rational(1n),
    rational(9n),
    rational(100n),
    rational(10n ** 6n),
    rational(10n ** 8n),
    rational(10n ** 12n),
    rational(7n, 3n),
    fastSigma2(rational(100000001n)),
  ];
  for (const s2 of cases) {
    const a = new DiscreteGaussian(s2, seededForTests(31));
    const b = new DiscreteGaussian(s2, seededForTests(31), { path: 'bigint' });
    assert.ok(a.fastPath && !b.fastPath);
    for (let i = 0; i < 5_000; i++) assert.equal(a.nextBigInt(), b.nextBigInt(), `σ² = ${s2.num}/${s2.den}, draw ${i}`);
  }
  for (const scale of [rational(1n, 2n), rational(1n), rational(7n, 3n), rational(1000n)]) {
    const a = new DiscreteLaplace(scale, seededForTests(32));
    const b = new DiscreteLaplace(scale, seededForTests(32), { path: 'bigint' });
    for (let i = 0; i < 5_000; i++) assert.equal(a.nextBigInt(), b.nextBigInt());
  }
});

test('parameters: σ² and scales must be positive; fastSigma2 only raises σ² and lands on the fast path', () => {
  assert.throws(() => new DiscreteGaussian(rational(0n), seededForTests(1)), RangeError);
  assert.throws(() => new DiscreteGaussian(rational(-1n), seededForTests(1)), RangeError);
  assert.throws(() => new DiscreteLaplace(rational(0n), seededForTests(1)), RangeError);
  assert.throws(() => bernoulliExp(seededForTests(1), rational(-1n)), RangeError);
  assert.throws(() => bernoulli(seededForTests(1), rational(3n, 2n)), RangeError);
  const src: RandomSource = seededForTests(2);
  for (const x of [1e-9, 0.3, 0.999, 1, 2.5, 99.9, 1e4 + 0.1, 123456.789, 1e8 + 1]) {
    const s2 = rationalFromNumber(x);
    const f = fastSigma2(s2);
    assert.ok(
      toNumber(f) >= x && toNumber(f) <= x * (1 + 1 / Math.sqrt(x) + 1 / x) + 2 ** -20,
      `${x} → ${toNumber(f)}`,
    );
    assert.ok(new DiscreteGaussian(f, src).fastPath, `fastSigma2(${x}) is not on the fast path`);
  }
});
