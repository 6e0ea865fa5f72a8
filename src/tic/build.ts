/**
 * @module tic/build
 * Build TIC frames from label/value pairs, with correct checksums: for tests, the simulator and the benchmark.
 * Cases the public captures do not cover (three-phase standard, producer, EJP, short frames, degraded clock) are
 * built from the spec with this.
 */
import { historicGroup, standardGroup } from './checksum.ts';
import type { TicMode } from './labels/index.ts';

/** [label, data] or [label, data, horodate] (standard mode only). */
export type GroupSpec = readonly [string, string] | readonly [string, string, string];

export function buildFrame(mode: TicMode, groups: readonly GroupSpec[]): string {
  const body = groups
    .map(
      ([label, data, h]) => `\n${mode === 'historic' ? historicGroup(label, data) : standardGroup(label, data, h)}\r`,
    )
    .join('');
  return `\x02${body}\x03`;
}

export function bytesOf(text: string): Uint8Array {
  const out = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i++) out[i] = text.charCodeAt(i) & 0xff;
  return out;
}
