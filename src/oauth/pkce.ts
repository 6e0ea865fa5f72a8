/**
 * @module oauth/pkce
 * Proof Key for Code Exchange (RFC 7636), S256 only: `plain` gives no protection against a stolen code and is refused.
 * Web Crypto keeps this module platform-free.
 */

const B64URL = /^[A-Za-z0-9_-]+$/;
const VERIFIER = /^[A-Za-z0-9._~-]{43,128}$/;

export function base64url(bytes: Uint8Array): string {
  let s = '';
  for (const b of bytes) s += String.fromCharCode(b);
  return btoa(s).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/** A well-formed S256 challenge: 43 base64url characters (a SHA-256 digest). */
export function isChallenge(v: unknown): v is string {
  return typeof v === 'string' && v.length === 43 && B64URL.test(v);
}

export function isVerifier(v: unknown): v is string {
  return typeof v === 'string' && VERIFIER.test(v);
}

export async function challengeOf(verifier: string): Promise<string> {
  const digest = await globalThis.crypto.subtle.digest('SHA-256', new TextEncoder().encode(verifier));
  return base64url(new Uint8Array(digest));
}

/** True when `verifier` hashes to `challenge` (compared in constant time). */
export async function verifyS256(verifier: unknown, challenge: string): Promise<boolean> {
  if (!isVerifier(verifier)) return false;
  const got = await challengeOf(verifier);
  if (got.length !== challenge.length) return false;
  let diff = 0;
  for (let i = 0; i < got.length; i++) diff |= got.charCodeAt(i) ^ challenge.charCodeAt(i);
  return diff === 0;
}
