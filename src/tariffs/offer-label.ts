/**
 * @module tariffs/offer-label
 * HP/HC offer labels that name their off-peak hours ("Tarif Bleu Heures Creuses (22h–6h)"), so that an offer whose
 * hours were replaced by the contract's own (use-cases/costs.ts) is shown with the hours actually used, not the
 * shipped example's.
 */
import type { Offer, Offpeak, TimeRange } from './model.ts';

export interface Label {
  readonly fr: string;
  readonly en: string;
}

export const TARIF_BLEU_HC: Label = { fr: 'Tarif Bleu Heures Creuses', en: 'Tarif Bleu off-peak' };

// French writes "22h", "7h30"; English "22:00", "07:30" (the form the labels used before).
const fr = (hhmm: string) => `${Number(hhmm.slice(0, 2))}h${hhmm.slice(3) === '00' ? '' : hhmm.slice(3)}`;
const list = (ranges: readonly TimeRange[], f: (s: string) => string) =>
  ranges.map((r) => `${f(r.from)}–${f(r.to)}`).join(', ');

/** The off-peak hours as a short text: "22h–6h, 12h30–14h30" / "22:00–06:00, 12:30–14:30". */
export function offpeakHoursLabel(offpeak: Offpeak): Label {
  const byDay = offpeak.byWeekday && Object.keys(offpeak.byWeekday).length > 0;
  return {
    fr: `${list(offpeak.ranges, fr)}${byDay ? ', autres horaires certains jours' : ''}`,
    en: `${list(offpeak.ranges, (s) => s)}${byDay ? ', other hours on some days' : ''}`,
  };
}

/** "Name (hours)" in both languages. */
export function offpeakOfferLabel(name: Label, offpeak: Offpeak): Label {
  const h = offpeakHoursLabel(offpeak);
  return { fr: `${name.fr} (${h.fr})`, en: `${name.en} (${h.en})` };
}

/**
 * The offer with other off-peak hours, its label following: the old hours' "(…)" at the end of the label is replaced
 * by the new ones; a label that did not name its hours gets them appended.
 */
export function withOffpeak(offer: Offer, offpeak: Offpeak): Offer {
  const before = offer.offpeak ? offpeakHoursLabel(offer.offpeak) : undefined;
  const after = offpeakHoursLabel(offpeak);
  const relabel = (label: string, old: string | undefined, hours: string) => {
    const suffix = old === undefined ? undefined : ` (${old})`;
    return `${suffix !== undefined && label.endsWith(suffix) ? label.slice(0, -suffix.length) : label} (${hours})`;
  };
  return {
    ...offer,
    offpeak,
    label: { fr: relabel(offer.label.fr, before?.fr, after.fr), en: relabel(offer.label.en, before?.en, after.en) },
  };
}
