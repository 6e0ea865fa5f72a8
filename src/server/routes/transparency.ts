/** `GET /api/transparency` (public): legal requests counted by authority type and outcome, nothing else (issue 5 §6). */
import type { FastifyInstance } from 'fastify';
import { noQuery } from '../schemas.ts';
import { AUTHORITY_TYPES } from '../../consent/legal-requests.ts';
import type { Hub } from '../../use-cases/hub.ts';

export async function transparencyRoutes(app: FastifyInstance, hub: Hub): Promise<void> {
  app.get('/api/transparency', { config: { public: true }, schema: { querystring: noQuery } }, async () => ({
    generatedAt: new Date(hub.now()).toISOString(),
    authorityTypes: AUTHORITY_TYPES,
    rows: await hub.consent.legal.transparency(),
  }));
}
