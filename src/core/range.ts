/**
 * @module core/range
 * Half-open time ranges [from, to) in UTC milliseconds, parsed from user input.
 */
import { CourantError } from './errors.ts';
import { parisWallToUtc } from '../analytics/calendar.ts';

export interface TimeRange {
  readonly from: number;
  readonly to: number;
}

const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;
const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2})$/;

/**
 * Parse a user-supplied instant. A bare date (YYYY-MM-DD) means the start of that civil day in France (Europe/Paris),
 * as a household reads it; an instant must carry its offset (a local time without offset is ambiguous on
 * daylight-saving days, so it is refused).
 */
export function parseInstant(value: unknown, where: string): number {
  if (typeof value === 'number' && Number.isFinite(value)) return value;
  if (typeof value === 'string') {
    const s = value.trim();
    if (DATE_ONLY.test(s)) {
      const t = Date.parse(`${s}T00:00:00Z`);
      if (Number.isFinite(t) && new Date(t).toISOString().slice(0, 10) === s) {
        const [y, m, d] = s.split('-').map(Number) as [number, number, number];
        return parisWallToUtc(y, m, d);
      }
    } else if (ISO_INSTANT.test(s)) {
      const t = Date.parse(s);
      if (Number.isFinite(t)) return t;
    }
  }
  throw new CourantError('INPUT_INVALID_DATE', `${where}: ${JSON.stringify(value)} is not a date (YYYY-MM-DD) or an ISO-8601 instant with offset`, {
    details: { where },
  });
}

export function parseRange(from: unknown, to: unknown, where = 'range'): TimeRange {
  const f = parseInstant(from, `${where}.from`);
  const t = parseInstant(to, `${where}.to`);
  return checkRange({ from: f, to: t }, where);
}

export function checkRange(r: TimeRange, where = 'range'): TimeRange {
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
