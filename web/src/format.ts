/**
 * @module web/format
 * Locale-aware formatting of numbers, energies, dates and durations. Dates are always shown on the Paris clock,
 * the household's clock, whatever the browser's time zone.
 */
import { translate, type Locale } from './i18n.ts';

export const TZ = 'Europe/Paris';
const tag = (l: Locale) => (l === 'fr' ? 'fr-FR' : 'en-GB');

export const fmtNumber = (l: Locale, n: number, digits = 0) =>
  new Intl.NumberFormat(tag(l), { maximumFractionDigits: digits, minimumFractionDigits: digits }).format(n);

/** Watt-hours as kWh with one decimal (a household reads kWh on its bill). */
export const fmtKwh = (l: Locale, wh: number) => `${fmtNumber(l, wh / 1000, wh >= 100_000 ? 0 : 1)} kWh`;

/** Watts as W below 1 kW, else kW with one decimal. */
export const fmtWatts = (l: Locale, w: number) =>
  Math.abs(w) < 1000 ? `${fmtNumber(l, w)} W` : `${fmtNumber(l, w / 1000, 1)} kW`;

export const fmtDate = (l: Locale, ms: number | string) =>
  new Intl.DateTimeFormat(tag(l), { timeZone: TZ, day: 'numeric', month: 'long', year: 'numeric' }).format(
    new Date(ms),
  );

export const fmtDay = (l: Locale, ms: number) =>
  new Intl.DateTimeFormat(tag(l), {
    timeZone: TZ,
    weekday: 'long',
    day: 'numeric',
    month: 'long',
    year: 'numeric',
  }).format(new Date(ms));

export const fmtDateTime = (l: Locale, ms: number | string) =>
  new Intl.DateTimeFormat(tag(l), {
    timeZone: TZ,
    day: 'numeric',
    month: 'short',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
  }).format(new Date(ms));

/** A bucket width in words: "10 minutes", "6 heures", "1 jour" (buckets are whole minutes, hours or days). */
export function fmtDuration(l: Locale, ms: number): string {
  const [n, one, many] =
    ms < 3_600_000
      ? ([ms / 60_000, 'duration.minute', 'duration.minutes'] as const)
      : ms < 86_400_000
        ? ([ms / 3_600_000, 'duration.hour', 'duration.hours'] as const)
        : ([ms / 86_400_000, 'duration.day', 'duration.days'] as const);
  return translate(l, n < 2 ? one : many, { n: fmtNumber(l, n, Number.isInteger(n) ? 0 : 1) });
}

/** Month and weekday names for the chart axes (uPlot's date templates). */
export function dateNames(l: Locale) {
  const months = Array.from({ length: 12 }, (_, m) => new Date(Date.UTC(2007, m, 15)));
  const days = Array.from({ length: 7 }, (_, d) => new Date(Date.UTC(2007, 0, 7 + d))); // 7 Jan 2007 was a Sunday
  const f = (o: Intl.DateTimeFormatOptions) => (d: Date) =>
    new Intl.DateTimeFormat(tag(l), { ...o, timeZone: 'UTC' }).format(d).replace('.', '');
  return {
    MMMM: months.map(f({ month: 'long' })),
    MMM: months.map(f({ month: 'short' })),
    WWWW: days.map(f({ weekday: 'long' })),
    WWW: days.map(f({ weekday: 'short' })),
  };
}

const parts = (l: Locale, o: Intl.DateTimeFormatOptions) => {
  const f = new Intl.DateTimeFormat(tag(l), { ...o, timeZone: TZ });
  return (ms: number) => f.format(new Date(ms)).replace(/\.$/, '');
};

/**
 * Tick labels of a time axis on the Paris clock, in the household's language (uPlot's own templates are US-style
 * "6/30"). The date is repeated under the time only where the day changes, so an hour view still says which day.
 */
export function timeAxisValues(l: Locale) {
  const month = parts(l, { month: 'short' });
  const monthYear = parts(l, { month: 'short', year: 'numeric' });
  const day = parts(l, { day: 'numeric', month: 'short' });
  const dayKey = parts(l, { year: 'numeric', month: '2-digit', day: '2-digit' });
  const yearKey = parts(l, { year: 'numeric' });
  const time = parts(l, { hour: '2-digit', minute: '2-digit' });
  return (_u: unknown, splits: number[], _axis: number, _space: number, incr: number): string[] =>
    splits.map((ms, i) => {
      const prev = i > 0 ? splits[i - 1]! : null;
      if (incr >= 28 * 86_400_000) return prev === null || yearKey(prev) !== yearKey(ms) ? monthYear(ms) : month(ms);
      if (incr >= 86_400_000) return day(ms);
      return prev === null || dayKey(prev) !== dayKey(ms) ? `${time(ms)}\n${day(ms)}` : time(ms);
    });
}
