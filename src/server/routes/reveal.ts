/**
 * `GET /api/usage-points/:prm/reveal?step=PT30M&locale=fr`: what the household's own curve reveals at that step
 * (routine, absences, water heater, the personal sentence) and our measured accuracy per step.
 *
 * For the household itself only. Anyone else — a recipient holding a consent, an authority, the operator, the local
 * installer — gets the same 404 "not found or no access" as an unknown usage point, *before* the policy engine is
 * asked: the detectors are never offered to third parties, so there is no third-party access to log either (the
 * attempt is kept in the refusal log, as every refused call).
 */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { prmParams } from '../schemas.ts';
import { insightResponses } from '../contract/insight.ts';
import type { Hub } from '../../use-cases/hub.ts';
import { parsePrm } from '../../core/prm.ts';
import { parseLocale, parseRevealStep, revealFor } from '../../use-cases/reveal-service.ts';
import { guardRead } from '../auth/access-guard.ts';
import { authOf } from '../auth/auth-plugin.ts';
import { notFound } from '../errors.ts';

const query = z.strictObject({ step: z.string().optional(), locale: z.string().optional() });

export async function revealRoutes(root: FastifyInstance, hub: Hub): Promise<void> {
  const app = root.withTypeProvider<ZodTypeProvider>();
  app.get(
    '/api/usage-points/:prm/reveal',
    { schema: { params: prmParams, querystring: query, response: insightResponses.reveal } },
    async (req) => {
      const prm = parsePrm(req.params.prm, 'usage point');
      const { actor } = authOf(req);
      // refused attempts go to the refusal (security) log like any refused read — never to the household's access log
      await hub.consent.refusals.guard(actor, 'reveal.read', hub.now(), async () => {
        if (actor.kind !== 'household' || !hub.consent.ledger.state.prmsOf(actor.id).includes(prm))
          throw notFound(`usage point ${prm}`);
      });
      const step = parseRevealStep(req.query.step ?? 'PT30M', 'step');
      const locale = parseLocale(req.query.locale, 'locale', hub.config.locale === 'en' ? 'en' : 'fr');
      const grant = await guardRead(hub, req, prm); // the same policy check as every data route (basis: self)
      return revealFor(hub.store, grant.prm, step, locale, grant.held);
    },
  );
}
