/** Streams a usage point's readings as CSV or JSON lines (used by `courant export` while the hub holds the database). */
import { Readable } from 'node:stream';
import type { FastifyInstance } from 'fastify';
import type { Hub } from '../../services/hub.ts';
import { exportReadings, parseFormat } from '../../services/export.ts';
import { guardRead } from '../auth/access-guard.ts';

type Q = { Params: { prm: string }; Querystring: { from?: string; to?: string; step?: string; format?: string } };

export async function exportRoutes(app: FastifyInstance, hub: Hub): Promise<void> {
  app.get<Q>('/api/usage-points/:prm/export', async (req, reply) => {
    await guardRead(hub, req, req.params.prm);
    const format = parseFormat(req.query.format);
    const gen = exportReadings(hub.store, { prm: req.params.prm, ...req.query });
    // pull the first chunk before answering so that validation errors become proper JSON errors
    const first = await gen.next();
    async function* rest() {
      if (!first.done) yield first.value;
      yield* gen;
    }
    reply.type(format === 'csv' ? 'text/csv; charset=utf-8' : 'application/x-ndjson; charset=utf-8');
    reply.header('content-disposition', `attachment; filename="courant-${req.params.prm}.${format === 'csv' ? 'csv' : 'jsonl'}"`);
    return reply.send(Readable.from(rest()));
  });
}
