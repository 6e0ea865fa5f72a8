/**
 * @module use-cases/protected-preview
 * What the consent screen says beside a protected daily box: what the protected days would still reveal (the
 * detectors' MCC after protection, measured on the evaluation households: src/reveal/figures.json, written by
 * `npm run eval`) and what the protection costs this household's bill estimate (its own monthly consumption, when
 * the hub holds it), in words, French or English.
 *
 * Month-smoothed days sum to each finished month's total within half a Wh a day: no bill error to speak of. The
 * bill error of a month of n noised days is the sum of n independent N_Z(0, σ²) draws: its mean absolute value is
 * σ·√n·√(2/π), about 4.4·σ for a 30-day month, against the month's consumption.
 */
import type { Prm } from '../core/prm.ts';
import { protectionFigureLabel, type Protection } from '../consent/protection.ts';
import type { ReadingStore } from '../ports/reading-store.ts';
import figures from '../reveal/figures.json' with { type: 'json' };
import type { FiguresDoc } from './reveal-figures.ts';

type Lang = 'fr' | 'en';

export interface ProtectedPreview {
  /** What the protected days still reveal, measured (evaluation households). */
  readonly reveals: string;
  /** The cost on a monthly bill estimate: this household's own when its consumption is held, else the measured one. */
  readonly bill: string;
  /** The figures behind the words: MCC range after protection, without, and the monthly bill error (fractions). */
  readonly figures: {
    readonly mcc: readonly [number, number] | null;
    readonly mccExact: readonly [number, number] | null;
    readonly billError: number | null;
    readonly own: boolean;
  };
}

const DAYS_PER_MONTH = 30.44;
const DAILY_DETECTORS = new Set(['water_heater', 'occupancy', 'washing_machine', 'dishwasher']);

const range = (xs: number[]): [number, number] | null => (xs.length ? [Math.min(...xs), Math.max(...xs)] : null);

/** The measured rows of the protection's σ and of the exact daily values, from the evaluation figures. */
export function measured(doc: FiguresDoc, p: Protection) {
  const label = protectionFigureLabel(p);
  const val = (protection: string, metric: string, detectors?: Set<string>) =>
    doc.results
      .filter(
        (r) =>
          r.step === 'P1D' &&
          r.protection === protection &&
          r.metric === metric &&
          (!detectors || detectors.has(r.detector)) &&
          r.value !== null,
      )
      .map((r) => r.value!);
  return {
    mcc: range(val(label, 'mcc', DAILY_DETECTORS)),
    mccExact: range(val('none', 'mcc', DAILY_DETECTORS)),
    bill: range(val(label, 'month_energy_mape', new Set(['bill']))),
    households: new Set(doc.results.filter((r) => r.protection === label).map((r) => r.household)).size,
  };
}

/** The household's mean monthly consumption (Wh) over the last year it holds, from its finest energy series. */
export async function ownMonthlyWh(store: Pick<ReadingStore, 'list' | 'resample'>, prm: Prm, now: number) {
  const held = (await store.list(prm)).filter(
    (s) => s.quantity === 'energy' && s.direction === 'consumption' && s.register === '' && s.step !== 'raw',
  );
  const s = held.sort((a, b) => b.last - a.last)[0];
  if (!s || s.step === 'raw') return undefined;
  const to = Math.min(now, s.last + 86_400_000);
  const cols = await store.resample({
    prm,
    quantity: 'energy',
    direction: 'consumption',
    step: s.step,
    range: { from: Math.max(s.first, to - 365 * 86_400_000), to },
    to: 'P1D',
  });
  let sum = 0;
  let n = 0;
  for (const v of cols.values)
    if (Number.isFinite(v)) {
      sum += v;
      n++;
    }
  return n >= 7 && sum > 0 ? (sum / n) * DAYS_PER_MONTH : undefined;
}

const num = (lang: Lang, x: number, digits = 2) =>
  x.toLocaleString(lang === 'fr' ? 'fr-FR' : 'en-GB', { maximumFractionDigits: digits });
const pct = (lang: Lang, x: number) => `${num(lang, x * 100, 1)} %`.replace(' %', lang === 'fr' ? ' %' : '%');

export function protectedPreview(p: Protection, monthlyWh: number | undefined, lang: Lang): ProtectedPreview {
  return p.kind === 'month-smoothed' ? smoothedPreview(p, monthlyWh, lang) : noisedPreview(p, monthlyWh, lang);
}

