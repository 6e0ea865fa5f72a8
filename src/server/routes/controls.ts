/**
 * Household controls (D. 224-27, R3, R11): each one POST, answered with its signed receipt. The table maps the
 * control id of the URL to the service call; stop transmission to a recipient is `POST /api/consents/:id/withdraw`.
 */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { lang, prmParams } from '../schemas.ts';
import { consentResponses as answer } from '../contract/consent.ts';
import { CourantError } from '../../core/errors.ts';
import { requireOccupant } from '../../consent/consent-input.ts';
import { CONTROL_TEXTS, type ControlId } from '../../consent/control-texts.ts';
import type { Actor } from '../../consent/model.ts';
import type { Lang } from '../../consent/notices.ts';
import type { Appended } from '../../use-cases/consent/ledger-service.ts';
import type { Hub } from '../../use-cases/hub.ts';
import { actorOf, hidden, receiptAnswer } from '../auth/household.ts';

type Body = Record<string, unknown>;
type Run = (hub: Hub, actor: Actor, prm: string, b: Body) => Promise<Appended>;

/** Each control's fields go to the core unchanged: it checks their types without coercion and names the field. */
export const CONTROLS: Partial<Record<ControlId, Run>> = {
  'stop-fine-recording': (h, a, p) => h.consent.controls.stopFineRecording(a, p),
  'resume-fine-recording': (h, a, p) => h.consent.controls.resumeFineRecording(a, p),
  'purge-fine-history': (h, a, p) => h.consent.controls.purgeFineHistory(a, p),
  'change-step': (h, a, p, b) => h.consent.controls.changeStep(a, p, b.step),
  'delete-data': (h, a, p, b) => h.consent.controls.deleteDataRequest(a, p, b),
  'extend-fine-retention': (h, a, p, b) => h.consent.controls.extendFineRetention(a, p, b.months),
};

const langQuery = z.strictObject({ lang: lang.optional() });
/** Every control's fields; each control reads its own (the core checks which are needed). */
const controlBody = z
  .strictObject({
    step: z.string().optional(),
    from: z.string().optional(),
    to: z.string().optional(),
    all: z.boolean().optional(),
    months: z.number().int().optional(),
  })
  .nullish();

export async function controlRoutes(root: FastifyInstance, hub: Hub): Promise<void> {
  const app = root.withTypeProvider<ZodTypeProvider>();
  app.get(
    '/api/usage-points/:prm/controls',
    { schema: { params: prmParams, querystring: langQuery, response: answer.controls } },
    async (req) => {
      const actor = actorOf(req);
      const lang: Lang = req.query.lang === 'en' ? 'en' : 'fr';
      const prm = await hidden(`usage point ${req.params.prm}`, () =>
        requireOccupant(hub.consent.ledger.state, actor, req.params.prm, hub.consent.ledger.clock.now()),
      );
      return {
        prm,
        state: hub.consent.ledger.state.controlsOf(prm),
        fineRetentionMonths: hub.consent.retention.fineMonthsOf(prm),
        controls: (Object.keys(CONTROLS) as ControlId[]).map((id) => ({ id, ...CONTROL_TEXTS[id][lang] })),
      };
    },
  );

  app.post(
    '/api/usage-points/:prm/controls/:action',
    {
      schema: {
        params: z.strictObject({ prm: z.string(), action: z.string() }),
        querystring: langQuery,
        body: controlBody,
        response: answer.control,
      },
    },
    async (req) => {
      const run = Object.hasOwn(CONTROLS, req.params.action) ? CONTROLS[req.params.action as ControlId] : undefined;
      if (!run) throw new CourantError('HTTP_NOT_FOUND', `control ${req.params.action}: not found or no access`);
      const lang: Lang = req.query.lang === 'en' ? 'en' : 'fr';
      const a = await hidden(`usage point ${req.params.prm}`, () =>
        run(hub, actorOf(req), req.params.prm, req.body ?? {}),
      );
      const action = a.event.body.type === 'control' ? a.event.body.action : undefined;
      return receiptAnswer(a, {
        control: req.params.action,
        done: CONTROL_TEXTS[req.params.action as ControlId][lang].done,
        action,
        state: hub.consent.ledger.state.controlsOf(req.params.prm),
      });
    },
  );
}
