/**
 * @module server/contract/series
 * Answers of the read-only series routes (routes/series.ts, export.ts, live.ts): usage points, one series over a
 * range, daily energy, holdings, the export file and the live event stream.
 */
import { z } from 'zod';
import { QUANTITIES, SOURCES, type Quantity as CoreQuantity } from '../../core/series.ts';
import { STEPS } from '../../core/step.ts';
import { answers, fileAnswer, instant } from './common.ts';

export const step = z.enum([...STEPS, 'raw']);
export type Step = z.infer<typeof step>;
export const quantity = z.enum(Object.keys(QUANTITIES) as [CoreQuantity, ...CoreQuantity[]]);
export type Quantity = z.infer<typeof quantity>;
export const direction = z.enum(['consumption', 'production']);

export const seriesInfo = z.object({
  id: z.string(),
  quantity,
  direction,
  register: z.string(),
  step,
  source: z.enum(SOURCES),
  unit: z.string(),
  count: z.number(),
  first: instant,
  last: instant,
});
export type SeriesInfo = z.infer<typeof seriesInfo>;

export const usagePoint = z.object({ prm: z.string(), label: z.string().nullable(), series: z.array(seriesInfo) });
export type UsagePoint = z.infer<typeof usagePoint>;
export const usagePointsAnswer = z.object({ usagePoints: z.array(usagePoint) });

const numbers = z.array(z.number());
export const seriesData = z.object({
  prm: z.string(),
  series: z.string(),
  quantity,
  unit: z.string(),
  nativeStep: step,
  step,
  /** 0 when the points are the native readings; else the width of the buckets the hub aggregated into. */
  bucketMs: z.number(),
  from: instant,
  to: instant,
  /** Interval (bucket) starts, UTC milliseconds. */
  t: numbers,
  v: numbers,
  min: numbers.nullable(),
  max: numbers.nullable(),
});
export type SeriesData = z.infer<typeof seriesData>;

export const dailyEnergy = z.object({
  prm: z.string(),
  unit: z.literal('Wh'),
  /** Start of each Europe/Paris civil day, UTC milliseconds. */
  t: numbers,
  v: numbers,
});
export type DailyEnergy = z.infer<typeof dailyEnergy>;

export const holdings = z.object({ prm: z.string(), series: z.array(seriesInfo), generatedAt: instant });
export type Holdings = z.infer<typeof holdings>;

/** One `event: power` of `GET /api/live` (its `data:` line). */
export const livePower = z.object({ prm: z.string(), ts: z.number(), va: z.number() });
export type LivePower = z.infer<typeof livePower>;

export const seriesResponses = {
  usagePoints: answers({ 200: usagePointsAnswer }),
  series: answers({ 200: seriesData }),
  daily: answers({ 200: dailyEnergy }),
  holdings: answers({ 200: holdings }),
  export: answers({ 200: fileAnswer('CSV (text/csv) or JSON lines (application/x-ndjson) of the readings, streamed') }),
  live: answers({ 200: fileAnswer('server-sent events (text/event-stream): `event: power` with a LivePower as data') }),
};
