/**
 * @module ports/reading-store
 * The storage port for meter readings. Every engine adapter (DuckDB today, ClickHouse later) implements it,
 * and its conformance suite (`reading-store.case.ts`) is run against each one. Callers branch on `capabilities`, never
 * on engine names.
 */
import type { Prm } from '../core/prm.ts';
import type { TimeRange } from '../core/range.ts';
import type { Direction, Quantity, ReadingBatch, SeriesKey, Source } from '../core/series.ts';
import type { FixedStep, Step } from '../core/step.ts';
import type { StatsBucket } from '../statistics/buckets.ts';

export interface StoreCapabilities {
  /** Several processes or connections may write at once. DuckDB: false (one process owns the file). */
  readonly concurrentWriters: boolean;
  /** Another OS process may open the same database while this one holds it. DuckDB: false. */
  readonly multiProcess: boolean;
  /** Writes within one `write()` call are atomic (all or nothing). */
  readonly transactionalWrites: boolean;
  /** The engine can cluster/compact data by usage point (used by `compact()`). */
  readonly clustering: boolean;
  /** The engine computes bounded per-household aggregates (`householdAggregates`) for published statistics. */
  readonly householdAggregates: boolean;
}

/** Result of a write: how many points were new and how many replaced an existing point (same series and ts). */
export interface WriteResult {
  readonly added: number;
  readonly replaced: number;
  /**
   * Points a decorator of the store declined to keep (the household's recording controls,
   * use-cases/recording-guard.ts), one entry per series; absent or empty when everything was stored.
   */
  readonly refused?: readonly RefusedPoints[];
}

/** Points of one series that were not stored at their step. */
export interface RefusedPoints {
  readonly prm: string;
  /** The series id as given (seriesId, without the PRM), e.g. `energy.consumption.PT30M.dataconnect-v5`. */
  readonly series: string;
  readonly step: string;
  /** Points of that series not stored. */
  readonly points: number;
  /** Cumulative indexes only: the day-start values kept in their place as a daily series (its id), and how many. */
  readonly keptAs?: { readonly series: string; readonly points: number } | undefined;
  /** Why, in a word the household can be told (`fine-recording-stopped`, `finer-than-recorded-step`). */
  readonly reason: string;
}

/** What is held for one series. */
export interface SeriesInfo extends SeriesKey {
  readonly unit: string;
  readonly count: number;
  /** First and last interval start (UTC ms). */
  readonly first: number;
  readonly last: number;
}

/** A selection of one series' points over a range. */
export interface SeriesQuery {
  readonly prm: Prm;
  readonly quantity: Quantity;
  readonly direction: Direction;
  readonly register?: string;
  /** The stored step to read. */
  readonly step: Step;
  /** Restrict to one source; by default the store merges sources, preferring the one listed first in `sourcePriority`.
   */
  readonly source?: Source;
  readonly range: TimeRange;
}

/** Columnar result: interval starts and values, in time order. */
export interface SeriesColumns {
  readonly ts: Float64Array;
  readonly values: Float64Array;
  readonly quality: Uint8Array;
}

/** Resampled columns: one row per target bucket, with the aggregate plus min and max of the source points (for charts).
 */
export interface ResampledColumns {
  readonly ts: Float64Array;
  readonly values: Float64Array;
  readonly min: Float64Array;
  readonly max: Float64Array;
  /** Number of source points in each bucket (lets callers flag partial buckets). */
  readonly count: Uint32Array;
}

export interface ResampleQuery extends SeriesQuery {
  /** Target bucket: a fixed step, or a bucket width in ms for chart decimation. P1D buckets follow the Europe/Paris
   * civil day.
   */
  readonly to: FixedStep | { readonly bucketMs: number };
}

export interface DeleteSelector {
  readonly prm: Prm;
  /** Restrict deletion to a range; omitted = everything for the usage point. */
  readonly range?: TimeRange;
  /** Restrict deletion to steps strictly finer than this one (used by "stop fine recording" / purge fine history). */
  readonly finerThan?: FixedStep;
  /** Restrict deletion to these steps. */
  readonly steps?: readonly Step[];
}

