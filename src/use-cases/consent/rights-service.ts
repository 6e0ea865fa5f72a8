/**
 * @module use-cases/consent/rights-service
 * Data-subject rights: access and portability export (GDPR art. 15, 20; D. 224-26 7° "standard ouvert") as a ZIP of
 * JSON and CSV, erasure on request (art. 17) and on move-out (R19). Erasure removes readings and the usage-point
 * profile (contract facts, register calendars) and ends consents; the
 * consent ledger keeps its events because they are the proof the controller must be able to show (art. 7(1),
 * 17(3)(b)/(e)); what was erased is recorded in a deletion record, without the data.
 */
import { strToU8, zipSync } from 'fflate';
import type { JWK } from 'jose';
import { CourantError } from '../../core/errors.ts';
import { isPrm, type Prm } from '../../core/prm.ts';
import { seriesId } from '../../core/series.ts';
import { eventPrm, type ChainedEvent } from '../../consent/events.ts';
import { requireOccupant } from '../../consent/consent-input.ts';
import type { Actor } from '../../consent/model.ts';
import type { ReadingStore } from '../../ports/reading-store.ts';
import type { UsagePointRepository } from '../../ports/usage-point-repository.ts';
import type { AccessService } from './access-service.ts';
import type { Appended, LedgerService } from './ledger-service.ts';
import type { LegalService } from './legal-service.ts';
import type { RefusalLog } from './refusals.ts';

