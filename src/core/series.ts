/**
 * @module core/series
 * A series is what one usage point records for one quantity, direction and register at one step from one source.
 * Readings are stored with their timestamp in UTC at the **start** of the interval they describe.
 */
import { CourantError } from './errors.ts';
import type { Prm } from './prm.ts';
import { isStep, type Step } from './step.ts';

/** What the value measures. Units are fixed per quantity so values are always comparable. */
export const QUANTITIES = {
  /** Mean active power over the interval, in watts. */
  power: { unit: 'W', aggregate: 'mean' },
  /** Active energy over the interval, in watt-hours. */
  energy: { unit: 'Wh', aggregate: 'sum' },
  /** Apparent power (instantaneous or mean), in volt-amperes. */
  apparent_power: { unit: 'VA', aggregate: 'mean' },
  /** Maximum apparent power reached within the interval, in volt-amperes. */
  max_power: { unit: 'VA', aggregate: 'max' },
  /** Cumulative index of one register, in watt-hours; the value at the interval start. */
  index: { unit: 'Wh', aggregate: 'last' },
  /** RMS voltage, in volts. */
  voltage: { unit: 'V', aggregate: 'mean' },
  /** RMS current, in amperes. */
  current: { unit: 'A', aggregate: 'mean' },
} as const;
export type Quantity = keyof typeof QUANTITIES;
export type Unit = (typeof QUANTITIES)[Quantity]['unit'];

export type Direction = 'consumption' | 'production';
export const SOURCES = ['demo', 'tic', 'pulse', 'enedis_api', 'enedis_portal', 'enedis_sge', 'csv', 'derived'] as const;
export type Source = (typeof SOURCES)[number];

/** Quality flags, a bit set stored with each reading. */
export const QUALITY = {
  /** Measured by the meter and validated ("R"éel / "A" in SGE files). */
  OK: 0,
  /** Estimated or corrected by the distributor (SGE "E", "C"). */
  ESTIMATED: 1 << 0,
  /** Derived by courant from finer data (aggregation). */
  DERIVED: 1 << 1,
  /** Interval incomplete: some finer samples were missing. */
  PARTIAL: 1 << 2,
  /** Filled or interpolated. */
  FILLED: 1 << 3,
  /** The meter's clock was degraded (TIC horodate in lower case). */
  CLOCK_DEGRADED: 1 << 4,
  /** Value substituted or flagged doubtful by the source (SGE "S", "D"). */
  DOUBTFUL: 1 << 5,
} as const;

export interface SeriesKey {
  readonly prm: Prm;
  readonly quantity: Quantity;
  readonly direction: Direction;
  /** Register for indexes (e.g. "BASE", "HCHC", "EASF01"); "" for non-register quantities. */
  readonly register: string;
  readonly step: Step;
  readonly source: Source;
}

/** One stored reading. `ts` is the interval start in UTC, milliseconds since the epoch. */
export interface Reading extends SeriesKey {
  readonly ts: number;
  readonly value: number;
  readonly quality: number;
}

/** A column-oriented batch of readings sharing one series key: the shape ingest paths prefer. */
export interface ReadingBatch {
  readonly key: SeriesKey;
  readonly ts: Float64Array | readonly number[];
  readonly values: Float64Array | readonly number[];
  /** Optional per-point quality; defaults to QUALITY.OK (or DERIVED for the derived source). */
  readonly quality?: Uint8Array | readonly number[];
}

export function unitOf(quantity: Quantity): Unit {
  return QUANTITIES[quantity].unit;
}

/** Stable textual id of a series (without the PRM), used in URLs and exports: `energy.consumption.PT30M.demo` */
export function seriesId(k: Omit<SeriesKey, 'prm'>): string {
  const parts: string[] = [k.quantity, k.direction, k.step, k.source];
  if (k.register) parts.splice(2, 0, k.register);
  return parts.join('.');
}

/** Parse a series id back into its parts. */
export function parseSeriesId(id: string, where = 'series'): Omit<SeriesKey, 'prm'> {
  const parts = id.split('.');
  const bad = () =>
    new CourantError(
      'INPUT_INVALID',
      `${where}: ${JSON.stringify(id)} is not a series id (quantity.direction[.register].step.source)`,
      {
        details: { where },
      },
    );
  if (parts.length !== 4 && parts.length !== 5) throw bad();
  const [quantity, direction] = parts as [string, string];
  const register = parts.length === 5 ? parts[2]! : '';
  const step = parts[parts.length - 2]!;
  const source = parts[parts.length - 1]!;
  if (!(quantity in QUANTITIES) || (direction !== 'consumption' && direction !== 'production') || !isStep(step))
    throw bad();
  if (!(SOURCES as readonly string[]).includes(source)) throw bad();
  return { quantity: quantity as Quantity, direction, register, step, source: source as Source };
}
