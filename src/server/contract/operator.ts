/**
 * @module server/contract/operator
 * Answers of the operator's routes (routes/operator.ts): the processing register, legal requests, the ledger check
 * and acknowledgement, move-in and move-out. `courant ledger verify|acknowledge` reads the ledger answers.
 */
import { z } from 'zod';
import { answers, fileAnswer, instant, receipted } from './common.ts';

const outcome = z.enum(['pending', 'accepted', 'refused']);

export const legalRequest = z.object({
  requestId: z.string(),
  reference: z.string(),
  authorityId: z.string(),
  authorityType: z.string(),
  legalBasis: z.string(),
  prms: z.array(z.string()).readonly(),
  rangeFrom: instant.nullable(),
  rangeTo: instant.nullable(),
  secret: z.boolean(),
  receivedAt: instant.nullable(),
  outcome,
  decidedAt: instant.nullable(),
  validUntil: instant.nullable(),
  decidedBy: z.string().optional(),
});
export type LegalRequest = z.infer<typeof legalRequest>;

const damageKind = z.enum(['unreadable', 'missing', 'unparsable', 'link-mismatch', 'hash-mismatch', 'bad-signature']);
export const ledgerDamage = z.object({
  seq: z.number(),
  through: z.number().optional(),
  kind: damageKind,
  detail: z.string(),
  eventId: z.string().optional(),
  declaredType: z.string().optional(),
  acknowledgedAt: z.number().optional(),
});
export const acknowledgementView = z.object({
  seq: z.number(),
  eventId: z.string(),
  at: z.number(),
  by: z.string(),
  reason: z.string(),
  covers: z.array(z.object({ seq: z.number(), through: z.number().optional(), kind: damageKind })).readonly(),
  setAside: z.string().optional(),
});
export const ledgerReport = z.object({
  status: z.enum(['ok', 'broken', 'acknowledged']),
  count: z.number(),
  verified: z.number(),
  head: z.object({ seq: z.number(), hash: z.string() }).nullable(),
  lastSeq: z.number(),
  receipts: z.object({ checked: z.number() }),
  breaks: z.array(ledgerDamage).readonly(),
  firstBreak: ledgerDamage.extend({ code: z.string() }).nullable(),
  acknowledgements: z.array(acknowledgementView).readonly(),
});
export type LedgerReport = z.infer<typeof ledgerReport>;
export const acknowledged = z.object({
  acknowledgement: acknowledgementView,
  receipt: z.string(),
  report: ledgerReport,
});
export type Acknowledged = z.infer<typeof acknowledged>;

export const operatorResponses = {
  register: answers({
    200: fileAnswer('the record of processing activities, Markdown (text/markdown) or HTML with ?format=html'),
  }),
  legalRequests: answers({ 200: z.object({ requests: z.array(legalRequest) }) }),
  recordLegal: answers({ 201: z.object({ requestId: z.string(), outcome }) }),
  decideLegal: answers({ 200: z.object({ requestId: z.string(), outcome, validUntil: instant.nullable() }) }),
  verify: answers({ 200: ledgerReport }),
  acknowledge: answers({ 200: acknowledged }),
  receipts: answers({
    200: z.object({
      results: z.array(z.object({ receiptId: z.string(), seq: z.number(), problem: z.string().nullable() })).readonly(),
    }),
  }),
  account: answers({
    201: z.object({ username: z.string(), role: z.enum(['household', 'operator', 'recipient', 'authority']) }),
  }),
  moveIn: answers({ 201: receipted.extend({ prm: z.string(), username: z.string(), from: instant.nullable() }) }),
  moveOut: answers({
    200: receipted.extend({
      prm: z.string(),
      username: z.string().nullable(),
      at: instant.nullable(),
      deleted: z.number().optional(),
    }),
  }),
};
