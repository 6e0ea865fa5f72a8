/**
 * @module use-cases/costs
 * Cost per day and month of a usage point's consumption under one offer, and the comparison of every offer on the
 * household's own curve ("which offer is cheapest for me"). Reads the energy curve from the store (every stored
 * step finer than a day, merged on a half-hour grid, finer steps winning), the user's own offers from
 * `<dataDir>/tariffs/offers.json` (replacing the shipped table when present) and Tempo/EJP colours from
 * `<dataDir>/tariffs/calendar.csv`. What imports learnt about the usage point (its profile: subscribed power, option,
 * off-peak hours, register calendars) fills what the household did not choose, and its daily per-register indexes
 * tell Tempo colours (costs-profile.ts); the answer says where each default came from.
 */
import { parisDate } from '../core/calendar.ts';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { CourantError } from '../core/errors.ts';
import { parsePrm } from '../core/prm.ts';
import type { TimeRange } from '../core/range.ts';
import { stepMs, type FixedStep } from '../core/step.ts';
import type { ReadingStore } from '../ports/reading-store.ts';
import type { ContractFacts, FactOrigin, UsagePointRepository } from '../ports/usage-point-repository.ts';
import { compareOffers, type OfferComparison } from '../tariffs/compare.ts';
import { costCurve, type EnergyCurve, type PeriodCost } from '../tariffs/cost.ts';
import { calendarFromTempoIndexes, mergeCalendars, parseColourCsv, tempoColourOf } from '../tariffs/day-calendar.ts';
import { EMPTY_CALENDAR, type DayCalendar, type Offer, type TariffOption } from '../tariffs/model.ts';
import { withOffpeak } from '../tariffs/offer-label.ts';
import { DEFAULT_OFFERS } from '../tariffs/prices.ts';
import { validateOffers } from '../tariffs/validate.ts';
import { latestPrices } from './costs-latest.ts';
import { contractOffpeak, optionHint, registerTempoCalendar, type OptionHint } from './costs-profile.ts';

const HALF_HOUR = 1_800_000;

export interface CostsRequest {
  readonly prm: string;
  readonly range: TimeRange;
  /** Subscribed power; default: the usage point's contract (profile), else 6 kVA. */
  readonly kva?: number | undefined;
  /** Offer to cost; default: the first offer of the household's known option (profile), else the cheapest. */
  readonly offerId?: string | undefined;
  /**
   * `dated` (default): each day at the price valid that day. `latest`: every day at each offer's latest grid.
   * `auto`: dated, or latest when no offer can price the range at its own dates (data older than the table).
   */
  readonly prices?: 'dated' | 'latest' | 'auto' | undefined;
}

export interface CostsResult {
  readonly prm: string;
  readonly from: string;
  readonly to: string;
  readonly kva: number;
  readonly offerId: string;
  readonly days: PeriodCost[];
  readonly months: PeriodCost[];
  readonly total: PeriodCost;
  readonly comparison: OfferComparison[];
  readonly curve: { readonly halfHours: number; readonly steps: string[] };
  readonly pricesVerified: boolean;
  readonly prices: 'dated' | 'latest';
  /** The first day of the price grid(s) used (the latest grid's date with `prices=latest`). */
  readonly priceTableFrom: string;
  /** Start dates of the price grids that priced the range (several when it spans a tariff change). */
  readonly priceTablesUsed: readonly string[];
  /** Where the subscribed power, the offer and the off-peak hours came from, and the contract facts known. */
  readonly contract: ContractUse;
  /** Tempo days with a colour over the range ±1 day, by origin (later origins win: file < registers < TIC). */
  readonly tempoDays: { readonly file: number; readonly registers: number; readonly tic: number };
}

export interface ContractUse {
  readonly kvaFrom: 'request' | 'contract' | 'default';
  readonly offerFrom: 'request' | 'contract' | 'cheapest';
  /** The household's option as the profile tells it. */
  readonly option?: OptionHint | undefined;
  /** The contract's off-peak hours, applied to the shipped HP/HC offers (not to the household's own offers file). */
  readonly offpeak?: { readonly text: string; readonly applied: boolean; readonly origin: FactOrigin } | undefined;
  /** Stored contract facts (each with source, file, date). */
  readonly facts: ContractFacts;
}

