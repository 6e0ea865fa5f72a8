/**
 * @module use-cases/statistics/release-service
 * A statistics release (docs/statistics.md), from the operator's query to the published files:
 *
 * 1. the query is checked (statistics/query.ts), ε is read as ρ = ε²/2 (0 < ε ≤ `stats.maxEpsilon`), the publisher is
 *    a registered client for `anonymised-statistics` whose registration allows the bucket;
 * 2. the data set's budget (publisher × area kind × period) is checked: a release that would exceed it is refused with
 *    STATS_BUDGET_EXCEEDED naming what remains;
 * 3. the contributors are the households with a live consent naming the publisher (statistics/contributors.ts), less
 *    those whose own budget the release would exceed; each gets one journal line through the consent AccessService
 *    (the publisher's read for `anonymised-statistics`, at the bucket's step, over the period);
 * 4. the clipped aggregate per (area, bucket) is computed by the store; discrete Gaussian noise (exact, from the
 *    cryptographic source) is added to every count and sum, ρ split in fixed public shares across the statistics;
 *    a cell whose noisy count is below `stats.floor` is suppressed; means and quantiles are post-processing;
 * 5. the files are staged (CSV, Parquet), then the ledger row (with their SHA-256 and every parameter) and each
 *    household's spend are stored and the files published, all or nothing (ports/release-ledger.ts).
 *
 * Releases are serialised, so two cannot both pass the same budget. The true values and the noise drawn stay in local
 * variables of one call: they are never logged, returned or stored.
 */
import { CourantError } from '../../core/errors.ts';
import { sha256Hex } from '../../consent/canonical.ts';
import type { Actor } from '../../consent/model.ts';
import type { AccessRequest } from '../../consent/policy.ts';
import type {
  ChainedRelease,
  ReleaseChainCheck,
  ReleaseLedger,
  ReleaseTable,
  ReleaseColumn,
} from '../../ports/release-ledger.ts';
import type { ReadingStore } from '../../ports/reading-store.ts';
import {
  checkBucketAllowed,
  histogramEdges,
  parseReleaseQuery,
  type AreaKind,
  type ReleaseQuery,
  type Statistic,
} from '../../statistics/query.ts';
import { bucketLabel, bucketsOf, bucketStep, type StatsBucket } from '../../statistics/buckets.ts';
import { contributors, STATISTICS_PURPOSE, type Contributor } from '../../statistics/contributors.ts';
import type { ConsentHub } from '../consent/index.ts';
import { DiscreteGaussian, fastSigma2 } from '../../privacy/noise.ts';
import { cryptoRandom, type RandomSource } from '../../privacy/random.ts';
import { add, compare, rationalFromNumber, toNumber, type Rational } from '../../privacy/rational.ts';
import {
  checkBudget,
  epsilonFromRho,
  remainingRho,
  rhoFromEpsilon,
  sigma2FromRho,
  splitRho,
} from '../../privacy/zcdp.ts';
import type { UsagePointRepository } from '../../ports/usage-point-repository.ts';

/** The δ the release states its implied (ε, δ) for. */
/** One-sided standard normal quantile for 1e-6: how far above the floor a noisy count must be to publish a cell. */
const FLOOR_MARGIN_SIGMAS = 4.7534;

export const RELEASE_DELTA = 1e-6;
export const RELEASE_METHOD = 'discrete Gaussian, zCDP';
/** Quantiles read from each published cell's noisy histogram. */
export const QUANTILES = [0.25, 0.5, 0.75] as const;
/** Bins of the quantiles' histogram (equal steps up to the clip). */
export const HISTOGRAM_BINS = 20;

/** The noise families a release may draw, and their fixed public weights (normalised over those drawn). */
export type NoiseFamily = 'homes' | 'count' | 'sum' | 'presence' | 'quantiles';
export const SHARE_WEIGHTS: Readonly<Record<NoiseFamily, number>> = {
  homes: 1,
  count: 3,
  sum: 3,
  presence: 1,
  quantiles: 2,
};

