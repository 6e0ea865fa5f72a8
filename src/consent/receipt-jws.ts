/**
 * @module consent/receipt-jws
 * Signing and offline verification of receipts as compact JWS (EdDSA / Ed25519) with `jose`, which runs on Web
 * Crypto and so keeps this module platform-free. Verification needs only the hub's public JWK.
 */
import { CompactSign, compactVerify, importJWK, type JWK, type CryptoKey } from 'jose';
import { CourantError } from '../core/errors.ts';
import { canonicalJson } from './canonical.ts';
import type { ChainedEvent } from './events.ts';
import type { ReceiptPayload } from './receipt.ts';

export const RECEIPT_TYP = 'consent-receipt+jws';

export async function signReceipt(payload: ReceiptPayload, key: CryptoKey | Uint8Array, kid: string): Promise<string> {
  return new CompactSign(new TextEncoder().encode(canonicalJson(payload)))
    .setProtectedHeader({ alg: 'EdDSA', kid, typ: RECEIPT_TYP })
    .sign(key);
}

/** Imported public keys by JWK object: verifying a whole ledger imports the hub's key once, not once per receipt. */
const imported = new WeakMap<JWK, Promise<CryptoKey | Uint8Array>>();
function publicKeyOf(jwk: JWK): Promise<CryptoKey | Uint8Array> {
  let k = imported.get(jwk);
  if (!k) {
    k = importJWK(jwk, 'EdDSA');
    k.catch(() => imported.delete(jwk));
    imported.set(jwk, k);
  }
  return k;
}

/** Verify a receipt offline against the hub's public key. Throws RECEIPT_INVALID on a bad signature or shape. */
export async function verifyReceipt(jws: string, publicJwk: JWK): Promise<ReceiptPayload> {
  let payload: Uint8Array;
  try {
    const key = await publicKeyOf(publicJwk);
    const r = await compactVerify(jws, key, { algorithms: ['EdDSA'] });
    if (r.protectedHeader.typ !== RECEIPT_TYP) throw new Error(`typ ${String(r.protectedHeader.typ)}`);
    payload = r.payload;
  } catch (cause) {
    throw new CourantError(
      'RECEIPT_INVALID',
      `receipt signature does not verify with the hub public key (${(cause as Error).message})`,
      { cause },
    );
  }
  let parsed: ReceiptPayload;
  try {
    parsed = JSON.parse(new TextDecoder().decode(payload)) as ReceiptPayload;
  } catch (cause) {
    throw new CourantError('RECEIPT_INVALID', 'receipt payload is not JSON', { cause });
  }
  if (parsed?.schema_version !== 'ISO/IEC TS 27560:2023' || typeof parsed['hub:event']?.hash !== 'string') {
    throw new CourantError('RECEIPT_INVALID', 'receipt payload is not an ISO/IEC TS 27560 receipt of this hub');
  }
  return parsed;
}

/** A verified receipt must also match the ledger row it claims (defeats replay against another event). */
export function receiptMatchesEvent(p: ReceiptPayload, e: ChainedEvent): string | undefined {
  if (p.receipt_id !== e.eventId) return `receipt_id ${p.receipt_id} ≠ event ${e.eventId}`;
  if (p['hub:event'].seq !== e.seq) return `seq ${p['hub:event'].seq} ≠ ${e.seq}`;
  if (p['hub:event'].hash !== e.hash) return `event hash in receipt does not match ledger row ${e.seq}`;
  if (p['hub:event'].type !== e.body.type) return `type ${p['hub:event'].type} ≠ ${e.body.type}`;
  return undefined;
}
