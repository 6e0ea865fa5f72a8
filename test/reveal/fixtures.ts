/** Test helper: the real fixtures of test/fixtures/reveal as households (through the evaluation loaders). */
import { fileURLToPath } from 'node:url';
import { loadFolder, type Household } from '../../src/adapters/datasets/index.ts';

export const FIXTURES = fileURLToPath(new URL('../fixtures/reveal/', import.meta.url));
let uci: Household | undefined;
let ukdale: Household | undefined;
/** 18 days of UCI Sceaux (18 Feb – 7 Mar 2007), 1 minute, with the water heater sub-meter. */
export function uciFixture(): Household {
  return (uci ??= loadFolder(`${FIXTURES}uci`).households[0]!);
}
/** 10 days of UK-DALE house 2 (1–10 July 2013), 1 minute, with appliance sub-meters. */
export function ukdaleFixture(): Household {
  return (ukdale ??= loadFolder(`${FIXTURES}ukdale`).households[0]!);
}
