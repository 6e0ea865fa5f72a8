/**
 * @module importers/time
 * Europe/Paris wall-clock ↔ UTC for importers. Offsets come from the time-zone database through
 * `core/calendar.ts` (Intl, cached per year), never from a hand-made DST table. Importers convert millions of
 * stamps, so the offset is also cached per local day: a day whose midnight and next midnight share an offset has one
 * offset
 * for all its hours (DST changes happen at 02:00/03:00 local, inside such a day only on the two change days).
 *
 * Files without an offset (Data Connect JSON, R63 CSV, portal XLSX) repeat 02:00–02:59 in autumn; `WallClock`
 * resolves the repeat by file order (the earliest instant after the previous stamp), as enedis-formats.md §2.5 asks.
 * The spring hour 02:00–02:59 does not exist: no Enedis format writes it (§2.5: "in spring 02:xx is absent") and none
 * says what it would mean, so `WallClock` answers NaN for it and the importers refuse the row (IMPORT_NONEXISTENT_TIME)
 * rather than move it to another instant.
 *
 * The parsers accept real calendar dates and times only: month 1–12, the days of that month, hours 0–23, minutes
 * and seconds 0–59, offsets up to ±23:59.
 */
import { parisOffsetMs, parisWallToUtc } from '../core/calendar.ts';

const DAY = 86_400_000;
const HOUR = 3_600_000;

/** naive day number → offset (ms) valid for the whole day, or NaN when the day holds a DST change. */
const dayOffset = new Map<number, number>();

function offsetForNaiveDay(dayNo: number): number {
  let off = dayOffset.get(dayNo);
  if (off === undefined) {
    const start = dayNo * DAY;
    // every instant of the local day lies in [start − 2 h, start + 24 h − 1 h) UTC (offsets are +1 h or +2 h):
    // equal offsets at both ends of a slightly wider window mean no change inside (two changes are months apart).
    // Changes fall at 01:00 UTC since 1996 but did not always (1976: 23:00 UTC), so no hour is assumed.
    const a = parisOffsetMs(start - 3 * HOUR);
    const b = parisOffsetMs(start + DAY);
    off = a === b ? a : Number.NaN;
    if (dayOffset.size > 100_000) dayOffset.clear();
    dayOffset.set(dayNo, off);
  }
  return off;
}

/**
 * All UTC instants whose Paris wall time is `naiveMs` (a wall time written as if it were UTC ms):
 * one instant normally, two in the repeated autumn hour, none in the skipped spring hour.
 */
export function wallCandidates(naiveMs: number): number[] {
  const off = offsetForNaiveDay(Math.floor(naiveMs / DAY));
  if (!Number.isNaN(off)) return [naiveMs - off];
  return [naiveMs - 2 * HOUR, naiveMs - HOUR].filter((t) => t + parisOffsetMs(t) === naiveMs);
}

/** True when a wall time (naive ms) falls in the spring gap: it is no instant in Paris. */
export function inSpringGap(naiveMs: number): boolean {
  return wallCandidates(naiveMs).length === 0;
}

/**
 * Wall time → UTC, taking the first occurrence in the repeated hour and shifting forward out of the spring gap. For
 * civil-day starts (midnight is never in the gap in Paris); a stamp read from a file goes through `WallClock`.
 */
export function wallToUtc(naiveMs: number): number {
  const c = wallCandidates(naiveMs);
  if (c.length === 1) return c[0]!;
  if (c.length === 2) return c[0]!;
  const d = new Date(naiveMs);
  return parisWallToUtc(
    d.getUTCFullYear(),
    d.getUTCMonth() + 1,
    d.getUTCDate(),
    d.getUTCHours(),
    d.getUTCMinutes(),
    d.getUTCSeconds(),
  );
}

/** UTC of Paris local midnight starting the civil day `YYYY-MM-DD` given as a naive day start (ms). */
export function parisMidnight(naiveDayMs: number): number {
  return wallToUtc(naiveDayMs);
}

/**
 * Stateful converter for a time-ordered sequence of offset-less wall stamps: in the repeated autumn hour it picks
 * the earliest instant strictly after the previous stamp, so "02:00, 02:30, 02:00, 02:30, 03:00" maps to five
 * consecutive half hours. One instance per series in a file. A wall time in the spring gap gives NaN and leaves the
 * converter as it was (callers refuse the row; a fast path may decline it and let the general path say so).
 */
export class WallClock {
  private prev = Number.NEGATIVE_INFINITY;
  toUtc(naiveMs: number): number {
    const off = offsetForNaiveDay(Math.floor(naiveMs / DAY));
    if (off === off) return (this.prev = naiveMs - off); // no DST change that day (not NaN)
    const c = wallCandidates(naiveMs);
    if (c.length === 0) return Number.NaN;
    const t = c.length === 1 || c[0]! > this.prev ? c[0]! : c[1]!;
    this.prev = t;
    return t;
  }
}

