/**
 * @module server/routes/clients
 * The operator's registry of third-party clients (operator session or the local CLI token): register (the secret is
 * in this answer only), list, new secret, disable and enable. `courant client …` uses these routes while the hub runs.
 */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Hub } from '../../use-cases/hub.ts';
import type { PublicClient } from '../../use-cases/oauth/client-service.ts';
import { clientResponses as answer, type ClientView } from '../contract/oauth.ts';
import { emptyBody, noQuery } from '../schemas.ts';
import { requireOperator } from './operator.ts';

export const clientView = (c: PublicClient): ClientView => ({ ...c, createdAt: new Date(c.createdAt).toISOString() });

const registration = z.strictObject({
  clientId: z.string(),
  name: z.string(),
  legalIdentity: z.string(),
  contact: z.string(),
  role: z.string().optional(),
  redirectUris: z.array(z.string()).max(20),
  purposes: z.array(z.string()).max(10),
  finestStep: z.string().optional(),
  retentionMonths: z.number(),
  acceptsProtectedDaily: z.boolean().optional(),
});
const idParams = z.strictObject({ clientId: z.string().max(64) });

export async function clientRoutes(api: FastifyInstance, hub: Hub): Promise<void> {
  const app = api.withTypeProvider<ZodTypeProvider>();
  const clients = hub.consent.clients;

  app.get('/api/admin/clients', { schema: { querystring: noQuery, response: answer.list } }, async (req) => {
    requireOperator(req);
    return { clients: clients.list().map(clientView) };
  });

  app.post(
    '/api/admin/clients',
    { schema: { querystring: noQuery, body: registration, response: answer.registered } },
    async (req, reply) => {
      const r = await clients.register(requireOperator(req), req.body);
      hub.log.info(`client ${r.client.clientId} registered`);
      return reply.status(201).send({ client: clientView(r.client), secret: r.secret });
    },
  );

  app.post(
    '/api/admin/clients/:clientId/secret',
    { schema: { params: idParams, querystring: noQuery, body: emptyBody, response: answer.secret } },
    async (req) => {
      const r = await clients.rotateSecret(requireOperator(req), req.params.clientId);
      return { client: clientView(r.client), secret: r.secret };
    },
  );

  for (const [action, disabled] of [
    ['disable', true],
    ['enable', false],
  ] as const) {
    app.post(
      `/api/admin/clients/:clientId/${action}`,
      { schema: { params: idParams, querystring: noQuery, body: emptyBody, response: answer.changed } },
      async (req) => {
        const actor = requireOperator(req);
        const c = await clients.setDisabled(actor, req.params.clientId, disabled);
        // a disabled client's tokens stop at once
        if (disabled) await hub.consent.oauth.revokeWhere({ clientId: c.clientId });
        return { client: clientView(c) };
      },
    );
  }
}
