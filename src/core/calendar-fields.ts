/**
 * @module core/calendar-fields
 * Whether numbers name a real calendar date and time of day, so that parsers refuse `2025-13-01`, `2007-02-30`,
 * `24:00` or `12:60` instead of letting `Date` roll them over to another day.
 */

/** Days in a month of the proleptic Gregorian calendar (m 1–12). */
export function daysInMonth(y: number, m: number): number {
  if (m === 2) return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0 ? 29 : 28;
  return m === 4 || m === 6 || m === 9 || m === 11 ? 30 : 31;
}

/** True for integers naming a day that exists (month 1–12, day 1 to the month's length). */
export function isRealDate(y: number, m: number, d: number): boolean {
  return (
    Number.isInteger(y) &&
    Number.isInteger(m) &&
    Number.isInteger(d) &&
    m >= 1 &&
    m <= 12 &&
    d >= 1 &&
    d <= daysInMonth(y, m)
  );
}

/** True for integers naming a time of day: hours 0–23, minutes and seconds 0–59 (no `24:00`, no leap second). */
export function isRealTime(hh: number, mm: number, ss: number): boolean {
  return (
    Number.isInteger(hh) &&
    Number.isInteger(mm) &&
    Number.isInteger(ss) &&
    hh >= 0 &&
    hh <= 23 &&
    mm >= 0 &&
    mm <= 59 &&
    ss >= 0 &&
    ss <= 59
  );
}
