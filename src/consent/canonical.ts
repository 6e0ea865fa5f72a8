/**
 * @module consent/canonical
 * Canonical JSON (keys sorted, no whitespace, undefined dropped) so a hash or signature over an event is stable
 * whatever order its fields were built in. Hand-written because it is 20 lines; it follows the spirit of RFC 8785
 * (JCS) for the values we store (strings, finite numbers, booleans, null, arrays, plain objects), not its number
 * formatting corner cases, which our integer timestamps never hit.
 */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value === 'boolean' || typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new TypeError('canonicalJson: non-finite number');
    return JSON.stringify(value);
  }
  if (Array.isArray(value)) return `[${value.map((v) => (v === undefined ? 'null' : canonicalJson(v))).join(',')}]`;
  if (typeof value === 'object') {
    const obj = value as Record<string, unknown>;
    const keys = Object.keys(obj)
      .filter((k) => obj[k] !== undefined)
      .sort();
    return `{${keys.map((k) => `${JSON.stringify(k)}:${canonicalJson(obj[k])}`).join(',')}}`;
  }
  throw new TypeError(`canonicalJson: unsupported ${typeof value}`);
}

/** A hash function: bytes in, lowercase hex out. Injected so the core stays platform-free. */
export type HashFn = (data: Uint8Array) => Promise<string>;

/** SHA-256 through Web Crypto, available in Node ≥ 20 and browsers without importing anything. */
export const sha256Hex: HashFn = async (data) => {
  const digest = await globalThis.crypto.subtle.digest('SHA-256', data as Uint8Array<ArrayBuffer>);
  let out = '';
  for (const b of new Uint8Array(digest)) out += b.toString(16).padStart(2, '0');
  return out;
};

export function utf8(s: string): Uint8Array {
  return new TextEncoder().encode(s);
}
