/**
 * @module privacy/random
 * Random words for the exact noise samplers (./noise.ts), and exact uniform integers drawn from them.
 *
 * - `cryptoRandom()`: the source every published release uses: Web Crypto's `getRandomValues` (a CSPRNG), read in
 *   64 KiB blocks. Web Crypto is a standard global in Node 20 and browsers, so this folder stays platform-free.
 * - `keyedRandom(key, label)`: a deterministic stream, HMAC-SHA-256 in counter mode, so that the same key and label
 *   give the same noise every time (a protected value read twice answers the same, rather than letting the reader
 *   average fresh draws). The first blocks are computed with Web Crypto (hence the promise); if a draw needs more
 *   words than were prepared, the stream continues synchronously with the pure JavaScript HMAC-SHA-256 below, which
 *   gives the same bytes (a test checks the two agree). `keyedRandomSync` is the same stream computed in JavaScript
 *   from the start, cheaper when a release draws for thousands of labels. The noise of a key and label is stable
 *   only while the samplers consume words the same way; a change to the samplers changes it.
 * - `seededForTests(seed)`: a fast, NOT cryptographic, deterministic generator (xoshiro128**) for tests and benches
 *   only. Never use it for a release.
 *
 * Uniform integers are exact: rejection sampling on the fewest bits that cover the range (expected fewer than two
 * tries), never a modulo or a float multiply.
 */

/** A source of independent uniform 32-bit words. */
export interface RandomSource {
  /** A uniform integer in [0, 2^32). */
  uint32(): number;
}

const BLOCK_WORDS = 16_384; // 64 KiB, the most getRandomValues fills in one call

/** The cryptographic source: `globalThis.crypto.getRandomValues`, buffered 64 KiB at a time. */
export function cryptoRandom(): RandomSource {
  const c = globalThis.crypto;
  if (!c || typeof c.getRandomValues !== 'function') throw new Error('Web Crypto getRandomValues is not available');
  const buf = new Uint32Array(BLOCK_WORDS);
  let i = BLOCK_WORDS;
  return {
    uint32(): number {
      if (i === BLOCK_WORDS) {
        c.getRandomValues(buf);
        i = 0;
      }
      return buf[i++]!;
    },
  };
}

/**
 * A deterministic, non-cryptographic generator (xoshiro128**, seeded through splitmix32), for tests and benches
 * only: its output is predictable from a few words. Releases use `cryptoRandom()` or `keyedRandom()`.
 */
export function seededForTests(seed: number): RandomSource {
  let x = seed >>> 0;
  const split = (): number => {
    x = (x + 0x9e3779b9) >>> 0;
    let z = x;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
    return (z ^ (z >>> 16)) >>> 0;
  };
  let a = split();
  let b = split();
  let c = split();
  let d = split();
  if ((a | b | c | d) === 0) a = 1;
  return {
    uint32(): number {
      const r = Math.imul(rotl(Math.imul(b, 5), 7), 9) >>> 0;
      const t = b << 9;
      c ^= a;
      d ^= b;
      b ^= c;
      a ^= d;
      c ^= t;
      d = rotl(d, 11);
      return r;
    },
  };
}

function rotl(v: number, k: number): number {
  return (v << k) | (v >>> (32 - k));
}

// --- keyed deterministic stream: HMAC-SHA-256(key, label ‖ counter), counter a big-endian uint64 ---------------------

const encoder = new TextEncoder();

/** label ‖ uint64be(counter), in a buffer reused from block to block. */
class BlockMessage {
  readonly bytes: Uint8Array<ArrayBuffer>;
  private readonly view: DataView;
  constructor(
    private readonly labelLength: number,
    label: Uint8Array,
  ) {
    this.bytes = new Uint8Array(labelLength + 8);
    this.bytes.set(label);
    this.view = new DataView(this.bytes.buffer);
  }
  at(counter: number): Uint8Array<ArrayBuffer> {
    this.view.setUint32(this.labelLength, Math.floor(counter / 2 ** 32));
    this.view.setUint32(this.labelLength + 4, counter >>> 0);
    return this.bytes;
  }
}

