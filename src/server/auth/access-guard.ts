/**
 * @module server/auth/access-guard
 * The one check every data route makes before reading a usage point: the policy engine decides for the caller
 * (the household itself: basis `self`; anyone else per consent or legal request, and logged in the access log the
 * household sees). Refused, absent and someone else's usage points all get the same 404 "not found or no access".
 */
import type { FastifyRequest } from 'fastify';
import { parsePrm, type Prm } from '../../core/prm.ts';
import { parseInstant, type TimeRange } from '../../core/range.ts';
import { isPurpose, LEGAL_PURPOSE, type AccessPurpose, type Actor } from '../../consent/model.ts';
import type { AccessRequest } from '../../consent/policy.ts';
import { categoryOf } from '../../services/consent/access-service.ts';
import type { Hub } from '../../services/hub.ts';
import type { SeriesInfo } from '../../store/reading-store.ts';
import { notFound } from '../errors.ts';
import { authOf, LOCAL_INSTALLER } from './auth-plugin.ts';
import { attachUsagePoints } from './setup.ts';

const tryInstant = (v: unknown): number | undefined => {
  if (v === undefined || v === '') return undefined;
  try {
    return parseInstant(v, 'range');
  } catch {
    return undefined; // the route's own validation reports the bad value
  }
};

function purposeOf(actor: Actor, q: unknown): AccessPurpose {
  if (actor.kind === 'household') return 'self';
  if (actor.kind === 'authority') return LEGAL_PURPOSE;
  const p = (q as { purpose?: unknown } | undefined)?.purpose;
  return isPurpose(p) ? p : 'service-provision';
}

/** Usage points the caller may list: a household its own, the local installer the unoccupied ones, others none. */
export async function visiblePrms(hub: Hub, req: FastifyRequest): Promise<Set<string>> {
  const { actor } = authOf(req);
  const now = hub.consent.ledger.clock.now();
  if (actor.kind === 'household') {
    // Single-household installation: whatever the hub holds with no occupant was collected for its owner (imported
    // or read from the meter after set-up), so it is attached to the owner, from its first value (see setup.ts).
    const owner = await hub.consent.accounts.owner();
    if (owner?.id === actor.id && (await hub.consent.accounts.households()) === 1) await attachUsagePoints(hub, actor);
    return new Set(hub.consent.ledger.state.prmsOf(actor.id));
  }
  if (actor === LOCAL_INSTALLER) return new Set((await hub.store.usagePoints()).filter((p) => !hub.consent.ledger.state.occupantAt(p, now)));
  return new Set();
}

/**
 * Check that the caller may read `series` (default: every series held) of the usage point over the requested range
 * (`from`/`to` in the query, default: all held). Throws HTTP_NOT_FOUND otherwise. Returns the parsed PRM.
 */
export async function guardRead(hub: Hub, req: FastifyRequest, prmRaw: unknown, opts: { series?: (s: SeriesInfo) => boolean } = {}): Promise<{ prm: Prm; held: SeriesInfo[] }> {
  const prm = parsePrm(prmRaw, 'usage point');
  const { actor } = authOf(req);
  const now = hub.consent.ledger.clock.now();
  const held = (await hub.store.list(prm)).filter(opts.series ?? (() => true));
  if (actor === LOCAL_INSTALLER) {
    // Before any account exists the installer (CLI on the hub's machine) reads unoccupied data, nothing else.
    return hub.consent.refusals.guard(actor, 'data.read', now, async () => {
      if (hub.consent.ledger.state.occupantAt(prm, now)) throw notFound(`usage point ${prm}`);
      return { prm, held };
    });
  }
  const q = req.query as { from?: unknown; to?: unknown } | undefined;
  const from = tryInstant(q?.from) ?? (held.length ? Math.min(...held.map((s) => s.first)) : now - 1);
  const to = tryInstant(q?.to) ?? (held.length ? Math.max(...held.map((s) => s.last)) + 1 : now);
  const range: TimeRange = { from, to: Math.max(to, from + 1) };
  const purpose = purposeOf(actor, req.query);
  const batch: AccessRequest[] = (held.length ? held : [undefined]).map((s) => ({
    actor,
    prm,
    step: s?.step ?? 'P1D',
    purpose,
    category: s ? categoryOf(s.quantity, s.direction) : 'consumption',
    range,
    at: now,
  }));
  // A refusal is logged (refusal log and hub log; non-household attempts also in the household's access log).
  return hub.consent.refusals.guard(actor, 'data.read', now, async () => {
    const decisions = await hub.consent.access.authorize(batch);
    if (decisions.some((d) => !d.allowed)) throw notFound(`usage point ${prm}`);
    return { prm, held };
  });
}
