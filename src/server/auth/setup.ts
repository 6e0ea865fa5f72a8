/**
 * @module server/auth/setup
 * First start of a single-household installation: while no account exists, a one-time random set-up token lets
 * whoever holds it (printed by `courant start`, logged by the hub) create the owner household; the usage points
 * already in the store are attached to it, with its occupancy starting at the first value held (those values were
 * collected for this household, so its own history stays visible to it, R19 notwithstanding).
 */
import { CourantError } from '../../core/errors.ts';
import { randomToken, timingSafeEqualStr } from '../../accounts/accounts.ts';
import type { Actor } from '../../consent/model.ts';
import type { Hub } from '../../use-cases/hub.ts';

type SetupHub = Pick<Hub, 'consent' | 'store' | 'log'>;
const tokens = new WeakMap<SetupHub, string>();

/** A fresh one-time set-up token for this hub process (replaces any previous one). */
export function issueSetupToken(hub: Hub): string {
  const t = randomToken();
  tokens.set(hub, t);
  return t;
}

/** True when `token` is this process's set-up token; consumes nothing (setupOwner does). */
export function checkSetupToken(hub: Hub, token: unknown): void {
  const t = tokens.get(hub);
  if (!t || typeof token !== 'string' || !timingSafeEqualStr(token, t)) {
    throw new CourantError(
      'AUTH_SETUP_TOKEN',
      'the set-up link is missing, wrong or already used; restart the hub to get a new one',
    );
  }
}

/** Create the owner household and attach every usage point held with no occupant yet. */
export async function setupOwner(
  hub: SetupHub,
  input: { username: unknown; password: unknown; displayName?: string; email?: unknown },
): Promise<{ actor: Actor; prms: string[] }> {
  const actor = await hub.consent.accounts.setupOwner(input);
  tokens.delete(hub);
  const prms = await attachUsagePoints(hub, actor);
  hub.log.info(`owner account ${String(input.username)} created; usage points ${prms.join(', ') || '(none yet)'}`);
  return { actor, prms };
}

/**
 * Occupancy of `actor` on every held usage point nobody has lived at yet, from its first held value. A usage point
 * some household has moved out of is not attached: what was measured after that household left is nobody's until the
 * operator records who lives there next (`courant household move-in`).
 */
export async function attachUsagePoints(hub: SetupHub, actor: Actor): Promise<string[]> {
  const out: string[] = [];
  const now = hub.consent.ledger.clock.now();
  for (const prm of await hub.store.usagePoints()) {
    if (hub.consent.ledger.state.occupantAt(prm, now) || hub.consent.ledger.state.occupancy.has(prm)) continue;
    const series = await hub.store.list(prm);
    const since = series.length ? Math.min(...series.map((s) => s.first)) : undefined;
    await hub.consent.ledger.append(actor, (state, at) => {
      if (state.occupantAt(prm, at))
        throw new CourantError('CONSENT_NOT_SUBJECT', `usage point ${prm} already has an occupant`);
      return { type: 'occupancy-started', prm, subject: actor.id, since };
    });
    out.push(prm);
  }
  return out;
}
