/**
 * @module statistics/query
 * A release query (docs/statistics.md, "Cells and statistics"): who publishes, over which areas, which buckets and
 * period, which statistics, and the public contribution bounds (`clipWh`, `maxBuckets`). `parseReleaseQuery` checks
 * a query as received (HTTP body, command-line options) and refuses it with STATS_INVALID naming the field.
 *
 * The period is `[from, to[` and must start and end on bucket boundaries in Paris civil time (a profile's period on
 * civil days), so no bucket is partial. Bounds are public parameters of the release, never derived from the data.
 */
import { CourantError } from '../core/errors.ts';
import { parseInstant } from '../core/range.ts';
import type { LadderStep } from '../consent/model.ts';
import {
  bucketAllowedBy,
  bucketsOf,
  bucketStep,
  isBucketBoundary,
  isStatsBucket,
  STATS_BUCKETS,
  type StatsBucket,
} from './buckets.ts';

export const AREA_KINDS = ['commune', 'iris', 'group'] as const;
export type AreaKind = (typeof AREA_KINDS)[number];
export function isAreaKind(v: unknown): v is AreaKind {
  return typeof v === 'string' && (AREA_KINDS as readonly string[]).includes(v);
}

export const STATISTICS = ['count', 'sum', 'mean', 'presence', 'quantiles'] as const;
export type Statistic = (typeof STATISTICS)[number];

/** Largest clip per bucket accepted (Wh): 10 MWh, beyond any household's month. */
export const MAX_CLIP_WH = 10_000_000;
/** Largest number of buckets a release may have a household contribute to. */
export const MAX_BUCKETS = 1_000;

export interface ReleaseQuery {
  /** The publishing client's id (a registered client with the purpose `anonymised-statistics`). */
  readonly publisher: string;
  readonly areaKind: AreaKind;
  readonly bucket: StatsBucket;
  /** Period [from, to[, UTC ms, on bucket boundaries. */
  readonly from: number;
  readonly to: number;
  /** Distinct, in the order of `STATISTICS`. */
  readonly statistics: readonly Statistic[];
  /** Each home's energy per bucket is clipped to this (Wh, a positive integer) before summing. */
  readonly clipWh: number;
  /** The release refuses a period with more buckets than this (each home contributes to at most this many). */
  readonly maxBuckets: number;
}

const FIELDS = ['publisher', 'areaKind', 'bucket', 'from', 'to', 'statistics', 'clipWh', 'maxBuckets'] as const;

function invalid(field: string, why: string): CourantError {
  return new CourantError('STATS_INVALID', `release query: ${field} ${why}`, { details: { field } });
}

function positiveInt(v: unknown, field: string, max: number): number {
  if (typeof v === 'string' && /^\d+$/.test(v.trim())) v = Number(v);
  if (typeof v !== 'number' || !Number.isSafeInteger(v) || v < 1 || v > max)
    throw invalid(field, `must be a whole number from 1 to ${max} (got ${JSON.stringify(v)})`);
  return v;
}

function instant(v: unknown, field: string): number {
  try {
    return parseInstant(v, field);
  } catch (e) {
    throw invalid(field, `is not a date or instant: ${(e as Error).message}`);
  }
}

/** Validate a release query as received; throws STATS_INVALID naming the first wrong field. */
export function parseReleaseQuery(input: unknown): ReleaseQuery {
  if (input === null || typeof input !== 'object' || Array.isArray(input))
    throw new CourantError('STATS_INVALID', 'release query: expected an object with ' + FIELDS.join(', '), {
      details: { field: '' },
    });
  const q = input as Record<string, unknown>;
  for (const k of Object.keys(q))
    if (!(FIELDS as readonly string[]).includes(k)) throw invalid(k, `is not a field (expected ${FIELDS.join(', ')})`);
  const publisher = q.publisher;
  if (typeof publisher !== 'string' || !/^[A-Za-z0-9][A-Za-z0-9._:-]{0,127}$/.test(publisher))
    throw invalid('publisher', 'must be a registered client id (letters, digits, . _ : -, up to 128 characters)');
  if (!isAreaKind(q.areaKind)) throw invalid('areaKind', `must be one of ${AREA_KINDS.join(', ')}`);
  if (!isStatsBucket(q.bucket)) throw invalid('bucket', `must be one of ${STATS_BUCKETS.join(', ')}`);
  const bucket = q.bucket;
  const from = instant(q.from, 'from');
  const to = instant(q.to, 'to');
  if (!(from < to)) throw invalid('to', 'must be after from');
  const unit = bucket === 'hour-of-day' ? 'civil day (Paris)' : `${bucket} (Paris civil time)`;
  if (!isBucketBoundary(bucket, from)) throw invalid('from', `must be the start of a ${unit}`);
  if (!isBucketBoundary(bucket, to)) throw invalid('to', `must be the start of a ${unit}`);
  const stats = typeof q.statistics === 'string' ? q.statistics.split(',').map((s) => s.trim()) : q.statistics;
  if (!Array.isArray(stats) || stats.length === 0)
    throw invalid('statistics', `must list one or more of ${STATISTICS.join(', ')}`);
  for (const s of stats)
    if (!(STATISTICS as readonly unknown[]).includes(s))
      throw invalid('statistics', `has ${JSON.stringify(s)}, not one of ${STATISTICS.join(', ')}`);
  if (new Set(stats).size !== stats.length) throw invalid('statistics', 'names a statistic twice');
  const statistics = STATISTICS.filter((s) => stats.includes(s));
  const clipWh = positiveInt(q.clipWh, 'clipWh', MAX_CLIP_WH);
  const maxBuckets = positiveInt(q.maxBuckets, 'maxBuckets', MAX_BUCKETS);
  const n = bucketsOf(bucket, { from, to }).length;
  if (n > maxBuckets) throw invalid('maxBuckets', `is ${maxBuckets} but the period has ${n} ${bucket} buckets`);
  return { publisher, areaKind: q.areaKind, bucket, from, to, statistics, clipWh, maxBuckets };
}

/**
 * Refuses a bucket finer than a step allowed: a publisher registered for daily data asking an hourly profile, for
 * instance (households are filtered the same way, one by one, by `contributors`).
 */
export function checkBucketAllowed(bucket: StatsBucket, finest: LadderStep, whose: string): void {
  if (!bucketAllowedBy(bucket, finest))
    throw invalid('bucket', `${bucket} needs data at ${bucketStep(bucket)}, finer than ${whose} allows (${finest})`);
}

/**
 * Public histogram edges for quantiles: `bins` equal steps up to the clip (edges clip/bins, 2·clip/bins, …, clip),
 * so bin 0 is [0, clip/bins[, …, and the last bin holds everything at or above the clip. Derived from public
 * parameters only.
 */
export function histogramEdges(clipWh: number, bins = 20): number[] {
  return Array.from({ length: bins }, (_, i) => Math.round(((i + 1) * clipWh) / bins));
}