/** Month-smoothed days: what they still reveal (measured) and an exact monthly total. */
function smoothedPreview(p: Protection, monthlyWh: number | undefined, lang: Lang): ProtectedPreview {
  const m = measured(figures as FiguresDoc, p);
  const mcc = m.mcc;
  const exact = m.mccExact;
  const reveals =
    mcc && exact
      ? lang === 'fr'
        ? `Mesuré sur ${m.households} logements d’évaluation : avec ce lissage, deviner les jours où le ` +
          `chauffe-eau, la machine à laver ou le lave-vaisselle ont tourné, ou les jours de présence réduite, ne fait ` +
          `pas mieux que ce qu’une facture mensuelle permet déjà (un score de ${num(lang, mcc[0])} à ` +
          `${num(lang, mcc[1])} où 0 est le hasard et 1 la certitude, contre ${num(lang, exact[0])} à ` +
          `${num(lang, exact[1])} avec les valeurs exactes de chaque jour). Les saisons et un mois entier d’absence ` +
          `restent visibles, comme sur une facture.`
        : `Measured on ${m.households} evaluation homes: with this smoothing, guessing the days a water heater, ` +
          `washing machine or dishwasher ran, or the days fewer people were home, does no better than a monthly bill ` +
          `already allows (a score of ${num(lang, mcc[0])} to ${num(lang, mcc[1])} where 0 is chance and 1 is ` +
          `certainty, against ${num(lang, exact[0])} to ${num(lang, exact[1])} with each day's exact value). ` +
          `Seasons and a whole month away remain visible, as on a bill.`
      : lang === 'fr'
        ? 'Ce lissage n’a pas été mesuré sur les logements d’évaluation.'
        : 'This smoothing has not been measured on the evaluation homes.';
  const own =
    monthlyWh === undefined
      ? ''
      : lang === 'fr'
        ? ` Pour votre logement, environ ${num(lang, monthlyWh / 1000, 0)} kWh par mois.`
        : ` For your home, about ${num(lang, monthlyWh / 1000, 0)} kWh a month.`;
  const bill =
    lang === 'fr'
      ? `Le total de chaque mois terminé est conservé : une facture estimée à partir de ces valeurs est juste. Les ` +
        `jours d’un mois ne sont transmis qu’une fois ce mois terminé.${own}`
      : `Each finished month's total is kept: a bill estimated from these values is right. The days of a month ` +
        `are sent only once that month is over.${own}`;
  return { reveals, bill, figures: { mcc, mccExact: exact, billError: 0, own: monthlyWh !== undefined } };
}

/** Noised days (level "standard", kept for the consents given with it). */
function noisedPreview(
  p: Extract<Protection, { kind: 'noised-daily' }>,
  monthlyWh: number | undefined,
  lang: Lang,
): ProtectedPreview {
  const m = measured(figures as FiguresDoc, p);
  const mcc = m.mcc;
  const exact = m.mccExact;
  const reveals =
    mcc && exact
      ? lang === 'fr'
        ? `Mesuré sur ${m.households} logements d’évaluation : avec ce brouillage, deviner les jours où le ` +
          `chauffe-eau, la machine à laver ou le lave-vaisselle ont tourné, ou les jours de présence réduite, reste ` +
          `un peu mieux que le hasard (un score de ${num(lang, mcc[0])} à ${num(lang, mcc[1])} où 0 est le ` +
          `hasard et 1 la certitude, contre ${num(lang, exact[0])} à ${num(lang, exact[1])} sans brouillage). ` +
          `Le brouillage change peu ce que vos totaux journaliers révèlent ; il ne cache ni les saisons ni les longues absences.`
        : `Measured on ${m.households} evaluation homes: with this blurring, guessing the days a water heater, washing ` +
          `machine or dishwasher ran, or the days fewer people were home, stays a little better than chance (a score ` +
          `of ${num(lang, mcc[0])} to ${num(lang, mcc[1])} where 0 is chance and 1 is certainty, against ` +
          `${num(lang, exact[0])} to ${num(lang, exact[1])} without blurring). The blurring changes little of what ` +
          `your daily totals reveal; it hides ` +
          `neither seasons nor long absences.`
      : lang === 'fr'
        ? 'Ce brouillage n’a pas été mesuré sur les logements d’évaluation.'
        : 'This blurring has not been measured on the evaluation homes.';
  const monthErrWh = p.sigmaWh * Math.sqrt(DAYS_PER_MONTH) * Math.sqrt(2 / Math.PI);
  let bill: string;
  let billError: number | null;
  if (monthlyWh !== undefined) {
    billError = monthErrWh / monthlyWh;
    bill =
      lang === 'fr'
        ? `Pour votre logement (environ ${num(lang, monthlyWh / 1000, 0)} kWh par mois), une facture estimée sur un ` +
          `mois à partir des jours brouillés s’écarterait en moyenne de ${pct(lang, billError)} ` +
          `(environ ${num(lang, monthErrWh / 1000, 1)} kWh), dans un sens ou dans l’autre.`
        : `For your home (about ${num(lang, monthlyWh / 1000, 0)} kWh a month), a bill estimated over a month from ` +
          `the blurred days would be off by ${pct(lang, billError)} on average (about ` +
          `${num(lang, monthErrWh / 1000, 1)} kWh), either way.`;
  } else {
    billError = m.bill ? m.bill[1] : null;
    bill = m.bill
      ? lang === 'fr'
        ? `Sur les logements d’évaluation, une facture estimée sur un mois à partir des jours brouillés s’écarte ` +
          `en moyenne de ${pct(lang, m.bill[0])} à ${pct(lang, m.bill[1])}.`
        : `On the evaluation homes, a bill estimated over a month from the blurred days is off by ` +
          `${pct(lang, m.bill[0])} to ${pct(lang, m.bill[1])} on average.`
      : lang === 'fr'
        ? `Une facture estimée sur un mois s’écarterait d’environ ${num(lang, monthErrWh / 1000, 1)} kWh.`
        : `A bill estimated over a month would be off by about ${num(lang, monthErrWh / 1000, 1)} kWh.`;
  }
  return { reveals, bill, figures: { mcc, mccExact: exact, billError, own: monthlyWh !== undefined } };
}
