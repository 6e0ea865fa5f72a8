/**
 * @module server/auth/access-guard
 * The one check every data route makes before reading a usage point: the policy engine decides for the caller
 * (the household itself: basis `self`; anyone else per consent or legal request, and logged in the access log the
 * household sees). Refused, absent and someone else's usage points all get the same 404 "not found or no access".
 *
 * The check answers a grant: the usage point, the range and the series it covers. Routes read that grant and nothing
 * else, so no request input can widen what was checked. A household's range is clamped to its occupancy (it may read
 * its own data since it moved in, and sees neither counts nor dates of what came before).
 */
import type { FastifyRequest } from 'fastify';
import { parsePrm, type Prm } from '../../core/prm.ts';
import type { TimeRange } from '../../core/range.ts';
import { isPurpose, LEGAL_PURPOSE, type AccessPurpose, type Actor } from '../../consent/model.ts';
import type { AccessRequest } from '../../consent/policy.ts';
import { categoryOf } from '../../use-cases/consent/access-service.ts';
import type { Hub } from '../../use-cases/hub.ts';
import { endOf, heldWithin } from '../../use-cases/series-window.ts';
import type { SeriesInfo } from '../../ports/reading-store.ts';
import { notFound } from '../errors.ts';
import { authOf, LOCAL_INSTALLER } from './auth-plugin.ts';
import { attachUsagePoints } from './setup.ts';

/** What a caller was allowed to read: only this usage point, over this range, these series (as seen in the range). */
export interface ReadGrant {
  readonly prm: Prm;
  readonly range: TimeRange;
  readonly held: SeriesInfo[];
}

function purposeOf(actor: Actor, q: unknown): AccessPurpose {
  if (actor.kind === 'household') return 'self';
  if (actor.kind === 'authority') return LEGAL_PURPOSE;
  const p = (q as { purpose?: unknown } | undefined)?.purpose;
  return isPurpose(p) ? p : 'service-provision';
}

/** The start of the household's current occupancy of `prm` (what it may read begins there), if it lives there. */
function occupiedSince(hub: Hub, actor: Actor, prm: Prm): number | undefined {
  return actor.kind === 'household' ? hub.consent.ledger.state.currentOccupancy(prm, actor.id)?.from : undefined;
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
  if (actor === LOCAL_INSTALLER)
    return new Set((await hub.store.usagePoints()).filter((p) => !hub.consent.ledger.state.occupantAt(p, now)));
  return new Set();
}

/** The series of `prm` as the caller may see them: a household only what lies within its occupancy. */
export async function visibleSeries(hub: Hub, req: FastifyRequest, prm: Prm): Promise<SeriesInfo[]> {
  const held = await hub.store.list(prm);
  const since = occupiedSince(hub, authOf(req).actor, prm);
  return since === undefined ? held : heldWithin(hub.store, held, { from: since, to: Number.MAX_SAFE_INTEGER });
}

/**
 * Check that the caller may read `series` (default: every series held) of the usage point over `range` (default:
 * all it may see). Throws HTTP_NOT_FOUND otherwise. The usage point comes from the path the route matched; the grant
 * it returns is what the route reads.
 */
export async function guardRead(
  hub: Hub,
  req: FastifyRequest,
  prmRaw: string,
  opts: { series?: (s: SeriesInfo) => boolean; range?: Partial<TimeRange> } = {},
): Promise<ReadGrant> {
  const prm = parsePrm(prmRaw, 'usage point');
  const { actor } = authOf(req);
  const now = hub.consent.ledger.clock.now();
  if (actor === LOCAL_INSTALLER) {
    // Before any account exists the installer (CLI on the hub's machine) reads unoccupied data, nothing else.
    return hub.consent.refusals.guard(actor, 'data.read', now, async () => {
      if (hub.consent.ledger.state.occupantAt(prm, now)) throw notFound(`usage point ${prm}`);
      const held = (await hub.store.list(prm)).filter(opts.series ?? (() => true));
      return { prm, held, range: spanOf(held, opts.range, now) };
    });
  }
  const since = occupiedSince(hub, actor, prm);
  let held = (await hub.store.list(prm)).filter(opts.series ?? (() => true));
  let range = spanOf(held, opts.range, now);
  if (since !== undefined && range.from < since) {
    // clamp to the occupancy rather than refuse: the household reads its own data, from the day it moved in
    range = { from: since, to: Math.max(range.to, since + 1) };
    held = await heldWithin(hub.store, held, range);
    if (!opts.range?.from) range = spanOf(held, { to: opts.range?.to }, now, since);
  }
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
    return { prm, held, range };
  });
}

/** The requested range, its missing ends taken from the series held (or `fallbackFrom`…now when none is). */
function spanOf(held: SeriesInfo[], r: Partial<TimeRange> | undefined, now: number, fallbackFrom = now - 1): TimeRange {
  const from = r?.from ?? (held.length ? Math.min(...held.map((s) => s.first)) : fallbackFrom);
  const to = r?.to ?? (held.length ? Math.max(...held.map(endOf)) : now);
  return { from, to: Math.max(to, from + 1) };
}
