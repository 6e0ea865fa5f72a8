import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { noQuery } from '../schemas.ts';
import { healthResponses } from '../contract/health.ts';
import type { Hub } from '../../use-cases/hub.ts';
import { VERSION } from '../../core/version.ts';

export async function healthRoutes(root: FastifyInstance, hub: Hub): Promise<void> {
  const app = root.withTypeProvider<ZodTypeProvider>();
  app.get(
    '/api/health',
    { config: { public: true }, schema: { querystring: noQuery, response: healthResponses.health } },
    async () => ({ status: 'ok' as const, version: VERSION, engine: hub.store.engine }),
  );
}
