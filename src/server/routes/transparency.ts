/** `GET /api/transparency` (public): legal requests counted by authority type and outcome, nothing else.
 */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { noQuery } from '../schemas.ts';
import { transparencyResponses } from '../contract/transparency.ts';
import { AUTHORITY_TYPES } from '../../consent/legal-requests.ts';
import type { Hub } from '../../use-cases/hub.ts';

export async function transparencyRoutes(root: FastifyInstance, hub: Hub): Promise<void> {
  const app = root.withTypeProvider<ZodTypeProvider>();
  app.get(
    '/api/transparency',
    { config: { public: true }, schema: { querystring: noQuery, response: transparencyResponses.report } },
    async () => ({
      generatedAt: new Date(hub.now()).toISOString(),
      authorityTypes: AUTHORITY_TYPES,
      rows: await hub.consent.legal.transparency(),
    }),
  );
}
