/**
 * @module tic/labels/types
 * Shape of one row of the TIC label tables. Protocol knowledge lives in these tables (data), never in switch
 * statements:
 * the decoder, the reading mapper and the Home Assistant bridge all read the same rows.
 * Source: Enedis-NOI-CPT_54E v3 §6.1 (historic) and §6.2 (standard); see docs/tic.md.
 */
export type TicMode = 'historic' | 'standard';

/** How the data field is decoded. */
export type ValueKind =
  /** Decimal digits → number (times `scale`). */
  | 'int'
  /** Free or enumerated text → string (padding trimmed in `values`, kept in `raw`). */
  | 'text'
  /** Identifier kept as a string (leading zeros matter): ADCO, ADSC, PRM. */
  | 'id'
  /** STGE: 8 hex digits decoded into named fields (stge.ts). */
  | 'stge'
  /** The horodate is the value (DATE, DPMx, FPMx): ISO-8601 UTC. */
  | 'instant';

/** What the value measures, for readings and Home Assistant. */
export type TicQuantity =
  | 'index'
  | 'reactive_index'
  | 'apparent_power'
  | 'power'
  | 'max_power'
  | 'current'
  | 'voltage'
  | 'subscribed_power'
  | 'duration';

export interface LabelSpec {
  readonly label: string;
  readonly mode: TicMode;
  /** Width of the data field in characters (numbers: exact). */
  readonly width: number;
  /**
   * Shortest accepted width; equal to `width` except for free text and identifiers. Real frames show a producer
   * NGTF trimmed of 6 spaces that still passes its checksum (6 × 0x20 = 192 ≡ 0 mod 64), and published captures
   * carry anonymised serials (`ADCO XXXXXXXXXX`) with recomputed checksums.
   */
  readonly minWidth: number;
  /** Allowed content of the data field (checked on the raw text, width included). */
  readonly pattern: RegExp;
  readonly kind: ValueKind;
  /** Unit as transmitted (implicit in the protocol). */
  readonly unit: 'Wh' | 'VArh' | 'VA' | 'kVA' | 'W' | 'A' | 'V' | 'min' | null;
  /** Multiplier from the transmitted unit to the base unit of `values` (kVA → VA = 1000). */
  readonly scale: number;
  /** Base unit of the decoded number. */
  readonly baseUnit: 'Wh' | 'VArh' | 'VA' | 'W' | 'A' | 'V' | 'min' | null;
  /** Horodate before the data: none, required with season E/H/e/h, or with a blank season (DPM/FPM). */
  readonly horodate: 'none' | 'season' | 'blank-season';
  readonly quantity?: TicQuantity;
  readonly direction?: 'consumption' | 'production';
  /** Phase number for per-phase values. */
  readonly phase?: 1 | 2 | 3;
  /** Sent by three-phase meters only. */
  readonly threePhase: boolean;
  /** Sent in producer mode only. */
  readonly producer: boolean;
  /** Plausibility bound on the decoded number (base unit), inclusive. */
  readonly max?: number;
  /** A cumulative register that never decreases (checked across frames). */
  readonly monotonic: boolean;
  readonly fr: string;
  readonly en: string;
}

export const DIGITS = (n: number): RegExp => new RegExp(`^[0-9]{${n}}$`);