const Z0 = 48; // '0'

function digits(s: string, i: number, n: number): number {
  let v = 0;
  for (let k = 0; k < n; k++) {
    const c = s.charCodeAt(i + k) - Z0;
    if (c < 0 || c > 9) return Number.NaN;
    v = v * 10 + c;
  }
  return v;
}

const dayCache = new Map<number, number>();
/** A calendar day as naive ms (as if UTC), NaN when it does not exist (30 February…); cached. */
export function naiveDay(y: number, m: number, d: number): number {
  const key = y * 10_000 + m * 100 + d;
  let v = dayCache.get(key);
  if (v === undefined) {
    v = Date.UTC(y, m - 1, d);
    if (m < 1 || m > 12 || d < 1 || d > 31 || new Date(v).getUTCDate() !== d) v = Number.NaN;
    if (dayCache.size > 200_000) dayCache.clear();
    dayCache.set(key, v);
  }
  return v;
}

/**
 * Parse `YYYY-MM-DD`, `YYYY-MM-DD HH:MM[:SS]` or `YYYY-MM-DDTHH:MM[:SS][.sss]` as a naive wall time (ms as if UTC).
 * Returns NaN when malformed. A trailing offset or `Z` is reported through `offsetMinutes` of `parseIsoStamp`.
 * Hand-written because `Date.parse` is slow and treats offset-less ISO strings inconsistently.
 */
export function parseNaive(s: string): number {
  if (
    s.length === 19 &&
    s.charCodeAt(13) === 58 &&
    s.charCodeAt(16) === 58 &&
    s.charCodeAt(4) === 45 &&
    s.charCodeAt(7) === 45
  ) {
    // allocation-free path for `YYYY-MM-DD HH:MM:SS` / `YYYY-MM-DDTHH:MM:SS`
    const day = naiveDay(digits(s, 0, 4), digits(s, 5, 2), digits(s, 8, 2));
    const hh = digits(s, 11, 2);
    const mi = digits(s, 14, 2);
    const ss = digits(s, 17, 2);
    const sep = s.charCodeAt(10);
    if ((sep === 32 || sep === 84) && hh <= 23 && mi <= 59 && ss <= 59)
      return day + hh * HOUR + mi * 60_000 + ss * 1000;
    return Number.NaN;
  }
  return parseIsoStamp(s).naive;
}

export interface ParsedStamp {
  /** Wall time as if UTC, ms; NaN if malformed. */
  readonly naive: number;
  /** Offset in minutes when the stamp carries one (`+01:00`, `Z`), else undefined. */
  readonly offsetMin: number | undefined;
}

export function parseIsoStamp(s: string): ParsedStamp {
  const len = s.length;
  if (len < 10 || s.charCodeAt(4) !== 45 || s.charCodeAt(7) !== 45) return { naive: Number.NaN, offsetMin: undefined };
  const day = naiveDay(digits(s, 0, 4), digits(s, 5, 2), digits(s, 8, 2));
  if (len === 10) return { naive: day, offsetMin: undefined };
  const sep = s.charCodeAt(10);
  if ((sep !== 84 && sep !== 32) || len < 16 || s.charCodeAt(13) !== 58)
    return { naive: Number.NaN, offsetMin: undefined };
  const hh = digits(s, 11, 2);
  const mi = digits(s, 14, 2);
  let i = 16;
  let ss = 0;
  if (i < len && s.charCodeAt(i) === 58) {
    ss = digits(s, 17, 2);
    i = 19;
  }
  let ms = 0;
  if (i < len && s.charCodeAt(i) === 46) {
    i++;
    const from = i;
    let scale = 100;
    while (i < len && s.charCodeAt(i) >= 48 && s.charCodeAt(i) <= 57) {
      ms += (s.charCodeAt(i) - Z0) * scale;
      scale /= 10;
      i++;
    }
    if (i === from) return { naive: Number.NaN, offsetMin: undefined }; // a dot without digits
  }
  if (!(hh <= 23 && mi <= 59 && ss <= 59)) return { naive: Number.NaN, offsetMin: undefined };
  const naive = day + hh * HOUR + mi * 60_000 + ss * 1000 + Math.round(ms);
  if (i === len) return { naive, offsetMin: undefined };
  const c = s.charCodeAt(i);
  if (c === 90 && i + 1 === len) return { naive, offsetMin: 0 };
  if ((c === 43 || c === 45) && (len - i === 6 || len - i === 5)) {
    if (len - i === 6 && s.charCodeAt(i + 3) !== 58) return { naive: Number.NaN, offsetMin: undefined };
    const oh = digits(s, i + 1, 2);
    const om = len - i === 6 ? digits(s, i + 4, 2) : digits(s, i + 3, 2);
    if (!(oh <= 23 && om <= 59)) return { naive: Number.NaN, offsetMin: undefined };
    return { naive, offsetMin: (oh * 60 + om) * (c === 45 ? -1 : 1) };
  }
  return { naive: Number.NaN, offsetMin: undefined };
}

