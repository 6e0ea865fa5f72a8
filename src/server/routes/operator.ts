/**
 * The operator's pages: the record of processing activities (Markdown, or HTML for the dashboard),
 * legal requests (record, decide, list), the ledger check `courant ledger verify` asks for while the hub runs and the
 * acknowledgement of ledger damage (`courant ledger acknowledge`), accounts (`courant account create`), and who lives
 * where (`courant household move-in|move-out`). None holds readings; the operator still has no read path to
 * households' data (reads go through the policy like any recipient).
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { noQuery } from '../schemas.ts';
import { operatorResponses as answer } from '../contract/operator.ts';
import { CourantError } from '../../core/errors.ts';
import { renderRegister } from '../../consent/register.ts';
import type { Hub } from '../../use-cases/hub.ts';
import { authOf } from '../auth/auth-plugin.ts';
import type { Actor } from '../../consent/model.ts';
import { parseInstant } from '../../core/range.ts';
import { markdownToHtml } from './markdown.ts';
import { receiptAnswer } from '../auth/household.ts';
import { occupancyService } from '../../use-cases/consent/occupancy-service.ts';
import { checkReceipts } from '../../use-cases/consent/receipt-check.ts';

/** The operator acting: an operator session, or the local CLI token (the machine's administrator). */
export function requireOperator(req: FastifyRequest): Actor {
  const a = authOf(req);
  if (a.via === 'local') return LOCAL_OPERATOR;
  if (a.actor.kind !== 'operator') throw new CourantError('AUTH_FORBIDDEN', 'only the hub operator sees this page');
  return a.actor;
}
const LOCAL_OPERATOR: Actor = Object.freeze({ kind: 'operator', id: 'local-cli' });
const iso = (t: number | undefined) => (t === undefined ? null : new Date(t).toISOString());
const instant = (v: unknown, where: string) => parseInstant(v, `legalRequest.${where}`);

const legalRequestBody = z.strictObject({
  reference: z.string(),
  authorityId: z.string(),
  authorityType: z.string(),
  legalBasis: z.string(),
  prms: z.array(z.string()),
  rangeFrom: z.string(),
  rangeTo: z.string(),
  secret: z.boolean().optional(),
});

