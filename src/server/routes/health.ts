import type { FastifyInstance } from 'fastify';
import type { Hub } from '../../services/hub.ts';
import { VERSION } from '../../core/version.ts';

export async function healthRoutes(app: FastifyInstance, hub: Hub): Promise<void> {
  app.get('/api/health', { config: { public: true } }, async () => ({ status: 'ok', version: VERSION, engine: hub.store.engine }));
}
