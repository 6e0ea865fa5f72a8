/**
 * `GET /api/usage-points/:prm/costs?from=YYYY-MM-DD&to=YYYY-MM-DD[&kva=6][&offer=id]`: cost per day and month under
 * one offer (default: the household's known option, else the cheapest available; kva default: the contract's, else 6) and the comparison of every offer on the household's own curve.
 * `prices=latest` costs every day at each offer's latest grid (data older than the price table); `prices=auto` does
 * so only when the dated grids cannot price the range.
 */
import type { FastifyInstance } from 'fastify';
import { CourantError } from '../../core/errors.ts';
import { parseRange } from '../../core/range.ts';
import type { Hub } from '../../services/hub.ts';
import { costsFor } from '../../services/costs.ts';
import { guardRead } from '../auth/access-guard.ts';

type Q = { Params: { prm: string }; Querystring: { from?: string; to?: string; kva?: string; offer?: string; prices?: string } };

export async function costRoutes(app: FastifyInstance, hub: Hub): Promise<void> {
  app.get<Q>('/api/usage-points/:prm/costs', async (req) => {
    const { from, to, kva, offer, prices } = req.query;
    if (prices !== undefined && prices !== 'dated' && prices !== 'latest' && prices !== 'auto') throw new CourantError('INPUT_INVALID', `prices: ${JSON.stringify(prices)} is not dated, latest or auto`);
    if (!from || !to) throw new CourantError('INPUT_INVALID', 'from and to are required (YYYY-MM-DD)');
    const range = parseRange(from, to, 'query');
    await guardRead(hub, req, req.params.prm);
    // without kva/offer, the usage point's known contract (hub.profiles) decides, else 6 kVA and the cheapest offer
    return costsFor(hub.store, hub.config.dataDir, { prm: req.params.prm, range, kva: kva === undefined || kva === '' ? undefined : Number(kva), offerId: offer, prices }, { profiles: hub.profiles });
  });
}
