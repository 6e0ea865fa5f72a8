/**
 * @module use-cases/consent/legal-service
 * Legal requests from authorities: recorded by the operator, decided (accepted or refused) by the operator, and only
 * an accepted request opens a short, scoped window in the policy engine. Households see their non-secret requests;
 * the public transparency report only counts by authority type and outcome.
 */
import { CourantError } from '../../core/errors.ts';
import type { Prm } from '../../core/prm.ts';
import {
  MAX_VALIDITY_MS,
  transparencyReport,
  validateLegalRequest,
  visibleToHousehold,
  type LegalRequest,
  type LegalRequestInput,
} from '../../consent/legal-requests.ts';
import type { Actor } from '../../consent/model.ts';
import type { LedgerService } from './ledger-service.ts';
import type { RefusalLog } from './refusals.ts';

export class LegalService {
  private constructor(
    private readonly ledger: LedgerService,
    private readonly refusals: RefusalLog,
  ) {}

  /** Load recorded requests and open the windows of accepted ones in the policy state. */
  static async open(ledger: LedgerService, refusals: RefusalLog): Promise<LegalService> {
    for (const r of await ledger.repo.legalRequests()) if (r.outcome === 'accepted') LegalService.grant(ledger, r);
    return new LegalService(ledger, refusals);
  }

  /**
   * On a ledger other hub instances share: the windows of the requests accepted on any of them (the requests are
   * stored beside the ledger, not in it), read again before an authority's read is decided. Alone, nothing is read:
   * every decision was made here.
   */
  async refresh(): Promise<void> {
    if (!this.ledger.shared) return;
    const accepted = (await this.ledger.repo.legalRequests()).filter((r) => r.outcome === 'accepted');
    this.ledger.state.legal.clear();
    for (const r of accepted) LegalService.grant(this.ledger, r);
  }

  private static grant(ledger: LedgerService, r: LegalRequest): void {
    ledger.state.addLegalGrant(r.prms, r.authorityId, {
      requestId: r.requestId,
      rangeFrom: r.rangeFrom,
      rangeTo: r.rangeTo,
      validFrom: r.decidedAt!,
      validUntil: r.validUntil!,
    });
  }

  private requireOperator(actor: Actor): void {
    if (actor.kind !== 'operator')
      throw new CourantError('AUTH_FORBIDDEN', 'only the hub operator records and decides legal requests');
  }

  record(actor: Actor, input: LegalRequestInput): Promise<LegalRequest> {
    const now = this.ledger.clock.now();
    return this.refusals.guard(actor, 'legal.record', now, async () => {
      this.requireOperator(actor);
      const r = validateLegalRequest(input, { now, newId: () => globalThis.crypto.randomUUID() });
      await this.ledger.repo.saveLegalRequest(r);
      return r;
    });
  }

  decide(actor: Actor, requestId: string, outcome: 'accepted' | 'refused'): Promise<LegalRequest> {
    const now = this.ledger.clock.now();
    return this.refusals.guard(actor, 'legal.decide', now, async () => {
      this.requireOperator(actor);
      const r = (await this.ledger.repo.legalRequests()).find((x) => x.requestId === requestId);
      if (!r) throw new CourantError('LEGAL_REQUEST_INVALID', `legal request ${requestId} not found`);
      if (r.outcome !== 'pending')
        throw new CourantError('LEGAL_REQUEST_INVALID', `legal request ${requestId} was already ${r.outcome}`);
      const decided: LegalRequest = {
        ...r,
        outcome,
        decidedAt: now,
        decidedBy: actor.id,
        validUntil: outcome === 'accepted' ? now + MAX_VALIDITY_MS : undefined,
      };
      await this.ledger.repo.saveLegalRequest(decided);
      if (outcome === 'accepted') LegalService.grant(this.ledger, decided);
      return decided;
    });
  }

  /** Requests concerning the household's usage points since it moved in, except legally secret ones. */
  async forHousehold(actor: Actor, prm: Prm): Promise<LegalRequest[]> {
    const occ = actor.kind === 'household' ? this.ledger.state.currentOccupancy(prm, actor.id) : undefined;
    if (!occ)
      throw new CourantError(
        'CONSENT_NOT_SUBJECT',
        `only the household occupying usage point ${prm} may see its legal requests`,
      );
    return visibleToHousehold(await this.ledger.repo.legalRequests(), new Set([prm])).filter(
      (r) => r.receivedAt >= occ.from,
    );
  }

  async transparency(): Promise<ReturnType<typeof transparencyReport>> {
    return transparencyReport(await this.ledger.repo.legalRequests());
  }
}
