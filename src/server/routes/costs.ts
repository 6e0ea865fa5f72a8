/**
 * `GET /api/usage-points/:prm/costs?from=YYYY-MM-DD&to=YYYY-MM-DD[&kva=6][&offer=id]`: cost per day and month under
 * one offer (default: the household's known option, else the cheapest available; kva default: the contract's, else 6)
 * and the comparison of every offer on the household's own curve.
 * `prices=latest` costs every day at each offer's latest grid (data older than the price table); `prices=auto` does
 * so only when the dated grids cannot price the range.
 */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { CourantError } from '../../core/errors.ts';
import { parseRange } from '../../core/range.ts';
import type { Hub } from '../../use-cases/hub.ts';
import { costsFor } from '../../use-cases/costs.ts';
import { guardRead } from '../auth/access-guard.ts';
import { prmParams, purposeQuery } from '../schemas.ts';
import { insightResponses } from '../contract/insight.ts';

const query = z.strictObject({
  from: z.string({ error: 'required (YYYY-MM-DD)' }),
  to: z.string({ error: 'required (YYYY-MM-DD)' }),
  kva: z.string().optional(),
  offer: z.string().optional(),
  prices: z.enum(['dated', 'latest', 'auto']).optional(),
  ...purposeQuery,
});

export async function costRoutes(root: FastifyInstance, hub: Hub): Promise<void> {
  const app = root.withTypeProvider<ZodTypeProvider>();
  app.get(
    '/api/usage-points/:prm/costs',
    { schema: { params: prmParams, querystring: query, response: insightResponses.costs } },
    async (req) => {
      const { kva, offer, prices } = req.query;
      const kvaNumber = kva === undefined || kva === '' ? undefined : Number(kva);
      if (kvaNumber !== undefined && !Number.isFinite(kvaNumber))
        throw new CourantError('INPUT_INVALID', `query.kva: ${JSON.stringify(kva)} is not a number`, {
          details: { where: 'query.kva' },
        });
      const grant = await guardRead(hub, req, req.params.prm, {
        range: parseRange(req.query.from, req.query.to, 'query'),
      });
      // without kva/offer, the usage point's known contract (hub.profiles) decides, else 6 kVA and the cheapest offer
      return costsFor(
        hub.store,
        hub.config.dataDir,
        { prm: grant.prm, range: grant.range, kva: kvaNumber, offerId: offer, prices },
        { profiles: hub.profiles },
      );
    },
  );
}
