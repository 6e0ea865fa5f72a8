/**
 * @module statistics/areas
 * Area codes (docs/statistics.md, "Areas"): a usage point belongs to at most one area of each kind, `commune` (its
 * INSEE code: five characters, 2A/2B for Corsica), `iris` (an IRIS code: the commune's code and four digits) or
 * `group` (a name the operator chooses). `parseAreaCode` refuses a malformed one with STATS_INVALID naming the kind.
 */
import { CourantError } from '../core/errors.ts';
import type { AreaKind } from './query.ts';

const COMMUNE = /^(?:\d{5}|2[AB]\d{3})$/;
const IRIS = /^(?:\d{5}|2[AB]\d{3})\d{4}$/;
const GROUP = /^[\p{L}\p{N}][\p{L}\p{N} ._'’-]{0,63}$/u;

const WANT: Record<AreaKind, string> = {
  commune: 'an INSEE commune code: five digits, or 2A/2B and three digits (e.g. 92071)',
  iris: 'an IRIS code: the commune code and four digits (e.g. 920710101)',
  group: "a name of 1 to 64 letters, digits, spaces and . _ ' - (starting with a letter or digit)",
};

export function parseAreaCode(kind: AreaKind, code: unknown): string {
  const s = typeof code === 'string' ? code.trim() : code;
  const re = kind === 'commune' ? COMMUNE : kind === 'iris' ? IRIS : GROUP;
  if (typeof s !== 'string' || !re.test(s))
    throw new CourantError('STATS_INVALID', `area: ${kind} must be ${WANT[kind]} (got ${JSON.stringify(code)})`, {
      details: { field: kind },
    });
  return s;
}
