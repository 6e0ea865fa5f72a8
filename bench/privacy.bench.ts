/**
 * Exact noise (src/privacy/): discrete Gaussian draws per second at σ = 10, 1000 and 10⁶ (target ≥ 10⁶/s for σ
 * between 10 and 10⁴), discrete Laplace draws per second, on the cryptographic source, beside the bare rate of
 * `crypto.getRandomValues` 32-bit words in the same run (64 KiB calls), the random words each draw spends, the BigInt
 * path for comparison, and the keyed (HMAC-SHA-256) source: on one stream, and per protected value (a new label
 * each, as a release uses it). One core, each figure the best of three 0.6 s rounds.
 */
import { DiscreteGaussian, DiscreteLaplace } from '../src/privacy/noise.ts';
import { cryptoRandom, keyedRandom, keyedRandomSync, type RandomSource } from '../src/privacy/random.ts';
import { rational, type Rational } from '../src/privacy/rational.ts';

function rate(draw: () => number, seconds = 0.6): number {
  let best = 0;
  let sink = 0;
  for (let round = 0; round < 3; round++) {
    let n = 0;
    const t0 = performance.now();
    let t = t0;
    while (t - t0 < seconds * 1000) {
      for (let i = 0; i < 10_000; i++) sink += draw();
      n += 10_000;
      t = performance.now();
    }
    best = Math.max(best, (n * 1000) / (t - t0));
  }
  if (sink === 0.5) console.log(sink); // keep the draws alive
  return best;
}

function counting(src: RandomSource): RandomSource & { words: number } {
  const c = {
    words: 0,
    uint32(): number {
      c.words++;
      return src.uint32();
    },
  };
  return c;
}

const M = (x: number) => Math.round(x / 1e4) / 100; // millions, two decimals

export async function run(): Promise<Record<string, number | string>> {
  const out: Record<string, number | string> = { date: new Date().toISOString() };
  const buf = new Uint32Array(16_384);
  out['crypto.getRandomValues words/s (M)'] = M(
    rate(() => {
      globalThis.crypto.getRandomValues(buf);
      return buf[0]!;
    }) * buf.length,
  );
  const gaussians: [string, Rational][] = [
    ['10', rational(100n)],
    ['1000', rational(10n ** 6n)],
    ['1e4', rational(10n ** 8n)],
    ['1e6', rational(10n ** 12n)],
  ];
  for (const [label, s2] of gaussians) {
    const g = new DiscreteGaussian(s2, cryptoRandom());
    out[`discrete Gaussian σ=${label} draws/s (M)`] = M(rate(() => g.next()));
    const c = counting(cryptoRandom());
    const gc = new DiscreteGaussian(s2, c);
    for (let i = 0; i < 100_000; i++) gc.next();
    out[`discrete Gaussian σ=${label} words/draw`] = Math.round(c.words / 1000) / 100;
  }
  const big = new DiscreteGaussian(rational(10n ** 6n), cryptoRandom(), { path: 'bigint' });
  out['discrete Gaussian σ=1000 BigInt path draws/s (M)'] = M(rate(() => big.next()));
  for (const scale of [10n, 1000n]) {
    const l = new DiscreteLaplace(rational(scale), cryptoRandom());
    out[`discrete Laplace scale ${scale} draws/s (M)`] = M(rate(() => l.next()));
  }
  const key = new Uint8Array(32).fill(7);
  const gk = new DiscreteGaussian(rational(10n ** 6n), keyedRandomSync(key, 'bench'));
  out['discrete Gaussian σ=1000 on one keyed stream draws/s (M)'] = M(rate(() => gk.next(), 0.3));
  // the use of a keyed stream: one label per protected value, one draw each (key set-up, sampler, draw)
  let t0 = performance.now();
  for (let i = 0; i < 20_000; i++) new DiscreteGaussian(rational(10n ** 6n), keyedRandomSync(key, `cell ${i}`)).next();
  out['keyed draw, a new label each, sync (µs)'] = Math.round(((performance.now() - t0) / 20_000) * 10_000) / 10;
  t0 = performance.now();
  for (let i = 0; i < 2_000; i++) new DiscreteGaussian(rational(10n ** 6n), await keyedRandom(key, `cell ${i}`)).next();
  out['keyed draw, a new label each, Web Crypto (µs)'] = Math.round(((performance.now() - t0) / 2_000) * 10_000) / 10;
  return out;
}

if (import.meta.url === `file://${process.argv[1]}`) console.log(await run());
