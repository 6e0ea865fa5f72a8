/** @module server/contract/transparency — `GET /api/transparency` (public): legal requests counted, nothing else. */
import { z } from 'zod';
import { answers, instant } from './common.ts';

export const transparency = z.object({
  generatedAt: instant,
  authorityTypes: z.record(z.string(), z.object({ fr: z.string(), en: z.string() })),
  rows: z.array(z.object({ authorityType: z.string(), outcome: z.string(), count: z.number() })),
});
export type Transparency = z.infer<typeof transparency>;

export const transparencyResponses = { report: answers({ 200: transparency }) };
