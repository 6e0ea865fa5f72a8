/** Read-only series API: usage points, series over a range (native, coarser or decimated), daily energy, holdings. */
import type { FastifyInstance } from 'fastify';
import type { Hub } from '../../services/hub.ts';
import type { Prm } from '../../core/prm.ts';
import { CourantError } from '../../core/errors.ts';
import { findSeries, listUsagePoints, usagePointLabel, readDaily, readSeries, toSeriesJson, type SeriesRequest } from '../../services/series-query.ts';
import { seriesId } from '../../core/series.ts';
import { guardRead, visiblePrms } from '../auth/access-guard.ts';

type Q = { Querystring: SeriesRequest & { locale?: string }; Params: { prm: string; series: string } };

export async function seriesRoutes(app: FastifyInstance, hub: Hub): Promise<void> {
  const limit = hub.config.server.maxPointsPerResponse;
  const locale = (q: { locale?: string }) => (q.locale === 'en' ? 'en' : q.locale === 'fr' ? 'fr' : hub.config.locale);
  app.get<Q>('/api/usage-points', async (req) => {
    const mine = await visiblePrms(hub, req);
    const held = new Map((await listUsagePoints(hub.store, locale(req.query))).map((u) => [u.prm as string, u]));
    // A household's usage point stays listed after it erased its data (it still lives there).
    return { usagePoints: [...mine].sort().map((prm) => held.get(prm) ?? { prm, label: usagePointLabel(prm as Prm, locale(req.query)), series: [] }) };
  });
  app.get<Q>('/api/usage-points/:prm/series/:series', async (req) => {
    await guardRead(hub, req, req.params.prm, { series: (s) => seriesId(s) === req.params.series });
    return readSeries(hub.store, await findSeries(hub.store, req.params.prm, req.params.series), req.query, limit);
  });
  app.get<Q>('/api/usage-points/:prm/daily', async (req) => {
    await guardRead(hub, req, req.params.prm, { series: (s) => s.quantity === 'energy' || s.quantity === 'power' });
    return readDaily(hub.store, req.params.prm, req.query);
  });
  app.get<Q>('/api/usage-points/:prm/holdings', async (req) => {
    const { prm } = await guardRead(hub, req, req.params.prm);
    const series = await hub.store.list(prm);
    if (series.length === 0) throw new CourantError('HTTP_NOT_FOUND', `usage point ${prm}: not found or no access`);
    return { prm, series: series.map(toSeriesJson), generatedAt: new Date(hub.now()).toISOString() };
  });
}
