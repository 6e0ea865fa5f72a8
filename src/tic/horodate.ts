/**
 * @module tic/horodate
 * Standard-mode time-stamps `SAAMMJJhhmmss` (54E §6.2.1.1): S = season, E summer (UTC+2) / H winter (UTC+1),
 * lower case when the meter clock is degraded, space when not applicable (DPMx/FPMx). Fields are French legal time;
 * we convert them to UTC instants with the offset the season letter gives, which also settles the repeated hour
 * in October. A blank season falls back to the Europe/Paris rules (first occurrence of a repeated hour).
 * Hand-written rather than Intl-based so the core stays platform-free and the hot path allocation-free.
 */
export interface Horodate {
  /** UTC milliseconds. */
  readonly ms: number;
  /** Season letter as sent: E, H, e, h or ' '. */
  readonly season: string;
  /** Lower-case season: the meter's real-time clock ran past its autonomy. */
  readonly degraded: boolean;
}

const DAYS_IN_MONTH = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

function two(b: Uint8Array, i: number): number {
  const a = b[i]! - 0x30;
  const c = b[i + 1]! - 0x30;
  if (a < 0 || a > 9 || c < 0 || c > 9) return -1;
  return a * 10 + c;
}

/** UTC ms of the last Sunday of a month at 01:00 UTC: when Europe/Paris changes its offset (EU rule). */
function lastSundayOneUtc(year: number, month0: number): number {
  const lastDay = Date.UTC(year, month0 + 1, 0, 1);
  const dow = new Date(lastDay).getUTCDay();
  return lastDay - dow * 86_400_000;
}

/** Offset of Europe/Paris (hours) for a wall-clock time, first occurrence on the repeated hour. */
export function parisOffsetHours(localAsUtcMs: number, year: number): number {
  const start = lastSundayOneUtc(year, 2); // summer starts 01:00 UTC = 02:00 local
  const end = lastSundayOneUtc(year, 9); // summer ends 01:00 UTC = 03:00 local summer time
  const asSummer = localAsUtcMs - 7_200_000;
  return asSummer >= start - 3_600_000 && asSummer < end ? 2 : 1;
}

/**
 * Parse 13 bytes at `at`. `blankSeason` allows the space season of DPM/FPM and forbids letters;
 * otherwise the season must be E, H, e or h. Returns null when any field is out of range.
 */
export function parseHorodate(b: Uint8Array, at: number, blankSeason: boolean): Horodate | null {
  const s = b[at]!;
  let offset: number;
  if (blankSeason) {
    if (s !== 0x20) return null;
    offset = 0;
  } else if (s === 0x45 || s === 0x65) offset = 2;
  else if (s === 0x48 || s === 0x68) offset = 1;
  else return null;
  const yy = two(b, at + 1);
  const mo = two(b, at + 3);
  const dd = two(b, at + 5);
  const hh = two(b, at + 7);
  const mi = two(b, at + 9);
  const ss = two(b, at + 11);
  if (yy < 0 || mo < 1 || mo > 12 || dd < 1 || hh < 0 || hh > 23 || mi < 0 || mi > 59 || ss < 0 || ss > 59) return null;
  const year = 2000 + yy;
  const leap = year % 4 === 0; // 2000–2099: every fourth year
  if (dd > DAYS_IN_MONTH[mo - 1]! || (mo === 2 && dd === 29 && !leap)) return null;
  const local = Date.UTC(year, mo - 1, dd, hh, mi, ss);
  if (offset === 0) offset = parisOffsetHours(local, year);
  return { ms: local - offset * 3_600_000, season: String.fromCharCode(s), degraded: s === 0x65 || s === 0x68 };
}

/** Format a UTC instant as a horodate, for building test frames (the season follows Europe/Paris rules). */
export function formatHorodate(ms: number, opts: { degraded?: boolean; blank?: boolean } = {}): string {
  const d0 = new Date(ms);
  const year = d0.getUTCFullYear();
  const summerStart = lastSundayOneUtc(year, 2);
  const summerEnd = lastSundayOneUtc(year, 9);
  const summer = ms >= summerStart && ms < summerEnd;
  const d = new Date(ms + (summer ? 2 : 1) * 3_600_000);
  const p = (n: number) => String(n).padStart(2, '0');
  let season = opts.blank ? ' ' : summer ? 'E' : 'H';
  if (opts.degraded && !opts.blank) season = season.toLowerCase();
  return `${season}${p(d.getUTCFullYear() % 100)}${p(d.getUTCMonth() + 1)}${p(d.getUTCDate())}${p(d.getUTCHours())}${p(d.getUTCMinutes())}${p(d.getUTCSeconds())}`;
}
