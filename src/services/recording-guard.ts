/**
 * @module services/recording-guard
 * The household's recording controls (D. 224-27: stop fine recording, change the recorded step) enforced at the one
 * place every write passes: a ReadingStore decorator. A batch at a step the household has not allowed is not stored.
 * Cumulative indexes are kept at the daily step instead (the first index sample of each Paris civil day, i.e. the
 * register value at the day start), so daily energy stays computable while nothing finer is kept.
 */
import type { ReadingBatch } from '../core/series.ts';
import type { Step } from '../core/step.ts';
import { parisDayStart } from '../analytics/calendar.ts';
import type { ReadingStore, WriteResult } from '../store/reading-store.ts';

export interface RecordingPolicy {
  mayRecord(prm: string, step: Step): boolean;
}

async function* filtered(batches: Iterable<ReadingBatch> | AsyncIterable<ReadingBatch>, policy: RecordingPolicy, seenDays: Set<string>): AsyncGenerator<ReadingBatch> {
  for await (const b of batches) {
    if (policy.mayRecord(b.key.prm, b.key.step)) {
      yield b;
      continue;
    }
    if (b.key.quantity !== 'index' || !policy.mayRecord(b.key.prm, 'P1D')) continue;
    const ts: number[] = [];
    const values: number[] = [];
    for (let i = 0; i < b.ts.length; i++) {
      const day = parisDayStart(b.ts[i]!);
      const k = `${b.key.prm}|${b.key.register}|${b.key.source}|${day}`;
      if (seenDays.has(k)) continue;
      seenDays.add(k);
      ts.push(day);
      values.push(b.values[i]!);
    }
    if (ts.length) yield { key: { ...b.key, step: 'P1D' }, ts, values };
  }
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
    write: (batches): Promise<WriteResult> => store.write(filtered(batches, policy, seenDays)),
    read: (q) => store.read(q),
    resample: (q) => store.resample(q),
    list: (prm) => store.list(prm),
    usagePoints: () => store.usagePoints(),
    delete: (sel) => store.delete(sel),
    compact: () => store.compact(),
    close: () => store.close(),
  };
}
