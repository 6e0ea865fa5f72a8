/**
 * Household controls (D. 224-27, R3, R11): each one POST, answered with its signed receipt. The table maps the
 * control id of the URL to the service call; stop transmission to a recipient is `POST /api/consents/:id/withdraw`.
 */
import type { FastifyInstance } from 'fastify';
import { CourantError } from '../../core/errors.ts';
import { parseRange } from '../../core/range.ts';
import { parisWallToUtc } from '../../analytics/calendar.ts';
import { requireOccupant } from '../../consent/consent-input.ts';
import { CONTROL_TEXTS, type ControlId } from '../../consent/control-texts.ts';
import type { Actor } from '../../consent/model.ts';
import type { Lang } from '../../consent/notices.ts';
import type { Appended } from '../../services/consent/ledger-service.ts';
import type { Hub } from '../../services/hub.ts';
import { actorOf, hidden, receiptAnswer } from '../auth/household.ts';

type Body = Record<string, unknown>;

/** A date typed by the household (`YYYY-MM-DD`) is a Paris civil day, as the dashboard shows days; else an instant. */
function dayOrInstant(v: unknown): unknown {
  const m = typeof v === 'string' ? /^(\d{4})-(\d{2})-(\d{2})$/.exec(v.trim()) : null;
  return m ? parisWallToUtc(Number(m[1]), Number(m[2]), Number(m[3])) : v;
}
type Run = (hub: Hub, actor: Actor, prm: string, b: Body) => Promise<Appended>;

export const CONTROLS: Partial<Record<ControlId, Run>> = {
  'stop-fine-recording': (h, a, p) => h.consent.controls.stopFineRecording(a, p),
  'resume-fine-recording': (h, a, p) => h.consent.controls.resumeFineRecording(a, p),
  'purge-fine-history': (h, a, p) => h.consent.controls.purgeFineHistory(a, p),
  'change-step': (h, a, p, b) => h.consent.controls.changeStep(a, p, String(b.step ?? '')),
  'delete-data': (h, a, p, b) => h.consent.controls.deleteData(a, p, b.all === true || (b.from === undefined && b.to === undefined) ? null : parseRange(dayOrInstant(b.from), dayOrInstant(b.to), 'control.range')),
  'extend-fine-retention': (h, a, p, b) => h.consent.controls.extendFineRetention(a, p, Number(b.months)),
};

type P = { Params: { prm: string; action: string }; Querystring: { lang?: string } };

export async function controlRoutes(app: FastifyInstance, hub: Hub): Promise<void> {
  app.get<P>('/api/usage-points/:prm/controls', async (req) => {
    const actor = actorOf(req);
    const lang: Lang = req.query.lang === 'en' ? 'en' : 'fr';
    const prm = await hidden(`usage point ${req.params.prm}`, () => requireOccupant(hub.consent.ledger.state, actor, req.params.prm, hub.consent.ledger.clock.now()));
    return {
      prm,
      state: hub.consent.ledger.state.controlsOf(prm),
      controls: (Object.keys(CONTROLS) as ControlId[]).map((id) => ({ id, ...CONTROL_TEXTS[id][lang] })),
    };
  });

  app.post<P & { Body: Body | undefined }>('/api/usage-points/:prm/controls/:action', async (req) => {
    const run = Object.hasOwn(CONTROLS, req.params.action) ? CONTROLS[req.params.action as ControlId] : undefined;
    if (!run) throw new CourantError('HTTP_NOT_FOUND', `control ${req.params.action}: not found or no access`);
    const lang: Lang = req.query.lang === 'en' ? 'en' : 'fr';
    const a = await hidden(`usage point ${req.params.prm}`, () => run(hub, actorOf(req), req.params.prm, req.body ?? {}));
    const action = a.event.body.type === 'control' ? a.event.body.action : undefined;
    return receiptAnswer(a, { control: req.params.action, done: CONTROL_TEXTS[req.params.action as ControlId][lang].done, action, state: hub.consent.ledger.state.controlsOf(req.params.prm) });
  });
}
