/**
 * @module use-cases/series-window
 * What is held of each series within a time window: count, first and last recomputed from the points inside it,
 * through the store's port (so every engine answers the same). Used where a caller may see only part of a usage
 * point's history (a household sees what came since it moved in): counts and dates of the rest are never shown.
 */
import type { TimeRange } from '../core/range.ts';
import { stepMs } from '../core/step.ts';
import type { ReadingStore, SeriesInfo } from '../ports/reading-store.ts';

const DAY_MS = 86_400_000;
/** The end of a series' last interval (raw points count one second). */
export const endOf = (s: SeriesInfo): number => s.last + (s.step === 'raw' ? 1000 : stepMs(s.step));

/** `held` restricted to `window`; series with no point inside it are left out. Whole series are returned as they are.
 */
export async function heldWithin(
  store: ReadingStore,
  held: readonly SeriesInfo[],
  window: TimeRange,
): Promise<SeriesInfo[]> {
  const out: SeriesInfo[] = [];
  for (const s of held) {
    if (s.first >= window.from && endOf(s) <= window.to) {
      out.push(s);
      continue;
    }
    const from = Math.max(window.from, s.first);
    const to = Math.min(window.to, endOf(s));
    if (from >= to) continue;
    const q = {
      prm: s.prm,
      quantity: s.quantity,
      direction: s.direction,
      register: s.register,
      step: s.step,
      source: s.source,
    };
    // per-day counts first (one small answer), then the exact first and last instants from the two edge days
    const days = await store.resample({ ...q, range: { from, to }, to: { bucketMs: DAY_MS } });
    if (days.ts.length === 0) continue;
    let count = 0;
    for (const c of days.count) count += c;
    const head = await store.read({ ...q, range: { from, to: Math.min(to, days.ts[0]! + DAY_MS) } });
    const tail = await store.read({ ...q, range: { from: Math.max(from, days.ts[days.ts.length - 1]!), to } });
    if (head.ts.length === 0 || tail.ts.length === 0) continue;
    out.push({ ...s, count, first: head.ts[0]!, last: tail.ts[tail.ts.length - 1]! });
  }
  return out;
}
