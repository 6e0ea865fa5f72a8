/**
 * @module importers/stats
 * What an import run saw, for its summary: usage points, series, steps, time range, gaps inside each series, and
 * the check that each Paris civil day's load-curve energy equals that day's daily value (enedis-formats.md §1.5:
 * in real captures Σ W × step over the 48 points of a day equals the daily Wh exactly).
 */
import { parisDayStart, parisDate } from '../core/calendar.ts';
import { seriesId, type ReadingBatch } from '../core/series.ts';
import { stepMs, type FixedStep } from '../core/step.ts';
import type { ImportNotice } from './importer.ts';

export interface SeriesStat {
  readonly prm: string;
  readonly series: string;
  points: number;
  first: number;
  last: number;
  gaps: number;
}
export interface Gap {
  readonly prm: string;
  readonly series: string;
  /** End of the last interval before the gap and start of the next one, ISO UTC. */
  readonly from: string;
  readonly to: string;
}
export interface Mismatch {
  readonly prm: string;
  readonly direction: string;
  /** Paris civil day. */
  readonly day: string;
  readonly curveWh: number;
  readonly dailyWh: number;
}

/** Tolerance of the daily/curve check: Enedis rounds each value to 1 W / 1 Wh. */
const TOLERANCE_WH = (points: number) => Math.max(2, points * 0.5);
const MAX_LISTED = 50;

export class ImportStats {
  readonly series = new Map<string, SeriesStat>();
  readonly gaps: Gap[] = [];
  gapCount = 0;
  readonly notices: string[] = [];
  readonly metadata: Extract<ImportNotice, { kind: 'metadata' }>[] = [];
  readonly calendars: Extract<ImportNotice, { kind: 'calendar' }>[] = [];
  /** prm|direction → day start → [curve Wh, covered ms, points] */
  /** gap group → covered runs [start, end) (UTC ms); series key → its run being extended */
  private readonly runs = new Map<string, [number, number][]>();
  private readonly openRun = new Map<string, [number, number]>();
  private readonly curveDays = new Map<string, Map<number, [number, number, number]>>();
  private readonly dailyDays = new Map<string, Map<number, number>>();

  batch(b: ReadingBatch): void {
    const id = seriesId(b.key);
    const k = `${b.key.prm}|${id}`;
    let s = this.series.get(k);
    if (!s)
      this.series.set(k, (s = { prm: b.key.prm, series: id, points: 0, first: Infinity, last: -Infinity, gaps: 0 }));
    const n = b.ts.length;
    if (n === 0) return;
    const step = b.key.step === 'raw' ? 0 : stepMs(b.key.step as FixedStep);
    // gaps are looked for across step changes (a 30-min series ending, a day missing, a 60-min one starting): the
    // covered intervals of the sub-daily series of one quantity are kept as runs and merged in `finish()`; power
    // mirrors energy for curves, so only energy is looked at
    const daily = b.key.step === 'P1D';
    const track = step > 0 && b.key.quantity !== 'power';
    const group = daily ? k : `${b.key.prm}|${b.key.quantity}|${b.key.direction}|${b.key.register}|${b.key.source}`;
    const runs = track ? (this.runs.get(group) ?? this.runs.set(group, []).get(group)!) : undefined;
    let run = track ? this.openRun.get(k) : undefined;
    let prev = s.last;
    let first = s.first;
    const ts = b.ts;
    if (runs) {
      const span = daily ? 25 * 3_600_000 : step;
      for (let i = 0; i < n; i++) {
        const t = ts[i]!;
        const e = t + span;
        if (run && t >= run[0] && t <= run[1]) {
          if (e > run[1]) run[1] = e;
        } else runs.push((run = [t, e]));
        if (t > prev) prev = t;
        if (t < first) first = t;
      }
    } else
      for (let i = 0; i < n; i++) {
        const t = ts[i]!;
        if (t > prev) prev = t;
        if (t < first) first = t;
      }
    if (run) this.openRun.set(k, run);
    s.first = first;
    s.last = prev;
    s.points += n;
    if (b.key.quantity !== 'energy') return;
    const dk = `${b.key.prm}|${b.key.direction}`;
    if (b.key.step === 'P1D') {
      const m = this.dailyDays.get(dk) ?? this.dailyDays.set(dk, new Map()).get(dk)!;
      for (let i = 0; i < n; i++) m.set(b.ts[i]!, b.values[i]!);
    } else if (b.key.step !== 'raw') {
      const m = this.curveDays.get(dk) ?? this.curveDays.set(dk, new Map()).get(dk)!;
      let dayStart = Number.NaN;
      let dayEnd = Number.NaN;
      let cell: [number, number, number] = [0, 0, 0];
      for (let i = 0; i < n; i++) {
        const t = b.ts[i]!;
        if (!(t >= dayStart && t < dayEnd)) {
          dayStart = parisDayStart(t);
          dayEnd = parisDayStart(dayStart + 26 * 3_600_000);
          cell = m.get(dayStart) ?? m.set(dayStart, [0, 0, 0]).get(dayStart)!;
        }
        cell[0] += b.values[i]!;
        cell[1] += step;
        cell[2]++;
      }
    }
  }

  /** Merges the covered runs of each group; the holes between them are the gaps. Call once, at the end. */
  finish(): void {
    for (const [group, runs] of this.runs) {
      runs.sort((x, y) => x[0] - y[0]);
      const [prm, quantity, direction, register, source] = group.split('|') as [string, string, string, string, string];
      const label =
        source === undefined ? group.split('|')[1]! : [quantity, direction, register, source].filter(Boolean).join('.');
      const daily = source === undefined;
      let end = -Infinity;
      for (const [a, e] of runs) {
        if (end !== -Infinity && a > end) {
          this.gapCount++;
          const s = this.series.get(daily ? group : '');
          if (s) s.gaps++;
          if (this.gaps.length < MAX_LISTED)
            this.gaps.push({
              prm,
              series: label,
              from: new Date(daily ? end - 25 * 3_600_000 + 86_400_000 : end).toISOString(),
              to: new Date(a).toISOString(),
            });
        }
        if (e > end) end = e;
      }
    }
  }

  notice(n: ImportNotice): void {
    if (n.kind === 'notice') this.notices.push(n.message);
    else if (n.kind === 'metadata') this.metadata.push(n);
    else this.calendars.push(n);
  }

  /** Days holding both a complete curve and a daily value whose energies differ. */
  mismatches(): Mismatch[] {
    const out: Mismatch[] = [];
    for (const [dk, days] of this.curveDays) {
      const daily = this.dailyDays.get(dk);
      if (!daily) continue;
      const [prm, direction] = dk.split('|') as [string, string];
      for (const [day, [wh, covered, points]] of days) {
        const d = daily.get(day);
        if (d === undefined) continue;
        const length = parisDayStart(day + 26 * 3_600_000) - day;
        if (covered !== length) continue; // incomplete curve (gap, or a partial first/last day): not comparable
        if (Math.abs(wh - d) > TOLERANCE_WH(points))
          out.push({ prm, direction, day: parisDate(day), curveWh: Math.round(wh * 10) / 10, dailyWh: d });
      }
    }
    return out.sort((a, b) => (a.day < b.day ? -1 : 1));
  }

  /** Days where the check could be made (both values present, complete curve). */
  comparedDays(): number {
    let n = 0;
    for (const [dk, days] of this.curveDays) {
      const daily = this.dailyDays.get(dk);
      if (!daily) continue;
      for (const [day, [, covered]] of days)
        if (daily.has(day) && covered === parisDayStart(day + 26 * 3_600_000) - day) n++;
    }
    return n;
  }
}
