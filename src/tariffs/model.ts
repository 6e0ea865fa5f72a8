/**
 * @module tariffs/model
 * Tariffs as data: an offer is an option (Base, HP/HC, Tempo, EJP), its off-peak ranges and dated price periods.
 * Prices are per kWh for each price class and per month for each subscribed power (kVA). Taxes follow the simple
 * model of docs/tariffs.md: a period either gives prices with all taxes included (`taxesIncluded: true`, the form of
 * the published regulated tariff grids), or prices before tax plus `taxes` (excise per kWh, CTA on the
 * subscription, VAT on everything).
 */

export type TariffOption = 'base' | 'hphc' | 'tempo' | 'ejp';

/** What a kWh is priced as. */
export const PRICE_CLASSES = [
  'base',
  'hp',
  'hc',
  'blue_hp',
  'blue_hc',
  'white_hp',
  'white_hc',
  'red_hp',
  'red_hc',
  'ejp_normal',
  'ejp_peak',
] as const;
export type PriceClass = (typeof PRICE_CLASSES)[number];

/** Price classes each option uses. */
export const OPTION_CLASSES: Readonly<Record<TariffOption, readonly PriceClass[]>> = {
  base: ['base'],
  hphc: ['hp', 'hc'],
  tempo: ['blue_hp', 'blue_hc', 'white_hp', 'white_hc', 'red_hp', 'red_hc'],
  ejp: ['ejp_normal', 'ejp_peak'],
};

/** A local-time range `HH:MM`–`HH:MM`, end excluded; `to` ≤ `from` wraps over midnight (22:00–06:00). */
export interface TimeRange {
  readonly from: string;
  readonly to: string;
}

/** Off-peak hours: the same ranges every day, or per ISO weekday (1 = Monday … 7 = Sunday; weekend-only off-peak
 * offers).
 */
export interface Offpeak {
  readonly ranges: readonly TimeRange[];
  readonly byWeekday?: Readonly<Partial<Record<1 | 2 | 3 | 4 | 5 | 6 | 7, readonly TimeRange[]>>>;
}

export interface Taxes {
  /** Excise on electricity (accise, ex-TICFE/CSPE), € per kWh. */
  readonly excisePerKwh: number;
  /** Contribution tarifaire d'acheminement, as a share of the subscription before tax. */
  readonly ctaRate: number;
  /** VAT share applied to everything. */
  readonly vatRate: number;
}

export interface PricePeriod {
  /** First day (Paris civil day, inclusive) and day after the last (exclusive, omitted = open). */
  readonly from: string;
  readonly to?: string | undefined;
  /** € per kWh by price class (every power, unless `energyByKva` says otherwise for the household's power). */
  readonly energy: Readonly<Partial<Record<PriceClass, number>>>;
  /**
   * € per kWh for some subscribed powers only ("9", "12"…), class by class: replaces `energy` for that power, classes
   * it leaves out keep `energy`'s price. Since February 2026 the regulated Base kWh price differs for 3–6 and 9–36 kVA.
   */
  readonly energyByKva?: Readonly<Record<string, Readonly<Partial<Record<PriceClass, number>>>>> | undefined;
  /** € per month by subscribed power in kVA ("6", "9"…). */
  readonly subscription: Readonly<Record<string, number>>;
  readonly taxesIncluded: boolean;
  readonly taxes?: Taxes | undefined;
  /** Where the numbers come from. */
  readonly source: string;
  /** False while the figures have not been checked against the published grid (shown to the user). */
  readonly verified: boolean;
}

export interface Offer {
  readonly id: string;
  readonly label: { readonly fr: string; readonly en: string };
  readonly option: TariffOption;
  /** HP/HC off-peak hours; Tempo uses 22:00–06:00 unless given; EJP peak days run 07:00–01:00. */
  readonly offpeak?: Offpeak | undefined;
  readonly periods: readonly PricePeriod[];
  /**
   * The offer still bills those who have it but takes no new customer (Tarif Bleu EJP since 1998): it is costed and
   * shown, never recommended as "the cheapest for you".
   */
  readonly closedToNewCustomers?: boolean | undefined;
}

export type TempoColour = 'blue' | 'white' | 'red';
export type EjpDay = 'normal' | 'peak';

/** Day colours by Paris civil date `YYYY-MM-DD` (for Tempo: the "Tempo day" that starts at 06:00 that date). */
export interface DayCalendar {
  readonly tempo: ReadonlyMap<string, TempoColour>;
  readonly ejp: ReadonlyMap<string, EjpDay>;
}

export const EMPTY_CALENDAR: DayCalendar = { tempo: new Map(), ejp: new Map() };
