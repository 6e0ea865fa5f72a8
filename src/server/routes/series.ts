/** Read-only series API: usage points, series over a range (native, coarser or decimated), daily energy, holdings. */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Hub } from '../../use-cases/hub.ts';
import type { Prm } from '../../core/prm.ts';
import { checkRange, parseInstant } from '../../core/range.ts';
import { CourantError } from '../../core/errors.ts';
import { usagePointLabel, readDaily, readSeries, toSeriesJson } from '../../use-cases/series-query.ts';
import { parseSeriesId, seriesId } from '../../core/series.ts';
import { guardRead, visiblePrms, visibleSeries } from '../auth/access-guard.ts';
import { lang, prmParams, purposeQuery, rangeQuery } from '../schemas.ts';
import { seriesResponses as answer } from '../contract/series.ts';
import { seriesSerializerCompiler } from '../series-serializer.ts';

const localeQuery = { locale: lang.optional() };
const seriesQuery = z.strictObject({
  ...rangeQuery,
  step: z.string().optional(),
  maxPoints: z.string().optional(),
  ...localeQuery,
  ...purposeQuery,
});
const dailyQuery = z.strictObject({ ...rangeQuery, ...localeQuery, ...purposeQuery });

/** The range a request names, parsed by the core (INPUT_INVALID_DATE naming the parameter); missing ends stay open. */
export function requestedRange(q: { from?: string | undefined; to?: string | undefined }): {
  from?: number;
  to?: number;
} {
  const from = q.from ? parseInstant(q.from, 'from') : undefined;
  const to = q.to ? parseInstant(q.to, 'to') : undefined;
  if (from !== undefined && to !== undefined) checkRange({ from, to }, 'from/to');
  return { ...(from !== undefined ? { from } : {}), ...(to !== undefined ? { to } : {}) };
}

export async function seriesRoutes(root: FastifyInstance, hub: Hub): Promise<void> {
  const app = root.withTypeProvider<ZodTypeProvider>();
  const limit = hub.config.server.maxPointsPerResponse;
  const locale = (q: { locale?: 'fr' | 'en' | undefined }) => q.locale ?? hub.config.locale;

  app.get(
    '/api/usage-points',
    { schema: { querystring: z.strictObject(localeQuery), response: answer.usagePoints } },
    async (req) => {
      const mine = [...(await visiblePrms(hub, req))].sort() as Prm[];
      const usagePoints = [];
      // A household's usage point stays listed after it erased its data (it still lives there).
      for (const prm of mine)
        usagePoints.push({
          prm,
          label: usagePointLabel(prm, locale(req.query)),
          series: (await visibleSeries(hub, req, prm)).map(toSeriesJson),
        });
      return { usagePoints };
    },
  );

  app.get(
    '/api/usage-points/:prm/series/:series',
    {
      schema: {
        params: z.strictObject({ prm: z.string(), series: z.string() }),
        querystring: seriesQuery,
        response: answer.series,
      },
      serializerCompiler: seriesSerializerCompiler,
    },
    async (req) => {
      // a malformed id is INPUT_INVALID, before any access check
      const wanted = seriesId(parseSeriesId(req.params.series));
      const grant = await guardRead(hub, req, req.params.prm, {
        series: (s) => seriesId(s) === wanted,
        range: requestedRange(req.query),
      });
      const info = grant.held[0];
      if (!info)
        throw new CourantError(
          'HTTP_NOT_FOUND',
          `series ${req.params.series} of usage point ${grant.prm}: not found or no access`,
        );
      return readSeries(
        hub.store,
        info,
        { step: req.query.step, maxPoints: req.query.maxPoints, from: grant.range.from, to: grant.range.to },
        limit,
      );
    },
  );

  app.get(
    '/api/usage-points/:prm/daily',
    { schema: { params: prmParams, querystring: dailyQuery, response: answer.daily } },
    async (req) => {
      const grant = await guardRead(hub, req, req.params.prm, {
        series: (s) => s.quantity === 'energy' || s.quantity === 'power',
        range: requestedRange(req.query),
      });
      return readDaily(hub.store, grant.prm, grant.range);
    },
  );

  app.get(
    '/api/usage-points/:prm/holdings',
    {
      schema: {
        params: prmParams,
        querystring: z.strictObject({ ...localeQuery, ...purposeQuery }),
        response: answer.holdings,
      },
    },
    async (req) => {
      const grant = await guardRead(hub, req, req.params.prm);
      if (grant.held.length === 0)
        throw new CourantError('HTTP_NOT_FOUND', `usage point ${grant.prm}: not found or no access`);
      return { prm: grant.prm, series: grant.held.map(toSeriesJson), generatedAt: new Date(hub.now()).toISOString() };
    },
  );
}
