/**
 * @module core/range
 * Half-open time ranges [from, to) in UTC milliseconds, parsed from user input.
 */
import { CourantError } from './errors.ts';
import { parisWallToUtc } from './calendar.ts';
import { daysInMonth, isRealTime } from './calendar-fields.ts';

export interface TimeRange {
  readonly from: number;
  readonly to: number;
}

const DATE_ONLY = /^(\d{4})-(\d{2})-(\d{2})$/;
const ISO_INSTANT = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,3}))?)?(?:Z|([+-])(\d{2}):(\d{2}))$/;
/** English month names, for messages (the reveal summary's English sentences use them too). */
export const MONTHS_EN: readonly string[] = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];

const shown = (v: unknown) =>
  typeof v === 'string' || (typeof v === 'object' && v !== null) ? JSON.stringify(v).slice(0, 60) : String(v);
const invalidDate = (where: string, value: unknown, why: string) =>
  new CourantError('INPUT_INVALID_DATE', `${where}: ${shown(value)} ${why}`, { details: { where } });

/** Why the fields of a date and time name nothing real, or undefined when they do. */
function impossible(y: number, m: number, d: number, hh = 0, mi = 0, ss = 0): string | undefined {
  if (m < 1 || m > 12) return `is not a date: there is no month ${m}`;
  if (d < 1 || d > daysInMonth(y, m)) return `is not a date: ${MONTHS_EN[m - 1]} ${y} has ${daysInMonth(y, m)} days`;
  if (!isRealTime(hh, mi, ss)) return `is not a time: hours run 00–23, minutes and seconds 00–59`;
  return undefined;
}

/**
 * Parse a user-supplied instant. A bare date (YYYY-MM-DD) means the start of that civil day in France (Europe/Paris),
 * as a household reads it; an instant must carry its offset (a local time without offset is ambiguous on
 * daylight-saving days, so it is refused). Only real calendar dates and times are accepted: month 13, 30 February,
 * hour 24 or minute 60 are refused with INPUT_INVALID_DATE naming `where`, never rolled over to another day.
 */
export function parseInstant(value: unknown, where: string): number {
  if (typeof value === 'number' && Number.isFinite(value)) return value;
  if (typeof value === 'string') {
    const s = value.trim();
    const day = DATE_ONLY.exec(s);
    if (day) {
      const [y, m, d] = [Number(day[1]), Number(day[2]), Number(day[3])];
      const why = impossible(y, m, d);
      if (why) throw invalidDate(where, value, why);
      return parisWallToUtc(y, m, d);
    }
    const t = ISO_INSTANT.exec(s);
    if (t) {
      const [y, m, d, hh, mi, ss] = [1, 2, 3, 4, 5, 6].map((i) => Number(t[i] ?? 0)) as [
        number,
        number,
        number,
        number,
        number,
        number,
      ];
      const why = impossible(y, m, d, hh, mi, ss);
      if (why) throw invalidDate(where, value, why);
      const oh = Number(t[9] ?? 0);
      const om = Number(t[10] ?? 0);
      if (oh > 23 || om > 59) throw invalidDate(where, value, 'has no valid offset: ±HH:MM up to ±23:59');
      const ms = Number((t[7] ?? '').padEnd(3, '0'));
      const at = new Date(0);
      at.setUTCFullYear(y, m - 1, d); // not Date.UTC, which reads years 0–99 as 1900–1999
      at.setUTCHours(hh, mi, ss, ms);
      return at.getTime() - (t[8] === '-' ? -1 : 1) * (oh * 60 + om) * 60_000;
    }
  }
  throw invalidDate(where, value, 'is not a date (YYYY-MM-DD) or an ISO-8601 instant with offset');
}

export function parseRange(from: unknown, to: unknown, where = 'range'): TimeRange {
  const f = parseInstant(from, `${where}.from`);
  const t = parseInstant(to, `${where}.to`);
  return checkRange({ from: f, to: t }, where);
}

export function checkRange(r: TimeRange, where = 'range'): TimeRange {
  if (r === null || typeof r !== 'object')
    throw new CourantError('INPUT_INVALID_RANGE', `${where}: a range needs a start and an end`, { details: { where } });
  for (const k of ['from', 'to'] as const) {
    if (typeof r[k] !== 'number' || !Number.isFinite(r[k]))
      throw invalidDate(`${where}.${k}`, r[k], 'is not an instant');
  }
  if (!(r.from < r.to)) {
    throw new CourantError(
      'INPUT_INVALID_RANGE',
      `${where}: start ${new Date(r.from).toISOString()} is not before end ${new Date(r.to).toISOString()}`,
      { details: { where } },
    );
  }
  return r;
}

export function toIso(ms: number): string {
  return new Date(ms).toISOString();
}
