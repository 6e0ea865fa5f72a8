/**
 * @module use-cases/statistics/test-support
 * A small real population for release tests: households on a real DuckDB file, each moved in and consenting to the
 * publisher `stats-coop` (anonymised statistics, daily data) through the real consent services, with three days of
 * real readings (UCI household, test/fixtures/consent) and an area each; and the release service on it.
 */
import type { Prm } from '../../core/prm.ts';
import { configSchema } from '../../config/schema.ts';
import { DAY, fixtureBatches, giveVia, openTestHub, OPERATOR, T0, type TestHub } from '../consent/test-support.ts';
import { discreteGaussianSampler, ReleaseService, type StatsSettings } from './release-service.ts';
import type { ReleaseLedger } from '../../ports/release-ledger.ts';

export const PUBLISHER = 'stats-coop';

export interface Household {
  readonly prm: Prm;
  readonly subject: string;
  readonly area: string;
}

export interface Population {
  readonly hub: TestHub;
  readonly households: readonly Household[];
  readonly ledger: ReleaseLedger;
  readonly service: ReleaseService;
  /** Build another service on the same hub (e.g. over a ledger that fails). */
  serviceWith(ledger: ReleaseLedger, settings?: Partial<StatsSettings>): ReleaseService;
}

export const prmOf = (i: number) => `9999999990${String(i).padStart(4, '0')}` as Prm;

/** `areas`: households per area code (commune kind). */
export async function openPopulation(
  areas: Readonly<Record<string, number>>,
  settings: Partial<StatsSettings> = {},
  dir?: string,
  /** When the consents are given (the clock then stays there); 10 days after the readings by default. */
  consentAt = T0 + 10 * DAY,
  /** The step every household consents to. */
  step = 'P1D',
): Promise<Population> {
  const hub = await openTestHub({ start: T0 - DAY, ...(dir ? { dir } : {}) });
  const profiles = await hub.storage.repositories.profiles();
  const households: Household[] = [];
  let i = 0;
  for (const [area, n] of Object.entries(areas))
    for (let k = 0; k < n; k++, i++) households.push({ prm: prmOf(i), subject: `home-${i}`, area });
  for (const h of households) {
    await hub.consents.startOccupancy(OPERATOR, { prm: h.prm, subject: h.subject });
    await hub.storage.store.write(fixtureBatches(h.prm));
    await profiles.setArea(h.prm, 'commune', h.area, T0);
  }
  hub.clock.t = consentAt;
  for (const h of households)
    await giveVia(
      hub,
      { kind: 'household', id: h.subject },
      {
        prm: h.prm,
        recipient: PUBLISHER,
        purpose: 'anonymised-statistics',
        step,
      },
    );
  const ledger = await hub.storage.repositories.releases();
  const defaults = configSchema.parse({}).stats;
  const serviceWith = (l: ReleaseLedger, over: Partial<StatsSettings> = {}) =>
    new ReleaseService({
      ledger: l,
      consent: hub,
      store: hub.storage.store,
      areas: profiles,
      sampler: discreteGaussianSampler(),
      settings: () => ({ ...defaults, ...settings, ...over }),
      now: () => hub.clock.now(),
    });
  return { hub, households, ledger, service: serviceWith(ledger), serviceWith };
}
