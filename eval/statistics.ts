/**
 * @module eval/statistics
 * The utility report of published statistics (`npm run eval -- statistics`, docs/statistics-utility.md): synthetic
 * populations built from the evaluation households' real half-hour days (src/statistics/synthetic.ts), loaded into a
 * real DuckDB file through the ReadingStore port, each household moved in and consenting to the publisher through the
 * real consent services, then released by the real ReleaseService (discrete Gaussian noise from the cryptographic
 * source, noisy floor). Each published cell is compared with its true value, computed here from the same readings
 * with the same rounding and clipping; the error is reported against the number of homes in the cell.
 *
 * The noise is random (a release never takes a seed), so the figures move a little from run to run; the populations
 * and the truth are deterministic.
 */
import { existsSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { loadFolder } from '../src/adapters/datasets/index.ts';
import { parisOffsetMs, parisWallToUtc } from '../src/core/calendar.ts';
import type { ReadingBatch } from '../src/core/series.ts';
import { configSchema } from '../src/config/schema.ts';
import type { Grid } from '../src/reveal/grid.ts';
import { bucketLabel, type StatsBucket } from '../src/statistics/buckets.ts';
import {
  householdBatch,
  syntheticPopulation,
  type SourceDay,
  type SyntheticHousehold,
} from '../src/statistics/synthetic.ts';
import { giveVia, openTestHub, OPERATOR, removeDir, type TestHub } from '../src/use-cases/consent/test-support.ts';
import {
  defaultClip,
  discreteGaussianSampler,
  ReleaseService,
  type NoiseSampler,
  type StatsSettings,
} from '../src/use-cases/statistics/release-service.ts';

const DAY = 86_400_000;
const HALF_HOUR = 1_800_000;
/** The month every population is loaded on (31 Paris days, no clock change). */
export const FROM = parisWallToUtc(2024, 1, 1);
export const TO = parisWallToUtc(2024, 2, 1);
export const DAYS = 31;
export const PUBLISHER = 'stats-coop';
/** The one area of the `group` kind every household of a population belongs to: the cell of all its homes. */
const ALL = 'all';
const POINTS_PER_WRITE = 1_000_000;

/** A statistic measured: the release's bucket and its public clip (Wh per home and bucket). */
export interface MeasuredStatistic {
  readonly name: string;
  readonly label: string;
  readonly bucket: StatsBucket;
  readonly clipWh: number;
}

/**
 * Daily and monthly totals at the clip a release gets when the operator names none; the hour-of-day profile at a
 * clip for a month of one hour (the default, 5 kWh, is one hour's worth summed over a month: it would clip nearly
 * every home).
 */
export const STATISTICS: readonly MeasuredStatistic[] = [
  { name: 'day', label: 'daily totals (31 cells per area)', bucket: 'day', clipWh: defaultClip('day') },
  { name: 'month', label: 'monthly total (1 cell per area)', bucket: 'month', clipWh: defaultClip('month') },
  { name: 'hour-of-day', label: 'hour-of-day profile (24 cells per area)', bucket: 'hour-of-day', clipWh: 100_000 },
];

/** One cell of one release: its true homes and whether and how far off it was published. */
export interface CellOutcome {
  readonly statistic: string;
  readonly population: number;
  readonly areaKind: 'commune' | 'group';
  readonly epsilon: number;
  readonly rep: number;
  readonly homes: number;
  /** |published sum − true clipped sum| / true clipped sum; null when the cell was suppressed. */
  readonly relError: number | null;
}

export interface PopulationRun {
  readonly households: number;
  readonly points: number;
  readonly loadSeconds: number;
  readonly consentSeconds: number;
  readonly releases: number;
  readonly releaseSeconds: number;
  /** Per statistic: the share of the population's energy the clip removes (1 − clipped / unclipped). */
  readonly clippedShare: Readonly<Record<string, number>>;
}

export interface UtilityResult {
  readonly generatedAt: string;
  readonly machine: { readonly cpus: number; readonly loadBefore: number; readonly loadAfter: number };
  readonly pool: { readonly days: number; readonly sources: readonly string[]; readonly fallback: boolean };
  readonly epsilons: readonly number[];
  readonly reps: number;
  readonly statistics: readonly MeasuredStatistic[];
  readonly populations: readonly PopulationRun[];
  readonly cells: readonly CellOutcome[];
  /** The "done" scenario on the largest population, when it was run. */
  readonly done?: {
    readonly households: number;
    readonly releaseId: string;
    readonly epsilon: number;
    readonly cellsPublished: number;
    readonly cellsSuppressed: number;
    readonly refusedEpsilon: number;
    readonly refusal: string;
  };
}

// ---------------------------------------------------------------------------------------------------------------
// The pool of real days

/**
 * Complete local days of 48 half-hour energies (Wh) from a wall-clock grid of mean power: a half-hour is the mean of
 * its known slots times half an hour, and needs at least two thirds of them known; a day needs all 48.
 */
export function gridHalfHourDays(g: Grid): SourceDay[] {
  if (g.stepMs > HALF_HOUR || HALF_HOUR % g.stepMs !== 0) return [];
  const per = HALF_HOUR / g.stepMs;
  const firstDay = Math.ceil(g.start / DAY) * DAY;
  const days: SourceDay[] = [];
  for (let d = firstDay; d + DAY <= g.start + g.values.length * g.stepMs; d += DAY) {
    const day: number[] = [];
    for (let h = 0; h < 48; h++) {
      const k0 = (d - g.start) / g.stepMs + h * per;
      let sum = 0;
      let n = 0;
      for (let k = k0; k < k0 + per; k++) {
        const v = g.values[k]!;
        if (Number.isFinite(v) && v >= 0) {
          sum += v;
          n++;
        }
      }
      if (n * 3 < per * 2) break;
      day.push(Math.round((sum / n / 2) * 1000) / 1000);
    }
    if (day.length === 48) days.push(day);
  }
  return days;
}

/** The real days of every household of the folders (UCI, ECO, REFIT/UK-DALE), in folder order. */
export function loadPool(dirs: readonly string[]): { days: SourceDay[]; sources: string[] } {
  const days: SourceDay[] = [];
  const sources: string[] = [];
  for (const dir of dirs.filter((d) => existsSync(d))) {
    for (const h of loadFolder(dir).households) {
      const d = gridHalfHourDays(h.load);
      if (d.length === 0) continue;
      days.push(...d);
      sources.push(`${h.id} (${d.length} days)`);
    }
  }
  return { days, sources };
}

// ---------------------------------------------------------------------------------------------------------------
// The truth, from the same readings

type Truth = Map<string, Map<string, { clipped: number; raw: number; homes: number }>>;

/** Adds a home's true sums per area and bucket as the store computes them: whole Wh per home and bucket, clipped. */
function addTruth(truth: Truth, area: string, batch: ReadingBatch, s: MeasuredStatistic): void {
  const perBucket = new Map<string, number>();
  for (let i = 0; i < batch.ts.length; i++) {
    const t = batch.ts[i]!;
    let key: string;
    if (s.bucket === 'hour-of-day')
      key = bucketLabel('hour-of-day', Math.floor(((t + parisOffsetMs(t)) % DAY) / 3_600_000));
    else if (s.bucket === 'month') key = bucketLabel('month', FROM);
    else key = bucketLabel('day', t - ((((t + parisOffsetMs(t)) % DAY) + DAY) % DAY));
    perBucket.set(key, (perBucket.get(key) ?? 0) + batch.values[i]!);
  }
  let cells = truth.get(area);
  if (!cells) truth.set(area, (cells = new Map()));
  for (const [key, e] of perBucket) {
    const wh = Math.max(0, Math.round(e));
    const c = cells.get(key) ?? { clipped: 0, raw: 0, homes: 0 };
    cells.set(key, { clipped: c.clipped + Math.min(wh, s.clipWh), raw: c.raw + wh, homes: c.homes + 1 });
  }
}

// ---------------------------------------------------------------------------------------------------------------
// A population on the hub

interface LoadedPopulation {
  readonly hub: TestHub;
  readonly households: readonly SyntheticHousehold[];
  readonly points: number;
  readonly loadSeconds: number;
  readonly consentSeconds: number;
}

async function loadPopulation(n: number, pool: readonly SourceDay[], seed: number): Promise<LoadedPopulation> {
  const hub = await openTestHub({ start: FROM - DAY });
  const { households } = syntheticPopulation(n, pool.length, seed);
  const profiles = await hub.storage.repositories.profiles();
  for (const h of households) await hub.consents.startOccupancy(OPERATOR, { prm: h.prm, subject: `home-${h.prm}` });
  // one month of half-hour readings for every household, through the ReadingStore port
  const perWrite = Math.max(1, Math.floor(POINTS_PER_WRITE / (48 * DAYS)));
  let points = 0;
  const t0 = performance.now();
  for (let i = 0; i < households.length; i += perWrite) {
    const group = households.slice(i, i + perWrite).map((h) => householdBatch(h, pool, FROM, DAYS));
    points += group.reduce((k, b) => k + b.ts.length, 0);
    await hub.storage.store.write(group);
  }
  const loadSeconds = (performance.now() - t0) / 1000;
  const t1 = performance.now();
  for (const h of households) {
    await profiles.setArea(h.prm, 'commune', h.area, FROM - DAY);
    await profiles.setArea(h.prm, 'group', ALL, FROM - DAY);
  }
  // every household consents to the publisher at one hour (which allows the profile, the days and the month)
  hub.clock.t = TO + DAY;
  for (const h of households)
    await giveVia(
      hub,
      { kind: 'household', id: `home-${h.prm}` },
      { prm: h.prm, recipient: PUBLISHER, purpose: 'anonymised-statistics', step: 'PT1H' },
    );
  return { hub, households, points, loadSeconds, consentSeconds: (performance.now() - t1) / 1000 };
}

/** The published cells of a release: area and bucket label → noisy sum. */
async function publishedSums(service: ReleaseService, releaseId: string): Promise<Map<string, number>> {
  const csv = Buffer.from((await service.file(releaseId, 'csv'))!)
    .toString('utf8')
    .trim()
    .split('\n');
  const head = csv[0]!.split(',');
  const [ia, ib, is] = ['area', 'bucket', 'sum_wh'].map((c) => head.indexOf(c)) as [number, number, number];
  return new Map(
    csv.slice(1).map((line) => {
      const x = line.split(',');
      return [`${x[ia]}\u0000${x[ib]}`, Number(x[is])] as const;
    }),
  );
}

function outcomes(
  truth: Truth,
  published: Map<string, number>,
  base: Omit<CellOutcome, 'homes' | 'relError'>,
): CellOutcome[] {
  const out: CellOutcome[] = [];
  for (const [area, cells] of truth)
    for (const [bucket, c] of cells) {
      const p = published.get(`${area}\u0000${bucket}`);
      out.push({
        ...base,
        homes: c.homes,
        relError: p === undefined ? null : c.clipped > 0 ? Math.abs(p - c.clipped) / c.clipped : Math.abs(p),
      });
    }
  return out;
}

export interface UtilityOptions {
  readonly sizes: readonly number[];
  readonly epsilons: readonly number[];
  readonly reps: number;
  readonly statistics?: readonly MeasuredStatistic[];
  /** Data-set folders for the pool of real days. */
  readonly datasets: readonly string[];
  /** Run the done scenario (ε = 1 at the default budgets, then a release over the budget) on the largest population. */
  readonly done?: boolean;
  readonly seed?: number;
  readonly onProgress?: (line: string) => void;
  /** Where the pool comes from when the data sets give no day (the fixture), named in the report. */
  readonly fallbackPool?: () => SourceDay[];
  /** The releases' noise (tests only: a sampler that draws 0 gives the floor-only answer through the same path). */
  readonly sampler?: () => NoiseSampler;
}

const OPERATOR_ACTOR = { kind: 'operator', id: 'op' } as const;

export async function measureUtility(o: UtilityOptions): Promise<UtilityResult> {
  const log = o.onProgress ?? (() => undefined);
  const statistics = o.statistics ?? STATISTICS;
  const loadBefore = loadavg()[0]!;
  let { days, sources } = loadPool(o.datasets);
  let fallback = false;
  if (days.length === 0 && o.fallbackPool) {
    days = o.fallbackPool();
    sources = [`fixture (${days.length} days)`];
    fallback = true;
  }
  if (days.length === 0) throw new Error('no complete day in the data sets: nothing to build a population from');
  log(`pool: ${days.length} real days from ${sources.join(', ')}`);
  const defaults = configSchema.parse({}).stats;
  const cells: CellOutcome[] = [];
  const populations: PopulationRun[] = [];
  let done: UtilityResult['done'];
  const largest = Math.max(...o.sizes);
  for (const n of o.sizes) {
    const pop = await loadPopulation(n, days, o.seed ?? 1);
    log(
      `${n} households: ${pop.points} points loaded in ${pop.loadSeconds.toFixed(1)} s, areas and consents in ${pop.consentSeconds.toFixed(1)} s`,
    );
    try {
      const { hub } = pop;
      const profiles = await hub.storage.repositories.profiles();
      const ledger = await hub.storage.repositories.releases();
      const serviceWith = (settings: StatsSettings) =>
        new ReleaseService({
          ledger,
          consent: hub,
          store: hub.storage.store,
          areas: profiles,
          sampler: o.sampler?.() ?? discreteGaussianSampler(),
          settings: () => settings,
          now: () => hub.clock.now(),
        });
      // the truth per statistic and area kind
      const truths = new Map<string, Truth>();
      const clippedShare: Record<string, number> = {};
      for (const s of statistics) {
        const commune: Truth = new Map();
        const all: Truth = new Map();
        for (const h of pop.households) {
          const batch = householdBatch(h, days, FROM, DAYS);
          addTruth(commune, h.area, batch, s);
          addTruth(all, ALL, batch, s);
        }
        truths.set(`${s.name}|commune`, commune);
        truths.set(`${s.name}|group`, all);
        const c = [...all.get(ALL)!.values()];
        clippedShare[s.name] = 1 - c.reduce((a, x) => a + x.clipped, 0) / c.reduce((a, x) => a + x.raw, 0);
      }
      let releases = 0;
      const t0 = performance.now();
      const run = async (
        service: ReleaseService,
        s: MeasuredStatistic,
        areaKind: 'commune' | 'group',
        epsilon: number,
        rep: number,
      ) => {
        const r = await service.release(OPERATOR_ACTOR, {
          publisher: PUBLISHER,
          areaKind,
          bucket: s.bucket,
          from: FROM,
          to: TO,
          epsilon,
          statistics: ['count', 'sum', 'mean'],
          clipWh: s.clipWh,
        });
        releases++;
        const published = await publishedSums(service, r.body.releaseId);
        cells.push(
          ...outcomes(truths.get(`${s.name}|${areaKind}`)!, published, {
            statistic: s.name,
            population: n,
            areaKind,
            epsilon,
            rep,
          }),
        );
        return r;
      };
      const firstRep = new Set<string>();
      if (o.done && n === largest) {
        // the done scenario, at the hub's default budgets: ε = 1 on daily totals by commune, then a release the
        // data set's budget cannot take
        const service = serviceWith(defaults);
        const s = statistics.find((x) => x.name === 'day') ?? statistics[0]!;
        const r = await run(service, s, 'commune', 1, 0);
        firstRep.add(`${s.name}|commune|1`);
        const refusedEpsilon = 2;
        let refusal = '(not refused)';
        try {
          await service.release(OPERATOR_ACTOR, {
            publisher: PUBLISHER,
            areaKind: 'commune',
            bucket: 'month',
            from: FROM,
            to: TO,
            epsilon: refusedEpsilon,
            clipWh: defaultClip('month'),
          });
        } catch (e) {
          const err = e as Error & { code?: string };
          refusal = `${err.code ?? 'error'}: ${err.message}`;
        }
        done = {
          households: n,
          releaseId: r.body.releaseId,
          epsilon: 1,
          cellsPublished: r.body.result.cellsPublished,
          cellsSuppressed: r.body.result.cellsSuppressed,
          refusedEpsilon,
          refusal,
        };
        log(`done scenario: ${r.body.releaseId} published; over budget: ${refusal}`);
      }
      // the measurement: budgets set out of reach, so that every release is a lone release at its ε (the noise of a
      // release depends on its ε only, never on what was spent before)
      const measuring = serviceWith({ ...defaults, datasetBudgetRho: 1e9, householdBudgetRho: 1e9 });
      for (const s of statistics)
        for (const areaKind of ['commune', 'group'] as const)
          for (const epsilon of o.epsilons)
            for (let rep = firstRep.has(`${s.name}|${areaKind}|${epsilon}`) ? 1 : 0; rep < o.reps; rep++)
              await run(measuring, s, areaKind, epsilon, rep);
      const releaseSeconds = (performance.now() - t0) / 1000;
      log(`${n} households: ${releases} releases in ${releaseSeconds.toFixed(1)} s`);
      populations.push({
        households: n,
        points: pop.points,
        loadSeconds: pop.loadSeconds,
        consentSeconds: pop.consentSeconds,
        releases,
        releaseSeconds,
        clippedShare,
      });
    } finally {
      await pop.hub.close();
      removeDir(pop.hub.dir);
    }
  }
  return {
    generatedAt: new Date().toISOString(),
    machine: { cpus: cpus().length, loadBefore, loadAfter: loadavg()[0]! },
    pool: { days: days.length, sources, fallback },
    epsilons: o.epsilons,
    reps: o.reps,
    statistics,
    populations,
    cells,
    ...(done ? { done } : {}),
  };
}

// ---------------------------------------------------------------------------------------------------------------
// Summaries