export interface StatsSettings {
  readonly floor: number;
  readonly maxEpsilon: number;
  readonly datasetBudgetRho: number;
  readonly householdBudgetRho: number;
}

/** An integer noise draw N_Z(0, σ²) at σ² ≥ `sigma2` (the sampler may round σ² up: more noise, less ρ). */
export type NoiseSampler = (sigma2: Rational) => (() => number) & { readonly sigma2: number };

/**
 * The release sampler: exact discrete Gaussian draws from the cryptographic source (or the given one, in tests). σ² is
 * rounded up by `fastSigma2` (more noise than the ρ accounted, never less).
 */
export function discreteGaussianSampler(source: RandomSource = cryptoRandom()): NoiseSampler {
  return (sigma2) => {
    const s2 = fastSigma2(sigma2);
    const g = new DiscreteGaussian(s2, source);
    return Object.assign(() => g.next(), { sigma2: toNumber(s2) });
  };
}

export interface ReleaseRequest {
  readonly publisher: string;
  readonly areaKind: string;
  readonly bucket: string;
  readonly from: string | number;
  readonly to: string | number;
  readonly epsilon: number;
  readonly statistics?: readonly string[] | string | undefined;
  readonly clipWh?: number | undefined;
  readonly maxBuckets?: number | undefined;
}

/** The public record of a release (the ledger row's body), as stored and listed. */
export interface ReleaseBody {
  readonly releaseId: string;
  readonly publisher: string;
  readonly createdAt: string;
  readonly query: {
    readonly areaKind: AreaKind;
    readonly bucket: StatsBucket;
    readonly from: string;
    readonly to: string;
    readonly statistics: readonly Statistic[];
  };
  readonly parameters: {
    readonly method: string;
    readonly epsilon: number;
    readonly rho: number;
    readonly delta: number;
    /** The (ε, δ)-DP the ρ implies at `delta`: ρ + 2√(ρ·ln(1/δ)). */
    readonly impliedEpsilon: number;
    readonly floor: number;
    /** Noisy count a cell must reach to be published (the floor plus 4.75 σ of the count's noise). */
    readonly threshold?: number;
    readonly clipWh: number;
    readonly maxBuckets: number;
    readonly shares: Readonly<Partial<Record<NoiseFamily, number>>>;
    /** σ² of each noise family as drawn. */
    readonly sigma2: Readonly<Partial<Record<NoiseFamily, number>>>;
    readonly histogramEdgesWh?: readonly number[] | undefined;
  };
  readonly result: {
    readonly cellsPublished: number;
    readonly cellsSuppressed: number;
    /** The number of contributing homes, with noise. */
    readonly noisyHomes: number;
  };
  readonly files: Readonly<Record<'csv' | 'parquet', { readonly sha256: string; readonly bytes: number }>>;
}

export interface Release {
  readonly seq: number;
  readonly hash: string;
  readonly body: ReleaseBody;
}

const isoDay = (ms: number) => new Date(ms).toISOString();

/** A published file that no longer matches its release. */
export interface FileProblem {
  readonly releaseId: string;
  readonly format: 'csv' | 'parquet';
  readonly problem: 'missing' | 'altered';
}

/** What `audit` found: the chain's check, and the files that do not match their record. */
export interface ReleaseAudit {
  readonly chain: ReleaseChainCheck;
  readonly filesChecked: number;
  readonly fileProblems: readonly FileProblem[];
}

/** The data set a release's budget is counted on: publisher, area kind and period (Paris dates, `to` excluded). */
export function datasetOf(q: Pick<ReleaseQuery, 'publisher' | 'areaKind' | 'from' | 'to'>): string {
  return `${q.publisher}|${q.areaKind}|${bucketLabel('day', q.from)}|${bucketLabel('day', q.to)}`;
}

const round = (x: number, digits = 6) => Number(x.toPrecision(digits));

function invalid(field: string, why: string): CourantError {
  return new CourantError('STATS_INVALID', `release: ${field} ${why}`, { details: { field } });
}

