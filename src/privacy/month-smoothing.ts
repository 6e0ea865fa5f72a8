/**
 * @module privacy/month-smoothing
 * Month-smoothed daily sharing: every day of a finished month is delivered as the same share of that month's total,
 * and nothing of a month that is not finished or not fully known. The recipient gets a daily series whose monthly sums
 * are the month's total (a bill estimate is right to a few Wh) while no single day's consumption is sent: which days
 * a washing machine ran or the home stood empty cannot be read from it, only what a monthly bill already says.
 *
 * Why whole months only: a share of a month still in progress would change as days arrive, and two reads a day apart
 * would give the new day by difference. A month is delivered once, when it is over and every day of it is known, and
 * its values never change afterwards (unless the household itself corrects or deletes its data).
 *
 * Values are integer Wh, every day of a month the same: the month's total divided by its days, rounded to the Wh. The
 * month then sums to its total within half a Wh a day (at most 16 Wh, a few millionths of a household's month).
 * Giving the remainder to some days instead would make those days stand out by position, which a naive reader could
 * take for a signal.
 */
import { parisDate, parisWallToUtc } from '../core/calendar.ts';

/** How a caller's calendar names months and says when they are over. */
export interface MonthCalendar {
  /** The month a day belongs to (e.g. "2026-11"), from the day's start (UTC ms). */
  monthOf(dayStart: number): string;
  /** How many days the month has. */
  daysIn(month: string): number;
  /** True when the month is over (its last day has ended). */
  ended(month: string): boolean;
}

/**
 * The month-smoothed values of daily totals (Wh) at `ts` (day starts, ascending, one per day). A day gets its month's
 * share when the month is over and all its days are among `ts` with a finite value; otherwise NaN (withheld).
 */
export function smoothByMonth(ts: ArrayLike<number>, values: ArrayLike<number>, calendar: MonthCalendar): Float64Array {
  const months = new Map<string, { total: number; known: number; days: number[] }>();
  for (let i = 0; i < ts.length; i++) {
    const month = calendar.monthOf(ts[i]!);
    let m = months.get(month);
    if (!m) months.set(month, (m = { total: 0, known: 0, days: [] }));
    m.days.push(i);
    const v = values[i]!;
    if (Number.isFinite(v)) {
      m.total += v;
      m.known++;
    }
  }
  const out = new Float64Array(ts.length).fill(NaN);
  for (const [month, m] of months) {
    const n = calendar.daysIn(month);
    if (m.known !== n || m.days.length !== n || !calendar.ended(month)) continue;
    const share = Math.round(m.total / n);
    for (const i of m.days) out[i] = share;
  }
  return out;
}

/** The calendar of data on UTC wall-clock days (evaluation data sets, whose clocks carry no time zone). */
export function utcMonthCalendar(): MonthCalendar {
  return {
    monthOf: (t) => new Date(t).toISOString().slice(0, 7),
    daysIn: (month) => {
      const [y, m] = month.split('-').map(Number) as [number, number];
      return new Date(Date.UTC(y, m, 0)).getUTCDate();
    },
    ended: () => true,
  };
}

const monthStart = (month: string, plus = 0): number => {
  const [y, m] = month.split('-').map(Number) as [number, number];
  const k = m - 1 + plus;
  return parisWallToUtc(y + Math.floor(k / 12), (((k % 12) + 12) % 12) + 1, 1);
};

/** Paris civil months (the calendar a bill uses): a month is over once its last day has ended before `now`. */
export function parisMonthCalendar(now: number): MonthCalendar {
  return {
    monthOf: (t) => parisDate(t).slice(0, 7),
    daysIn: (month) => {
      const [y, m] = month.split('-').map(Number) as [number, number];
      return new Date(Date.UTC(y, m, 0)).getUTCDate();
    },
    ended: (month) => monthStart(month, 1) <= now,
  };
}

/** The whole Paris months covering [from, to): what a month-smoothed read must fetch to answer for [from, to). */
export function parisMonthSpan(from: number, to: number): { from: number; to: number } {
  return { from: monthStart(parisDate(from).slice(0, 7)), to: monthStart(parisDate(to - 1).slice(0, 7), 1) };
}
