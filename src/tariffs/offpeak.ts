/**
 * @module tariffs/offpeak
 * Off-peak hours as Enedis writes them ("HC (23h00-7h30)", "HC (22H00-6H00;12H30-14H30)", enedis-formats.md §1.5),
 * parsed with a tolerant expression, and minute-of-day membership tests.
 */
import { CourantError } from '../core/errors.ts';
import type { Offpeak, TimeRange } from './model.ts';

const RANGE = /(\d{1,2})\s*[hH:]\s*(\d{2})?\s*-\s*(\d{1,2})\s*[hH:]\s*(\d{2})?/g;

export function parseOffpeakText(text: string): Offpeak {
  const ranges: TimeRange[] = [];
  for (const m of text.matchAll(RANGE)) {
    const hh = (h: string, mm: string | undefined) => `${h.padStart(2, '0')}:${mm ?? '00'}`;
    ranges.push({ from: hh(m[1]!, m[2]), to: hh(m[3]!, m[4]) });
  }
  if (ranges.length === 0)
    throw new CourantError(
      'TARIFF_INVALID',
      `off-peak hours: no "HHhMM-HHhMM" range in ${JSON.stringify(text.slice(0, 60))}`,
    );
  for (const r of ranges) {
    minuteOf(r.from, 'offpeak.from');
    minuteOf(r.to, 'offpeak.to');
  }
  return { ranges };
}

export function minuteOf(hhmm: string, where: string): number {
  const m = /^(\d{2}):(\d{2})$/.exec(hhmm);
  const v = m ? Number(m[1]) * 60 + Number(m[2]) : Number.NaN;
  if (!m || v > 24 * 60 || Number(m[2]) > 59)
    throw new CourantError('TARIFF_INVALID', `${where}: ${JSON.stringify(hhmm)} is not a time HH:MM`);
  return v;
}

/** True when minute-of-day `min` is inside one of the ranges (end excluded, wrapping over midnight). */
export function inRanges(ranges: readonly TimeRange[], min: number): boolean {
  for (const r of ranges) {
    const a = minuteOf(r.from, 'range.from');
    const b = minuteOf(r.to, 'range.to');
    if (a < b ? min >= a && min < b : min >= a || min < b) return true;
  }
  return false;
}

/** Off-peak ranges applying on an ISO weekday. */
export function rangesFor(offpeak: Offpeak, isoWeekday: number): readonly TimeRange[] {
  return offpeak.byWeekday?.[isoWeekday as 1] ?? offpeak.ranges;
}