export function asRelease(r: ChainedRelease): Release {
  return { seq: r.seq, hash: r.hash, body: r.body as unknown as ReleaseBody };
}

export class ReleaseService {
  private tail: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly deps: {
      readonly ledger: ReleaseLedger;
      readonly consent: Pick<ConsentHub, 'ledger' | 'access' | 'clients'>;
      readonly store: Pick<ReadingStore, 'householdAggregates'>;
      readonly areas: Pick<UsagePointRepository, 'areas'>;
      readonly sampler: NoiseSampler;
      readonly settings: () => StatsSettings;
      readonly now: () => number;
      readonly newId?: () => string;
    },
  ) {}

  /** Every published release, oldest first. */
  async list(): Promise<Release[]> {
    return (await this.deps.ledger.list()).map(asRelease);
  }

  /** The releases a household contributed to. */
  async of(subject: string): Promise<Release[]> {
    return (await this.deps.ledger.releasesOf(subject)).map(asRelease);
  }

  verify() {
    return this.deps.ledger.verify();
  }

  /**
   * The release chain checked link by link, and every published file against the SHA-256 and size its release
   * records: a file altered, replaced or removed after publication is named (the chain alone cannot see it).
   */
  async audit(): Promise<ReleaseAudit> {
    const chain = await this.deps.ledger.verify();
    const problems: FileProblem[] = [];
    let checked = 0;
    for (const r of (await this.deps.ledger.list()).map(asRelease)) {
      for (const format of ['csv', 'parquet'] as const) {
        checked++;
        const want = r.body.files[format];
        const bytes = await this.deps.ledger.file(r.body.releaseId, format);
        if (!bytes) problems.push({ releaseId: r.body.releaseId, format, problem: 'missing' });
        else if (bytes.length !== want.bytes || (await sha256Hex(bytes)) !== want.sha256)
          problems.push({ releaseId: r.body.releaseId, format, problem: 'altered' });
      }
    }
    return { chain, filesChecked: checked, fileProblems: problems };
  }

  file(releaseId: string, format: 'csv' | 'parquet') {
    return this.deps.ledger.file(releaseId, format);
  }

  /** Produce and publish one release for the operator (serialised with the other releases). */
  release(actor: Actor, req: ReleaseRequest): Promise<Release> {
    const run = () => this.releaseNow(actor, req);
    const p = this.tail.then(run, run);
    this.tail = p.catch(() => undefined);
    return p;
  }

  /** The checked query and ρ; throws the refusal a release would get. */
  check(actor: Actor, req: ReleaseRequest): { query: ReleaseQuery; epsilon: number; rho: Rational } {
    if (actor.kind !== 'operator') throw new CourantError('AUTH_FORBIDDEN', 'only the operator may publish statistics');
    const s = this.deps.settings();
    const epsilon = req.epsilon;
    if (typeof epsilon !== 'number' || !Number.isFinite(epsilon) || epsilon <= 0)
      throw invalid('epsilon', `must be a number above 0 (got ${JSON.stringify(epsilon)})`);
    if (epsilon > s.maxEpsilon)
      throw invalid('epsilon', `is ${epsilon}, above the largest this hub allows (stats.maxEpsilon = ${s.maxEpsilon})`);
    const range = { from: req.from, to: req.to };
    const provisional = parseReleaseQuery({
      publisher: req.publisher,
      areaKind: req.areaKind,
      bucket: req.bucket,
      ...range,
      statistics: req.statistics ?? ['count', 'sum', 'mean'],
      clipWh: req.clipWh ?? defaultClip(req.bucket),
      maxBuckets: req.maxBuckets ?? 1000,
    });
    // the bound each home contributes to: the period's buckets unless the operator set a tighter one
    const query: ReleaseQuery =
      req.maxBuckets === undefined
        ? {
            ...provisional,
            maxBuckets: bucketsOf(provisional.bucket, { from: provisional.from, to: provisional.to }).length,
          }
        : provisional;
    const client = this.deps.consent.clients.get(query.publisher);
    if (!client || client.disabled)
      throw new CourantError(
        'CLIENT_UNKNOWN',
        `publisher ${JSON.stringify(query.publisher)} is not a registered client`,
        {
          details: { field: 'publisher' },
        },
      );
    if (!client.purposes.includes(STATISTICS_PURPOSE))
      throw invalid('publisher', `${query.publisher} is not registered for the purpose ${STATISTICS_PURPOSE}`);
    checkBucketAllowed(query.bucket, client.finestStep, `the registration of ${query.publisher}`);
    return { query, epsilon, rho: rhoFromEpsilon(epsilon) };
  }

  private async releaseNow(actor: Actor, req: ReleaseRequest): Promise<Release> {
    const { query, epsilon, rho } = this.check(actor, req);
    const s = this.deps.settings();
    const floor = Math.max(10, s.floor);
    const { ledger } = this.deps;
    const dataset = datasetOf(query);
    const spent = await ledger.spentOnDataset(dataset);
    try {
      checkBudget({ budget: s.datasetBudgetRho, spent, requested: rho, what: `the data set ${dataset}` });
    } catch (e) {
      const left = toNumber(remainingRho(s.datasetBudgetRho, spent));
      if (e instanceof CourantError)
        throw new CourantError(
          e.code,
          `${e.message}: nothing was published; the largest ε still possible on it is ${round(Math.sqrt(2 * left))}`,
          { details: e.details },
        );
      throw e;
    }
    const aggregate = this.deps.store.householdAggregates?.bind(this.deps.store);
    if (!aggregate)
      throw new CourantError('STORE_UNSUPPORTED', 'the storage engine does not compute per-household aggregates');
    const now = this.deps.now();
    // who contributes: a live consent naming the publisher, and budget left
    const candidates = contributors(this.deps.consent.ledger.state, query.publisher, query.bucket, now).filter(
      (c) => c.from < query.to,
    );
    const budget = await ledger.spentByHousehold([...new Set(candidates.map((c) => c.subject))]);
    const householdBudget = rationalFromNumber(s.householdBudgetRho);
    const withBudget = candidates.filter(
      (c) => compare(add(rationalFromNumber(budget.get(c.subject) ?? 0), rho), householdBudget) <= 0,
    );
    // a home counts in its own area only: one with no area of this kind contributes nothing and is not read
    const areaOf = new Map((await this.deps.areas.areas(query.areaKind)).map((a) => [a.prm as string, a.code]));
    const within = withBudget.filter((c) => areaOf.has(c.prm));
    // one journal line per household: the publisher's read, on the policy's decision
    const publisher: Actor = { kind: 'recipient', id: query.publisher };
    const requests: AccessRequest[] = within.map((c) => ({
      actor: publisher,
      prm: c.prm,
      step: bucketStep(query.bucket),
      purpose: STATISTICS_PURPOSE,
      category: 'consumption',
      range: { from: Math.max(query.from, c.from), to: query.to },
      at: now,
    }));
    const decisions = requests.length ? await this.deps.consent.access.authorize(requests) : [];
    const members: Contributor[] = within.filter((_, i) => decisions[i]!.allowed);

    const families = familiesOf(query.statistics);
    const split = splitRho(
      rho,
      Object.fromEntries(families.map((f) => [f, SHARE_WEIGHTS[f]])) as Record<NoiseFamily, number>,
    );
    const shares: Partial<Record<NoiseFamily, number>> = {};
    const draws: Partial<Record<NoiseFamily, (() => number) & { sigma2: number }>> = {};
    const B = query.maxBuckets;
    const edges = families.includes('quantiles') ? histogramEdges(query.clipWh, HISTOGRAM_BINS) : undefined;
    // L2 sensitivity² of one household per family (docs/statistics.md, "Cells and statistics")
    const delta2: Record<NoiseFamily, number> = {
      homes: 1,
      count: B,
      sum: query.clipWh * query.clipWh * B,
      presence: B,
      quantiles: B,
    };
    for (const f of families) {
      shares[f] = toNumber(split[f]) / toNumber(rho);
      draws[f] = this.deps.sampler(sigma2FromRho(delta2[f], split[f]));
    }

    const homes = members.map((m) => ({ prm: m.prm, area: areaOf.get(m.prm)!, from: m.from }));
    const cells = homes.length
      ? await aggregate({
          homes,
          bucket: query.bucket,
          range: { from: query.from, to: query.to },
          clipWh: query.clipWh,
          binEdgesWh: edges ?? [query.clipWh],
          // the working-hours indicator only when asked (it costs a pass over every reading)
          presence: families.includes('presence'),
        })
      : [];
    // The legal floor read on a noisy count alone would publish some cells of fewer than `floor` homes (about a third
    // of them at ε = 1): a cell is published only when its noisy count clears the floor by 4.75 standard deviations
    // of the count's noise, so a cell of fewer than `floor` homes is published with probability below one in a
    // million (the discrete Gaussian's tail is below the continuous one's). The threshold is public, data-independent.
    const threshold = floor + Math.ceil(FLOOR_MARGIN_SIGMAS * Math.sqrt(draws.count!.sigma2));
    const contributing = members;
    const noisyHomes = Math.max(0, contributing.length + draws.homes!());
    // every (area, bucket) of an area with a contributor is a cell; an empty bucket is a cell of 0 homes
    const byKey = new Map(cells.map((c) => [`${c.area}\u0000${c.bucket}`, c]));
    const areas = [...new Set(homes.map((h) => h.area))].sort();
    const buckets = bucketsOf(query.bucket, { from: query.from, to: query.to });
    const columns = columnsOf(query.statistics);
    const rows: (string | number | null)[][] = [];
    let suppressed = 0;
    const releaseId = this.deps.newId?.() ?? `rel-${globalThis.crypto.randomUUID()}`;
    for (const area of areas) {
      for (const b of buckets) {
        const c = byKey.get(`${area}\u0000${b}`);
        const count = (c?.homes ?? 0) + draws.count!();
        const sum = draws.sum ? (c?.clippedSumWh ?? 0) + draws.sum() : 0;
        const present = draws.presence ? (c?.present ?? 0) + draws.presence() : 0;
        const hist = edges
          ? Array.from({ length: edges.length + 1 }, (_, i) => (c?.histogram[i] ?? 0) + draws.quantiles!())
          : [];
        if (count < threshold) {
          suppressed++;
          continue;
        }
        const row: Record<string, string | number | null> = {
          release_id: releaseId,
          area,
          bucket: bucketLabel(query.bucket, b),
          homes: count,
          sum_wh: sum,
          mean_wh: round(sum / count),
          presence_share: round(Math.min(1, Math.max(0, present / count)), 4),
        };
        if (edges) {
          const q = quantilesOf(hist, edges, QUANTILES);
          QUANTILES.forEach((p, i) => (row[`q${Math.round(p * 100)}_wh`] = q[i]!));
        }
        rows.push(columns.map((col) => row[col.name] ?? null));
      }
    }
    const table: ReleaseTable = { columns, rows };
    const files = await ledger.stage(releaseId, table);
    const sigma2: Partial<Record<NoiseFamily, number>> = {};
    for (const f of families) sigma2[f] = round(draws[f]!.sigma2, 8);
    const body: ReleaseBody = {
      releaseId,
      publisher: query.publisher,
      createdAt: new Date(now).toISOString(),
      query: {
        areaKind: query.areaKind,
        bucket: query.bucket,
        from: isoDay(query.from),
        to: isoDay(query.to),
        statistics: query.statistics,
      },
      parameters: {
        method: RELEASE_METHOD,
        epsilon,
        rho: toNumber(rho),
        delta: RELEASE_DELTA,
        impliedEpsilon: round(epsilonFromRho(rho, RELEASE_DELTA)),
        floor,
        threshold,
        clipWh: query.clipWh,
        maxBuckets: query.maxBuckets,
        shares: Object.fromEntries(Object.entries(shares).map(([k, v]) => [k, round(v, 6)])),
        sigma2,
        ...(edges ? { histogramEdgesWh: edges } : {}),
      },
      result: { cellsPublished: rows.length, cellsSuppressed: suppressed, noisyHomes },
      files,
    };
    try {
      const row = await ledger.publish(
        {
          releaseId,
          at: now,
          publisher: query.publisher,
          dataset,
          rho: toNumber(rho),
          body: body as unknown as Record<string, unknown>,
        },
        [...new Set(contributing.map((m) => m.subject))].map((subject) => ({ subject, rho: toNumber(rho) })),
        // checked again under the ledger's ordering: another process sharing the ledger may have published meanwhile
        (recorded) => {
          const meanwhile = 'another release was published meanwhile; nothing was published, run it again';
          try {
            checkBudget({
              budget: s.datasetBudgetRho,
              spent: recorded.dataset,
              requested: rho,
              what: `the data set ${dataset}`,
            });
          } catch (e) {
            if (e instanceof CourantError)
              throw new CourantError(e.code, `${e.message}: ${meanwhile}`, { details: e.details });
            throw e;
          }
          for (const spent of recorded.households.values())
            if (compare(add(rationalFromNumber(spent), rho), householdBudget) > 0)
              throw new CourantError(
                'STATS_BUDGET_EXCEEDED',
                `a contributing household has spent its budget of ρ = ${s.householdBudgetRho}: ${meanwhile}`,
              );
        },
      );
      return asRelease(row);
    } catch (e) {
      await ledger.discard(releaseId).catch(() => undefined);
      throw e;
    }
  }
}

