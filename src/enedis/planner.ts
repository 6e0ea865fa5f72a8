/**
 * @module enedis/planner
 * Splits a request into calls Enedis accepts: dates `YYYY-MM-DD`, `[start, end[`, end ≤ today, start clamped to
 * the history depth (24 months + 15 days for curves, 36 months + 15 days for daily data) and to the contract's
 * start (ADAM-ERR0123 otherwise), windows of ≤ 7 days (curves) or ≤ 365 days (daily).
 */
import { CourantError } from '../core/errors.ts';
import { KINDS, type DcKind, type WindowedKind } from './endpoints.ts';

export interface Window {
  readonly start: string;
  readonly end: string;
}

const DAY = 86_400_000;
const toDay = (s: string, where: string) => {
  const t = Date.parse(`${s}T00:00:00Z`);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(s) || Number.isNaN(t))
    throw new CourantError('INPUT_INVALID_DATE', `${where}: ${JSON.stringify(s)} is not a date YYYY-MM-DD`);
  return t;
};
const fmt = (t: number) => new Date(t).toISOString().slice(0, 10);

function windowed(kind: DcKind): WindowedKind {
  const spec = KINDS[kind];
  if (spec.once) throw new CourantError('INPUT_INVALID', `${kind}: fetched once per run, not by date windows`);
  return spec;
}

/** The earliest day Enedis serves for a kind, seen from `today`. */
export function historyStart(kind: DcKind, today: string): string {
  const t = new Date(toDay(today, 'today'));
  t.setUTCMonth(t.getUTCMonth() - windowed(kind).historyMonths);
  return fmt(t.getTime() - 15 * DAY);
}

export function planWindows(kind: DcKind, start: string, end: string, today: string, contractStart?: string): Window[] {
  let s = toDay(start, 'start');
  let e = toDay(end, 'end');
  s = Math.max(s, toDay(historyStart(kind, today), 'history'));
  if (contractStart) s = Math.max(s, toDay(contractStart.slice(0, 10), 'contract start'));
  e = Math.min(e, toDay(today, 'today'));
  const out: Window[] = [];
  const span = windowed(kind).windowDays * DAY;
  for (let a = s; a < e; a += span) out.push({ start: fmt(a), end: fmt(Math.min(a + span, e)) });
  return out;
}
