import type { FastifyInstance } from 'fastify';
import { noQuery } from '../schemas.ts';
import type { Hub } from '../../use-cases/hub.ts';
import { VERSION } from '../../core/version.ts';

export async function healthRoutes(app: FastifyInstance, hub: Hub): Promise<void> {
  app.get('/api/health', { config: { public: true }, schema: { querystring: noQuery } }, async () => ({ status: 'ok', version: VERSION, engine: hub.store.engine }));
}
