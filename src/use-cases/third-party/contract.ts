/**
 * @module use-cases/third-party/contract
 * A registered client reads a usage point's contract (subscribed power, network tariff option, off-peak hours) the
 * way it reads it from Enedis. The contract comes with the measures: a client may read it while a consent of the
 * household covers its consumption at any step (decided at the monthly step, derivable from every other), and the read
 * is written to the household's journal like any other. Refusals are the measures' ADAM-DC-0008, whatever the reason.
 */
import type { Prm } from '../../core/prm.ts';
import { sha256Hex } from '../../consent/canonical.ts';
import { decideOne, type AccessRequest } from '../../consent/policy.ts';
import { contractAnswer, type ContractAnswer } from '../../enedis/serve/contract.ts';
import { NO_CONSENT, NO_DATA, type DcRefusal } from '../../enedis/serve/refusals.ts';
import { isEmptyProfile, type UsagePointRepository } from '../../ports/usage-point-repository.ts';
import type { AccessService } from '../consent/access-service.ts';
import type { LedgerService } from '../consent/ledger-service.ts';
import type { ClientCaller } from '../oauth/types.ts';

export interface ContractDeps {
  readonly access: Pick<AccessService, 'authorize' | 'refuse'>;
  readonly ledger: Pick<LedgerService, 'state' | 'clock'>;
  readonly profiles: Pick<UsagePointRepository, 'profile'>;
}

export async function contractForClient(
  deps: ContractDeps,
  caller: ClientCaller,
  prm: Prm,
): Promise<{ ok: true; body: ContractAnswer } | { ok: false; refusal: DcRefusal }> {
  const at = deps.ledger.clock.now();
  if (caller.prms !== null && !caller.prms.has(prm)) {
    await deps.access.refuse(
      {
        actor: caller.actor,
        prm,
        step: 'P1M',
        purpose: caller.purposes[0] ?? 'service-provision',
        category: 'consumption',
        range: { from: at - 1, to: at },
        at,
      },
      'outside-token',
    );
    return { ok: false, refusal: NO_CONSENT };
  }
  const asks: AccessRequest[] = caller.purposes.map((purpose) => ({
    actor: caller.actor,
    prm,
    step: 'P1M',
    purpose,
    category: 'consumption',
    range: { from: at - 1, to: at },
    at,
  }));
  if (asks.length === 0) return { ok: false, refusal: NO_CONSENT };
  // the purpose a consent allows (else the first): decided again, and journalled, by the access service
  const chosen = asks.find((r) => decideOne(deps.ledger.state, r).allowed) ?? asks[0]!;
  const [d] = await deps.access.authorize([chosen]);
  if (!d!.allowed) return { ok: false, refusal: NO_CONSENT };
  const p = await deps.profiles.profile(prm);
  if (isEmptyProfile(p)) return { ok: false, refusal: NO_DATA };
  const c = p.contract;
  const pseudonym = (await sha256Hex(new TextEncoder().encode(`${caller.clientId}|${prm}`))).slice(0, 10);
  const customerId = String(parseInt(pseudonym, 16)).padStart(10, '0').slice(-10);
  return {
    ok: true,
    body: contractAnswer(prm, customerId, {
      subscribedKva: c.subscribedKva?.value,
      tariffOption: c.tariffOption?.value,
      offpeakHours: c.offpeakHours?.value,
      contractStart: c.contractStart?.value,
      segment: c.segment?.value,
    }),
  };
}