export async function operatorRoutes(root: FastifyInstance, hub: Hub): Promise<void> {
  const app = root.withTypeProvider<ZodTypeProvider>();
  const occupancies = occupancyService(hub.consent);
  app.get(
    '/api/admin/register',
    {
      schema: { querystring: z.strictObject({ format: z.enum(['md', 'html']).optional() }), response: answer.register },
    },
    async (req, reply) => {
      requireOperator(req);
      const events = await hub.consent.ledger.repo.events();
      const md = renderRegister({
        config: hub.consent.consents.config,
        recipients: [...hub.consent.clients.directory.values()],
        state: hub.consent.ledger.state,
        now: hub.now(),
        ledgerHead: events.at(-1)?.hash,
        legalRequests: (await hub.consent.ledger.repo.legalRequests()).length,
      });
      if (req.query.format === 'html') return reply.type('text/html; charset=utf-8').send(markdownToHtml(md));
      return reply.type('text/markdown; charset=utf-8').send(md);
    },
  );

  // Legal requests: recorded and decided by the operator; an accepted one opens a 30-day window scoped
  // to the named usage points and range; the household sees it unless marked secret; the public report counts it.
  app.get(
    '/api/admin/legal-requests',
    { schema: { querystring: noQuery, response: answer.legalRequests } },
    async (req) => {
      requireOperator(req);
      const list = await hub.consent.ledger.repo.legalRequests();
      return {
        requests: list.map((r) => ({
          ...r,
          rangeFrom: iso(r.rangeFrom),
          rangeTo: iso(r.rangeTo),
          receivedAt: iso(r.receivedAt),
          decidedAt: iso(r.decidedAt),
          validUntil: iso(r.validUntil),
        })),
      };
    },
  );

  app.post(
    '/api/admin/legal-requests',
    { schema: { querystring: noQuery, body: legalRequestBody, response: answer.recordLegal } },
    async (req, reply) => {
      const actor = requireOperator(req);
      const b = req.body;
      const r = await hub.consent.legal.record(actor, {
        reference: b.reference,
        authorityId: b.authorityId,
        authorityType: b.authorityType,
        legalBasis: b.legalBasis,
        prms: b.prms,
        rangeFrom: instant(b.rangeFrom, 'rangeFrom'),
        rangeTo: instant(b.rangeTo, 'rangeTo'),
        secret: b.secret === true,
      });
      return reply.status(201).send({ requestId: r.requestId, outcome: r.outcome });
    },
  );

  app.post(
    '/api/admin/legal-requests/:id/decide',
    {
      schema: {
        params: z.strictObject({ id: z.string() }),
        querystring: noQuery,
        body: z.strictObject({ outcome: z.string().optional() }).nullish(),
        response: answer.decideLegal,
      },
    },
    async (req) => {
      const actor = requireOperator(req);
      const outcome = req.body?.outcome;
      if (outcome !== 'accepted' && outcome !== 'refused')
        throw new CourantError('LEGAL_REQUEST_INVALID', 'legalRequest.outcome: "accepted" or "refused"');
      const r = await hub.consent.legal.decide(actor, req.params.id, outcome);
      return { requestId: r.requestId, outcome: r.outcome, validUntil: iso(r.validUntil) };
    },
  );

  app.get('/api/admin/ledger/verify', { schema: { querystring: noQuery, response: answer.verify } }, async (req) => {
    requireOperator(req);
    return hub.consent.ledger.verify();
  });

  // Households' receipts against the ledger, for `courant ledger verify --receipt` while the hub holds the database:
  // the signatures are checked with the hub's own key, then each named event must be in the ledger as signed.
  app.post(
    '/api/admin/ledger/receipts',
    {
      schema: {
        querystring: noQuery,
        body: z.strictObject({ receipts: z.array(z.string().max(16_384)).max(1000) }),
        response: answer.receipts,
      },
    },
    async (req) => {
      requireOperator(req);
      return {
        results: await checkReceipts(
          await hub.consent.ledger.repo.events(),
          hub.consent.key.publicJwk,
          req.body.receipts,
        ),
      };
    },
  );

  // Ledger damage (docs/consent.md): the operator acknowledges every break verification finds now, with a reason; the
  // acknowledgement is a signed event in the ledger itself, and the ledger takes events again.
  app.post(
    '/api/admin/ledger/acknowledge',
    {
      schema: {
        querystring: noQuery,
        body: z.strictObject({ reason: z.string().optional() }).nullish(),
        response: answer.acknowledge,
      },
    },
    async (req) => {
      const actor = requireOperator(req);
      return hub.consent.ledger.acknowledge(actor, req.body?.reason);
    },
  );

  // Accounts: the operator creates them (households, recipients, authorities, other operators); the password is
  // hashed with argon2id by the accounts service, which also checks the name and the password's length.
  app.post(
    '/api/admin/accounts',
    {
      schema: {
        querystring: noQuery,
        body: z.strictObject({
          username: z.string(),
          password: z.string(),
          role: z.enum(['household', 'operator', 'recipient', 'authority']),
          displayName: z.string().optional(),
        }),
        response: answer.account,
      },
    },
    async (req, reply) => {
      const a = await hub.consent.accounts.createAccount(requireOperator(req), req.body);
      const created = await hub.consent.accounts.byId(a.id);
      return reply.status(201).send({ username: created!.username, role: req.body.role });
    },
  );

  // Occupancy: the operator records who lives where (a move-in, a move-out); each is a ledger event with a signed
  // receipt. Checks and refusals are the service's (use-cases/consent/occupancy-service.ts).
  app.post(
    '/api/admin/occupancies',
    {
      schema: {
        querystring: noQuery,
        body: z.strictObject({ prm: z.string(), username: z.string(), from: z.string().optional() }),
        response: answer.moveIn,
      },
    },
    async (req, reply) => {
      const a = await occupancies.moveIn(requireOperator(req), req.body);
      return reply.status(201).send(receiptAnswer(a, { prm: a.prm, username: a.username, from: iso(a.from) }));
    },
  );

  app.post(
    '/api/admin/occupancies/end',
    {
      schema: {
        querystring: noQuery,
        body: z.strictObject({ prm: z.string(), at: z.string().optional() }),
        response: answer.moveOut,
      },
    },
    async (req) => {
      const a = await occupancies.moveOut(requireOperator(req), req.body);
      return receiptAnswer(a, { prm: a.prm, username: a.username, at: iso(a.at), deleted: a.deleted });
    },
  );
}
