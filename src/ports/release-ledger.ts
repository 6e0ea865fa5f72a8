/**
 * @module ports/release-ledger
 * Storage port of published statistics (docs/statistics.md): the hash-chained release ledger (`stats_releases`), the
 * privacy budget ρ each contributing household spent in each release (`stats_spend`, internal, never published), and
 * the release files (CSV and Parquet, written by the engine from a table of cells). A release is all-or-nothing: its
 * files are staged under a temporary name, then `publish` chains and stores the row and its spend and moves the files
 * into the releases folder in one step; a failure anywhere leaves no row, no spend and no published file.
 * The DuckDB adapter is src/adapters/duckdb/duckdb-release-ledger.ts; its conformance suite release-ledger.case.ts.
 */
import type { ChainedRelease, ReleaseChainCheck, ReleaseRecord } from '../consent/release-chain.ts';

export type { ChainedRelease, ReleaseChainCheck, ReleaseRecord } from '../consent/release-chain.ts';

export type ReleaseFormat = 'csv' | 'parquet';
export const RELEASE_FORMATS: readonly ReleaseFormat[] = ['csv', 'parquet'];

/** A column of a release file. */
export interface ReleaseColumn {
  readonly name: string;
  readonly type: 'VARCHAR' | 'BIGINT' | 'DOUBLE';
}

/** The published table of one release: one row per published cell, the release header repeated as columns. */
export interface ReleaseTable {
  readonly columns: readonly ReleaseColumn[];
  readonly rows: readonly (readonly (string | number | null)[])[];
}

/** The staged files' SHA-256 (lowercase hex) and sizes. */
export type ReleaseFiles = Readonly<Record<ReleaseFormat, { readonly sha256: string; readonly bytes: number }>>;

export interface HouseholdSpend {
  readonly subject: string;
  readonly rho: number;
}

/** ρ already spent, as `publish` reads it under its ordering: on the data set, and by each household asked about. */
export interface RecordedSpend {
  readonly dataset: number;
  readonly households: ReadonlyMap<string, number>;
}

export interface ReleaseLedger {
  /** Write the table as `<id>.csv` and `<id>.parquet` under temporary names (not published). */
  stage(releaseId: string, table: ReleaseTable): Promise<ReleaseFiles>;
  /** Remove what `stage` wrote for this release, if anything (after a failure). */
  discard(releaseId: string): Promise<void>;
  /**
   * Chain `record` after the stored head, store it with each household's spend, and move its staged files into the
   * releases folder, all or nothing. Appends are strictly ordered (one at a time, across every process sharing the
   * ledger). `confirm`, when given, is called under that ordering with the spend already recorded on the record's data
   * set and on each household of `spend`, read there: it throws to refuse, and then nothing is published. Returns the
   * stored row.
   */
  publish(
    record: ReleaseRecord,
    spend: readonly HouseholdSpend[],
    confirm?: (recorded: RecordedSpend) => void,
  ): Promise<ChainedRelease>;
  /** Every release, in seq order. */
  list(): Promise<ChainedRelease[]>;
  get(releaseId: string): Promise<ChainedRelease | null>;
  /** Check the chain of every stored release. */
  verify(): Promise<ReleaseChainCheck>;
  /** ρ spent so far by each of `subjects` (absent: 0). */
  spentByHousehold(subjects: readonly string[]): Promise<Map<string, number>>;
  /** ρ spent so far on a data set (publisher × area kind × period). */
  spentOnDataset(dataset: string): Promise<number>;
  /** The releases a household contributed to, in seq order. */
  releasesOf(subject: string): Promise<ChainedRelease[]>;
  /** A published file's bytes; null when the release or the file does not exist. */
  file(releaseId: string, format: ReleaseFormat): Promise<Uint8Array | null>;
}