function checkKey(key: Uint8Array): void {
  if (key.length < 16) throw new RangeError('a keyed random source needs a key of at least 16 bytes');
}

/** The stream's words from block `first` on, computed synchronously. */
function keyedContinuation(mac: HmacSha256, msg: BlockMessage, first: number, ahead: Uint32Array): RandomSource {
  const block = new Uint32Array(8);
  let pos = 0;
  let blockPos = 8;
  let counter = first;
  return {
    uint32(): number {
      if (pos < ahead.length) return ahead[pos++]!;
      if (blockPos === 8) {
        mac.macInto(msg.at(counter++), block, 0);
        blockPos = 0;
      }
      return block[blockPos++]!;
    },
  };
}

/**
 * A deterministic source keyed by `key` (at least 16 bytes of secret) and `label` (what the noise is for, e.g. the
 * release, cell and statistic): block i is HMAC-SHA-256(key, utf8(label) ‖ uint64be(i)), read as eight big-endian
 * words. `prefetchWords` words (64 by default: a discrete Gaussian draw spends 2 to 8 on average) are computed ahead
 * with Web Crypto; any further words come from the synchronous implementation, identical by construction.
 */
export async function keyedRandom(
  key: Uint8Array,
  label: string,
  options: { prefetchWords?: number } = {},
): Promise<RandomSource> {
  checkKey(key);
  const labelBytes = encoder.encode(label);
  const msg = new BlockMessage(labelBytes.length, labelBytes);
  const blocks = Math.max(1, Math.ceil((options.prefetchWords ?? 64) / 8));
  const mac = new HmacSha256(key);
  const words = new Uint32Array(blocks * 8);
  const subtle = globalThis.crypto?.subtle;
  if (subtle) {
    const k = await subtle.importKey('raw', Uint8Array.from(key), { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']);
    const macs = await Promise.all(Array.from({ length: blocks }, (_, i) => subtle.sign('HMAC', k, msg.at(i).slice())));
    macs.forEach((m, i) => {
      const v = new DataView(m);
      for (let j = 0; j < 8; j++) words[i * 8 + j] = v.getUint32(4 * j);
    });
  } else {
    for (let i = 0; i < blocks; i++) mac.macInto(msg.at(i), words, i * 8);
  }
  return keyedContinuation(mac, msg, blocks, words);
}

/**
 * The same stream as `keyedRandom(key, label)`, computed synchronously in JavaScript from the first block (about
 * 30 times cheaper per label than a round of Web Crypto promises, for releases with many cells).
 */
export function keyedRandomSync(key: Uint8Array, label: string): RandomSource {
  checkKey(key);
  const labelBytes = encoder.encode(label);
  return keyedContinuation(new HmacSha256(key), new BlockMessage(labelBytes.length, labelBytes), 0, new Uint32Array());
}

// FIPS 180-4 SHA-256 and RFC 2104 HMAC, synchronous, for the keyed stream (Web Crypto is async only).
const K256 = new Uint32Array([
  0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5, 0xd807aa98,
  0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174, 0xe49b69c1, 0xefbe4786,
  0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da, 0x983e5152, 0xa831c66d, 0xb00327c8,
  0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967, 0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13,
  0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85, 0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819,
  0xd6990624, 0xf40e3585, 0x106aa070, 0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a,
  0x5b9cca4f, 0x682e6ff3, 0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7,
  0xc67178f2,
]);
const IV = new Uint32Array([
  0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19,
]);
const W = new Uint32Array(64);

/** Compresses the 64-byte block at `off` into the state `h`. */
function compress(h: Uint32Array, dv: DataView, off: number): void {
  const w = W;
  for (let i = 0; i < 16; i++) w[i] = dv.getUint32(off + 4 * i);
  for (let i = 16; i < 64; i++) {
    const a = w[i - 15]!;
    const b = w[i - 2]!;
    const s0 = ((a >>> 7) | (a << 25)) ^ ((a >>> 18) | (a << 14)) ^ (a >>> 3);
    const s1 = ((b >>> 17) | (b << 15)) ^ ((b >>> 19) | (b << 13)) ^ (b >>> 10);
    w[i] = (w[i - 16]! + s0 + w[i - 7]! + s1) >>> 0;
  }
  let a = h[0]!;
  let b = h[1]!;
  let c = h[2]!;
  let d = h[3]!;
  let e = h[4]!;
  let f = h[5]!;
  let g = h[6]!;
  let hh = h[7]!;
  for (let i = 0; i < 64; i++) {
    const S1 = ((e >>> 6) | (e << 26)) ^ ((e >>> 11) | (e << 21)) ^ ((e >>> 25) | (e << 7));
    const ch = (e & f) ^ (~e & g);
    const t1 = (hh + S1 + ch + K256[i]! + w[i]!) >>> 0;
    const S0 = ((a >>> 2) | (a << 30)) ^ ((a >>> 13) | (a << 19)) ^ ((a >>> 22) | (a << 10));
    const maj = (a & b) ^ (a & c) ^ (b & c);
    const t2 = (S0 + maj) >>> 0;
    hh = g;
    g = f;
    f = e;
    e = (d + t1) >>> 0;
    d = c;
    c = b;
    b = a;
    a = (t1 + t2) >>> 0;
  }
  h[0] = (h[0]! + a) >>> 0;
  h[1] = (h[1]! + b) >>> 0;
  h[2] = (h[2]! + c) >>> 0;
  h[3] = (h[3]! + d) >>> 0;
  h[4] = (h[4]! + e) >>> 0;
  h[5] = (h[5]! + f) >>> 0;
  h[6] = (h[6]! + g) >>> 0;
  h[7] = (h[7]! + hh) >>> 0;
}

/** Hashes `msg` into `h` (already holding the state after `prefix` bytes, a multiple of 64), padding included. */
function finish(h: Uint32Array, prefix: number, msg: Uint8Array): void {
  const len = msg.length;
  const padded = new Uint8Array(Math.ceil((len + 9) / 64) * 64);
  padded.set(msg);
  padded[len] = 0x80;
  const dv = new DataView(padded.buffer);
  const bits = (prefix + len) * 8;
  dv.setUint32(padded.length - 8, Math.floor(bits / 2 ** 32));
  dv.setUint32(padded.length - 4, bits >>> 0);
  for (let off = 0; off < padded.length; off += 64) compress(h, dv, off);
}

function digestBytes(h: Uint32Array): Uint8Array {
  const out = new Uint8Array(32);
  const ov = new DataView(out.buffer);
  for (let i = 0; i < 8; i++) ov.setUint32(4 * i, h[i]!);
  return out;
}

/** SHA-256 of `msg` (exported for the tests that check it against node:crypto). */
export function sha256(msg: Uint8Array): Uint8Array {
  const h = IV.slice();
  finish(h, 0, msg);
  return digestBytes(h);
}

/** HMAC-SHA-256 (RFC 2104) with the key's inner and outer states computed once. */
export class HmacSha256 {
  private readonly inner = IV.slice();
  private readonly outer = IV.slice();
  private readonly h = new Uint32Array(8);
  private readonly innerDigest = new Uint8Array(32);
  private readonly innerView = new DataView(this.innerDigest.buffer);

  constructor(key: Uint8Array) {
    const k = new Uint8Array(64);
    k.set(key.length > 64 ? sha256(key) : key);
    const pad = new Uint8Array(64);
    const dv = new DataView(pad.buffer);
    for (let i = 0; i < 64; i++) pad[i] = k[i]! ^ 0x36;
    compress(this.inner, dv, 0);
    for (let i = 0; i < 64; i++) pad[i] = k[i]! ^ 0x5c;
    compress(this.outer, dv, 0);
  }

  /** Writes HMAC(key, msg) as eight big-endian words into out[at..at+8). */
  macInto(msg: Uint8Array, out: Uint32Array, at: number): void {
    const h = this.h;
    h.set(this.inner);
    finish(h, 64, msg);
    for (let i = 0; i < 8; i++) this.innerView.setUint32(4 * i, h[i]!);
    h.set(this.outer);
    finish(h, 64, this.innerDigest);
    out.set(h, at);
  }

  mac(msg: Uint8Array): Uint8Array {
    const w = new Uint32Array(8);
    this.macInto(msg, w, 0);
    return digestBytes(w);
  }
}

/** HMAC-SHA-256 (RFC 2104), synchronous. */
export function hmacSha256(key: Uint8Array, msg: Uint8Array): Uint8Array {
  return new HmacSha256(key).mac(msg);
}

// --- exact uniform integers ------------------------------------------------------------------------------------------

/**
 * Random bits taken from a source's words, most significant first, so that small draws (a fair coin, a uniform in
 * [0, 5)) do not spend a whole word each. Every bit is an independent fair bit. The Number and BigInt uniform draws
 * below consume bits identically for the same n, so both sampler paths read the same stream the same way.
 */
export class BitPool {
  private word = 0;
  private left = 0;
  constructor(readonly source: RandomSource) {}

  /** `k` fresh bits (1 ≤ k ≤ 32) as an integer in [0, 2^k). If fewer than k are left, the rest are dropped. */
  bits(k: number): number {
    if (this.left < k) {
      this.word = this.source.uint32();
      this.left = 32;
    }
    this.left -= k;
    if (k === 32) return this.word >>> 0;
    return (this.word >>> this.left) & ((1 << k) - 1);
  }

  /** An exact uniform integer in [0, n), 1 ≤ n ≤ 2^53 (n = 1 spends nothing). */
  uniform(n: number): number {
    if (n <= 1) return 0;
    const m = n - 1; // the largest value, at most 2^53 − 1
    if (m < 4294967296) {
      const k = 32 - Math.clz32(m);
      for (;;) {
        const x = this.bits(k);
        if (x < n) return x;
      }
    }
    const kh = 32 - Math.clz32(Math.floor(m / 4294967296)); // bits above the low word, 1..21
    for (;;) {
      const hi = this.bits(kh);
      const lo = this.bits(32);
      const x = hi * 4294967296 + lo; // < 2^53: exact
      if (x < n) return x;
    }
  }

  /** An exact uniform integer in [0, n) for any n ≥ 1; spends bits exactly as `uniform` does when n ≤ 2^53. */
  uniformBig(n: bigint): bigint {
    if (n <= 1n) return 0n;
    const k = (n - 1n).toString(2).length;
    const chunks = Math.ceil(k / 32);
    const first = k - 32 * (chunks - 1);
    for (;;) {
      let x = BigInt(this.bits(first));
      for (let i = 1; i < chunks; i++) x = (x << 32n) | BigInt(this.bits(32));
      if (x < n) return x;
    }
  }
}

/** An exact uniform integer in [0, n) for an integer 1 ≤ n ≤ 2^53, by rejection on whole words. */
export function uniformInt(source: RandomSource, n: number): number {
  if (!Number.isInteger(n) || n < 1 || n > 2 ** 53) throw new RangeError(`uniformInt: n must be in [1, 2^53]: ${n}`);
  return new BitPool(source).uniform(n);
}

/** An exact uniform bigint in [0, n) for any n ≥ 1, by rejection on whole words. */
export function uniformBigInt(source: RandomSource, n: bigint): bigint {
  if (n < 1n) throw new RangeError(`uniformBigInt: n must be at least 1: ${n}`);
  return new BitPool(source).uniformBig(n);
}
