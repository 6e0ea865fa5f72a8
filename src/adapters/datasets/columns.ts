/**
 * @module adapters/datasets/columns
 * The one table of ground-truth column names: how public data sets (REFIT, UK-DALE, DeviceScope, ECO-style exports,
 * hand-made `Time,Aggregate,<Appliance>…` files) name their columns, and which detector of src/reveal scores each.
 * A name is compared after lower-casing and dropping spaces, `_` and `-` ("washer dryer" = "WasherDryer"). A column
 * that is not in the table is refused: read as nothing, it would leave its detector unscored without a word.
 */
import { CourantError } from '../../core/errors.ts';

/** What a column holds: the detector that scores it, or `ignored` (not an appliance, or one no detector looks for). */
export type ColumnRole = 'ignored' | 'water_heater' | GroundTruthAppliance;
export type GroundTruthAppliance = 'kettle' | 'microwave' | 'electric_shower' | 'dishwasher' | 'washing_machine';

const TABLE: Record<ColumnRole, readonly string[]> = {
  kettle: ['kettle'],
  microwave: ['microwave', 'microwave oven'],
  electric_shower: ['shower', 'electric shower', 'electricshower'],
  water_heater: ['water heater', 'waterheater', 'boiler', 'immersion heater', 'immersion', 'hot water'],
  dishwasher: ['dishwasher', 'dish washer'],
  washing_machine: ['washing machine', 'washingmachine', 'washer', 'washer dryer', 'washerdryer'],
  ignored: [
    // not appliances: time stamps, row numbers, data-quality flags, the aggregate itself (read by position)
    'time',
    'timestamp',
    'date',
    'unix',
    'index',
    'issues',
    'aggregate',
    // appliances metered in public data sets that no detector looks for
    'fridge',
    'freezer',
    'fridge freezer',
    'tumble dryer',
    'television',
    'tv',
    'computer',
    'toaster',
    'oven',
    'electric heater',
    'dehumidifier',
    'lighting',
  ],
};

const norm = (s: string) => s.toLowerCase().replace(/[\s_\-'"]+/g, '');
const ROLE = new Map<string, ColumnRole>();
for (const [role, names] of Object.entries(TABLE) as [ColumnRole, readonly string[]][])
  for (const n of names) ROLE.set(norm(n), role);

/** The role of a ground-truth column of `file`, or a REVEAL_DATASET_COLUMN_UNKNOWN error naming the file and column. */
export function columnRole(file: string, column: string): ColumnRole {
  const role = ROLE.get(norm(column));
  if (role) return role;
  throw new CourantError(
    'REVEAL_DATASET_COLUMN_UNKNOWN',
    `${file}: line 1: column ${JSON.stringify(column)} is not a known appliance name; rename it to one of ` +
      `${[...new Set(Object.values(TABLE).map((n) => n[0]))].join(', ')} (see docs/reveal.md, "Data-set folders")`,
    { details: { file, line: 1, column } },
  );
}
