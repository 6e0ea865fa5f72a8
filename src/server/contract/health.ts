/** @module server/contract/health — `GET /api/health` (public). */
import { z } from 'zod';
import { answers } from './common.ts';

export const health = z.object({ status: z.literal('ok'), version: z.string(), engine: z.string() });
export type Health = z.infer<typeof health>;

export const healthResponses = { health: answers({ 200: health }) };
