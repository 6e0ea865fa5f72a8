import type { UsagePoint } from '../api.ts';

/** Every page receives the household (usage point) being looked at; the app shell loads it once. */
export interface PageProps {
  household: UsagePoint;
}
