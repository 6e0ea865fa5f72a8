/**
 * @module statistics/contributors
 * Who contributes to a release (docs/statistics.md, "Who contributes"): the households with a live consent naming the
 * publisher for the purpose `anonymised-statistics`, covering their consumption, at a step that allows the release's
 * bucket, given by the current occupant of the usage point. Data recorded before that household moved in never counts
 * (R19): each contributor carries its occupancy start, and the aggregate reads nothing before it.
 *
 * A pure function over the consent state: the same state, publisher, bucket and instant give the same list.
 */
import type { Prm } from '../core/prm.ts';
import type { LadderStep } from '../consent/model.ts';
import { grantKey, type ConsentState } from '../consent/state.ts';
import { bucketAllowedBy, type StatsBucket } from './buckets.ts';

export const STATISTICS_PURPOSE = 'anonymised-statistics' as const;

export interface Contributor {
  readonly prm: Prm;
  /** The household (data subject) whose consent it is. */
  readonly subject: string;
  readonly consentId: string;
  /** The consent's step (the finest it allows). */
  readonly step: LadderStep;
  /** Start of the household's occupancy (UTC ms): nothing before it may be read for it. */
  readonly from: number;
}

/**
 * The contributors for `publisher` (a registered client id) to a release in `bucket` buckets decided at `at`, one per
 * usage point (its first live consent, in the order given), sorted by usage point.
 */
export function contributors(state: ConsentState, publisher: string, bucket: StatsBucket, at: number): Contributor[] {
  const out: Contributor[] = [];
  for (const prm of [...state.occupancy.keys()].sort()) {
    const grants = state.grants.get(grantKey(prm, publisher, STATISTICS_PURPOSE));
    if (!grants) continue;
    const occ = state.occupantAt(prm, at);
    if (!occ) continue;
    for (const g of grants) {
      if (g.subject !== occ.subject) continue; // given by a household that has since moved out
      if (!(g.from <= at && at < g.end)) continue; // not yet given, withdrawn, superseded or expired
      if (!g.categories.includes('consumption')) continue;
      if (!bucketAllowedBy(bucket, g.step)) continue; // a bucket finer than the household consented to
      out.push({
        prm: prm as Prm,
        subject: g.subject,
        consentId: g.consentId,
        step: g.step,
        from: Math.max(g.occupancyFrom, occ.from),
      });
      break;
    }
  }
  return out;
}
