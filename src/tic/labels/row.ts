/** @module tic/labels/row — compact constructor for label rows, with the defaults of each kind. */
import type { LabelSpec, TicMode, ValueKind } from './types.ts';
import { DIGITS } from './types.ts';

type Extra = Partial<Omit<LabelSpec, 'label' | 'mode' | 'width' | 'fr' | 'en'>>;

export function row(mode: TicMode, label: string, width: number, fr: string, en: string, extra: Extra = {}): LabelSpec {
  const kind: ValueKind = extra.kind ?? 'int';
  const unit = extra.unit ?? null;
  const scale = extra.scale ?? (unit === 'kVA' ? 1000 : 1);
  const baseUnit = extra.baseUnit ?? (unit === 'kVA' ? 'VA' : unit);
  // Every row gets the same keys in the same order (one hidden class): the decoder reads them on its hot path.
  return {
    label,
    mode,
    width,
    minWidth: extra.minWidth ?? width,
    pattern: extra.pattern ?? (kind === 'int' ? DIGITS(width) : /^[\x20-\x7e]*$/),
    kind,
    unit,
    scale,
    baseUnit,
    horodate: extra.horodate ?? 'none',
    quantity: extra.quantity,
    direction: extra.direction,
    phase: extra.phase,
    threePhase: extra.threePhase ?? false,
    producer: extra.producer ?? false,
    max: extra.max,
    monotonic: extra.monotonic ?? false,
    fr,
    en,
  };
}

/** A 9-digit energy register in Wh (or VArh), cumulative. */
export function energyIndex(mode: TicMode, label: string, fr: string, en: string, extra: Extra = {}): LabelSpec {
  return row(mode, label, 9, fr, en, {
    unit: 'Wh',
    quantity: 'index',
    direction: 'consumption',
    monotonic: true,
    ...extra,
  });
}
