/**
 * @module reveal/summary
 * What the "what your load curve reveals" page and the consent previews show: for one household's own series at
 * one step, the routine per day, absence periods, water-heater runs, and one short sentence in French or English.
 * Pure: columns in, plain JSON-able object out (no Float64Array in the result).
 */
import { parisOffsetMs } from '../core/calendar.ts';
import { MONTHS_EN } from '../core/range.ts';
import { stepMs, STEP_WORDS, type FixedStep } from '../core/step.ts';
import { gridFromColumns, coarsen } from './grid.ts';
import { detectAbsences } from './absence.ts';
import { detectBaseLoad } from './baseload.ts';
import { detectRoutine, type DayRoutine } from './routine.ts';
import { detectWaterHeater, type HeaterRun } from './waterheater.ts';
import type { AbsencePeriod } from './absence.ts';
import type { NoneReason } from './outcome.ts';

export type Locale = 'fr' | 'en';

export interface SeriesInput {
  readonly ts: Float64Array | readonly number[];
  readonly values: Float64Array | readonly number[];
  /** W (mean power) or Wh (energy per interval); default W. */
  readonly unit?: 'W' | 'Wh';
  /** The step of the columns; they are coarsened to the step asked for. Default: the step asked for. */
  readonly step?: FixedStep;
}

export interface RevealSummary {
  readonly step: FixedStep;
  readonly baseLoadW: number | null;
  readonly routine:
    | { readonly usualWake: string | null; readonly usualBed: string | null; readonly days: readonly DayRoutine[] }
    | { readonly none: NoneReason };
  readonly absences:
    { readonly periods: readonly AbsencePeriod[]; readonly days: readonly string[] } | { readonly none: NoneReason };
  readonly waterHeater:
    | {
        readonly powerW: number;
        readonly schedule: string;
        readonly usualFirstStart: string | null;
        readonly usualStart: string | null;
        readonly runs: readonly HeaterRun[];
      }
    | { readonly none: NoneReason };
  /** One or two sentences for the household, in the locale asked for. */
  readonly sentence: string;
}

const MONTHS: Record<Locale, readonly string[]> = {
  fr: [
    'janvier',
    'février',
    'mars',
    'avril',
    'mai',
    'juin',
    'juillet',
    'août',
    'septembre',
    'octobre',
    'novembre',
    'décembre',
  ],
  en: MONTHS_EN,
};

function dayWords(iso: string, locale: Locale): { d: number; m: string } {
  return { d: Number(iso.slice(8, 10)), m: MONTHS[locale][Number(iso.slice(5, 7)) - 1]! };
}

function periodWords(p: AbsencePeriod, locale: Locale): string {
  const a = dayWords(p.from, locale);
  const b = dayWords(p.to, locale);
  if (locale === 'fr') return a.m === b.m ? `du ${a.d} au ${b.d} ${b.m}` : `du ${a.d} ${a.m} au ${b.d} ${b.m}`;
  return a.m === b.m ? `from ${a.d} to ${b.d} ${b.m}` : `from ${a.d} ${a.m} to ${b.d} ${b.m}`;
}

const WITH: Record<FixedStep, Record<Locale, string>> = {
  PT1M: { fr: 'Avec des données à la minute', en: 'With 1-minute data' },
  PT10M: { fr: 'Avec des données toutes les 10 minutes', en: 'With 10-minute data' },
  PT15M: { fr: 'Avec des données toutes les 15 minutes', en: 'With 15-minute data' },
  PT30M: { fr: 'Avec des données toutes les 30 minutes', en: 'With 30-minute data' },
  PT1H: { fr: 'Avec des données horaires', en: 'With hourly data' },
  P1D: { fr: 'Avec des données journalières', en: 'With daily data' },
};

export function revealSummary(series: SeriesInput, step: FixedStep, locale: Locale = 'fr'): RevealSummary {
  const own = series.step ? stepMs(series.step) : stepMs(step);
  let g = gridFromColumns(series.ts, series.values, own, { unit: series.unit ?? 'W', offsetMs: parisOffsetMs });
  // what is shown is what the data allow: a step finer than the series (or not a multiple of it) is not invented
  const coarser = stepMs(step) > own && stepMs(step) % own === 0;
  if (coarser) g = coarsen(g, stepMs(step));
  else if (series.step) step = series.step;
  const base = detectBaseLoad(g);
  const routine = detectRoutine(g);
  const absences = detectAbsences(g);
  const heater = detectWaterHeater(g);
  const parts: string[] = [];
  const fr = locale === 'fr';
  if (routine.status === 'ok' && routine.value.usualWake)
    parts.push(
      fr
        ? `que vous vous levez habituellement vers ${routine.value.usualWake}`
        : `that you usually wake around ${routine.value.usualWake}`,
    );
  if (absences.status === 'ok' && absences.value.periods.length > 0) {
    const longest = [...absences.value.periods].sort((a, b) => b.days - a.days)[0]!;
    parts.push(
      fr
        ? `que votre logement était inoccupé ${periodWords(longest, locale)}`
        : `that you were away ${periodWords(longest, locale)}`,
    );
  }
  if (heater.status === 'ok' && heater.value.usualFirstStart) {
    parts.push(
      heater.value.schedule === 'off_peak_relay'
        ? fr
          ? `que votre chauffe-eau démarre aux heures creuses, vers ${heater.value.usualStart}`
          : `that your water heater starts with off-peak hours, around ${heater.value.usualStart}`
        : fr
          ? `que votre chauffe-eau chauffe après vos douches, la première fois vers ${heater.value.usualFirstStart}`
          : `that your water heater reheats after your showers, first around ${heater.value.usualFirstStart}`,
    );
  }
  const lead = WITH[step][locale];
  const sentence =
    parts.length === 0
      ? fr
        ? `${lead}, un destinataire ne pourrait déduire de façon fiable ni vos horaires ni vos absences.`
        : `${lead}, a recipient could not reliably infer your daily times or absences.`
      : `${lead}, ${fr ? 'un destinataire pourrait estimer' : 'a recipient could estimate'} ${joinList(parts, locale)}.`;
  return {
    step,
    baseLoadW: base.status === 'ok' ? Math.round(base.value.baseW) : null,
    routine:
      routine.status === 'ok'
        ? { usualWake: routine.value.usualWake, usualBed: routine.value.usualBed, days: routine.value.days }
        : { none: routine.reason },
    absences:
      absences.status === 'ok'
        ? { periods: absences.value.periods, days: absences.value.absentDays }
        : { none: absences.reason },
    waterHeater:
      heater.status === 'ok'
        ? {
            powerW: heater.value.powerW,
            schedule: heater.value.schedule,
            usualFirstStart: heater.value.usualFirstStart,
            usualStart: heater.value.usualStart,
            runs: heater.value.runs,
          }
        : { none: heater.reason },
    sentence,
  };
}

function joinList(parts: string[], locale: Locale): string {
  if (parts.length === 1) return parts[0]!;
  const and = locale === 'fr' ? ' et ' : ' and ';
  return `${parts.slice(0, -1).join(', ')}${and}${parts[parts.length - 1]}`;
}

/** For the page: words for a step ("toutes les 30 minutes"). */
export function stepWords(step: FixedStep, locale: Locale): string {
  return STEP_WORDS[step][locale];
}
