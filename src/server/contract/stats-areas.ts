/**
 * @module server/contract/stats-areas
 * Answers of the operator's area routes for published statistics (routes/stats-areas.ts); `courant stats area`
 * reads them while the hub runs.
 */
import { z } from 'zod';
import { answers, instant } from './common.ts';

export const areaView = z.object({
  prm: z.string(),
  kind: z.enum(['commune', 'iris', 'group']),
  code: z.string(),
  updatedAt: instant,
});
export type AreaView = z.infer<typeof areaView>;

export const statsAreaResponses = {
  list: answers({ 200: z.object({ areas: z.array(areaView).readonly() }) }),
  set: answers({ 200: z.object({ prm: z.string(), areas: z.array(areaView).readonly() }) }),
};
