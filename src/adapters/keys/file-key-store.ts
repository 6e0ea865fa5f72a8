/**
 * @module adapters/keys/file-key-store
 * The hub's receipt signing key: an Ed25519 key pair generated on first use and kept as a private JWK in
 * `<dataDir>/keys/receipt-signing.jwk` with mode 0600. The public JWK is exported (`courant ledger verify` and the
 * household export include it) so receipts verify offline.
 */
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { calculateJwkThumbprint, exportJWK, generateKeyPair, importJWK, type JWK } from 'jose';
import { CourantError } from '../../core/errors.ts';
import type { SigningKey } from '../../ports/signing-key.ts';

export type { SigningKey };

export function keyPath(dataDir: string): string {
  return join(dataDir, 'keys', 'receipt-signing.jwk');
}

export async function generateSigningKey(): Promise<{ key: SigningKey; privateJwk: JWK }> {
  const { privateKey, publicKey } = await generateKeyPair('EdDSA', { crv: 'Ed25519', extractable: true });
  const privateJwk = await exportJWK(privateKey);
  const pub = await exportJWK(publicKey);
  const kid = await calculateJwkThumbprint(pub);
  const publicJwk: JWK = { kty: pub.kty!, crv: pub.crv!, x: pub.x!, kid, alg: 'EdDSA', use: 'sig' };
  return { key: { kid, privateKey, publicJwk }, privateJwk: { ...privateJwk, kid, alg: 'EdDSA' } };
}

/** Load the key from the data dir, creating it (0600) on first use. */
export async function loadOrCreateSigningKey(dataDir: string): Promise<SigningKey> {
  const path = keyPath(dataDir);
  if (!existsSync(path)) {
    const { key, privateJwk } = await generateSigningKey();
    mkdirSync(join(dataDir, 'keys'), { recursive: true, mode: 0o700 });
    writeFileSync(path, JSON.stringify(privateJwk, null, 2) + '\n', { mode: 0o600, flag: 'wx' });
    chmodSync(path, 0o600);
    return key;
  }
  return readSigningKey(path);
}

export async function readSigningKey(path: string): Promise<SigningKey> {
  let jwk: JWK;
  try {
    jwk = JSON.parse(readFileSync(path, 'utf8')) as JWK;
    if (jwk.kty !== 'OKP' || jwk.crv !== 'Ed25519' || typeof jwk.d !== 'string' || typeof jwk.x !== 'string')
      throw new Error('not an Ed25519 private JWK');
    const privateKey = await importJWK(jwk, 'EdDSA');
    const pubOnly: JWK = { kty: 'OKP', crv: 'Ed25519', x: jwk.x };
    const kid = await calculateJwkThumbprint(pubOnly);
    return { kid, privateKey, publicJwk: { ...pubOnly, kid, alg: 'EdDSA', use: 'sig' } };
  } catch (cause) {
    throw new CourantError('KEYSTORE_UNREADABLE', `${path}: ${(cause as Error).message}`, { cause });
  }
}

/** Read only the public part (for verification tools). */
export async function readPublicJwk(dataDir: string): Promise<JWK> {
  return (await readSigningKey(keyPath(dataDir))).publicJwk;
}
