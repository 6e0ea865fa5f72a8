/**
 * @module enedis/serve/answer
 * The body of a successful answer on each face: Enedis v5 (`meter_reading`), conso.boris.sh (its content alone) and
 * Enedis 2026.
 */
import type { DcFace } from './params.ts';
import type { DcSeries } from './series.ts';
import { answer2026, type Answer2026 } from './v2026.ts';
import { meterReading, v5Answer, type MeterReading } from './v5.ts';

export type DcAnswer = { meter_reading: MeterReading } | MeterReading | Answer2026;

export function answerFor(face: DcFace, s: DcSeries): DcAnswer {
  if (face === 'v5') return v5Answer(s);
  if (face === 'conso') return meterReading(s);
  return answer2026(s);
}
