/**
 * @module server/routes/stats-areas
 * The operator's areas for published statistics (operator session or the local CLI token): put a usage point in a
 * commune, IRIS or group (or take it out, `code: null`), and list them. `courant stats area …` uses these routes while
 * the hub runs.
 */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AreaAssignment } from '../../ports/usage-point-repository.ts';
import type { Hub } from '../../use-cases/hub.ts';
import { listAreas, setUsagePointArea } from '../../use-cases/statistics-areas.ts';
import { statsAreaResponses as answer, type AreaView } from '../contract/stats-areas.ts';
import { noQuery } from '../schemas.ts';
import { requireOperator } from './operator.ts';

export const areaView = (a: AreaAssignment): AreaView => ({ ...a, updatedAt: new Date(a.updatedAt).toISOString() });

const change = z.strictObject({
  prm: z.string().max(32),
  kind: z.string().max(16),
  code: z.string().max(128).nullable(),
});
const listQuery = z.strictObject({ kind: z.string().max(16).optional() });

export async function statsAreaRoutes(api: FastifyInstance, hub: Hub): Promise<void> {
  const app = api.withTypeProvider<ZodTypeProvider>();

  app.get('/api/admin/stats/areas', { schema: { querystring: listQuery, response: answer.list } }, async (req) => {
    requireOperator(req);
    return { areas: (await listAreas(hub.profiles, req.query.kind)).map(areaView) };
  });

  app.post(
    '/api/admin/stats/areas',
    { schema: { querystring: noQuery, body: change, response: answer.set } },
    async (req) => {
      requireOperator(req);
      const areas = await setUsagePointArea(hub.profiles, req.body, hub.now());
      hub.log.info(`usage point ${req.body.prm}: ${req.body.kind} area ${req.body.code === null ? 'cleared' : 'set'}`);
      return { prm: req.body.prm, areas: areas.map(areaView) };
    },
  );
}
