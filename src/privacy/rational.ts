/**
 * @module privacy/rational
 * Exact non-negative-or-signed rationals on BigInt, for noise parameters (σ², scales) and privacy accounting (ρ).
 * Always kept reduced, with a positive denominator, so equal values are equal objects field by field.
 */

export interface Rational {
  readonly num: bigint;
  readonly den: bigint;
}

function gcd(a: bigint, b: bigint): bigint {
  if (a < 0n) a = -a;
  if (b < 0n) b = -b;
  while (b !== 0n) [a, b] = [b, a % b];
  return a;
}

/** num/den reduced, denominator positive. */
export function rational(num: bigint | number, den: bigint | number = 1n): Rational {
  let n = typeof num === 'bigint' ? num : integerBig(num, 'numerator');
  let d = typeof den === 'bigint' ? den : integerBig(den, 'denominator');
  if (d === 0n) throw new RangeError('rational: zero denominator');
  if (d < 0n) {
    n = -n;
    d = -d;
  }
  const g = gcd(n, d);
  return g > 1n ? { num: n / g, den: d / g } : { num: n, den: d };
}

function integerBig(x: number, what: string): bigint {
  if (!Number.isSafeInteger(x)) throw new RangeError(`rational: ${what} ${x} is not a safe integer`);
  return BigInt(x);
}

/**
 * The exact value of a finite double as a rational: every double is m·2^e with an integer m < 2^53, so this is a
 * dyadic rational with no rounding (0.1 becomes 3602879701896397/2^55, the double nearest 1/10, not 1/10).
 */
export function rationalFromNumber(x: number): Rational {
  if (!Number.isFinite(x)) throw new RangeError(`rationalFromNumber: ${x} is not finite`);
  if (x === 0) return { num: 0n, den: 1n };
  const view = new DataView(new ArrayBuffer(8));
  view.setFloat64(0, x);
  const hi = view.getUint32(0);
  const lo = view.getUint32(4);
  const negative = hi >>> 31 === 1;
  const biased = (hi >>> 20) & 0x7ff;
  let mantissa = (BigInt(hi & 0xfffff) << 32n) | BigInt(lo);
  let exp: number;
  if (biased === 0) exp = -1074;
  else {
    mantissa |= 1n << 52n;
    exp = biased - 1075;
  }
  if (negative) mantissa = -mantissa;
  return exp >= 0 ? rational(mantissa << BigInt(exp)) : rational(mantissa, 1n << BigInt(-exp));
}

export function add(a: Rational, b: Rational): Rational {
  return rational(a.num * b.den + b.num * a.den, a.den * b.den);
}
export function sub(a: Rational, b: Rational): Rational {
  return rational(a.num * b.den - b.num * a.den, a.den * b.den);
}
export function mul(a: Rational, b: Rational): Rational {
  return rational(a.num * b.num, a.den * b.den);
}
export function div(a: Rational, b: Rational): Rational {
  if (b.num === 0n) throw new RangeError('rational: division by zero');
  return rational(a.num * b.den, a.den * b.num);
}
/** −1, 0 or 1 as a < b, a = b, a > b. */
export function compare(a: Rational, b: Rational): number {
  const l = a.num * b.den;
  const r = b.num * a.den;
  return l < r ? -1 : l > r ? 1 : 0;
}
/** The nearest double (for display and reporting only; never feed it back into a sampler). Exact for dyadics. */
export function toNumber(a: Rational): number {
  if (a.num === 0n) return 0;
  const negative = a.num < 0n;
  const n = negative ? -a.num : a.num;
  // a quotient of 64 to 65 bits, with a sticky bit for a remainder, rounds once to 53 bits in Number(q)
  const shift = a.den.toString(2).length - n.toString(2).length + 64;
  const num = shift >= 0 ? n << BigInt(shift) : n;
  const den = shift >= 0 ? a.den : a.den << BigInt(-shift);
  let q = num / den;
  if (q * den !== num) q |= 1n;
  const x = ldexp(Number(q), -shift);
  return negative ? -x : x;
}

function ldexp(x: number, e: number): number {
  while (e > 1000) {
    x *= 2 ** 1000;
    e -= 1000;
  }
  while (e < -1000) {
    x *= 2 ** -1000;
    e += 1000;
  }
  return x * 2 ** e;
}
/** floor(a) as a bigint. */
export function floor(a: Rational): bigint {
  const q = a.num / a.den; // truncates toward zero
  return a.num < 0n && q * a.den !== a.num ? q - 1n : q;
}
/** ceil(a) as a bigint. */
export function ceil(a: Rational): bigint {
  return -floor({ num: -a.num, den: a.den });
}
/** floor(√n) for n ≥ 0, exactly (Newton's method on integers). */
export function isqrt(n: bigint): bigint {
  if (n < 0n) throw new RangeError('isqrt of a negative number');
  if (n < 2n) return n;
  let x = 1n << BigInt(Math.ceil(n.toString(2).length / 2)); // ≥ √n: Newton descends from above
  for (;;) {
    const y = (x + n / x) >> 1n;
    if (y >= x) break;
    x = y;
  }
  while (x * x > n) x -= 1n;
  while ((x + 1n) * (x + 1n) <= n) x += 1n;
  return x;
}
/** floor(√a) for a rational a ≥ 0 (= isqrt(floor(a))). */
export function floorSqrt(a: Rational): bigint {
  return isqrt(floor(a));
}
export { gcd };
