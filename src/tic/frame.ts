/**
 * @module tic/frame
 * What the decoder emits: frames of accepted groups plus the groups it rejected and why.
 */
import type { Horodate } from './horodate.ts';
import type { LabelSpec, TicMode } from './labels/index.ts';
import type { StgeValue } from './stge.ts';

export type TicValue = number | string | StgeValue;

export interface TicGroup {
  readonly label: string;
  readonly spec: LabelSpec;
  /** The data field exactly as sent (padding kept). */
  readonly raw: string;
  /** Decoded value: number in base units, trimmed text, ISO-8601 UTC instant, or STGE fields. */
  readonly value: TicValue;
  readonly horodate?: Horodate;
  /** The group ended with LF instead of CR (a cooked tty turned CR into LF); accepted because it checks out. */
  readonly crMissing?: boolean;
}

/** Why a group was skipped. Stable strings: they appear in the CLI output and in counters. */
export const REJECT_REASONS = {
  checksum: { fr: 'somme de contrôle fausse', en: 'checksum mismatch' },
  malformed: { fr: 'groupe mal formé (séparateurs)', en: 'malformed group (separators)' },
  control_byte: {
    fr: 'octet de contrôle ou hors ASCII dans le groupe',
    en: 'control or non-ASCII byte inside the group',
  },
  too_long: { fr: 'groupe trop long', en: 'group too long' },
  bad_label: {
    fr: 'étiquette illisible (caractères hors A–Z, 0–9, +, -)',
    en: 'unreadable label (characters outside A–Z, 0–9, +, -)',
  },
  unknown_label: { fr: 'étiquette inconnue', en: 'unknown label' },
  mode_mismatch: { fr: 'étiquette d’un autre mode que la trame', en: 'label of another mode than the frame' },
  width: { fr: 'largeur de donnée incorrecte', en: 'wrong data width' },
  charset: { fr: 'caractères non permis pour cette étiquette', en: 'characters not allowed for this label' },
  horodate: { fr: 'horodate invalide', en: 'invalid horodate' },
  implausible: { fr: 'valeur hors des bornes plausibles', en: 'value out of plausible bounds' },
  index_decreased: { fr: 'index en baisse', en: 'index went down' },
  cut: { fr: 'groupe coupé (fin manquante)', en: 'group cut (no end)' },
  no_lf: { fr: 'groupe sans début (LF manquant)', en: 'group without start (LF missing)' },
  interrupted: { fr: 'groupe interrompu (EOT)', en: 'group interrupted (EOT)' },
} as const;
export type RejectReason = keyof typeof REJECT_REASONS;

export interface TicRejection {
  readonly reason: RejectReason;
  /** The label when it could be read. */
  readonly label?: string;
  /** The group bytes (at most 64), non-printable bytes escaped as \xNN. */
  readonly raw: string;
  /** Byte offset of the group start in the stream. */
  readonly offset: number;
}

export type FrameStart = 'stx' | 'implicit';
/** etx: normal end; eot: interrupted by the meter; stx: next frame began without ETX; overflow: size cap; eof: input
 * ended.
 */
export type FrameEnd = 'etx' | 'eot' | 'stx' | 'overflow' | 'eof';

export interface TicFrame {
  /**
   * Mode of the first accepted group. When every group was rejected: the mode of the previous frame, else the one
   * the separators suggest (HT = standard).
   */
  readonly mode: TicMode;
  readonly groups: readonly TicGroup[];
  /** Rejected groups (the first 64 of the frame; `rejectedCount` counts them all). */
  readonly rejected: readonly TicRejection[];
  readonly rejectedCount: number;
  readonly start: FrameStart;
  readonly end: FrameEnd;
  /** Byte offset of the frame start in the stream. */
  readonly offset: number;
}

/** Label → decoded value, in transmission order (a repeated label keeps its last value). */
export function frameValues(frame: TicFrame): Record<string, TicValue> {
  const out: Record<string, TicValue> = {};
  for (const g of frame.groups) out[g.label] = g.value;
  return out;
}

/** Label → horodate (ISO-8601 UTC) for the groups that carry one. */
export function frameHorodates(frame: TicFrame): Record<string, string> {
  const out: Record<string, string> = {};
  for (const g of frame.groups) if (g.horodate) out[g.label] = new Date(g.horodate.ms).toISOString();
  return out;
}

/**
 * Frame-level consistency checks that no single group can fail (54E §6.2.3.6, §6.2.3.20; tic.md §3.4):
 * EAST = ΣEASF01..10 = ΣEASD01..04, and NTARF = STGE supplier index. Reported, not enforced: they need a whole frame.
 */
export function frameWarnings(frame: TicFrame): string[] {
  const v = frameValues(frame);
  const out: string[] = [];
  if (typeof v.EAST === 'number') {
    const sum = (prefix: string, n: number) => {
      let s = 0;
      for (let i = 1; i <= n; i++) {
        const x = v[`${prefix}${String(i).padStart(2, '0')}`];
        if (typeof x !== 'number') return null;
        s += x;
      }
      return s;
    };
    const f = sum('EASF', 10);
    const d = sum('EASD', 4);
    if (f !== null && f !== v.EAST) out.push('EAST≠ΣEASF');
    if (d !== null && d !== v.EAST) out.push('EAST≠ΣEASD');
  }
  const stge = v.STGE as { supplierIndex?: number } | undefined;
  if (typeof v.NTARF === 'number' && stge && typeof stge === 'object' && stge.supplierIndex !== v.NTARF)
    out.push('NTARF≠STGE');
  return out;
}

/** The JSON shape of `courant tic decode --json` (one object per frame). */
export function frameToJson(frame: TicFrame): Record<string, unknown> {
  const degraded = frame.groups.some((g) => g.horodate?.degraded);
  const warnings = frameWarnings(frame);
  // historic three-phase short frame (ADIRx, ADCO, IINSTx), sent while a phase overruns (54E §6.1.2)
  const short = frame.groups.some((g) => g.label.startsWith('ADIR'));
  return {
    mode: frame.mode,
    values: frameValues(frame),
    horodates: frameHorodates(frame),
    rejected: frame.rejected.map((r) => ({
      reason: r.reason,
      ...(r.label ? { label: r.label } : {}),
      raw: r.raw,
      offset: r.offset,
    })),
    ...(frame.rejectedCount > frame.rejected.length ? { rejectedCount: frame.rejectedCount } : {}),
    start: frame.start,
    end: frame.end,
    ...(degraded ? { clockDegraded: true } : {}),
    ...(short ? { short: true } : {}),
    ...(warnings.length ? { warnings } : {}),
    offset: frame.offset,
  };
}
