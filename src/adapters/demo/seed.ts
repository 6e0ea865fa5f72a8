/**
 * @module adapters/demo/seed
 * What the hub loads at start when the demo is on (`demo.calendar`): the UCI Sceaux house on its 2007 dates
 * ("history"), the synthetic household on the current calendar ("today", synthetic.ts), or both. The UCI file is read
 * at most once per start, and not at all when there is nothing to add.
 */
import { DEMO_PRM, isDemoPrm } from '../../core/prm.ts';
import type { ReadingStore } from '../../ports/reading-store.ts';
import { demoBatches, readDemoMinutes, type DemoMinutes } from './demo.ts';
import { seedSyntheticDemo } from './synthetic.ts';

export type DemoCalendar = 'history' | 'today' | 'both';

export async function seedDemo(
  store: ReadingStore,
  opts: { calendar: DemoCalendar; now: number; onProgress?: ((msg: string) => void) | undefined },
): Promise<void> {
  let minutes: Promise<DemoMinutes> | undefined;
  const read = () => (minutes ??= readDemoMinutes());
  if (opts.calendar !== 'today') {
    // into a store holding no usage point but the demo ones (an empty one on a first start), never over real data
    const held = await store.usagePoints();
    if (!held.includes(DEMO_PRM) && held.every(isDemoPrm)) {
      opts.onProgress?.('loading the demo household (UCI Sceaux, Jan–Jun 2007)…');
      const m = await read();
      const r = await store.write(demoBatches(m));
      opts.onProgress?.(
        `demo household loaded: ${r.added} points (${m.missing} minutes without measurement in the source)`,
      );
    }
  }
  if (opts.calendar !== 'history') await seedSyntheticDemo(store, opts.now, opts.onProgress, read);
}
