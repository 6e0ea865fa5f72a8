/**
 * @module use-cases/recording-guard
 * The household's recording controls (D. 224-27: stop fine recording, change the recorded step) enforced at the one
 * place every write passes: a ReadingStore decorator, applied once by the composition root (backend/open-backend.ts)
 * so the hub, every CLI command and every live source write through it. A batch at a step the household has not
 * allowed is not stored. Cumulative indexes are kept at the daily step instead (the first index sample of each Paris
 * civil day, i.e. the register value at the day start), so daily energy stays computable while nothing finer is kept.
 * What was refused is reported in the write's result (`WriteResult.refused`): series, step, points, and the daily
 * values kept in their place, so each entry point can tell the household.
 */
import { seriesId, type ReadingBatch } from '../core/series.ts';
import type { Step } from '../core/step.ts';
import { parisDayStart } from '../core/calendar.ts';
import type { ReadingStore, RefusedPoints, WriteResult } from '../ports/reading-store.ts';

export interface RecordingPolicy {
  /** Bring the controls up to date before a write is filtered (a ledger shared by several hub instances: the
   *  household may have stopped fine recording on another one). */
  refresh?(): Promise<void>;
  mayRecord(prm: string, step: Step): boolean;
  /** Why a step may not be recorded, in a word (defaults to `fine-recording-stopped`). */
  refusalReason?(prm: string, step: Step): string;
}

type Tally = Map<
  string,
  {
    prm: string;
    series: string;
    step: string;
    points: number;
    reason: string;
    keptAs?: { series: string; points: number };
  }
>;

async function* filtered(
  batches: Iterable<ReadingBatch> | AsyncIterable<ReadingBatch>,
  policy: RecordingPolicy,
  seenDays: Set<string>,
  tally: Tally,
): AsyncGenerator<ReadingBatch> {
  for await (const b of batches) {
    if (policy.mayRecord(b.key.prm, b.key.step)) {
      yield b;
      continue;
    }
    const id = seriesId(b.key);
    const k = `${b.key.prm}|${id}`;
    let t = tally.get(k);
    if (!t)
      tally.set(
        k,
        (t = {
          prm: b.key.prm,
          series: id,
          step: b.key.step,
          points: 0,
          reason: policy.refusalReason?.(b.key.prm, b.key.step) ?? 'fine-recording-stopped',
        }),
      );
    t.points += b.ts.length;
    if (b.key.quantity !== 'index' || !policy.mayRecord(b.key.prm, 'P1D')) continue;
    const ts: number[] = [];
    const values: number[] = [];
    for (let i = 0; i < b.ts.length; i++) {
      const day = parisDayStart(b.ts[i]!);
      const d = `${b.key.prm}|${b.key.register}|${b.key.source}|${day}`;
      if (seenDays.has(d)) continue;
      seenDays.add(d);
      ts.push(day);
      values.push(b.values[i]!);
    }
    if (!ts.length) continue;
    const daily = { ...b.key, step: 'P1D' as const };
    t.keptAs ??= { series: seriesId(daily), points: 0 };
    t.keptAs.points += ts.length;
    yield { key: daily, ts, values };
  }
}

/** A one-line, plain account of what the recording controls kept out of a write (for logs and summaries). */
export function describeRefusal(r: RefusedPoints): string {
  const why =
    r.reason === 'finer-than-recorded-step'
      ? 'finer than the step the household chose to record'
      : 'fine recording is stopped for this usage point';
  const kept = r.keptAs ? `; the day-start values were kept instead (${r.keptAs.points} in ${r.keptAs.series})` : '';
  return `${r.prm} ${r.series}: ${r.points} points at ${r.step} not stored (${why})${kept}`;
}

export function guardRecording(store: ReadingStore, policy: RecordingPolicy): ReadingStore {
  const seenDays = new Set<string>();
  return {
    get engine() {
      return store.engine;
    },
    get capabilities() {
      return store.capabilities;
    },
    async write(batches): Promise<WriteResult> {
      const tally: Tally = new Map();
      await policy.refresh?.();
      const r = await store.write(filtered(batches, policy, seenDays, tally));
      if (tally.size === 0) return r;
      return { ...r, refused: [...(r.refused ?? []), ...tally.values()] };
    },
    read: (q) => store.read(q),
    resample: (q) => store.resample(q),
    list: (prm) => store.list(prm),
    usagePoints: () => store.usagePoints(),
    delete: (sel) => store.delete(sel),
    ...(store.householdAggregates && { householdAggregates: (q) => store.householdAggregates!(q) }),
    compact: () => store.compact(),
    close: () => store.close(),
  };
}
