/**
 * The operator's pages (issue 5 §8): the record of processing activities (Markdown, or HTML for the dashboard) and
 * the ledger check `courant ledger verify` asks for while the hub holds the database. Neither holds readings; the
 * operator still has no read path to households' data (reads go through the policy like any recipient).
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { CourantError } from '../../core/errors.ts';
import { renderRegister } from '../../consent/register.ts';
import { verifyLedger } from '../../services/consent/ledger-service.ts';
import type { Hub } from '../../services/hub.ts';
import { authOf } from '../auth/auth-plugin.ts';
import { markdownToHtml } from './markdown.ts';

function requireOperator(req: FastifyRequest): void {
  const a = authOf(req);
  if (a.via !== 'local' && a.actor.kind !== 'operator') throw new CourantError('AUTH_FORBIDDEN', 'only the hub operator sees this page');
}

export async function operatorRoutes(app: FastifyInstance, hub: Hub): Promise<void> {
  app.get<{ Querystring: { format?: string } }>('/api/admin/register', async (req, reply) => {
    requireOperator(req);
    const events = await hub.consent.ledger.repo.events();
    const md = renderRegister({
      config: hub.consent.consents.config,
      state: hub.consent.ledger.state,
      now: hub.now(),
      ledgerHead: events.at(-1)?.hash,
      legalRequests: (await hub.consent.ledger.repo.legalRequests()).length,
    });
    if (req.query.format === 'html') return reply.type('text/html; charset=utf-8').send(markdownToHtml(md));
    return reply.type('text/markdown; charset=utf-8').send(md);
  });

  app.get('/api/admin/ledger/verify', async (req) => {
    requireOperator(req);
    return verifyLedger(hub.consent.ledger.repo, hub.consent.key.publicJwk);
  });
}
