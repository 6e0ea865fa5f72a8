import type { UsagePoint } from '../api.ts';

/** Every page receives the meter (usage point) being looked at; the app shell loads the household's meters once. */
export interface PageProps {
  household: UsagePoint;
  /** Every meter the household may look at (the one in view among them). */
  meters: UsagePoint[];
  /** Reload the meters after a change to what the hub holds (import, purge, deletion, erasure). */
  onChanged: () => void;
}
