/**
 * @module tariffs/cost
 * The cost of an energy curve under one offer: each interval is split into half hours (classes change on half
 * hours), priced by its class at the price period valid that Paris day (at the subscribed power's own kWh price when
 * the period has one, `energyByKva`); the subscription is booked per day as
 * monthly price ÷ days in the month. Results per Paris day and per month, in euros.
 */
import { CourantError } from '../core/errors.ts';
import { classify, localTime } from './classify.ts';
import { OPTION_CLASSES, type DayCalendar, type Offer, type PriceClass, type PricePeriod } from './model.ts';

export interface EnergyCurve {
  /** Interval starts, UTC ms, ascending. */
  readonly ts: ArrayLike<number>;
  /** Energy per interval, Wh. */
  readonly wh: ArrayLike<number>;
  readonly stepMs: number;
}

export interface ClassCost {
  kwh: number;
  eur: number;
}
export interface PeriodCost {
  /** `YYYY-MM-DD` for days, `YYYY-MM` for months. */
  readonly period: string;
  kwh: number;
  energyEur: number;
  subscriptionEur: number;
  totalEur: number;
  byClass: Partial<Record<PriceClass, ClassCost>>;
}
export interface CurveCost {
  readonly offerId: string;
  readonly days: PeriodCost[];
  readonly months: PeriodCost[];
  readonly total: PeriodCost;
}

const HALF_HOUR = 1_800_000;

export function periodFor(offer: Offer, date: string): PricePeriod {
  const p = offer.periods.find((x) => x.from <= date && (x.to === undefined || date < x.to));
  if (!p)
    throw new CourantError(
      'TARIFF_NO_PRICE',
      `offer ${offer.id} has no price valid on ${date}; extend the price table`,
      { details: { offer: offer.id, date } },
    );
  return p;
}

/** The kWh price of a class for the household's power: the period's per-power price when it has one, else its `energy`.
 */
export function energyPrice(p: PricePeriod, cls: PriceClass, offer: Offer, kva: string): number {
  const v = p.energyByKva?.[kva]?.[cls] ?? p.energy[cls];
  if (v === undefined)
    throw new CourantError('TARIFF_INVALID', `offer ${offer.id}, period from ${p.from}: no price for ${cls}`);
  return p.taxesIncluded || !p.taxes ? v : (v + p.taxes.excisePerKwh) * (1 + p.taxes.vatRate);
}

function monthlySubscription(p: PricePeriod, kva: number, offer: Offer): number {
  const v = p.subscription[String(kva)];
  if (v === undefined)
    throw new CourantError(
      'TARIFF_NO_PRICE',
      `offer ${offer.id}, period from ${p.from}: no subscription price for ${kva} kVA (known: ${Object.keys(p.subscription).join(', ')})`,
    );
  return p.taxesIncluded || !p.taxes ? v : v * (1 + p.taxes.ctaRate) * (1 + p.taxes.vatRate);
}

const daysInMonth = (date: string) =>
  new Date(Date.UTC(Number(date.slice(0, 4)), Number(date.slice(5, 7)), 0)).getUTCDate();
const empty = (period: string): PeriodCost => ({
  period,
  kwh: 0,
  energyEur: 0,
  subscriptionEur: 0,
  totalEur: 0,
  byClass: {},
});

function add(into: PeriodCost, from: PeriodCost): void {
  into.kwh += from.kwh;
  into.energyEur += from.energyEur;
  into.subscriptionEur += from.subscriptionEur;
  into.totalEur += from.totalEur;
  for (const [k, c] of Object.entries(from.byClass) as [PriceClass, ClassCost][]) {
    const t = (into.byClass[k] ??= { kwh: 0, eur: 0 });
    t.kwh += c.kwh;
    t.eur += c.eur;
  }
}

export function costCurve(curve: EnergyCurve, offer: Offer, subscribedKva: number, calendar: DayCalendar): CurveCost {
  const days = new Map<string, PeriodCost>();
  const parts = Math.max(1, Math.round(curve.stepMs / HALF_HOUR));
  const sub = curve.stepMs / parts;
  const kva = String(subscribedKva);
  for (let i = 0; i < curve.ts.length; i++) {
    const wh = curve.wh[i]!;
    for (let k = 0; k < parts; k++) {
      const t = curve.ts[i]! + k * sub;
      const date = localTime(t).date;
      let d = days.get(date);
      if (!d) days.set(date, (d = empty(date)));
      const cls = classify(offer, t, calendar);
      const kwh = wh / parts / 1000;
      const eur = kwh * energyPrice(periodFor(offer, date), cls, offer, kva);
      const c = (d.byClass[cls] ??= { kwh: 0, eur: 0 });
      c.kwh += kwh;
      c.eur += eur;
      d.kwh += kwh;
      d.energyEur += eur;
    }
  }
  const months = new Map<string, PeriodCost>();
  const total = empty('total');
  for (const d of [...days.values()].sort((a, b) => (a.period < b.period ? -1 : 1))) {
    d.subscriptionEur = monthlySubscription(periodFor(offer, d.period), subscribedKva, offer) / daysInMonth(d.period);
    d.totalEur = d.energyEur + d.subscriptionEur;
    const m =
      months.get(d.period.slice(0, 7)) ??
      months.set(d.period.slice(0, 7), empty(d.period.slice(0, 7))).get(d.period.slice(0, 7))!;
    add(m, d);
    add(total, d);
  }
  return {
    offerId: offer.id,
    days: [...days.values()].sort((a, b) => (a.period < b.period ? -1 : 1)),
    months: [...months.values()],
    total,
  };
}

/** Classes an offer prices (for display). */
export function classesOf(offer: Offer): readonly PriceClass[] {
  return OPTION_CLASSES[offer.option];
}