/**
 * Fast path for the commonest stamp of the portal / HDM CSV, `YYYY-MM-DDTHH:MM:SS+HH:MM` (25 chars): UTC ms without
 * allocating; NaN for any other shape (callers then fall back to `parseIsoStamp`).
 */
export function offsetStampToUtc(s: string): number {
  if (
    s.length !== 25 ||
    s.charCodeAt(10) !== 84 ||
    s.charCodeAt(13) !== 58 ||
    s.charCodeAt(16) !== 58 ||
    s.charCodeAt(22) !== 58
  )
    return Number.NaN;
  const sign = s.charCodeAt(19);
  if (sign !== 43 && sign !== 45) return Number.NaN;
  const day = naiveDay(digits(s, 0, 4), digits(s, 5, 2), digits(s, 8, 2));
  const hh = digits(s, 11, 2);
  const mi = digits(s, 14, 2);
  const ss = digits(s, 17, 2);
  const oh = digits(s, 20, 2);
  const om = digits(s, 23, 2);
  if (!(hh <= 23 && mi <= 59 && ss <= 59 && oh <= 23 && om <= 59)) return Number.NaN;
  const off = (oh * 60 + om) * (sign === 45 ? -1 : 1);
  return day + hh * HOUR + mi * 60_000 + ss * 1000 - off * 60_000;
}

/** Parse French `dd/mm/yyyy[ HH:MM[:SS]]` as a naive wall time (ms as if UTC); NaN if malformed. */
export function parseFrenchNaive(s: string): number {
  const t = s.trim();
  if (t.length < 10 || t.charCodeAt(2) !== 47 || t.charCodeAt(5) !== 47) return Number.NaN;
  const day = naiveDay(digits(t, 6, 4), digits(t, 3, 2), digits(t, 0, 2));
  if (t.length === 10) return day;
  if (
    t.charCodeAt(10) !== 32 ||
    t.charCodeAt(13) !== 58 ||
    !(t.length === 16 || (t.length === 19 && t.charCodeAt(16) === 58))
  )
    return Number.NaN;
  const hh = digits(t, 11, 2);
  const mi = digits(t, 14, 2);
  const ss = t.length === 19 ? digits(t, 17, 2) : 0;
  return hh <= 23 && mi <= 59 && ss <= 59 ? day + hh * HOUR + mi * 60_000 + ss * 1000 : Number.NaN;
}

/** The Paris civil-day start (UTC) nearest to an instant: used for daily index stamps at a fixed 22:00/23:00 UTC. */
export function nearestParisMidnight(utcMs: number): number {
  const local = utcMs + parisOffsetMs(utcMs);
  const dayNo = Math.round(local / DAY);
  return wallToUtc(dayNo * DAY);
}

/** Start (UTC) of the Paris civil day containing an instant (e.g. the instant of a daily peak). */
export function parisDayOf(utcMs: number): number {
  const local = utcMs + parisOffsetMs(utcMs);
  return wallToUtc(Math.floor(local / DAY) * DAY);
}

let digitsDayKey = Number.NaN;
let digitsDay = Number.NaN;

/**
 * A `YYYY-MM-DD HH:MM:SS` stamp given as its 14 digits read as one integer (`YYYYMMDDhhmmss`) → naive wall time
 * (ms as if UTC), as `parseNaive` gives it for the text; NaN when not a valid date and time. For streaming parsers
 * that read digits while scanning; the last day is remembered since consecutive stamps share it.
 */
export function naiveFromDigits(x: number): number {
  const dayKey = Math.floor(x / 1_000_000);
  if (dayKey !== digitsDayKey) {
    digitsDay = naiveDay(Math.floor(dayKey / 10_000), Math.floor(dayKey / 100) % 100, dayKey % 100);
    digitsDayKey = dayKey;
  }
  const t = x - dayKey * 1_000_000;
  const hh = Math.floor(t / 10_000);
  const mi = Math.floor(t / 100) % 100;
  const ss = t % 100;
  return hh <= 23 && mi <= 59 && ss <= 59 ? digitsDay + hh * HOUR + mi * 60_000 + ss * 1000 : Number.NaN;
}

/** {@link naiveFromDigits} for a stamp already split into `YYYYMMDD` and its time fields: no division per stamp. */
export function naiveFromFields(dayKey: number, hh: number, mi: number, ss: number): number {
  if (dayKey !== digitsDayKey) {
    digitsDay = naiveDay(Math.floor(dayKey / 10_000), Math.floor(dayKey / 100) % 100, dayKey % 100);
    digitsDayKey = dayKey;
  }
  return hh <= 23 && mi <= 59 && ss <= 59 ? digitsDay + hh * HOUR + mi * 60_000 + ss * 1000 : Number.NaN;
}
