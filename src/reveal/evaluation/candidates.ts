/**
 * @module reveal/evaluation/candidates
 * The registry of what the out-of-sample evaluation may fit: per detector, its default constants and the small grid of
 * candidates a fitting step chooses from on the training fold only (./fit.ts). The detector modules own their
 * constants; this file only names, explicitly, the exports it looks for in each:
 *
 * | detector | module | defaults | candidates |
 * |---|---|---|---|
 * | water_heater | waterheater.ts | `DEFAULT_WATER_HEATER_PARAMS` | `WATER_HEATER_CANDIDATES` |
 * | occupancy (and its absent days) | absence.ts | `DEFAULT_OCCUPANCY_PARAMS` | `OCCUPANCY_CANDIDATES` |
 * | routine | routine.ts | `DEFAULT_ROUTINE_PARAMS` | `ROUTINE_CANDIDATES` |
 * | each appliance | appliances.ts | `DEFAULT_APPLIANCE_PARAMS[name]` | `APPLIANCE_CANDIDATES[name]` |
 *
 * (for an appliance, `DEFAULT_<NAME>_PARAMS` and `<NAME>_CANDIDATES` are read when there is no keyed table).
 *
 * An export that is not there (yet) is not an error: the detector is then run with its own defaults and reported as
 * "constants fixed a priori, not fitted". The exports are looked up by name on the module namespace, so this file
 * compiles whether or not a detector module declares them.
 */
import * as appliances from '../appliances.ts';
import * as waterheater from '../waterheater.ts';
import * as absence from '../absence.ts';
import * as routine from '../routine.ts';

/** At most this many candidates per detector: the fit runs every one on every training household at every step. */
export const MAX_CANDIDATES = 16;

export interface ParamGrid {
  readonly detector: string;
  /** Where the constants live, for the report. */
  readonly module: string;
  /**
   * The candidates a fit chooses from. `[undefined]` when the module exports no grid: one choice, the detector's own
   * defaults. A grid that does not contain the defaults is used as it is (the fit picks among its entries only).
   */
  readonly candidates: readonly unknown[];
  /** True when there is something to choose (two candidates or more). */
  readonly fitted: boolean;
}

type Namespace = Readonly<Record<string, unknown>>;

const SOURCES: readonly { detector: string; module: string; ns: Namespace; name: string; keyed?: string }[] = [
  { detector: 'water_heater', module: 'waterheater.ts', ns: waterheater, name: 'WATER_HEATER' },
  { detector: 'occupancy', module: 'absence.ts', ns: absence, name: 'OCCUPANCY' },
  { detector: 'routine', module: 'routine.ts', ns: routine, name: 'ROUTINE' },
  ...Object.keys(appliances.APPLIANCES).map((a) => ({
    detector: a,
    module: 'appliances.ts',
    ns: appliances as Namespace,
    name: a.toUpperCase(),
    keyed: a,
  })),
];

function lookUp(ns: Namespace, flat: string, keyedTable: string, key: string | undefined): unknown {
  const table = key === undefined ? undefined : ns[keyedTable];
  if (table !== null && typeof table === 'object' && key !== undefined && key in table)
    return (table as Record<string, unknown>)[key];
  return ns[flat];
}

function gridOf(s: (typeof SOURCES)[number]): ParamGrid {
  const grid = lookUp(s.ns, `${s.name}_CANDIDATES`, 'APPLIANCE_CANDIDATES', s.keyed);
  if (grid === undefined) return { detector: s.detector, module: s.module, candidates: [undefined], fitted: false };
  if (!Array.isArray(grid) || grid.length === 0)
    throw new RangeError(`${s.module}: the candidates of ${s.detector} must be a non-empty array`);
  if (grid.length > MAX_CANDIDATES)
    throw new RangeError(
      `${s.module}: ${grid.length} candidates for ${s.detector}; at most ${MAX_CANDIDATES} (the fit runs each on every training household at every step)`,
    );
  return { detector: s.detector, module: s.module, candidates: grid as unknown[], fitted: grid.length > 1 };
}

/** The defaults a detector module exports for `detector`, or undefined when it exports none (it uses its own). */
export function defaultsOf(detector: string): unknown {
  const s = SOURCES.find((x) => x.detector === detector);
  return s ? lookUp(s.ns, `DEFAULT_${s.name}_PARAMS`, 'DEFAULT_APPLIANCE_PARAMS', s.keyed) : undefined;
}

/** The grid of every detector the registry knows, read from the modules as they are now. */
export function paramGrids(): ReadonlyMap<string, ParamGrid> {
  return new Map(SOURCES.map((s) => [s.detector, gridOf(s)]));
}
