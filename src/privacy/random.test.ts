import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash, createHmac } from 'node:crypto';
import fc from 'fast-check';
import {
  BitPool,
  cryptoRandom,
  hmacSha256,
  keyedRandom,
  keyedRandomSync,
  seededForTests,
  sha256,
  uniformBigInt,
  uniformInt,
} from './random.ts';
import { ceil, compare, floor, isqrt, rational, rationalFromNumber, toNumber } from './rational.ts';
import { ALPHA, chiSquare } from './test-support.ts';

const hex = (b: Uint8Array) => Buffer.from(b).toString('hex');

test('SHA-256 and HMAC-SHA-256 match node:crypto on the standard vectors and on random inputs', () => {
  assert.equal(
    hex(sha256(new TextEncoder().encode('abc'))),
    'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad',
  );
  assert.equal(hex(sha256(new Uint8Array())), 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
  fc.assert(
    fc.property(fc.uint8Array({ maxLength: 300 }), fc.uint8Array({ minLength: 1, maxLength: 100 }), (msg, key) => {
      assert.equal(hex(sha256(msg)), createHash('sha256').update(msg).digest('hex'));
      assert.equal(hex(hmacSha256(key, msg)), createHmac('sha256', key).update(msg).digest('hex'));
    }),
    { numRuns: 200 },
  );
});

test('keyedRandom: same key and label give the same words, past the prefetched blocks too; another label or key differs', async () => {
  const key = new Uint8Array(32).map((_, i) => i * 7 + 1);
  const take = (src: { uint32(): number }, n: number) => Array.from({ length: n }, () => src.uint32());
  const a = take(await keyedRandom(key, 'release 1 / cell 3 / sum', { prefetchWords: 16 }), 200);
  const b = take(await keyedRandom(key, 'release 1 / cell 3 / sum', { prefetchWords: 512 }), 200);
  assert.deepEqual(a, b, 'the synchronous continuation gives the same words as Web Crypto');
  assert.deepEqual(
    take(keyedRandomSync(key, 'release 1 / cell 3 / sum'), 200),
    a,
    'keyedRandomSync is the same stream',
  );
  // block i is HMAC(key, label ‖ uint64be(i))
  const label = new TextEncoder().encode('release 1 / cell 3 / sum');
  const msg = new Uint8Array(label.length + 8);
  msg.set(label);
  msg[msg.length - 1] = 3;
  const block3 = createHmac('sha256', key).update(msg).digest();
  assert.deepEqual(
    a.slice(24, 32),
    Array.from({ length: 8 }, (_, j) => block3.readUInt32BE(4 * j)),
  );
  const c = take(await keyedRandom(key, 'release 1 / cell 4 / sum'), 200);
  assert.notDeepEqual(a, c);
  const key2 = key.slice();
  key2[0]! ^= 1;
  assert.notDeepEqual(a, take(await keyedRandom(key2, 'release 1 / cell 3 / sum'), 200));
  await assert.rejects(keyedRandom(new Uint8Array(8), 'x'), RangeError);
  assert.throws(() => keyedRandomSync(new Uint8Array(8), 'x'), RangeError);
  // a long key (hashed first) and a long label (several blocks) agree with node:crypto too
  const longKey = new Uint8Array(100).fill(9);
  const longLabel = 'x'.repeat(150);
  const first = take(keyedRandomSync(longKey, longLabel), 8);
  const m0 = Buffer.concat([Buffer.from(longLabel), Buffer.alloc(8)]);
  const d0 = createHmac('sha256', longKey).update(m0).digest();
  assert.deepEqual(
    first,
    Array.from({ length: 8 }, (_, j) => d0.readUInt32BE(4 * j)),
  );
});

test('seededForTests is deterministic per seed; cryptoRandom gives 32-bit words across block refills', () => {
  const a = seededForTests(42);
  const b = seededForTests(42);
  const c = seededForTests(43);
  const wa = Array.from({ length: 100 }, () => a.uint32());
  assert.deepEqual(
    wa,
    Array.from({ length: 100 }, () => b.uint32()),
  );
  assert.notDeepEqual(
    wa,
    Array.from({ length: 100 }, () => c.uint32()),
  );
  const r = cryptoRandom();
  let or = 0;
  let and = 0xffffffff;
  for (let i = 0; i < 40_000; i++) {
    const w = r.uint32();
    assert.ok(Number.isInteger(w) && w >= 0 && w < 2 ** 32);
    or |= w;
    and &= w;
  }
  assert.equal(or >>> 0, 0xffffffff);
  assert.equal(and, 0);
});

test('uniform integers: exact range, uniform by chi-square (α = 1e-8), Number and BigInt draws agree on one stream', () => {
  for (const n of [1, 2, 3, 7, 10, 1000, 2 ** 32, 2 ** 32 + 1, 2 ** 40 + 3, 2 ** 53]) {
    const p = new BitPool(seededForTests(n % 1000));
    const q = new BitPool(seededForTests(n % 1000));
    for (let i = 0; i < 2000; i++) {
      const x = p.uniform(n);
      assert.ok(Number.isInteger(x) && x >= 0 && x < n);
      assert.equal(BigInt(x), q.uniformBig(BigInt(n)));
    }
  }
  // chi-square on n = 7 and on n = 3·2^30 (where a modulo would be badly biased): first third vs the rest
  const counts = new Float64Array(7);
  const src = seededForTests(5);
  for (let i = 0; i < 700_000; i++) counts[uniformInt(src, 7)]!++;
  assert.ok(chiSquare(counts, new Float64Array(7).fill(1 / 7), 700_000).pValue > ALPHA);
  const thirds = new Float64Array(3);
  for (let i = 0; i < 300_000; i++) thirds[Math.floor(uniformInt(src, 3 * 2 ** 30) / 2 ** 30)]!++;
  assert.ok(chiSquare(thirds, new Float64Array(3).fill(1 / 3), 300_000).pValue > ALPHA);
  // and the check has power: word % 3·2^30 puts half the mass in the first third
  const biased = new Float64Array(3);
  for (let i = 0; i < 300_000; i++) biased[Math.floor((src.uint32() % (3 * 2 ** 30)) / 2 ** 30)]!++;
  assert.ok(chiSquare(biased, new Float64Array(3).fill(1 / 3), 300_000).pValue < ALPHA);
  const big = 10n ** 30n + 7n;
  for (let i = 0; i < 1000; i++) {
    const x = uniformBigInt(src, big);
    assert.ok(x >= 0n && x < big);
  }
  assert.throws(() => uniformInt(src, 0), RangeError);
  assert.throws(() => uniformInt(src, 2 ** 53 + 2), RangeError);
  assert.throws(() => uniformBigInt(src, 0n), RangeError);
});

test('rationalFromNumber is exact: 0.1 is the dyadic nearest 1/10, subnormals and negatives, and it round-trips', () => {
  assert.deepEqual(rationalFromNumber(0.1), { num: 3602879701896397n, den: 2n ** 55n });
  assert.deepEqual(rationalFromNumber(-2.5), { num: -5n, den: 2n });
  assert.deepEqual(rationalFromNumber(1e21), { num: 10n ** 21n, den: 1n });
  assert.deepEqual(rationalFromNumber(Number.MIN_VALUE), { num: 1n, den: 2n ** 1074n });
  assert.deepEqual(rationalFromNumber(-0), { num: 0n, den: 1n });
  assert.throws(() => rationalFromNumber(NaN), RangeError);
  assert.throws(() => rationalFromNumber(Infinity), RangeError);
  fc.assert(
    fc.property(fc.double({ noNaN: true, noDefaultInfinity: true }), (x) => {
      const r = rationalFromNumber(x);
      assert.equal(toNumber(r), x === 0 ? 0 : x);
      // the denominator is a power of two and the fraction is reduced
      assert.equal(r.den & (r.den - 1n), 0n);
      assert.ok(r.den === 1n || r.num % 2n !== 0n);
    }),
    { numRuns: 2000 },
  );
});

test('rational helpers: floor, ceil, isqrt, compare', () => {
  assert.equal(floor(rational(-7n, 2n)), -4n);
  assert.equal(ceil(rational(-7n, 2n)), -3n);
  assert.equal(floor(rational(7n, 2n)), 3n);
  assert.equal(compare(rational(1n, 3n), rational(2n, 6n)), 0);
  assert.throws(() => rational(1n, 0n), RangeError);
  fc.assert(
    fc.property(fc.bigInt({ min: 0n, max: 2n ** 200n }), (n) => {
      const s = isqrt(n);
      assert.ok(s * s <= n && (s + 1n) * (s + 1n) > n);
    }),
  );
});
