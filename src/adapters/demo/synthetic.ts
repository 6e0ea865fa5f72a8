/**
 * @module adapters/demo/synthetic
 * The synthetic demo household: a fictitious usage point (SYNTHETIC_DEMO_PRM) whose data covers the last
 * SYNTHETIC_DAYS Paris civil days up to the end of yesterday, so that clients asking "yesterday" or "the last 7 days"
 * find something. It is NOT a measurement of anyone: it is made of the UCI Sceaux house's days (demo.ts), re-dated.
 *
 * How it is derived:
 * 1. Source days: the UCI house's Paris civil days of January–June 2007 as 48 wall-clock half-hours (mean W of the
 *    minutes measured in each) plus the day's highest 1-minute power. Days where some half-hour has fewer than 20
 *    measured minutes are left out, and so is 25 March 2007 (23 hours long, it has no 02:00–03:00).
 * 2. Each target day takes a source day of the same weekday at the nearest point of the seasonal cycle, measured in
 *    days from the winter solstice and folded at the summer solstice (a target in August matches mid-May, one in
 *    November matches early February): the half-year of the source covers the whole year that way. Among the three
 *    nearest such days one is picked by a hash of the target date, so consecutive years do not repeat week for week.
 *    The choice depends on the target date alone: the same date always gets the same curve, whatever "today" is.
 * 3. The source's half-hours are laid onto the target day's wall clock: a 23-hour day skips 02:00–03:00, a 25-hour
 *    day repeats it.
 *
 * Stored like an imported Data Connect answer (importers/dataconnect): 30-minute load curve as mean power (integer
 * W, as Enedis sends it) with its energy (Wh), daily energy (Wh, the exact sum of the day's half-hours) and the
 * daily maximum power (`max_power`, VA; the source day's highest 1-minute active power stands in for the apparent
 * power, which the UCI file only gives through its reactive power). Source `demo`, like the UCI household.
 */
import { QUALITY, type ReadingBatch, type SeriesKey } from '../../core/series.ts';
import { SYNTHETIC_DEMO_PRM, isDemoPrm } from '../../core/prm.ts';
import { parisDate, parisOffsetMs, parisWallToUtc } from '../../core/calendar.ts';
import type { ReadingStore, WriteResult } from '../../ports/reading-store.ts';
import { readDemoMinutes, type DemoMinutes } from './demo.ts';

export { SYNTHETIC_DEMO_LABEL, SYNTHETIC_DEMO_PRM } from '../../core/prm.ts';
/** How many Paris civil days the synthetic household covers, ending yesterday. */
export const SYNTHETIC_DAYS = 400;
const DAY = 86_400_000;
const SLOT = 1_800_000;
const SLOTS = 48;
/** A half-hour of a source day counts when at least this many of its minutes were measured. */
const MIN_MINUTES = 20;
/** How many of the nearest same-weekday source days a target day may draw from. */
const CHOICES = 3;

/** One UCI day as a wall-clock profile. */
export interface SourceDay {
  /** YYYY-MM-DD (Paris) in 2007. */
  readonly date: string;
  /** 0 = Sunday. */
  readonly weekday: number;
  /** Days from the winter solstice, folded at the summer solstice: 0–182. */
  readonly season: number;
  /** Mean W of each wall-clock half-hour, 00:00 to 23:30. */
  readonly watts: Float64Array;
  /** Highest 1-minute power of the day, W. */
  readonly peak: number;
}

/** Days from 21 December to the month and day of `date` (YYYY-MM-DD), folded at the summer solstice: 0–182. */
export function seasonOf(date: string): number {
  const m = Number(date.slice(5, 7));
  const d = Number(date.slice(8, 10));
  // on a common year's calendar (29 February counts as 1 March)
  const doy = (Date.UTC(2001, m - 1, d) - Date.UTC(2001, 0, 1)) / DAY;
  const fromSolstice = (doy - 354 + 365) % 365;
  return Math.min(fromSolstice, 365 - fromSolstice);
}

const weekdayOf = (date: string) => new Date(`${date}T00:00:00Z`).getUTCDay();

/** The usable source days of the UCI minutes, in date order. */
export function sourceDays(m: DemoMinutes): SourceDay[] {
  // keyed by the wall-clock day number (days since 1970-01-01 on the Paris wall clock)
  const byDay = new Map<number, { sum: Float64Array; count: Uint16Array; peak: number }>();
  for (let i = 0; i < m.ts.length; i++) {
    const t = m.ts[i]!;
    const wall = t + parisOffsetMs(t);
    const day = Math.floor(wall / DAY);
    let d = byDay.get(day);
    if (!d) byDay.set(day, (d = { sum: new Float64Array(SLOTS), count: new Uint16Array(SLOTS), peak: 0 }));
    const slot = Math.floor((wall - day * DAY) / SLOT);
    d.sum[slot]! += m.watts[i]!;
    d.count[slot]!++;
    if (m.watts[i]! > d.peak) d.peak = m.watts[i]!;
  }
  const out: SourceDay[] = [];
  for (const [day, d] of byDay) {
    const date = new Date(day * DAY).toISOString().slice(0, 10);
    // a gap in the file, or a day of 23 hours (25 March 2007 has no 02:00–03:00 on its wall clock)
    if (!d.count.every((c) => c >= MIN_MINUTES && c <= 30)) continue;
    out.push({
      date,
      weekday: weekdayOf(date),
      season: seasonOf(date),
      watts: d.sum.map((s, k) => s / d.count[k]!),
      peak: d.peak,
    });
  }
  return out.sort((a, b) => (a.date < b.date ? -1 : 1));
}

