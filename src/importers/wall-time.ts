/**
 * @module importers/wall-time
 * Offset-less Paris wall times of a file → UTC, refusing the ones that do not exist (the spring gap) with
 * IMPORT_NONEXISTENT_TIME naming the row, for every importer alike (docs/importers.md § Daylight saving).
 */
import { nonexistentTimeError, type ImportContext, type Where } from './importer.ts';
import { inSpringGap, wallToUtc, type WallClock } from './time.ts';

/** A wall time (naive ms) of an ordered series → UTC through its clock; `text` is the stamp as written, for the
 * message.
 */
export function wallUtc(
  naiveMs: number,
  clock: WallClock,
  ctx: Pick<ImportContext, 'fileName'>,
  where: Where,
  text: string,
): number {
  const t = clock.toUtc(naiveMs);
  if (t !== t) throw nonexistentTimeError(ctx, where, text);
  return t;
}

/** A lone wall time (no series order to resolve the autumn repeat: its first occurrence) → UTC. */
export function loneWallUtc(naiveMs: number, ctx: Pick<ImportContext, 'fileName'>, where: Where, text: string): number {
  if (inSpringGap(naiveMs)) throw nonexistentTimeError(ctx, where, text);
  return wallToUtc(naiveMs);
}
