/**
 * @module statistics/synthetic
 * A synthetic population for tests, benches and the utility report of published statistics: N households built from
 * real curves (days of half-hour energy), each drawing its days from the pool in its own order, rolled by a few
 * half-hours and scaled by its own factor, deterministically from a seed; households are spread over areas of several
 * sizes (a few large, many small, as communes are). Pure: curves in, households and reading batches out.
 *
 * Not a model of French households: the pool's curves carry their shapes (a real day is a real day), the factors
 * their spread. Usage points are clearly fake (`8888…`).
 */
import { parisOffsetMs, parisWallToUtc } from '../core/calendar.ts';
import type { Prm } from '../core/prm.ts';
import type { ReadingBatch, Source } from '../core/series.ts';

const HALF_HOUR = 1_800_000;

/** One day of a real household: 48 half-hour energies (Wh), the first from 00:00 local time. */
export type SourceDay = readonly number[];

/** Half-hour days (Wh) from minute mean power (kW), the UCI data set's shape; incomplete trailing days are dropped. */
export function halfHourDays(minuteKw: readonly number[]): SourceDay[] {
  const days: SourceDay[] = [];
  for (let d = 0; (d + 1) * 1440 <= minuteKw.length; d++) {
    const day: number[] = [];
    for (let h = 0; h < 48; h++) {
      let wh = 0;
      for (let m = 0; m < 30; m++) wh += (minuteKw[d * 1440 + h * 30 + m]! * 1000) / 60;
      day.push(Math.round(wh * 1000) / 1000);
    }
    days.push(day);
  }
  return days;
}

export interface SyntheticHousehold {
  readonly prm: Prm;
  readonly area: string;
  /** Its consumption factor (log-uniform in [0.4, 2.5]). */
  readonly scale: number;
  /** First pool day it draws, the pool stride between its days, and its roll (half-hours, −4…4). */
  readonly offset: number;
  readonly stride: number;
  readonly roll: number;
}

export interface SyntheticPopulation {
  readonly households: readonly SyntheticHousehold[];
  /** Households per area, largest first. */
  readonly areaSizes: ReadonlyMap<string, number>;
}

/** mulberry32: a small seeded generator, enough for a reproducible population (never for privacy noise). */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

/**
 * Area sizes for n households: roughly a quarter in one large area, then areas halving in size down to 5, the rest
 * in areas of 5 to 12 (cells around the legal floor of 10, where the noise matters most).
 */
export function areaSizes(n: number): number[] {
  const sizes: number[] = [];
  let left = n;
  for (let s = Math.floor(n / 4); s >= 40 && left >= s; s = Math.floor(s / 2)) {
    sizes.push(s);
    left -= s;
  }
  const small = [5, 8, 10, 12, 15, 20, 30];
  for (let i = 0; left > 0; i++) {
    const s = Math.min(left, small[i % small.length]!);
    sizes.push(s);
    left -= s;
  }
  return sizes;
}

/** The synthetic PRM of household i: `8888` then i on ten digits. */
export const syntheticPrm = (i: number): Prm => `8888${String(i).padStart(10, '0')}` as Prm;

/** n households drawn from a pool of `poolDays` days, deterministic in `seed`. */
export function syntheticPopulation(n: number, poolDays: number, seed = 1): SyntheticPopulation {
  if (!Number.isSafeInteger(n) || n < 1) throw new RangeError(`n must be a positive whole number, got ${n}`);
  if (!Number.isSafeInteger(poolDays) || poolDays < 1) throw new RangeError(`poolDays must be 1 or more`);
  const sizes = areaSizes(n);
  const areas: string[] = [];
  sizes.forEach((s, k) => {
    for (let j = 0; j < s; j++) areas.push(`area-${String(k).padStart(3, '0')}`);
  });
  // households are spread over areas in a shuffled order, so an area is no run of neighbouring indexes
  const rand = rng(seed);
  for (let i = areas.length - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    [areas[i], areas[j]] = [areas[j]!, areas[i]!];
  }
  const households = areas.map((area, i) => ({
    prm: syntheticPrm(i),
    area,
    scale: Math.round(0.4 * Math.exp(rand() * Math.log(2.5 / 0.4)) * 1000) / 1000,
    offset: Math.floor(rand() * poolDays),
    stride: 1 + Math.floor(rand() * Math.max(1, poolDays - 1)),
    roll: Math.floor(rand() * 9) - 4,
  }));
  const areaSizesMap = new Map(sizes.map((s, k) => [`area-${String(k).padStart(3, '0')}`, s]));
  return { households, areaSizes: areaSizesMap };
}

/**
 * A household's half-hour energy (Wh) over Paris civil days [fromDay, fromDay + days[ (fromDay a Paris day start):
 * civil day d draws pool day (offset + d·stride) mod pool, rolled by `roll` half-hours, times `scale`; each instant
 * takes the value of its local half-hour (a 25-hour day repeats one hour, a 23-hour day skips one).
 */
export function householdBatch(
  h: SyntheticHousehold,
  pool: readonly SourceDay[],
  fromDay: number,
  days: number,
  source: Source = 'enedis_api',
): ReadingBatch {
  const d0 = new Date(fromDay + parisOffsetMs(fromDay));
  const last = new Date(Date.UTC(d0.getUTCFullYear(), d0.getUTCMonth(), d0.getUTCDate() + days));
  const end = parisWallToUtc(last.getUTCFullYear(), last.getUTCMonth() + 1, last.getUTCDate());
  const n = Math.round((end - fromDay) / HALF_HOUR);
  const ts = new Float64Array(n);
  const values = new Float64Array(n);
  const localDay0 = Math.floor((fromDay + parisOffsetMs(fromDay)) / 86_400_000);
  for (let i = 0; i < n; i++) {
    const t = fromDay + i * HALF_HOUR;
    const local = t + parisOffsetMs(t);
    const day = Math.floor(local / 86_400_000) - localDay0;
    const slot = Math.floor((local % 86_400_000) / HALF_HOUR);
    const src = pool[(h.offset + day * h.stride) % pool.length]!;
    ts[i] = t;
    values[i] = Math.round(src[(((slot + h.roll) % 48) + 48) % 48]! * h.scale * 1000) / 1000;
  }
  return {
    key: { prm: h.prm, quantity: 'energy', direction: 'consumption', register: '', step: 'PT30M', source },
    ts,
    values,
  };
}
