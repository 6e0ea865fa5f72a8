/**
 * @module statistics/buckets
 * The buckets of a published statistic, in Paris civil time: `hour-of-day` (a profile: the 24 hours of the civil
 * day, 0–23, over the whole period), `day`, `week` (Monday to Monday) and `month`. A bucket of the day family is named
 * by its start (UTC ms); an hour-of-day bucket by its hour (0–23).
 *
 * Civil days last 23, 24 or 25 hours: boundaries come from `core/calendar.ts`, never from adding 86,400 s.
 */
import { parisDayBoundaries, parisDayStart, parisOffsetMs, parisWallToUtc } from '../core/calendar.ts';
import type { TimeRange } from '../core/range.ts';
import { derivable, ladderRank, type LadderStep } from '../consent/model.ts';

export const STATS_BUCKETS = ['hour-of-day', 'day', 'week', 'month'] as const;
export type StatsBucket = (typeof STATS_BUCKETS)[number];

export function isStatsBucket(v: unknown): v is StatsBucket {
  return typeof v === 'string' && (STATS_BUCKETS as readonly string[]).includes(v);
}

/** The step a household's consent must allow for its data to enter a bucket: an hourly profile needs PT1H, the
 * day family a daily consent. */
export function bucketStep(bucket: StatsBucket): 'PT1H' | 'P1D' {
  return bucket === 'hour-of-day' ? 'PT1H' : 'P1D';
}

/** True when a consent at `granted` allows data in `bucket` (the bucket's step is derivable from it and no finer). */
export function bucketAllowedBy(bucket: StatsBucket, granted: LadderStep): boolean {
  const need = bucketStep(bucket);
  return ladderRank(need) >= ladderRank(granted) && derivable(need, granted);
}

const DAY = 86_400_000;

/** Paris calendar date (y, m, d) of an instant. */
function parisYmd(utcMs: number): [number, number, number] {
  const d = new Date(utcMs + parisOffsetMs(utcMs));
  return [d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate()];
}

/** Start (UTC ms) of the Paris civil bucket of the day family containing `utcMs`. */
export function bucketStart(bucket: Exclude<StatsBucket, 'hour-of-day'>, utcMs: number): number {
  if (bucket === 'day') return parisDayStart(utcMs);
  const [y, m, d] = parisYmd(utcMs);
  if (bucket === 'month') return parisWallToUtc(y, m, 1);
  const dow = (new Date(Date.UTC(y, m - 1, d)).getUTCDay() + 6) % 7; // Monday 0
  const monday = new Date(Date.UTC(y, m - 1, d) - dow * DAY);
  return parisWallToUtc(monday.getUTCFullYear(), monday.getUTCMonth() + 1, monday.getUTCDate());
}

/** The start of the next bucket after the one starting at `start`. */
export function nextBucketStart(bucket: Exclude<StatsBucket, 'hour-of-day'>, start: number): number {
  const [y, m, d] = parisYmd(start);
  if (bucket === 'month') return m === 12 ? parisWallToUtc(y + 1, 1, 1) : parisWallToUtc(y, m + 1, 1);
  const next = new Date(Date.UTC(y, m - 1, d) + (bucket === 'week' ? 7 : 1) * DAY);
  return parisWallToUtc(next.getUTCFullYear(), next.getUTCMonth() + 1, next.getUTCDate());
}

/** True when `utcMs` is the start of a bucket (for hour-of-day: the start of a Paris civil day). */
export function isBucketBoundary(bucket: StatsBucket, utcMs: number): boolean {
  return bucket === 'hour-of-day' ? parisDayStart(utcMs) === utcMs : bucketStart(bucket, utcMs) === utcMs;
}

/** The buckets a period touches, in order: hours 0–23 for the profile, bucket starts (UTC ms) otherwise. */
export function bucketsOf(bucket: StatsBucket, range: TimeRange): number[] {
  if (bucket === 'hour-of-day') return Array.from({ length: 24 }, (_, h) => h);
  const out: number[] = [];
  for (let t = bucketStart(bucket, range.from); t < range.to; t = nextBucketStart(bucket, t)) out.push(t);
  return out;
}

/**
 * The Paris offset over a period as segments: each `{ from, offsetMs }` holds from its start to the next one's.
 * Offsets change on whole UTC hours (every change since 1945), found by scanning the hours of the changing day.
 */
export function parisOffsetSegments(range: TimeRange): { from: number; offsetMs: number }[] {
  const out = [{ from: range.from, offsetMs: parisOffsetMs(range.from) }];
  const days = parisDayBoundaries(range.from, range.to);
  for (let i = 0; i + 1 < days.length; i++) {
    const [a, b] = [days[i]!, days[i + 1]!];
    if (parisOffsetMs(a) === parisOffsetMs(b - 1)) continue;
    for (let t = a; t < b; t += 3_600_000) {
      const off = parisOffsetMs(t);
      if (off !== out[out.length - 1]!.offsetMs && t > range.from && t < range.to) out.push({ from: t, offsetMs: off });
    }
  }
  return out;
}

/** Label of a bucket for files and logs: `07` for an hour, `2024-03-31` for a day, week or month start (Paris). */
export function bucketLabel(bucket: StatsBucket, key: number): string {
  if (bucket === 'hour-of-day') return String(key).padStart(2, '0');
  const [y, m, d] = parisYmd(key);
  const ymd = `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
  return bucket === 'month' ? ymd.slice(0, 7) : ymd;
}
