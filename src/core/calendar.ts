/**
 * @module core/calendar
 * Civil days in Europe/Paris, where French meters and tariffs live. A civil day lasts 23, 24 or 25 hours,
 * so day boundaries are computed from the time-zone database (Intl), never by adding 86,400 s.
 */
import { isRealDate, isRealTime } from './calendar-fields.ts';

const PARIS = 'Europe/Paris';
const fmt = new Intl.DateTimeFormat('en-GB', {
  timeZone: PARIS,
  hourCycle: 'h23',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
});

/** Offset of Paris civil time from UTC at an instant straight from the time-zone database (Intl): slow (~5 µs). */
export function parisOffsetMsIntl(utcMs: number): number {
  const p: Record<string, number> = {};
  for (const part of fmt.formatToParts(new Date(utcMs))) if (part.type !== 'literal') p[part.type] = Number(part.value);
  const asUtc = Date.UTC(p.year!, p.month! - 1, p.day!, p.hour!, p.minute!, p.second!);
  return asUtc - Math.floor(utcMs / 1000) * 1000;
}

interface YearTable {
  readonly from: number;
  readonly to: number;
  /** Offset at `from`, then [instant, offset] for each change inside the year, in order. */
  readonly first: number;
  readonly changes: readonly (readonly [number, number])[];
}
const years = new Map<number, YearTable>();
let lastYear: YearTable | undefined;
const HOUR = 3_600_000;

/** The first instant in (lo, hi] whose offset differs from `before` (the offset at lo): bisection over Intl. */
function changeAt(lo: number, hi: number, before: number): number {
  // to the hour first (every change since 1945 falls on a whole UTC hour), then to the second if it did not
  while (hi - lo > HOUR) {
    const mid = lo + Math.floor((hi - lo) / 2 / HOUR) * HOUR;
    if (parisOffsetMsIntl(mid) === before) lo = mid;
    else hi = mid;
  }
  if (parisOffsetMsIntl(hi - 1000) === before) return hi;
  while (hi - lo > 1000) {
    const mid = lo + Math.floor((hi - lo) / 2000) * 1000;
    if (parisOffsetMsIntl(mid) === before) lo = mid;
    else hi = mid;
  }
  return hi;
}

/**
 * The year's offset changes, found once from the time-zone database: sampled on the 1st and 15th of each month
 * (Paris never changed its offset twice within 16 days; the test checks every change from 1940 to 2040), then
 * bisected to where it changes. Hand-written rather than taken from a time-zone library because Intl already
 * carries the database; this only caches what it says (about 50 Intl calls per year instead of one per instant).
 */
function yearTable(y: number): YearTable {
  let table = years.get(y);
  if (table) return table;
  const from = Date.UTC(y, 0, 1);
  const to = Date.UTC(y + 1, 0, 1);
  const first = parisOffsetMsIntl(from);
  const changes: [number, number][] = [];
  let prevT = from;
  let prevOff = first;
  for (let k = 1; k <= 24; k++) {
    const t = k === 24 ? to : Date.UTC(y, k >> 1, k & 1 ? 16 : 1);
    const off = parisOffsetMsIntl(t);
    if (off !== prevOff) changes.push([changeAt(prevT, t, prevOff), off]);
    prevT = t;
    prevOff = off;
  }
  table = { from, to, first, changes };
  years.set(y, table);
  return table;
}

/**
 * Offset of Paris civil time from UTC at an instant, in ms (3,600,000 in winter, 7,200,000 in summer).
 * Answers from a per-year table of offset changes (see `yearTable`), equal to `parisOffsetMsIntl` for whole
 * seconds and hundreds of times faster: importers and tariffs call it for every point.
 */
export function parisOffsetMs(utcMs: number): number {
  let table = lastYear;
  if (table === undefined || utcMs < table.from || utcMs >= table.to)
    table = lastYear = yearTable(new Date(utcMs).getUTCFullYear());
  let off = table.first;
  for (const [t, o] of table.changes) if (utcMs >= t) off = o;
  return off;
}

/**
 * The UTC instant of a Paris wall-clock time. For the repeated hour in autumn, `prefer` picks the first (summer) or
 * second (winter) occurrence; for the skipped spring hour, the instant after the gap. NaN when the fields name no
 * real date or time (month 13, 30 February, hour 24…), never a rolled-over day.
 */
export function parisWallToUtc(
  y: number,
  m: number,
  d: number,
  hh = 0,
  mm = 0,
  ss = 0,
  prefer: 'earlier' | 'later' = 'earlier',
): number {
  if (!isRealDate(y, m, d) || !isRealTime(hh, mm, ss)) return Number.NaN;
  const naive = Date.UTC(y, m - 1, d, hh, mm, ss);
  const candidates = [naive - 7_200_000, naive - 3_600_000].filter((t) => t + parisOffsetMs(t) === naive);
  // inside the spring gap (02:00–03:00 does not exist): read the wall time with the winter offset, i.e. shift forward
  if (candidates.length === 0) return naive - 3_600_000;
  return prefer === 'earlier' ? candidates[0]! : candidates[candidates.length - 1]!;
}

/** Start (UTC ms) of the Paris civil day containing `utcMs`. */
export function parisDayStart(utcMs: number): number {
  const local = utcMs + parisOffsetMs(utcMs);
  const day = new Date(Math.floor(local / 86_400_000) * 86_400_000);
  return parisWallToUtc(day.getUTCFullYear(), day.getUTCMonth() + 1, day.getUTCDate());
}

/** Starts of every Paris civil day overlapping [from, to), plus the end boundary: n+1 boundaries for n days. */
export function parisDayBoundaries(from: number, to: number): number[] {
  const out: number[] = [];
  let t = parisDayStart(from);
  while (t < to) {
    out.push(t);
    t = parisDayStart(t + 26 * 3_600_000); // 26 h always lands in the next civil day
  }
  out.push(t);
  return out;
}

/** YYYY-MM-DD of the Paris civil day containing an instant. */
export function parisDate(utcMs: number): string {
  return new Date(utcMs + parisOffsetMs(utcMs)).toISOString().slice(0, 10);
}
