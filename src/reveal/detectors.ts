/**
 * @module reveal/detectors
 * The list of detectors with their coarsest working step, and `detectAll` which runs each on one grid.
 */
import type { FixedStep } from '../core/step.ts';
import type { Grid } from './grid.ts';
import type { DetectOptions, Outcome } from './outcome.ts';
import { detectBaseLoad, BASELOAD_COARSEST, type BaseLoad } from './baseload.ts';
import { detectRoutine, ROUTINE_COARSEST, type Routine } from './routine.ts';
import {
  detectAbsences,
  detectOccupancy,
  ABSENCE_COARSEST,
  OCCUPANCY_COARSEST,
  type Absences,
  type Occupancy,
} from './absence.ts';
import { detectWaterHeater, WATER_HEATER_COARSEST, type WaterHeater } from './waterheater.ts';
import { detectAppliance, APPLIANCES, type ApplianceName, type ApplianceUse } from './appliances.ts';

export const COARSEST_STEP: Record<string, FixedStep> = {
  base_load: BASELOAD_COARSEST,
  routine: ROUTINE_COARSEST,
  occupancy: OCCUPANCY_COARSEST,
  absences: ABSENCE_COARSEST,
  water_heater: WATER_HEATER_COARSEST,
  ...Object.fromEntries(Object.entries(APPLIANCES).map(([k, s]) => [k, s.coarsest])),
};

export interface AllDetections {
  readonly baseLoad: Outcome<BaseLoad>;
  readonly routine: Outcome<Routine>;
  readonly occupancy: Outcome<Occupancy>;
  readonly absences: Outcome<Absences>;
  readonly waterHeater: Outcome<WaterHeater>;
  readonly appliances: Readonly<Record<ApplianceName, Outcome<ApplianceUse>>>;
}

export function detectAll(g: Grid, opts: DetectOptions = {}): AllDetections {
  const appliances = {} as Record<ApplianceName, Outcome<ApplianceUse>>;
  for (const name of Object.keys(APPLIANCES) as ApplianceName[]) appliances[name] = detectAppliance(g, name, opts);
  return {
    baseLoad: detectBaseLoad(g, opts),
    routine: detectRoutine(g, opts),
    occupancy: detectOccupancy(g, opts),
    absences: detectAbsences(g, opts),
    waterHeater: detectWaterHeater(g, opts),
    appliances,
  };
}
