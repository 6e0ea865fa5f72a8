/**
 * @module ports/signing-key
 * The key that signs consent receipts, as the ledger needs it. The file key store (adapters/keys) implements it.
 */
import type { CryptoKey, JWK } from 'jose';

export interface SigningKey {
  readonly kid: string;
  readonly privateKey: CryptoKey | Uint8Array;
  readonly publicJwk: JWK;
}
