/** Streams a usage point's readings as CSV or JSON lines (used by `courant export` while the hub holds the database).
 */
import { Readable } from 'node:stream';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Hub } from '../../use-cases/hub.ts';
import { exportReadings, parseFormat } from '../../use-cases/export.ts';
import { guardRead } from '../auth/access-guard.ts';
import { prmParams, purposeQuery, rangeQuery } from '../schemas.ts';
import { requestedRange } from './series.ts';
import { seriesResponses } from '../contract/series.ts';

const query = z.strictObject({
  ...rangeQuery,
  step: z.string().optional(),
  format: z.string().optional(),
  ...purposeQuery,
});

export async function exportRoutes(root: FastifyInstance, hub: Hub): Promise<void> {
  const app = root.withTypeProvider<ZodTypeProvider>();
  app.get(
    '/api/usage-points/:prm/export',
    { schema: { params: prmParams, querystring: query, response: seriesResponses.export } },
    async (req, reply) => {
      const format = parseFormat(req.query.format);
      const grant = await guardRead(hub, req, req.params.prm, { range: requestedRange(req.query) });
      // the usage point and the range are the checked grant's, nothing else from the request
      const gen = exportReadings(hub.store, {
        prm: grant.prm,
        from: grant.range.from,
        to: grant.range.to,
        step: req.query.step,
        format,
      });
      // pull the first chunk before answering so that validation errors become proper JSON errors
      const first = await gen.next();
      async function* rest() {
        if (!first.done) yield first.value;
        yield* gen;
      }
      reply.type(format === 'csv' ? 'text/csv; charset=utf-8' : 'application/x-ndjson; charset=utf-8');
      reply.header(
        'content-disposition',
        `attachment; filename="courant-${grant.prm}.${format === 'csv' ? 'csv' : 'jsonl'}"`,
      );
      return reply.send(Readable.from(rest()));
    },
  );
}