/** The user's tariff files, or the shipped table and an empty calendar. */
export async function loadTariffData(dataDir: string): Promise<{ offers: readonly Offer[]; calendar: DayCalendar }> {
  const dir = join(dataDir, 'tariffs');
  let offers: readonly Offer[] = DEFAULT_OFFERS;
  let calendar = EMPTY_CALENDAR;
  const text = async (f: string) =>
    readFile(join(dir, f), 'utf8').catch((e: NodeJS.ErrnoException) =>
      e.code === 'ENOENT' ? undefined : Promise.reject(e),
    );
  const o = await text('offers.json');
  if (o !== undefined) {
    let json: unknown;
    try {
      json = JSON.parse(o);
    } catch (e) {
      throw new CourantError('TARIFF_INVALID', `${join(dir, 'offers.json')}: not JSON (${(e as Error).message})`);
    }
    offers = validateOffers(json, join(dir, 'offers.json'));
  }
  const c = await text('calendar.csv');
  if (c !== undefined) calendar = parseColourCsv(c, join(dir, 'calendar.csv'));
  return { offers, calendar };
}

/** Consumption energy on a half-hour grid: PT1H halves, finer steps summed; finer series override coarser ones. */
export async function halfHourCurve(
  store: ReadingStore,
  prm: string,
  range: TimeRange,
): Promise<{ curve: EnergyCurve; steps: string[] }> {
  const point = parsePrm(prm, 'prm');
  const held = (await store.list(point)).filter(
    (s) =>
      s.quantity === 'energy' &&
      s.direction === 'consumption' &&
      s.step !== 'P1D' &&
      s.step !== 'raw' &&
      s.register === '',
  );
  // coarse first
  const steps = [...new Set(held.map((s) => s.step as FixedStep))].sort((a, b) => stepMs(b) - stepMs(a));
  const slots = new Map<number, number>();
  for (const step of steps) {
    const ms = stepMs(step);
    const cols = await store.read({ prm: point, quantity: 'energy', direction: 'consumption', step, range });
    const fine = new Map<number, number>();
    for (let i = 0; i < cols.ts.length; i++) {
      const t = cols.ts[i]!;
      const v = cols.values[i]!;
      if (ms >= HALF_HOUR) for (let k = 0; k < ms / HALF_HOUR; k++) fine.set(t + k * HALF_HOUR, v / (ms / HALF_HOUR));
      else {
        const slot = Math.floor(t / HALF_HOUR) * HALF_HOUR;
        fine.set(slot, (fine.get(slot) ?? 0) + v);
      }
    }
    for (const [t, v] of fine) slots.set(t, v);
  }
  const ts = [...slots.keys()].sort((a, b) => a - b);
  return { curve: { ts, wh: ts.map((t) => slots.get(t)!), stepMs: HALF_HOUR }, steps };
}

/** Tempo colours from the TIC index registers stored for the usage point (30-min last values over the range ± 1 day).
 */
export async function meterTempoCalendar(store: ReadingStore, prm: string, range: TimeRange): Promise<DayCalendar> {
  const point = parsePrm(prm, 'prm');
  const held = (await store.list(point)).filter(
    (s) => s.quantity === 'index' && s.source === 'tic' && tempoColourOf(s.register) !== undefined,
  );
  const series = [];
  for (const s of held) {
    const r = await store.resample({
      prm: s.prm,
      quantity: 'index',
      direction: s.direction,
      register: s.register,
      step: s.step,
      source: 'tic',
      range: { from: range.from - 86_400_000, to: range.to + 86_400_000 },
      to: 'PT30M',
    });
    // a bucket's last value is reached by its end: stamp it there
    series.push({ register: s.register, ts: Array.from(r.ts, (t) => t + HALF_HOUR), values: r.values });
  }
  return calendarFromTempoIndexes(series);
}

const gridDate = (o: Offer, prices: 'dated' | 'latest'): string => {
  const froms = o.periods.map((p) => p.from).sort();
  return (prices === 'latest' ? froms[froms.length - 1] : froms[0]) ?? '';
};

/** Start dates (YYYY-MM-DD) of the offer's price periods that overlap the analysed range: each day is priced at its
 * own.
 */
const gridDatesUsed = (o: Offer, range: { from: number; to: number }): string[] => {
  const from = parisDate(range.from);
  const last = parisDate(range.to - 1);
  const periods = [...o.periods].sort((a, b) => (a.from < b.from ? -1 : 1));
  // a period without an end runs until the next one starts
  return periods.filter((p, i) => p.from <= last && (p.to ?? periods[i + 1]?.from ?? '9999') > from).map((p) => p.from);
};