/** One contributing home of an aggregate: its usage point, the code of its area, and its occupancy start. */
export interface AggregateHome {
  readonly prm: Prm;
  /** The area it counts in (a commune, IRIS or group code); a home counts in its own area only. */
  readonly area: string;
  /** UTC ms: nothing before it is read for this home (the household's occupancy start, R19). */
  readonly from: number;
}

/**
 * A bounded per-household aggregate (docs/statistics.md, "Cells and statistics"). Each home's energy consumption is
 * read at the finest step the store holds for it among PT30M, PT1H and P1D (P1D only for the day family; one series
 * per home, the preferred source), summed per bucket, rounded to whole Wh and clipped to [0, clipWh], and only then
 * summed per (area, bucket): one home moves a cell's sum by at most clipWh.
 */
export interface HouseholdAggregateQuery {
  readonly homes: readonly AggregateHome[];
  readonly bucket: StatsBucket;
  /** Period [from, to[ (UTC ms), normally on bucket boundaries. */
  readonly range: TimeRange;
  /** Clip per home and bucket, Wh (a positive integer). */
  readonly clipWh: number;
  /** Public histogram edges (Wh, strictly increasing): bin 0 is below edges[0], bin i is [edges[i-1], edges[i][, the
   * last bin at or above the last edge; edges.length + 1 bins. */
  readonly binEdgesWh: readonly number[];
  /** Margin (W) above a home's own night base load that counts as activity in working hours; 100 by default. */
  readonly presenceMarginW?: number;
  /** Compute `present` (default true); false skips its per-reading work (about half the query) and answers 0. */
  readonly presence?: boolean;
}

/** One cell: an area and a bucket (UTC ms of its start, or the hour 0–23 of an hour-of-day profile). */
export interface HouseholdAggregateCell {
  readonly area: string;
  readonly bucket: number;
  /** Homes with at least one reading in the bucket. */
  readonly homes: number;
  /** Sum over those homes of min(max(round(E), 0), clipWh), E the home's energy in the bucket (Wh). */
  readonly clippedSumWh: number;
  /** Homes whose weekday 09:00–17:00 (Paris) mean power in the bucket is above their own night base load by the
   * margin (0 for a bucket without working hours). */
  readonly present: number;
  /** Homes per bin of their (unclipped, rounded) bucket energy: binEdgesWh.length + 1 counts. */
  readonly histogram: readonly number[];
}

export interface ReadingStore {
  readonly engine: string;
  readonly capabilities: StoreCapabilities;
  /**
   * Write batches atomically. Idempotent: a point with the same series key and ts replaces the stored one.
   * Throws CourantError('STORE_WRITE_FAILED') and stores nothing from the call on failure.
   */
  write(batches: Iterable<ReadingBatch> | AsyncIterable<ReadingBatch>): Promise<WriteResult>;
  /** Points of one series at its stored step, in time order. */
  read(q: SeriesQuery): Promise<SeriesColumns>;
  /** Aggregate one stored series into coarser buckets using the quantity's aggregate (sum/mean/max/last). */
  resample(q: ResampleQuery): Promise<ResampledColumns>;
  /** Every series held, optionally for one usage point. */
  list(prm?: Prm): Promise<SeriesInfo[]>;
  /** Usage points that hold any data. */
  usagePoints(): Promise<Prm[]>;
  /** Delete points; returns the number of points deleted. Atomic. */
  delete(sel: DeleteSelector): Promise<number>;
  /**
   * Bounded per-household aggregates per (area, bucket), computed in the engine: nothing per home leaves it. Present
   * where `capabilities.householdAggregates` is true. Cells come sorted by area then bucket; a cell no home reached is
   * absent.
   */
  householdAggregates?(q: HouseholdAggregateQuery): Promise<HouseholdAggregateCell[]>;
  /** Re-cluster data by usage point and time (cheap point reads). No-op where `capabilities.clustering` is false. */
  compact(): Promise<void>;
  close(): Promise<void>;
}
