/**
 * @module adapters/sql-schema/release-rows
 * Rows of the release ledger (stats_releases) as both SQL engines store them, and the release id both accept in a
 * table or a file name.
 */
import type { ChainedRelease } from '../../consent/release-chain.ts';
import { CourantError } from '../../core/errors.ts';
import type { SqlRow } from './client-rows.ts';

const ID = /^[A-Za-z0-9][A-Za-z0-9-]{0,63}$/;

export const toRelease = (x: SqlRow): ChainedRelease => ({
  seq: Number(x.seq),
  releaseId: String(x.release_id),
  at: Number(x.at_ms),
  publisher: String(x.publisher),
  dataset: String(x.dataset),
  rho: Number(x.rho),
  body: JSON.parse(String(x.body)) as Record<string, unknown>,
  prevHash: String(x.prev_hash),
  hash: String(x.hash),
});

/** True for a well-formed release id (letters, digits and dashes: it becomes a file name). */
export const isReleaseId = (releaseId: string): boolean => ID.test(releaseId);

/** A release id, or INPUT_INVALID: it becomes a file name, so only letters, digits and dashes. */
export function checkReleaseId(releaseId: string): string {
  if (!isReleaseId(releaseId))
    throw new CourantError('INPUT_INVALID', `release id ${JSON.stringify(releaseId)} is malformed`);
  return releaseId;
}
