/**
 * @module server/contract/receipts
 * Answer of `GET /api/usage-points/:prm/receipts`: the household's own signed receipts, newest first, each checked
 * by the hub against its public key and read back in words (consent/receipt-view.ts), with the key itself so the
 * household can check them again offline.
 */
import { z } from 'zod';
import { answers, instant } from './common.ts';

export const receiptConsentClaims = z.object({
  /** The application's registered name as the receipt states it (older receipts: the name registered now). */
  recipientName: z.string(),
  purposes: z.array(z.string()),
  categories: z.array(z.string()),
  stepText: z.string().nullable(),
  /** When the consent was given (the ledger's consent), null when the hub no longer holds it. */
  givenAt: instant.nullable(),
  expiresAt: instant.nullable(),
  /** The notice the household was shown: its version and the SHA-256 of its exact text (hex). */
  notice: z.object({ version: z.string(), hash: z.string() }).nullable(),
  controller: z.string().nullable(),
});

export const receiptRow = z.object({
  eventId: z.string(),
  seq: z.number(),
  type: z.string(),
  at: instant,
  /** The signature verifies with the hub's public key and the receipt matches its ledger row. */
  verified: z.boolean(),
  /** What happened, in words. */
  what: z.string(),
  consent: receiptConsentClaims.nullable(),
  /** Where to download the signed receipt (compact JWS); null when the row has none. */
  url: z.string().nullable(),
});
export type ReceiptRow = z.infer<typeof receiptRow>;

/** The hub's public signing key (Ed25519 JWK), the one every receipt verifies with. */
export const hubPublicKey = z.object({
  kty: z.string(),
  crv: z.string(),
  x: z.string(),
  kid: z.string(),
  alg: z.string(),
  use: z.string(),
});

export const receiptList = z.object({ receipts: z.array(receiptRow), publicKey: hubPublicKey });
export type ReceiptList = z.infer<typeof receiptList>;

export const receiptResponses = { list: answers({ 200: receiptList }) };
