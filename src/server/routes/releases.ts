/**
 * @module server/routes/releases
 * Published statistics (docs/statistics.md):
 * - `POST /api/admin/stats/releases` (operator session or the local CLI token): produce and publish one release;
 *   `courant stats release` uses it while the hub runs;
 * - `GET /api/admin/stats/releases/verify` (operator session or the local CLI token): the release chain and every
 *   published file checked against its record; `courant stats verify` uses it while the hub runs;
 * - `GET /api/public/releases` (public): every release with its guarantee's parameters;
 * - `GET /api/public/releases/:file` (public): a release's `<id>.csv` or `<id>.parquet`;
 * - `GET /api/usage-points/:prm/releases` (the occupant): the releases its household contributed to; anyone else gets
 *   the 404 of an absent usage point.
 */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requireOccupant } from '../../consent/consent-input.ts';
import type { Hub } from '../../use-cases/hub.ts';
import { releaseResponses as answer, releaseView } from '../contract/releases.ts';
import { notFound } from '../errors.ts';
import { noQuery, prmParams } from '../schemas.ts';
import { actorOf, hidden } from '../auth/household.ts';
import { requireOperator } from './operator.ts';

const FILE = /^(rel-[A-Za-z0-9-]{1,60})\.(csv|parquet)$/;

export const releaseBody = z.strictObject({
  publisher: z.string().max(128),
  areaKind: z.string().max(16),
  bucket: z.string().max(16),
  from: z.string().max(40),
  to: z.string().max(40),
  epsilon: z.number(),
  statistics: z.array(z.string().max(16)).max(5).optional(),
  clipWh: z.number().optional(),
  maxBuckets: z.number().optional(),
});

export async function releaseRoutes(api: FastifyInstance, hub: Hub): Promise<void> {
  const app = api.withTypeProvider<ZodTypeProvider>();
  const nameOf = (id: string) => hub.consent.clients.get(id)?.name;

  app.post(
    '/api/admin/stats/releases',
    { schema: { querystring: noQuery, body: releaseBody, response: answer.created } },
    async (req, reply) => {
      const r = await hub.releases.release(requireOperator(req), req.body);
      hub.log.info(
        `statistics release ${r.body.releaseId} published (${r.body.result.cellsPublished} cells, ε = ${r.body.parameters.epsilon})`,
      );
      return reply.status(201).send({ release: releaseView(r, nameOf) });
    },
  );

  app.get(
    '/api/admin/stats/releases/verify',
    { schema: { querystring: noQuery, response: answer.audit } },
    async (req) => {
      requireOperator(req);
      const a = await hub.releases.audit();
      return { ...a, fileProblems: [...a.fileProblems] };
    },
  );

  app.get(
    '/api/public/releases',
    { config: { public: true }, schema: { querystring: noQuery, response: answer.list } },
    async () => ({ releases: (await hub.releases.list()).map((r) => releaseView(r, nameOf)) }),
  );

  app.get(
    '/api/public/releases/:file',
    {
      config: { public: true },
      schema: { params: z.strictObject({ file: z.string().max(80) }), querystring: noQuery, response: answer.file },
    },
    async (req, reply) => {
      const m = FILE.exec(req.params.file);
      const bytes = m ? await hub.releases.file(m[1]!, m[2] as 'csv' | 'parquet') : null;
      if (!m || !bytes) throw notFound(`release file ${req.params.file}`);
      reply.type(m[2] === 'csv' ? 'text/csv; charset=utf-8' : 'application/vnd.apache.parquet');
      reply.header('content-disposition', `attachment; filename="courant-${req.params.file}"`);
      return Buffer.from(bytes);
    },
  );

  app.get(
    '/api/usage-points/:prm/releases',
    { schema: { params: prmParams, querystring: noQuery, response: answer.list } },
    async (req) => {
      const actor = actorOf(req);
      await hidden(`usage point ${req.params.prm}`, () =>
        requireOccupant(hub.consent.ledger.state, actor, req.params.prm, hub.consent.ledger.clock.now()),
      );
      return { releases: (await hub.releases.of(actor.id)).map((r) => releaseView(r, nameOf)) };
    },
  );
}
