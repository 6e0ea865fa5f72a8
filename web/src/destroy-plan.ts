/**
 * @module web/destroy-plan
 * What a destructive action will take away, worked out before it runs from the series the hub lists (their counts,
 * steps and periods): every series touched, the period it loses, and how many values. A whole series or a purge is
 * exact; a period cut from a series is bounded by its count and by the intervals the period can hold ("at most").
 */
import type { SeriesInfo } from './api.ts';

export type DestroyKind = 'purge-fine' | 'delete-all' | 'delete-range' | 'erase';

export interface DestroyLine {
  series: SeriesInfo;
  from: number;
  to: number;
  values: number;
  /** The count is an upper bound (a period cut from a series with possible gaps). */
  atMost: boolean;
}

const STEP_MS: Record<string, number> = {
  PT1M: 60_000,
  PT10M: 600_000,
  PT15M: 900_000,
  PT30M: 1_800_000,
  PT1H: 3_600_000,
  P1D: 86_400_000,
};
const FINER_THAN_DAY = new Set(['raw', 'PT1M', 'PT10M', 'PT15M', 'PT30M', 'PT1H']);

/** Midnight of a `YYYY-MM-DD` day in France, as the hub reads a date (the start of that civil day, Europe/Paris). */
export function parisMidnight(day: string): number {
  for (const offset of ['+01:00', '+02:00']) {
    const t = Date.parse(`${day}T00:00:00${offset}`);
    const hour = new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/Paris', hour: '2-digit', hourCycle: 'h23' })
      .format(t)
      .padStart(2, '0');
    if (hour === '00') return t;
  }
  return Date.parse(`${day}T00:00:00Z`);
}

export function destroyPlan(
  kind: DestroyKind,
  series: readonly SeriesInfo[],
  range?: { from: string; to: string },
): DestroyLine[] {
  const whole = (s: SeriesInfo): DestroyLine => ({
    series: s,
    from: Date.parse(s.first),
    to: Date.parse(s.last),
    values: s.count,
    atMost: false,
  });
  if (kind === 'purge-fine') return series.filter((s) => FINER_THAN_DAY.has(s.step)).map(whole);
  if (kind !== 'delete-range' || !range) return series.map(whole);
  const from = parisMidnight(range.from);
  const to = parisMidnight(range.to); // the last day named is the first one kept, as the hub reads it
  return series.flatMap((s): DestroyLine[] => {
    const first = Date.parse(s.first);
    const last = Date.parse(s.last);
    if (last < from || first >= to) return [];
    const a = Math.max(first, from);
    const b = Math.min(last, to - 1);
    if (a <= first && b >= last) return [whole(s)];
    const step = STEP_MS[s.step];
    const slots = step ? Math.floor((b - a) / step) + 1 : s.count;
    return [{ series: s, from: a, to: b, values: Math.min(s.count, slots), atMost: true }];
  });
}

export const totalValues = (lines: readonly DestroyLine[]) => lines.reduce((n, l) => n + l.values, 0);
