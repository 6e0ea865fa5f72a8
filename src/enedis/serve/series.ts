/**
 * @module enedis/serve/series
 * What the answer builders take: the measure asked, its days, and its points as the hub holds them (UTC interval
 * starts), already at the step to deliver.
 */
import type { MeasureKind } from './params.ts';

export interface DcPoint {
  /** Interval start, UTC ms (a Paris midnight for daily values). */
  readonly ts: number;
  /** W (load curves), Wh (daily energy) or VA (max power). */
  readonly value: number;
  /** Max power: the instant of the day's peak when known; the day's start otherwise. */
  readonly at?: number | undefined;
  /** Load curves: the points's nature letter (`B` raw, `E` estimated…); `B` when absent. */
  readonly nature?: string | undefined;
}

export interface DcSeries {
  readonly kind: MeasureKind;
  readonly prm: string;
  readonly start: string;
  readonly end: string;
  /** Load curves: the step delivered, ms (PT30M normally). */
  readonly stepMs?: number | undefined;
  readonly points: readonly DcPoint[];
  /** Daily energy summed from a load curve rather than read as an index difference (2026 `modeCalcul`). */
  readonly fromCurve?: boolean | undefined;
}

const STEP_CODES: Readonly<Record<number, string>> = {
  600_000: 'PT10M',
  900_000: 'PT15M',
  1_800_000: 'PT30M',
  3_600_000: 'PT60M',
};

/** Enedis's code of a load-curve step (`PT60M`, not `PT1H`), or undefined for a step Enedis never sends. */
export function enedisStepCode(ms: number): string | undefined {
  return STEP_CODES[ms];
}

/** Values are strings of integers on the wire. */
export function wireValue(v: number): string {
  return String(Math.round(v));
}

export function isCurve(kind: MeasureKind): boolean {
  return kind === 'consumption_load_curve' || kind === 'production_load_curve';
}

export function isProduction(kind: MeasureKind): boolean {
  return kind === 'daily_production' || kind === 'production_load_curve';
}
