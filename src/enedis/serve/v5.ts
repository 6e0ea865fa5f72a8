/**
 * @module enedis/serve/v5
 * Data Connect v5 answers (enedis-formats.md §1.5): the `meter_reading` envelope, and its content alone as
 * conso.boris.sh answers. Daily dates are Paris civil days; load-curve dates Paris wall time at the END of each
 * interval; max-power dates the instant of the peak.
 */
import { enedisStepCode, isCurve, wireValue, type DcSeries } from './series.ts';
import { parisDay, parisWall } from './wall.ts';

export type ReadingType =
  | { measurement_kind: 'energy'; measuring_period: 'P1D'; unit: 'Wh'; aggregate: 'sum' }
  | { unit: 'W'; measurement_kind: 'power'; aggregate: 'average' }
  | { unit: 'VA'; measurement_kind: 'power'; aggregate: 'maximum'; measuring_period: 'P1D' };

export interface IntervalReading {
  value: string;
  date: string;
  interval_length?: string;
  measure_type?: string;
}

export interface MeterReading {
  usage_point_id: string;
  start: string;
  end: string;
  quality: 'BRUT';
  reading_type: ReadingType;
  interval_reading: IntervalReading[];
}

/** Field order as in the recorded answers (Enedis documentation, MyElectricalData capture, conso.boris.sh). */
function readingType(s: DcSeries): ReadingType {
  if (isCurve(s.kind)) return { unit: 'W', measurement_kind: 'power', aggregate: 'average' };
  if (s.kind === 'daily_consumption_max_power')
    return { unit: 'VA', measurement_kind: 'power', aggregate: 'maximum', measuring_period: 'P1D' };
  return { measurement_kind: 'energy', measuring_period: 'P1D', unit: 'Wh', aggregate: 'sum' };
}

/** The content of `meter_reading` (conso.boris.sh's whole answer). */
export function meterReading(s: DcSeries): MeterReading {
  const out: IntervalReading[] = [];
  if (isCurve(s.kind)) {
    const stepMs = s.stepMs ?? 1_800_000;
    const code = enedisStepCode(stepMs);
    if (!code) throw new RangeError(`a load-curve step of ${stepMs} ms has no Enedis code`);
    for (const p of s.points)
      out.push({
        value: wireValue(p.value),
        date: parisWall(p.ts + stepMs),
        interval_length: code,
        measure_type: p.nature ?? 'B',
      });
  } else if (s.kind === 'daily_consumption_max_power') {
    for (const p of s.points) out.push({ value: wireValue(p.value), date: parisWall(p.at ?? p.ts) });
  } else {
    for (const p of s.points) out.push({ value: wireValue(p.value), date: parisDay(p.ts) });
  }
  return {
    usage_point_id: s.prm,
    start: s.start,
    end: s.end,
    quality: 'BRUT',
    reading_type: readingType(s),
    interval_reading: out,
  };
}

/** The v5 answer. */
export function v5Answer(s: DcSeries): { meter_reading: MeterReading } {
  return { meter_reading: meterReading(s) };
}