/** A small integer hash of a date (FNV-1a over its characters): which of the nearest source days it takes. */
function hashDate(date: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < date.length; i++) h = Math.imul(h ^ date.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

/** The source day laid onto a target date (YYYY-MM-DD): same weekday, nearest season, hashed among the nearest. */
export function sourceFor(date: string, days: readonly SourceDay[]): SourceDay {
  const w = weekdayOf(date);
  const s = seasonOf(date);
  const near = days
    .filter((d) => d.weekday === w)
    .sort((a, b) => Math.abs(a.season - s) - Math.abs(b.season - s) || (a.date < b.date ? -1 : 1))
    .slice(0, CHOICES);
  if (near.length === 0) throw new Error(`synthetic demo: no source day for weekday ${w}`);
  return near[hashDate(date) % near.length]!;
}

/** Paris dates (YYYY-MM-DD) from `first` to `last` inclusive. */
function datesBetween(first: string, last: string): string[] {
  const out: string[] = [];
  for (let t = Date.parse(`${first}T00:00:00Z`); t <= Date.parse(`${last}T00:00:00Z`); t += DAY)
    out.push(new Date(t).toISOString().slice(0, 10));
  return out;
}

/** The Paris date `n` days before `date`. */
function daysBefore(date: string, n: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) - n * DAY).toISOString().slice(0, 10);
}

const dayStartOf = (date: string) =>
  parisWallToUtc(Number(date.slice(0, 4)), Number(date.slice(5, 7)), Number(date.slice(8, 10)));

/** The synthetic household's series for the Paris dates `first`..`last`: what a Data Connect import would store. */
export function syntheticBatches(first: string, last: string, days: readonly SourceDay[]): ReadingBatch[] {
  const key = (quantity: SeriesKey['quantity'], step: SeriesKey['step']): SeriesKey => ({
    prm: SYNTHETIC_DEMO_PRM,
    quantity,
    direction: 'consumption',
    register: '',
    step,
    source: 'demo',
  });
  const slotTs: number[] = [];
  const slotW: number[] = [];
  const dayTs: number[] = [];
  const dayWh: number[] = [];
  const dayPeak: number[] = [];
  for (const date of datesBetween(first, last)) {
    const src = sourceFor(date, days);
    const start = dayStartOf(date);
    const end = dayStartOf(daysBefore(date, -1));
    let wh = 0;
    for (let t = start; t < end; t += SLOT) {
      const wall = t + parisOffsetMs(t);
      const w = Math.round(src.watts[Math.floor((wall % DAY) / SLOT)]!);
      slotTs.push(t);
      slotW.push(w);
      wh += w / 2;
    }
    dayTs.push(start);
    dayWh.push(wh);
    dayPeak.push(Math.round(src.peak));
  }
  const ok = (n: number) => new Uint8Array(n).fill(QUALITY.OK);
  return [
    { key: key('power', 'PT30M'), ts: slotTs, values: slotW, quality: ok(slotTs.length) },
    { key: key('energy', 'PT30M'), ts: slotTs, values: slotW.map((w) => w / 2), quality: ok(slotTs.length) },
    { key: key('energy', 'P1D'), ts: dayTs, values: dayWh, quality: ok(dayTs.length) },
    { key: key('max_power', 'P1D'), ts: dayTs, values: dayPeak, quality: ok(dayTs.length) },
  ];
}

export interface SyntheticSeed {
  /** First and last Paris dates written (none when the household was already up to date). */
  readonly first: string | null;
  readonly last: string;
  readonly days: number;
  readonly result: WriteResult;
}

/**
 * Seeds or tops up the synthetic demo household so that it ends yesterday (Paris time, from `now`). Seeds it only
 * into a store holding no usage point but the demo ones; once there, each start adds the days missing since its last
 * day (at most SYNTHETIC_DAYS back), so a restart the next day adds exactly that day. Returns null when it is not
 * seeded (real data present).
 */
export async function seedSyntheticDemo(
  store: ReadingStore,
  now: number,
  onProgress?: (msg: string) => void,
  minutes: () => Promise<DemoMinutes> = () => readDemoMinutes(),
): Promise<SyntheticSeed | null> {
  const held = await store.usagePoints();
  if (!held.includes(SYNTHETIC_DEMO_PRM) && !held.every(isDemoPrm)) return null;
  const last = daysBefore(parisDate(now), 1);
  const earliest = daysBefore(last, SYNTHETIC_DAYS - 1);
  const daily = (await store.list(SYNTHETIC_DEMO_PRM)).find(
    (s) => s.quantity === 'energy' && s.step === 'P1D' && s.source === 'demo',
  );
  const after = daily ? daysBefore(parisDate(daily.last), -1) : earliest;
  const first = after > earliest ? after : earliest;
  if (first > last) return { first: null, last, days: 0, result: { added: 0, replaced: 0 } };
  onProgress?.(
    daily
      ? `synthetic demo household: adding ${first} to ${last} (not measurements: UCI Sceaux 2007 days re-dated)…`
      : `loading the synthetic demo household (${first} to ${last}; not measurements: UCI Sceaux 2007 days re-dated onto the current calendar)…`,
  );
  const batches = syntheticBatches(first, last, sourceDays(await minutes()));
  const result = await store.write(batches);
  const days = batches[2]!.ts.length;
  onProgress?.(
    `synthetic demo household ${SYNTHETIC_DEMO_PRM} up to ${last}: ${days} days, ${result.added} points added`,
  );
  return { first, last, days, result };
}
