/**
 * @module use-cases/series-query
 * Read use cases behind the dashboard, the API and `courant export`: list usage points and series, read a series
 * over a range at its native step, at a coarser step, or decimated to at most N buckets with min/max per bucket.
 */
import { CourantError } from '../core/errors.ts';
import { DEMO_LABEL, DEMO_PRM, SYNTHETIC_DEMO_LABEL, SYNTHETIC_DEMO_PRM, parsePrm, type Prm } from '../core/prm.ts';
import { checkRange, parseInstant, toIso, type TimeRange } from '../core/range.ts';
import { parseSeriesId, seriesId, type Direction, type Quantity, type Source } from '../core/series.ts';
import { isCoarserOrEqual, parseStep, stepMs, type FixedStep, type Step } from '../core/step.ts';
import type { ReadingStore, SeriesInfo } from '../ports/reading-store.ts';

export interface SeriesInfoJson {
  id: string;
  quantity: Quantity;
  direction: Direction;
  register: string;
  step: Step;
  source: Source;
  unit: string;
  count: number;
  first: string;
  last: string;
}

export const toSeriesJson = (s: SeriesInfo): SeriesInfoJson => ({
  id: seriesId(s),
  quantity: s.quantity,
  direction: s.direction,
  register: s.register,
  step: s.step,
  source: s.source,
  unit: s.unit,
  count: s.count,
  first: toIso(s.first),
  last: toIso(s.last),
});

export function usagePointLabel(prm: Prm, locale: 'fr' | 'en' = 'fr'): string | null {
  if (prm === DEMO_PRM) return DEMO_LABEL[locale];
  return prm === SYNTHETIC_DEMO_PRM ? SYNTHETIC_DEMO_LABEL[locale] : null;
}

export async function listUsagePoints(store: ReadingStore, locale: 'fr' | 'en' = 'fr') {
  const all = await store.list();
  const by = new Map<Prm, SeriesInfoJson[]>();
  for (const s of all) {
    const list = by.get(s.prm) ?? [];
    list.push(toSeriesJson(s));
    by.set(s.prm, list);
  }
  return [...by.entries()].map(([prm, series]) => ({ prm, label: usagePointLabel(prm, locale), series }));
}

/** Finds a held series or throws the same "not found or no access" whether the usage point or the series is absent. */
export async function findSeries(store: ReadingStore, prmRaw: unknown, idRaw: string): Promise<SeriesInfo> {
  const prm = parsePrm(prmRaw, 'usage point');
  const id = parseSeriesId(idRaw);
  const found = (await store.list(prm)).find((s) => seriesId(s) === seriesId(id));
  if (!found) throw new CourantError('HTTP_NOT_FOUND', `series ${idRaw} of usage point ${prm}: not found or no access`);
  return found;
}

const BUCKET_LADDER_MS = [60, 120, 300, 600, 900, 1800, 3600, 7200, 10800, 21600, 43200, 86400, 172800, 604800].map(
  (s) => s * 1000,
);

export interface SeriesRequest {
  from?: unknown;
  to?: unknown;
  step?: unknown;
  maxPoints?: unknown;
}

export interface SeriesResponse {
  prm: Prm;
  series: string;
  quantity: Quantity;
  unit: string;
  nativeStep: Step;
  step: Step;
  bucketMs: number;
  from: string;
  to: string;
  t: number[];
  v: number[];
  min: number[] | null;
  max: number[] | null;
}

const nativeMs = (s: SeriesInfo) => (s.step === 'raw' ? 1000 : stepMs(s.step));

export function resolveRange(info: SeriesInfo, req: SeriesRequest): TimeRange {
  const from = req.from === undefined || req.from === '' ? info.first : parseInstant(req.from, 'from');
  const to = req.to === undefined || req.to === '' ? info.last + nativeMs(info) : parseInstant(req.to, 'to');
  return checkRange({ from, to }, 'from/to');
}

