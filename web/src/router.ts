/**
 * @module web/router
 * Hash router: `#/`, `#/data`, … One entry per page in `ROUTES` (app.tsx); a page added later is one line there.
 * Hash routes need nothing from the hub: it serves one index.html and every page lives behind it.
 */
import { useEffect, useState } from 'preact/hooks';

export const currentPath = (): string => {
  const h = location.hash.replace(/^#/, '');
  return h === '' ? '/' : h.split('?')[0]!;
};

export function useRoute(): string {
  const [path, setPath] = useState(currentPath());
  useEffect(() => {
    const on = () => setPath(currentPath());
    addEventListener('hashchange', on);
    return () => removeEventListener('hashchange', on);
  }, []);
  return path;
}

/** The hash parameter naming the meter in view (web/meter.ts); every link keeps it so no page loses the meter. */
export const METER_PARAM = 'm';

/** `#/path`, with the meter in view and any `extra` query parameters. */
export const href = (path: string, extra: Record<string, string> = {}): string => {
  const m = hashParam(METER_PARAM);
  const q = new URLSearchParams({ ...(m ? { [METER_PARAM]: m } : {}), ...extra }).toString();
  return q ? `#${path}?${q}` : `#${path}`;
};

/** A query parameter of the hash route (`#/setup?token=…`). */
export const hashParam = (name: string): string | null =>
  new URLSearchParams(location.hash.split('?')[1] ?? '').get(name);