const csvCell = (v: unknown) => {
  const s = v === null || v === undefined ? '' : String(v);
  return /[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
};
export function toCsv(header: readonly string[], rows: readonly (readonly unknown[])[]): string {
  return [header.join(','), ...rows.map((r) => r.map(csvCell).join(','))].join('\n') + '\n';
}

export class RightsService {
  constructor(
    private readonly ledger: LedgerService,
    private readonly readings: ReadingStore,
    private readonly access: AccessService,
    private readonly legal: LegalService,
    private readonly refusals: RefusalLog,
    private readonly publicJwk: JWK,
    /** Contract facts and register calendars learnt by imports: personal data, exported and erased with the readings.
     */
    private readonly profiles: UsagePointRepository,
  ) {}

  /** Everything held about the household on this usage point, since it moved in, as a ZIP (bytes). */
  exportAll(actor: Actor, prm: string): Promise<Uint8Array> {
    const now = this.ledger.clock.now();
    return this.refusals.guard(actor, 'rights.export', now, async () => {
      await this.ledger.catchUp();
      const p = requireOccupant(this.ledger.state, actor, prm, now);
      const occ = this.ledger.state.currentOccupancy(p, actor.id)!;
      const files: Record<string, Uint8Array> = {};
      const index: unknown[] = [];
      for (const s of await this.readings.list(p)) {
        if (s.last < occ.from) continue;
        const cols = await this.readings.read({
          prm: p,
          quantity: s.quantity,
          direction: s.direction,
          register: s.register,
          step: s.step,
          source: s.source,
          range: { from: occ.from, to: now + 1 },
        });
        const rows: unknown[][] = [];
        for (let i = 0; i < cols.ts.length; i++)
          rows.push([new Date(cols.ts[i]!).toISOString(), cols.values[i], cols.quality[i]]);
        const name = `readings/${seriesId(s)}.csv`;
        files[name] = strToU8(toCsv(['interval_start_utc', `value_${s.unit}`, 'quality'], rows));
        index.push({ file: name, series: seriesId(s), unit: s.unit, step: s.step, points: rows.length });
      }
      const state = this.ledger.state;
      const mine = (e: ChainedEvent): boolean => {
        const c = 'consentId' in e.body ? state.consents.get(e.body.consentId) : undefined;
        if (c) return c.terms.subject === actor.id && c.terms.prm === p;
        return eventPrm(e.body) === p && e.at >= occ.from;
      };
      const events = (await this.ledger.repo.events()).filter(mine);
      const receipts = await this.ledger.repo.receipts();
      const consents = [...this.ledger.state.consents.values()].filter(
        (c) => c.terms.prm === p && c.terms.subject === actor.id,
      );
      const log = await this.access.logFor(actor, p);
      files['consents.json'] = strToU8(
        JSON.stringify(
          consents.map((c) => ({
            ...c.terms,
            status: this.ledger.state.statusAt(c.terms.consentId, now),
            expiresAt: c.expiresAt,
            endedAt: c.endedAt,
          })),
          null,
          2,
        ),
      );
      files['ledger-events.json'] = strToU8(JSON.stringify(events, null, 2));
      files['receipts.json'] = strToU8(
        JSON.stringify(
          events.map((e) => ({ eventId: e.eventId, seq: e.seq, jws: receipts.get(e.eventId) ?? null })),
          null,
          2,
        ),
      );
      files['hub-public-key.jwk'] = strToU8(JSON.stringify(this.publicJwk, null, 2));
      files['access-log.json'] = strToU8(JSON.stringify(log, null, 2));
      files['access-log.csv'] = strToU8(
        toCsv(
          [
            'at_utc',
            'actor_kind',
            'actor_id',
            'range_from',
            'range_to',
            'step',
            'purpose',
            'category',
            'allowed',
            'basis',
          ],
          log.map((a) => [
            new Date(a.at).toISOString(),
            a.actorKind,
            a.actorId,
            new Date(a.rangeFrom).toISOString(),
            new Date(a.rangeTo).toISOString(),
            a.step,
            a.purpose,
            a.category,
            a.allowed,
            a.basis,
          ]),
        ),
      );
      files['legal-requests.json'] = strToU8(JSON.stringify(await this.legal.forHousehold(actor, p), null, 2));
      files['deletions.json'] = strToU8(
        JSON.stringify(
          (await this.ledger.repo.deletions(p)).filter((d) => d.at >= occ.from),
          null,
          2,
        ),
      );
      files['controls.json'] = strToU8(JSON.stringify(this.ledger.state.controlsOf(p), null, 2));
      files['usage-point-profile.json'] = strToU8(JSON.stringify(await this.profiles.profile(p), null, 2));
      files['README.txt'] = strToU8(
        [
          `Export courant — point de livraison ${p} — ${new Date(now).toISOString()}`,
          'readings/*.csv : relevés (début d’intervalle en UTC) ; consents.json : vos accords ; receipts.json : reçus signés (JWS EdDSA),',
          'vérifiables hors ligne avec hub-public-key.jwk ; access-log.* : qui a lu vos données ; legal-requests.json : réquisitions ;',
          'deletions.json : suppressions effectuées (sans les données) ; usage-point-profile.json : contrat (puissance souscrite,',
          'option, heures creuses) et calendriers des registres appris des imports, avec leur origine.',
          `Export from courant — usage point ${p}. readings/*.csv are interval-start UTC; receipts verify offline with hub-public-key.jwk.`,
          '',
        ].join('\n'),
      );
      files['readings/index.json'] = strToU8(JSON.stringify(index, null, 2));
      return zipSync(files, { level: 6, mtime: new Date(now) });
    });
  }

  /** Erase the usage point's readings on the household's request: consents end, only a deletion record remains. */
  erase(actor: Actor, prm: string): Promise<Appended> {
    const now = this.ledger.clock.now();
    return this.refusals.guard(actor, 'rights.erase', now, async () => {
      await this.ledger.catchUp();
      this.ledger.requireWritable(); // an erasure must leave its ledger event: refuse before deleting anything
      const p = requireOccupant(this.ledger.state, actor, prm, now);
      await this.endConsents(actor, p, 'erasure');
      const deleted = await this.readings.delete({ prm: p });
      await this.profiles.delete(p);
      await this.ledger.repo.addDeletion({
        recordId: globalThis.crypto.randomUUID(),
        at: now,
        prm: p,
        reason: 'erasure',
        what: 'all',
        rangeFrom: null,
        rangeTo: null,
        deleted,
        actorId: actor.id,
      });
      return this.ledger.append(actor, () => ({
        type: 'erased',
        prm: p,
        subject: actor.id,
        reason: 'request',
        deleted,
      }));
    });
  }

  /**
   * Move-out (R19): every consent of the leaving household ends (superseded), all its readings are purged, the
   * occupancy closes. Triggered by the household or by the operator when Enedis signals a contract change.
   * `until` (operator's record of a move-out on an earlier day): the occupancy ends then, and the purge stops there
   * (what was measured after the household left was not its own). `deleted` counts the purged values.
   */
  moveOut(actor: Actor, prm: string, opts: { until?: number } = {}): Promise<Appended & { deleted: number }> {
    const now = this.ledger.clock.now();
    return this.refusals.guard(actor, 'rights.move-out', now, async () => {
      await this.ledger.catchUp();
      this.ledger.requireWritable();
      if (!isPrm(prm))
        throw new CourantError('INPUT_INVALID_PRM', `prm: ${JSON.stringify(prm)} is not a 14-digit usage point`);
      const occ = this.ledger.state.occupantAt(prm, now);
      if (!occ || (actor.kind !== 'operator' && !(actor.kind === 'household' && actor.id === occ.subject))) {
        throw new CourantError(
          'CONSENT_NOT_SUBJECT',
          `only the household occupying usage point ${prm} or the operator may record a move-out`,
        );
      }
      const until = opts.until !== undefined && opts.until < now ? opts.until : undefined;
      if (until !== undefined && until < occ.from) {
        throw new CourantError(
          'INPUT_INVALID',
          `occupancy.at: ${new Date(until).toISOString()} is before the household moved in (${new Date(occ.from).toISOString()})`,
          { details: { where: 'occupancy.at' } },
        );
      }
      const end = until ?? now + 1;
      const subjectActor: Actor = { kind: 'household', id: occ.subject };
      await this.endConsents(actor, prm as Prm, 'move-out', subjectActor);
      const deleted = await this.readings.delete({ prm: prm as Prm, range: { from: 0, to: end } });
      await this.profiles.delete(prm as Prm); // the contract and calendars were the leaving household's
      await this.ledger.repo.addDeletion({
        recordId: globalThis.crypto.randomUUID(),
        at: now,
        prm,
        reason: 'move-out',
        what: 'all',
        rangeFrom: null,
        rangeTo: end,
        deleted,
        actorId: actor.id,
      });
      await this.ledger.append(actor, () => ({
        type: 'erased',
        prm: prm as Prm,
        subject: occ.subject,
        reason: 'move-out',
        deleted,
      }));
      const out = await this.ledger.append(actor, () => ({
        type: 'moved-out',
        prm: prm as Prm,
        subject: occ.subject,
        ...(until !== undefined ? { until } : {}),
      }));
      return { ...out, deleted };
    });
  }

  private async endConsents(
    actor: Actor,
    prm: Prm,
    reason: 'erasure' | 'move-out',
    subject: Actor = actor,
  ): Promise<void> {
    const now = this.ledger.clock.now();
    const ids = [...this.ledger.state.consents.values()]
      .filter(
        (c) =>
          c.terms.prm === prm &&
          c.terms.subject === subject.id &&
          this.ledger.state.statusAt(c.terms.consentId, now) === 'active',
      )
      .map((c) => c.terms.consentId);
    for (const consentId of ids)
      await this.ledger.appendWhileActive(actor, consentId, () => ({ type: 'superseded', consentId, reason }));
  }
}