export async function readSeries(
  store: ReadingStore,
  info: SeriesInfo,
  req: SeriesRequest,
  limit: number,
): Promise<SeriesResponse> {
  const range = resolveRange(info, req);
  const base = {
    prm: info.prm,
    series: seriesId(info),
    quantity: info.quantity,
    unit: info.unit,
    nativeStep: info.step,
    from: toIso(range.from),
    to: toIso(range.to),
  };
  const q = {
    prm: info.prm,
    quantity: info.quantity,
    direction: info.direction,
    register: info.register,
    step: info.step,
    source: info.source,
    range,
  };
  const span = range.to - range.from;
  if (req.step !== undefined && req.step !== '') {
    const step = parseStep(req.step, 'step');
    if (!isCoarserOrEqual(step, info.step)) {
      throw new CourantError(
        'INPUT_INVALID_STEP',
        `step: ${step} cannot be derived from this series, recorded ${info.step}; ask for ${info.step} or coarser`,
      );
    }
    const estimate = step === 'P1D' ? span / 82_800_000 : span / (step === 'raw' ? 1000 : stepMs(step));
    if (estimate > limit)
      throw new CourantError(
        'HTTP_TOO_MANY_POINTS',
        `about ${Math.ceil(estimate)} points at ${step} exceed the limit of ${limit}; shorten the range or use a coarser step`,
      );
    if (step === info.step) {
      const r = await store.read(q);
      return { ...base, step, bucketMs: 0, t: Array.from(r.ts), v: Array.from(r.values), min: null, max: null };
    }
    const r = await store.resample({ ...q, to: step as FixedStep });
    return {
      ...base,
      step,
      bucketMs: step === 'P1D' ? 86_400_000 : stepMs(step as FixedStep),
      t: Array.from(r.ts),
      v: Array.from(r.values),
      min: Array.from(r.min),
      max: Array.from(r.max),
    };
  }
  let maxPoints = 2000;
  if (req.maxPoints !== undefined && req.maxPoints !== '') {
    maxPoints = Number(req.maxPoints);
    if (!Number.isInteger(maxPoints) || maxPoints < 10 || maxPoints > limit)
      throw new CourantError(
        'INPUT_INVALID',
        `maxPoints: ${JSON.stringify(req.maxPoints)} must be a whole number from 10 to ${limit}`,
      );
  }
  const estimate =
    info.step === 'raw'
      ? (info.count * Math.min(span, info.last - info.first + 1000)) / Math.max(1000, info.last - info.first + 1000)
      : span / nativeMs(info);
  if (estimate <= maxPoints) {
    const r = await store.read(q);
    return {
      ...base,
      step: info.step,
      bucketMs: 0,
      t: Array.from(r.ts),
      v: Array.from(r.values),
      min: null,
      max: null,
    };
  }
  const want = span / maxPoints;
  const bucketMs =
    BUCKET_LADDER_MS.find((b) => b >= want && b >= nativeMs(info)) ?? Math.ceil(want / 86_400_000) * 86_400_000;
  const r = await store.resample({ ...q, to: { bucketMs } });
  return {
    ...base,
    step: info.step,
    bucketMs,
    t: Array.from(r.ts),
    v: Array.from(r.values),
    min: Array.from(r.min),
    max: Array.from(r.max),
  };
}

/** Daily energy (Wh per Paris civil day): the stored daily series when there is one, else the finest energy series
 * summed per day.
 */
export async function readDaily(store: ReadingStore, prmRaw: unknown, req: { from?: unknown; to?: unknown }) {
  const prm = parsePrm(prmRaw, 'usage point');
  const held = (await store.list(prm)).filter(
    (s) => s.quantity === 'energy' && s.direction === 'consumption' && s.register === '',
  );
  if (held.length === 0) {
    if ((await store.list(prm)).length === 0)
      throw new CourantError('HTTP_NOT_FOUND', `usage point ${prm}: not found or no access`);
    return { prm, unit: 'Wh' as const, t: [] as number[], v: [] as number[] };
  }
  const daily = held.find((s) => s.step === 'P1D');
  const src = daily ?? held.sort((a, b) => nativeMs(a) - nativeMs(b))[0]!;
  const range = resolveRange(src, req);
  const q = {
    prm,
    quantity: src.quantity,
    direction: src.direction,
    register: '',
    step: src.step,
    source: src.source,
    range,
  };
  if (daily) {
    const r = await store.read(q);
    return { prm, unit: 'Wh' as const, t: Array.from(r.ts), v: Array.from(r.values) };
  }
  const r = await store.resample({ ...q, to: 'P1D' });
  return { prm, unit: 'Wh' as const, t: Array.from(r.ts), v: Array.from(r.values) };
}