/** The clip per bucket when the operator names none: a generous household's energy in one bucket (public). */
export function defaultClip(bucket: string): number {
  switch (bucket) {
    case 'hour-of-day':
      return 5_000;
    case 'day':
      return 50_000;
    case 'week':
      return 300_000;
    default:
      return 1_200_000;
  }
}

/** The noise families a list of statistics draws: the count always (it decides the floor), the total of homes. */
export function familiesOf(statistics: readonly Statistic[]): NoiseFamily[] {
  const f: NoiseFamily[] = ['homes', 'count'];
  if (statistics.includes('sum') || statistics.includes('mean')) f.push('sum');
  if (statistics.includes('presence')) f.push('presence');
  if (statistics.includes('quantiles')) f.push('quantiles');
  return f;
}

export function columnsOf(statistics: readonly Statistic[]): ReleaseColumn[] {
  const c: ReleaseColumn[] = [
    { name: 'release_id', type: 'VARCHAR' },
    { name: 'area', type: 'VARCHAR' },
    { name: 'bucket', type: 'VARCHAR' },
    { name: 'homes', type: 'BIGINT' },
  ];
  if (statistics.includes('sum')) c.push({ name: 'sum_wh', type: 'BIGINT' });
  if (statistics.includes('mean')) c.push({ name: 'mean_wh', type: 'DOUBLE' });
  if (statistics.includes('presence')) c.push({ name: 'presence_share', type: 'DOUBLE' });
  if (statistics.includes('quantiles'))
    for (const p of QUANTILES) c.push({ name: `q${Math.round(p * 100)}_wh`, type: 'BIGINT' });
  return c;
}

/**
 * Quantiles from a noisy histogram of edges.length + 1 bins: negative bins read as 0; the value is the upper edge of
 * the bin reached (the last bin, at or above the clip, reads as the clip).
 */
export function quantilesOf(hist: readonly number[], edges: readonly number[], ps: readonly number[]): number[] {
  const h = hist.map((x) => Math.max(0, x));
  const total = h.reduce((a, b) => a + b, 0);
  return ps.map((p) => {
    if (total <= 0) return edges[Math.floor((edges.length - 1) / 2)]!;
    let acc = 0;
    for (let i = 0; i < h.length; i++) {
      acc += h[i]!;
      if (acc >= p * total) return edges[Math.min(i, edges.length - 1)]!;
    }
    return edges[edges.length - 1]!;
  });
}