export async function costsFor(
  store: ReadingStore,
  dataDir: string,
  req: CostsRequest,
  opts: { profiles?: UsagePointRepository | undefined } = {},
): Promise<CostsResult> {
  const profile = opts.profiles ? await opts.profiles.profile(parsePrm(req.prm, 'prm')) : undefined;
  const knownKva = profile?.contract.subscribedKva;
  const kva = req.kva ?? knownKva?.value ?? DEFAULT_KVA;
  if (!Number.isFinite(kva) || kva <= 0 || kva > 36)
    throw new CourantError('INPUT_INVALID', `kva: ${kva} is not a subscribed power between 3 and 36 kVA`);
  const loaded = await loadTariffData(dataDir);
  const shipped = loaded.offers === DEFAULT_OFFERS;
  const offpeak = profile ? contractOffpeak(profile) : undefined;
  // the usage point's own off-peak hours replace the shipped HP/HC offers' example hours (and the hours their label
  // names); a user's offers file is their choice
  const base =
    offpeak && shipped
      ? loaded.offers.map((o) => (o.option === 'hphc' ? withOffpeak(o, offpeak.offpeak) : o))
      : loaded.offers;
  let prices: 'dated' | 'latest' = req.prices === 'latest' ? 'latest' : 'dated';
  let offers = prices === 'latest' ? latestPrices(base) : base;
  // colours: the colour file, then the Enedis daily register indexes, then the meter's own TIC registers
  // (authoritative)
  const fileCalendar = loaded.calendar;
  const registers = profile ? await registerTempoCalendar(store, profile, req.range) : EMPTY_CALENDAR;
  const tic = await meterTempoCalendar(store, req.prm, req.range);
  const calendar = mergeCalendars(fileCalendar, registers, tic);
  const { curve, steps } = await halfHourCurve(store, req.prm, req.range);
  if (curve.ts.length === 0)
    throw new CourantError('HTTP_NOT_FOUND', `${req.prm}: no consumption load curve in this range; import one first`);
  let comparison = compareOffers(curve, kva, calendar, offers);
  // auto: the dated grids first; the latest ones when they cannot price the offer asked for (or any offer)
  const priced = (c: OfferComparison) => c.available && (req.offerId === undefined || c.offerId === req.offerId);
  if (req.prices === 'auto' && !comparison.some(priced)) {
    prices = 'latest';
    offers = latestPrices(base);
    comparison = compareOffers(curve, kva, calendar, offers);
  }
  const hint = profile ? optionHint(profile, req.range) : undefined;
  const known = hint ? knownOffer(offers, comparison, hint.option) : undefined;
  const offerId = req.offerId ?? known ?? comparison.find((c) => c.available)?.offerId ?? offers[0]!.id;
  const offer = offers.find((o) => o.id === offerId);
  if (!offer)
    throw new CourantError(
      'INPUT_INVALID',
      `offer: ${JSON.stringify(offerId)} is not in the price table (${offers.map((o) => o.id).join(', ')})`,
    );
  const cost = costCurve(curve, offer, kva, calendar);
  return {
    prm: req.prm,
    from: new Date(req.range.from).toISOString(),
    to: new Date(req.range.to).toISOString(),
    kva,
    offerId,
    days: cost.days,
    months: cost.months,
    total: cost.total,
    comparison,
    curve: { halfHours: curve.ts.length, steps },
    pricesVerified: offer.periods.every((p) => p.verified),
    prices,
    priceTableFrom: gridDate(loaded.offers.find((o) => o.id === offerId) ?? offer, prices),
    priceTablesUsed: prices === 'latest' ? [gridDate(offer, prices)] : gridDatesUsed(offer, req.range),
    contract: {
      kvaFrom: req.kva !== undefined ? 'request' : knownKva ? 'contract' : 'default',
      offerFrom: req.offerId !== undefined ? 'request' : known ? 'contract' : 'cheapest',
      option: hint,
      offpeak: offpeak ? { text: offpeak.text, applied: shipped, origin: offpeak.origin } : undefined,
      facts: profile?.contract ?? {},
    },
    tempoDays: { file: fileCalendar.tempo.size, registers: registers.tempo.size, tic: tic.tempo.size },
  };
}

/** Subscribed power when neither the request nor the usage point's contract gives one. */
export const DEFAULT_KVA = 6;

/**
 * The household's known option → the cheapest of its offers that can price the range. None (e.g. Tempo days without
 * a colour): undefined, so the page still answers with the cheapest offer, and the comparison shows why.
 */
function knownOffer(
  offers: readonly Offer[],
  comparison: readonly OfferComparison[],
  option: TariffOption,
): string | undefined {
  const ids = new Set(offers.filter((o) => o.option === option).map((o) => o.id));
  return comparison.find((c) => c.available && ids.has(c.offerId))?.offerId;
}
