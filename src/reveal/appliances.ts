/**
 * @module reveal/appliances
 * Large appliances, one detector each: kettle, microwave and electric shower by one edge pair (`short-loads.ts`),
 * dishwasher (`dishwasher.ts`) and washing machine (`washing-machine.ts`) by the structure of their cycles. This
 * module is the one door: `detectAppliance(g, name, { force, params })`, the table of coarsest steps, and per
 * appliance the parameter defaults and the candidate grid a fitting step chooses from (training households only).
 * Heating (space) is not detected: no ground truth to measure it against.
 */
import type { Grid } from './grid.ts';
import type { Outcome } from './outcome.ts';
import type { ApplianceUse } from './edges.ts';
import {
  detectKettle,
  detectMicrowave,
  detectElectricShower,
  DEFAULT_KETTLE_PARAMS,
  DEFAULT_MICROWAVE_PARAMS,
  DEFAULT_ELECTRIC_SHOWER_PARAMS,
  KETTLE_CANDIDATES,
  MICROWAVE_CANDIDATES,
  ELECTRIC_SHOWER_CANDIDATES,
  type KettleParams,
  type MicrowaveParams,
  type ElectricShowerParams,
  type ParamOptions,
} from './short-loads.ts';
import {
  detectDishwasher,
  DEFAULT_DISHWASHER_PARAMS,
  DISHWASHER_CANDIDATES,
  type DishwasherParams,
} from './dishwasher.ts';
import {
  detectWashingMachine,
  DEFAULT_WASHING_MACHINE_PARAMS,
  WASHING_MACHINE_CANDIDATES,
  type WashingMachineParams,
} from './washing-machine.ts';
import type { FixedStep } from '../core/step.ts';

export type { ApplianceEvent, ApplianceUse, Plausibility } from './edges.ts';
export * from './short-loads.ts';
export * from './dishwasher.ts';
export * from './washing-machine.ts';

export interface Signature {
  readonly coarsest: FixedStep;
  /** Median on-time (minutes) behind `coarsest`, inference.md §1.4. */
  readonly medianOnMinutes: number;
}

export const APPLIANCES = {
  kettle: { coarsest: 'PT1M', medianOnMinutes: 3 },
  microwave: { coarsest: 'PT1M', medianOnMinutes: 3 },
  electric_shower: { coarsest: 'PT1M', medianOnMinutes: 7 },
  dishwasher: { coarsest: 'PT1M', medianOnMinutes: 15 },
  washing_machine: { coarsest: 'PT1M', medianOnMinutes: 20 },
} as const satisfies Record<string, Signature>;
export type ApplianceName = keyof typeof APPLIANCES;

/** The parameter type of each appliance detector. */
export interface ApplianceParams {
  readonly kettle: KettleParams;
  readonly microwave: MicrowaveParams;
  readonly electric_shower: ElectricShowerParams;
  readonly dishwasher: DishwasherParams;
  readonly washing_machine: WashingMachineParams;
}

export const DEFAULT_APPLIANCE_PARAMS: { readonly [N in ApplianceName]: ApplianceParams[N] } = {
  kettle: DEFAULT_KETTLE_PARAMS,
  microwave: DEFAULT_MICROWAVE_PARAMS,
  electric_shower: DEFAULT_ELECTRIC_SHOWER_PARAMS,
  dishwasher: DEFAULT_DISHWASHER_PARAMS,
  washing_machine: DEFAULT_WASHING_MACHINE_PARAMS,
};

/** Per appliance, the small grid a fitting step chooses from (the defaults among them). */
export const APPLIANCE_CANDIDATES: { readonly [N in ApplianceName]: readonly ApplianceParams[N][] } = {
  kettle: KETTLE_CANDIDATES,
  microwave: MICROWAVE_CANDIDATES,
  electric_shower: ELECTRIC_SHOWER_CANDIDATES,
  dishwasher: DISHWASHER_CANDIDATES,
  washing_machine: WASHING_MACHINE_CANDIDATES,
};

export function detectAppliance<N extends ApplianceName>(
  g: Grid,
  name: N,
  opts: ParamOptions<ApplianceParams[N]> = {},
): Outcome<ApplianceUse> {
  // each branch narrows `name`; the params follow it (ApplianceParams[N] is that appliance's type)
  const o = opts as ParamOptions<never>;
  switch (name) {
    case 'kettle':
      return detectKettle(g, o);
    case 'microwave':
      return detectMicrowave(g, o);
    case 'electric_shower':
      return detectElectricShower(g, o);
    case 'dishwasher':
      return detectDishwasher(g, o);
    case 'washing_machine':
      return detectWashingMachine(g, o);
  }
  throw new RangeError(`no appliance detector named ${JSON.stringify(name)}`);
}
