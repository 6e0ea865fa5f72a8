/**
 * Rights of the household (GDPR art. 15, 17, 20) and what it may see about access to its data:
 * the export ZIP, erasure (confirmed by typing the usage point), the access log, its visible legal requests.
 */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { noQuery, prmParams } from '../schemas.ts';
import { consentResponses as answer } from '../contract/consent.ts';
import { CourantError } from '../../core/errors.ts';
import type { Prm } from '../../core/prm.ts';
import type { Hub } from '../../use-cases/hub.ts';
import { actorOf, hidden, receiptAnswer } from '../auth/household.ts';
import { groupAccessLog } from '../../consent/access-log.ts';

const params = { params: prmParams, querystring: noQuery };
const iso = (t: number | null | undefined) => (t === null || t === undefined ? null : new Date(t).toISOString());
const isoAt = (t: number) => new Date(t).toISOString();

export async function rightsRoutes(root: FastifyInstance, hub: Hub): Promise<void> {
  const app = root.withTypeProvider<ZodTypeProvider>();
  const c = hub.consent;
  const what = (prm: string) => `usage point ${prm}`;

  app.get(
    '/api/usage-points/:prm/rights/export',
    { schema: { ...params, response: answer.export } },
    async (req, reply) => {
      const zip = await hidden(what(req.params.prm), () => c.rights.exportAll(actorOf(req), req.params.prm));
      reply.type('application/zip');
      reply.header('content-disposition', `attachment; filename="courant-export-${req.params.prm}.zip"`);
      return reply.send(Buffer.from(zip.buffer, zip.byteOffset, zip.byteLength));
    },
  );

  app.post(
    '/api/usage-points/:prm/rights/erase',
    {
      schema: { ...params, body: z.strictObject({ confirm: z.string().optional() }).nullish(), response: answer.erase },
    },
    async (req) => {
      const actor = actorOf(req);
      const a = await hidden(what(req.params.prm), async () => {
        // Checked after the occupancy (inside erase) would be better, but a wrong confirmation must change nothing.
        if (req.body?.confirm !== req.params.prm) {
          c.consents.list(actor, req.params.prm as Prm); // not the occupant → 404, same as absent
          throw new CourantError('INPUT_INVALID', 'erase.confirm: type the usage point number to confirm the erasure', {
            details: { where: 'confirm' },
          });
        }
        return c.rights.erase(actor, req.params.prm);
      });
      return receiptAnswer(a, { deleted: a.event.body.type === 'erased' ? a.event.body.deleted : 0 });
    },
  );

  app.get('/api/usage-points/:prm/access-log', { schema: { ...params, response: answer.accessLog } }, async (req) => {
    const actor = actorOf(req);
    const log = await hidden(what(req.params.prm), () => c.access.logFor(actor, req.params.prm as Prm));
    // Names, not ids: the household reads who asked (an account's display name or a registered client, enabled or
    // not), and for an authority the kind of authority of the legal request the read rests on (only requests it may
    // see).
    const legal = await c.legal.forHousehold(actor, req.params.prm as Prm);
    const names = new Map<string, string | null>();
    const nameOf = async (id: string): Promise<string | null> => {
      if (!names.has(id)) names.set(id, (await c.accounts.byId(id))?.displayName ?? c.clients.get(id)?.name ?? null);
      return names.get(id)!;
    };
    const entries = [];
    for (const e of groupAccessLog(log)) {
      const requestId = e.basis.startsWith('legal-request:') ? e.basis.slice('legal-request:'.length) : undefined;
      const authorityType =
        e.actorKind === 'authority'
          ? ((legal.find((r) => r.requestId === requestId) ?? legal.find((r) => r.authorityId === e.actorId))
              ?.authorityType ?? null)
          : null;
      entries.push({
        ...e,
        steps: [...e.steps],
        categories: [...e.categories],
        at: isoAt(e.at),
        rangeFrom: isoAt(e.rangeFrom),
        rangeTo: isoAt(e.rangeTo),
        actorName: await nameOf(e.actorId),
        authorityType,
      });
    }
    return { entries };
  });

  app.get('/api/usage-points/:prm/legal-requests', { schema: { ...params, response: answer.legal } }, async (req) => {
    const list = await hidden(what(req.params.prm), () => c.legal.forHousehold(actorOf(req), req.params.prm as Prm));
    return {
      requests: list.map((r) => ({
        reference: r.reference,
        authorityType: r.authorityType,
        authorityId: r.authorityId,
        legalBasis: r.legalBasis,
        rangeFrom: isoAt(r.rangeFrom),
        rangeTo: isoAt(r.rangeTo),
        receivedAt: isoAt(r.receivedAt),
        outcome: r.outcome,
        decidedAt: iso(r.decidedAt),
      })),
    };
  });
}
