/**
 * Consent screens (R5, R8, R9): one separate, unticked box per recipient, purpose and step, with the exact notice
 * text and its hash; give one consent per ticked box; withdraw in one call; download any receipt of one's own, and
 * list them all read back in words, each checked against the hub's public key.
 */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { emptyBody, lang, noQuery, prmParams } from '../schemas.ts';
import { consentResponses as answer } from '../contract/consent.ts';
import { receiptResponses } from '../contract/receipts.ts';
import { CourantError } from '../../core/errors.ts';
import { parsePrm } from '../../core/prm.ts';
import {
  DATA_CATEGORIES,
  ladderRank,
  PURPOSES,
  type DataCategory,
  type LadderStep,
  type PurposeId,
} from '../../consent/model.ts';
import { eventPrm, type ChainedEvent } from '../../consent/events.ts';
import { readReceipt, unverifiedPayload } from '../../consent/receipt-view.ts';
import { receiptMatchesEvent, verifyReceipt } from '../../consent/receipt-jws.ts';
import type { ReceiptPayload } from '../../consent/receipt.ts';
import { requireOccupant } from '../../consent/consent-input.ts';
import { revealsOf, stepWords, type Lang } from '../../consent/notices.ts';
import { protectionWords } from '../../consent/protection.ts';
import type { Hub } from '../../use-cases/hub.ts';
import { notFound } from '../errors.ts';
import { actorOf, hidden, receiptAnswer } from '../auth/household.ts';

/** Steps offered on the consent screen, coarsest first, so daily can be given without fine data. */
export const OFFERED_STEPS: readonly LadderStep[] = ['P1D', 'PT1H', 'PT30M'];
const CATEGORIES: readonly DataCategory[] = ['consumption'];

const langOf = (v: unknown): Lang => (v === 'en' ? 'en' : 'fr');
const langQuery = z.strictObject({ lang: lang.optional() });
/** The notice the household was shown (version, language and hash): the service checks it against the texts it holds.
 */
const noticeRef = z.strictObject({ version: z.string(), lang: lang, hash: z.string() });
const giveBody = z.strictObject({
  recipient: z.string(),
  purpose: z.string(),
  step: z.string(),
  categories: z.array(z.string()).optional(),
  notice: noticeRef,
});

