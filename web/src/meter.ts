/**
 * @module web/meter
 * Which meter (usage point) the household is looking at: kept in the hash route as `m` (`#/data?m=PRM`) so a reload,
 * a bookmark or the back button stays on it. Every page link carries it (router.ts `href`); a meter the hub no longer
 * lists falls back to the first one it does (the shell says so).
 */
import { useEffect, useState } from 'preact/hooks';
import type { UsagePoint } from './api.ts';
import { currentPath, hashParam, METER_PARAM } from './router.ts';

/** The meter in the address, following it as it changes. */
export function useMeterParam(): [string | null, (prm: string, replace?: boolean) => void] {
  const [m, setM] = useState(hashParam(METER_PARAM));
  useEffect(() => {
    const on = () => setM(hashParam(METER_PARAM));
    addEventListener('hashchange', on);
    return () => removeEventListener('hashchange', on);
  }, []);
  const set = (prm: string, replace = false) => {
    const q = new URLSearchParams(location.hash.split('?')[1] ?? '');
    q.set(METER_PARAM, prm);
    const next = `#${currentPath()}?${q.toString()}`;
    if (replace) {
      // pinning the default meter into the address is no navigation: no history entry, no hashchange
      history.replaceState(history.state, '', next);
      setM(prm);
    } else location.hash = next;
  };
  return [m, set];
}

/** What the shell shows: the meter asked for, else the first held, and whether the one asked for is gone. */
export function pickMeter(
  meters: UsagePoint[],
  asked: string | null,
): { meter: UsagePoint | undefined; missing: string | null } {
  const found = asked ? meters.find((u) => u.prm === asked) : undefined;
  if (found) return { meter: found, missing: null };
  return { meter: meters[0], missing: asked };
}

/** The sources a meter's series come from, in a stable order (the switcher and the data page name them). */
export const meterSources = (up: UsagePoint): string[] => [...new Set(up.series.map((s) => s.source))].sort();
