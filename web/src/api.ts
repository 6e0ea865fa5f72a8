/**
 * @module web/api
 * Typed client of the hub's HTTP API (see docs/dashboard.md). Paths are relative to the page, so the dashboard
 * works whatever prefix the hub is served under. Errors come back as `ApiError` carrying the hub's stable code.
 */

// The answers' types are the hub's own response contract (type-only: nothing of it reaches the bundle).
export type {
  DailyEnergy,
  Holdings,
  LivePower,
  Quantity,
  SeriesData,
  SeriesInfo,
  Step,
  UsagePoint,
} from '../../src/server/contract/series.ts';
export type { Health } from '../../src/server/contract/health.ts';
import type { DailyEnergy, Holdings, SeriesData, Step, UsagePoint } from '../../src/server/contract/series.ts';
import type { Health } from '../../src/server/contract/health.ts';
import type { ErrorBody } from '../../src/server/contract/common.ts';

/** An answer of the hub with an error status (`code` from the hub's catalogue), or `NETWORK` when it did not answer. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    /** Seconds to wait before asking again, when the hub says (Retry-After). */
    readonly retryAfter?: number,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

const url = (path: string, query: Record<string, string | number | undefined> = {}): string => {
  const u = new URL(path, document.baseURI);
  for (const [k, v] of Object.entries(query)) if (v !== undefined) u.searchParams.set(k, String(v));
  return u.toString();
};

export async function getJson<T>(
  path: string,
  query?: Record<string, string | number | undefined>,
  signal?: AbortSignal,
): Promise<T> {
  let res: Response;
  try {
    res = await fetch(url(path, query), { signal, headers: { accept: 'application/json' } });
  } catch (e) {
    if ((e as Error).name === 'AbortError') throw e;
    throw new ApiError(0, 'NETWORK', (e as Error).message);
  }
  const body = (await res.json().catch(() => null)) as (T & Partial<ErrorBody>) | null;
  if (!res.ok || body === null) {
    throw new ApiError(res.status, body?.error?.code ?? 'HTTP_ERROR', body?.error?.message ?? `HTTP ${res.status}`);
  }
  return body;
}

const up = (prm: string) => `api/usage-points/${encodeURIComponent(prm)}`;

export const api = {
  health: () => getJson<Health>('api/health'),
  usagePoints: (locale: string) =>
    getJson<{ usagePoints: UsagePoint[] }>('api/usage-points', { locale }).then((r) => r.usagePoints),
  /** Give `maxPoints` (about the chart width in pixels) to let the hub decimate, or `step` to force a step. */
  series: (
    prm: string,
    id: string,
    q: { from?: number; to?: number; maxPoints?: number; step?: Step },
    signal?: AbortSignal,
  ) =>
    getJson<SeriesData>(
      `${up(prm)}/series/${encodeURIComponent(id)}`,
      {
        from: q.from === undefined ? undefined : new Date(q.from).toISOString(),
        to: q.to === undefined ? undefined : new Date(q.to).toISOString(),
        maxPoints: q.maxPoints,
        step: q.step,
      },
      signal,
    ),
  daily: (prm: string, q: { from?: number; to?: number } = {}) =>
    getJson<DailyEnergy>(`${up(prm)}/daily`, {
      from: q.from === undefined ? undefined : new Date(q.from).toISOString(),
      to: q.to === undefined ? undefined : new Date(q.to).toISOString(),
    }),
  holdings: (prm: string) => getJson<Holdings>(`${up(prm)}/holdings`),
  exportUrl: (prm: string, format: 'csv' | 'json' = 'csv') => url(`${up(prm)}/export`, { format }),
  liveUrl: () => url('api/live'),
};