export async function consentRoutes(root: FastifyInstance, hub: Hub): Promise<void> {
  const app = root.withTypeProvider<ZodTypeProvider>();
  const consents = hub.consent.consents;

  app.get(
    '/api/usage-points/:prm/consents',
    { schema: { params: prmParams, querystring: langQuery, response: answer.list } },
    async (req) => {
      const actor = actorOf(req);
      const lang = langOf(req.query.lang);
      // what other hub instances sharing the database recorded: consents, and the clients that may be named
      await Promise.all([hub.consent.ledger.catchUp(), hub.consent.clients.refresh()]);
      const list = await hidden(`usage point ${req.params.prm}`, () =>
        consents.list(actor, parsePrm(req.params.prm, 'usage point')),
      );
      const recipients = [...consents.recipients.values()];
      const screens = [];
      for (const r of recipients) {
        const boxes = [];
        for (const purpose of r.purposes) {
          // nothing finer than the client registered for
          for (const step of OFFERED_STEPS.filter((s) => !r.finestStep || ladderRank(s) >= ladderRank(r.finestStep))) {
            const n = await consents.notice({ recipient: r.id, purpose, step, categories: CATEGORIES, lang });
            boxes.push({
              key: `${r.id}:${purpose}:${step}`,
              defaultChecked: false,
              required: false,
              recipient: r.id,
              purpose,
              purposeText: PURPOSES[purpose][lang],
              step,
              stepText: stepWords(step, lang),
              reveals: revealsOf(step)[lang],
              categories: CATEGORIES,
              text: n.text,
              notice: n.notice,
            });
          }
        }
        screens.push({ recipient: { id: r.id, name: r.name, role: r.role }, boxes });
      }
      return {
        consents: list.map((c) => ({
          consentId: c.terms.consentId,
          recipient: c.terms.recipient,
          recipientName: consents.recipients.get(c.terms.recipient)?.name ?? c.terms.recipientName ?? c.terms.recipient,
          purposes: c.terms.purposes.map((p) => ({ id: p, text: PURPOSES[p as PurposeId]?.[lang] ?? p })),
          categories: c.terms.categories.map((k) => DATA_CATEGORIES[k as DataCategory]?.[lang] ?? k),
          step: c.terms.step,
          // a protected consent says so where its frequency is stated
          stepText: c.terms.protection
            ? protectionWords(c.terms.protection, lang)
            : stepWords(c.terms.step as LadderStep, lang),
          givenAt: new Date(c.terms.givenAt).toISOString(),
          expiresAt: new Date(c.expiresAt).toISOString(),
          status: c.status,
        })),
        screens,
      };
    },
  );

  app.post(
    '/api/usage-points/:prm/consents',
    { schema: { params: prmParams, querystring: langQuery, body: giveBody, response: answer.give } },
    async (req, reply) => {
      const b = req.body;
      const a = await hidden(`usage point ${req.params.prm}`, () =>
        consents.give(actorOf(req), {
          prm: req.params.prm,
          recipient: b.recipient,
          purposes: [b.purpose],
          categories: b.categories ?? [...CATEGORIES],
          step: b.step,
          notice: b.notice,
          channel: 'web',
        }),
      );
      return reply
        .status(201)
        .send(
          receiptAnswer(a, { consentId: a.event.body.type === 'given' ? a.event.body.terms.consentId : undefined }),
        );
    },
  );

  app.post(
    '/api/consents/:id/withdraw',
    {
      schema: {
        params: z.strictObject({ id: z.string() }),
        querystring: noQuery,
        body: emptyBody,
        response: answer.withdraw,
      },
    },
    async (req) => {
      const a = await hidden(`consent ${req.params.id}`, () => consents.withdraw(actorOf(req), req.params.id, 'web'));
      return receiptAnswer(a);
    },
  );

  /** A receipt of the caller's own ledger event (its usage point, since it moved in), as a compact JWS file. */
  app.get(
    '/api/receipts/:eventId',
    { schema: { params: z.strictObject({ eventId: z.string() }), querystring: noQuery, response: answer.receipt } },
    async (req, reply) => {
      const actor = actorOf(req);
      await hub.consent.ledger.catchUp(); // what other hub instances sharing the ledger recorded
      const state = hub.consent.ledger.state;
      const e = (await hub.consent.ledger.repo.events()).find((x) => x.eventId === req.params.eventId);
      const consentId = e && 'consentId' in e.body ? e.body.consentId : undefined;
      const prm = e ? (consentId ? state.consents.get(consentId)?.terms.prm : eventPrm(e.body)) : undefined;
      const subject = consentId
        ? state.consents.get(consentId)?.terms.subject
        : e?.body.type === 'given'
          ? e.body.terms.subject
          : e && 'subject' in e.body
            ? e.body.subject
            : undefined;
      const occ = prm && actor.kind === 'household' ? state.currentOccupancy(prm, actor.id) : undefined;
      if (!e || !occ || subject !== actor.id || e.at < occ.from) throw notFound(`receipt ${req.params.eventId}`);
      try {
        requireOccupant(state, actor, prm!, hub.consent.ledger.clock.now());
      } catch {
        throw notFound(`receipt ${req.params.eventId}`);
      }
      const jws = await hub.consent.ledger.repo.receipt(e.eventId);
      if (!jws) throw new CourantError('HTTP_NOT_FOUND', `receipt ${req.params.eventId}: not found or no access`);
      reply.type('application/jose; charset=utf-8');
      reply.header('content-disposition', `attachment; filename="courant-receipt-${e.seq}-${e.body.type}.jws"`);
      return jws;
    },
  );

  /**
   * The occupant's own receipts on its usage point since it moved in (the same events the download route serves),
   * newest first: each verified here against the hub's public key and bound to its ledger row, its claims in words.
   */
  app.get(
    '/api/usage-points/:prm/receipts',
    { schema: { params: prmParams, querystring: langQuery, response: receiptResponses.list } },
    async (req) => {
      const actor = actorOf(req);
      const lang = langOf(req.query.lang);
      await hub.consent.ledger.catchUp(); // what other hub instances sharing the ledger recorded
      const state = hub.consent.ledger.state;
      const prm = await hidden(`usage point ${req.params.prm}`, () =>
        requireOccupant(state, actor, req.params.prm, hub.consent.ledger.clock.now()),
      );
      const occ = state.currentOccupancy(prm, actor.id)!;
      const mine = (e: ChainedEvent): boolean => {
        const terms =
          'consentId' in e.body
            ? state.consents.get(e.body.consentId)?.terms
            : e.body.type === 'given'
              ? e.body.terms
              : undefined;
        const subject = terms ? terms.subject : 'subject' in e.body ? e.body.subject : undefined;
        return (terms ? terms.prm : eventPrm(e.body)) === prm && subject === actor.id && e.at >= occ.from;
      };
      const repo = hub.consent.ledger.repo;
      const events = (await repo.events()).filter(mine).reverse();
      const jwsOf = await repo.receipts();
      const key = hub.consent.key.publicJwk;
      const receipts = [];
      for (const e of events) {
        const jws = jwsOf.get(e.eventId);
        let payload: ReceiptPayload | Record<string, unknown> | undefined;
        let verified = false;
        if (jws) {
          try {
            const p = await verifyReceipt(jws, key);
            payload = p;
            verified = receiptMatchesEvent(p, e) === undefined;
          } catch {
            payload = unverifiedPayload(jws);
          }
        }
        const consentId =
          'consentId' in e.body ? e.body.consentId : e.body.type === 'given' ? e.body.terms.consentId : '';
        const terms = state.consents.get(consentId)?.terms;
        const claims = readReceipt(payload ?? {}, lang, {
          nameOf: (id) => consents.recipients.get(id)?.name,
          supersededBy: e.body.type === 'superseded' ? e.body.reason : undefined,
        });
        receipts.push({
          eventId: e.eventId,
          seq: e.seq,
          type: e.body.type,
          at: new Date(e.at).toISOString(),
          verified,
          what: claims.what,
          consent: claims.consent && {
            ...claims.consent,
            givenAt: terms ? new Date(terms.givenAt).toISOString() : null,
          },
          url: jws ? `api/receipts/${e.eventId}` : null,
        });
      }
      return {
        receipts,
        publicKey: {
          kty: key.kty ?? '',
          crv: key.crv ?? '',
          x: key.x ?? '',
          kid: key.kid ?? '',
          alg: key.alg ?? 'EdDSA',
          use: key.use ?? 'sig',
        },
      };
    },
  );
}
