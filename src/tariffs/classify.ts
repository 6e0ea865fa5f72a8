/**
 * @module tariffs/classify
 * Which price class a half hour belongs to, from its Paris wall time: HP/HC by the offer's off-peak ranges (per
 * weekday when given); Tempo by the colour of the Tempo day (06:00 → 06:00) and HC 22:00–06:00; EJP peak days by
 * 07:00 → 01:00 the next night.
 */
import { parisOffsetMs } from '../core/calendar.ts';
import { CourantError } from '../core/errors.ts';
import type { DayCalendar, Offer, PriceClass, TimeRange } from './model.ts';
import { inRanges, rangesFor } from './offpeak.ts';

const H = 3_600_000;
const TEMPO_HC: readonly TimeRange[] = [{ from: '22:00', to: '06:00' }];

export interface LocalTime {
  /** Paris civil date `YYYY-MM-DD`. */
  readonly date: string;
  readonly minute: number;
  /** ISO weekday, 1 = Monday. */
  readonly weekday: number;
}

export function localTime(utcMs: number): LocalTime {
  const local = utcMs + parisOffsetMs(utcMs);
  const d = new Date(local);
  return {
    date: d.toISOString().slice(0, 10),
    minute: d.getUTCHours() * 60 + d.getUTCMinutes(),
    weekday: ((d.getUTCDay() + 6) % 7) + 1,
  };
}

function shiftedDate(utcMs: number, hours: number): string {
  const local = utcMs + parisOffsetMs(utcMs) - hours * H;
  return new Date(local).toISOString().slice(0, 10);
}

export function classify(offer: Offer, utcMs: number, calendar: DayCalendar): PriceClass {
  switch (offer.option) {
    case 'base':
      return 'base';
    case 'hphc': {
      const t = localTime(utcMs);
      if (!offer.offpeak)
        throw new CourantError('TARIFF_INVALID', `offer ${offer.id}: an HP/HC offer needs off-peak ranges`);
      return inRanges(rangesFor(offer.offpeak, t.weekday), t.minute) ? 'hc' : 'hp';
    }
    case 'tempo': {
      const t = localTime(utcMs);
      const day = shiftedDate(utcMs, 6);
      const colour = calendar.tempo.get(day);
      if (!colour)
        throw new CourantError(
          'TARIFF_NO_COLOUR',
          `Tempo day ${day} has no colour in the calendar; import the colour calendar for the period`,
          { details: { day } },
        );
      const hc = inRanges(offer.offpeak?.ranges ?? TEMPO_HC, t.minute);
      return `${colour}_${hc ? 'hc' : 'hp'}` as PriceClass;
    }
    case 'ejp': {
      const t = localTime(utcMs);
      if (t.minute >= 60 && t.minute < 7 * 60) return 'ejp_normal';
      const day = t.minute < 60 ? shiftedDate(utcMs, 2) : t.date;
      const kind = calendar.ejp.get(day);
      return kind === 'peak' ? 'ejp_peak' : 'ejp_normal';
    }
  }
}
