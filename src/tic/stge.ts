/**
 * @module tic/stge
 * The standard-mode status register STGE (54E §6.2.3.14): 8 hex digits, a 32-bit value, decoded by a table of
 * bit fields. Tempo colours come free from bits 24–27 (no external colour API needed).
 */
interface StgeField {
  readonly name: string;
  readonly shift: number;
  readonly bits: number;
  /** Names of the values; absent = the number itself (plus `offset`). */
  readonly values?: readonly string[];
  readonly bool?: boolean;
  readonly offset?: number;
}

export const STGE_FIELDS: readonly StgeField[] = [
  { name: 'dryContactOpen', shift: 0, bits: 1, bool: true },
  {
    name: 'breaker',
    shift: 1,
    bits: 3,
    values: [
      'closed',
      'open_overpower',
      'open_overvoltage',
      'open_load_shedding',
      'open_order',
      'open_overheat_high_current',
      'open_overheat_low_current',
      'undefined',
    ],
  },
  { name: 'terminalCoverOpen', shift: 4, bits: 1, bool: true },
  { name: 'overvoltage', shift: 6, bits: 1, bool: true },
  { name: 'referencePowerExceeded', shift: 7, bits: 1, bool: true },
  { name: 'producer', shift: 8, bits: 1, bool: true },
  { name: 'energyNegative', shift: 9, bits: 1, bool: true },
  { name: 'supplierIndex', shift: 10, bits: 4, offset: 1 },
  { name: 'distributorIndex', shift: 14, bits: 2, offset: 1 },
  { name: 'clockDegraded', shift: 16, bits: 1, bool: true },
  { name: 'ticMode', shift: 17, bits: 1, values: ['historic', 'standard'] },
  { name: 'euridis', shift: 19, bits: 2, values: ['off', 'on', 'undefined', 'on_secured'] },
  { name: 'cpl', shift: 21, bits: 2, values: ['new_unlock', 'new_lock', 'registered', 'undefined'] },
  { name: 'cplSynchronised', shift: 23, bits: 1, bool: true },
  { name: 'tempoToday', shift: 24, bits: 2, values: ['none', 'blue', 'white', 'red'] },
  { name: 'tempoTomorrow', shift: 26, bits: 2, values: ['none', 'blue', 'white', 'red'] },
  { name: 'mobilePeakNotice', shift: 28, bits: 2 },
  { name: 'mobilePeak', shift: 30, bits: 2 },
];

export type StgeValue = { readonly raw: string } & Readonly<Record<string, string | number | boolean>>;

export function decodeStge(raw: string): StgeValue {
  const v = parseInt(raw, 16) >>> 0;
  const out: Record<string, string | number | boolean> = { raw };
  for (const f of STGE_FIELDS) {
    const x = (v >>> f.shift) & ((1 << f.bits) - 1);
    out[f.name] = f.bool ? x === 1 : f.values ? f.values[x]! : x + (f.offset ?? 0);
  }
  return out as StgeValue;
}
