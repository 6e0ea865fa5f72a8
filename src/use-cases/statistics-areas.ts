/**
 * @module use-cases/statistics-areas
 * The operator puts usage points in areas for published statistics (docs/statistics.md, "Areas"): at most one area
 * of each kind (`commune`, `iris`, `group`) per usage point, stored with its profile and erased with it. Used by
 * `POST/GET /api/admin/stats/areas` and by `courant stats area` with the hub stopped, so both check alike.
 */
import { CourantError } from '../core/errors.ts';
import { parsePrm } from '../core/prm.ts';
import type { AreaAssignment, UsagePointRepository } from '../ports/usage-point-repository.ts';
import { parseAreaCode } from '../statistics/areas.ts';
import { AREA_KINDS, isAreaKind, type AreaKind } from '../statistics/query.ts';

export interface AreaChange {
  readonly prm: unknown;
  readonly kind: unknown;
  /** The code, or null to take the usage point out of its area of that kind. */
  readonly code: unknown;
}

export function parseAreaKind(kind: unknown, field = 'kind'): AreaKind {
  if (!isAreaKind(kind))
    throw new CourantError('STATS_INVALID', `area: ${field} must be one of ${AREA_KINDS.join(', ')}`, {
      details: { field },
    });
  return kind;
}

/** Set (or clear) one usage point's area of a kind; returns that usage point's areas afterwards. */
export async function setUsagePointArea(
  profiles: UsagePointRepository,
  change: AreaChange,
  at: number,
): Promise<AreaAssignment[]> {
  const prm = parsePrm(change.prm, 'prm');
  const kind = parseAreaKind(change.kind);
  const code = change.code === null ? null : parseAreaCode(kind, change.code);
  await profiles.setArea(prm, kind, code, at);
  return (await profiles.areas()).filter((a) => a.prm === prm);
}

/** Every usage point's area, of one kind or all. */
export function listAreas(profiles: UsagePointRepository, kind?: unknown): Promise<AreaAssignment[]> {
  return profiles.areas(kind === undefined ? undefined : parseAreaKind(kind));
}
