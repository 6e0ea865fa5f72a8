/**
 * @module use-cases/costs-profile
 * What the cost page may take from the usage point's profile (facts learnt by imports) when the household has not
 * chosen: the subscribed power, the tariff option (the supplier calendar of the "Conso Jour" trailer — Tempo classes
 * BUHC…RHP, HP/HC, Base — else a hint from the network tariff option of the contract answers) and the off-peak hours;
 * and the Tempo colours told by the daily per-register indexes. Every value says where it comes from.
 */
import { parsePrm } from '../core/prm.ts';
import type { TimeRange } from '../core/range.ts';
import { isCourantError } from '../core/errors.ts';
import type { ReadingStore } from '../ports/reading-store.ts';
import type { FactOrigin, RegisterCalendar, UsagePointProfile } from '../ports/usage-point-repository.ts';
import { calendarFromRegisterIndexes, tempoClassOf } from '../tariffs/day-calendar.ts';
import type { DayCalendar, Offpeak, TariffOption } from '../tariffs/model.ts';
import { parseOffpeakText } from '../tariffs/offpeak.ts';

const DAY = 86_400_000;

export interface OptionHint {
  readonly option: TariffOption;
  /** `register-calendar`: the supplier calendar of an index file; `network-tariff`: the contract's distribution tariff.
   */
  readonly basis: 'register-calendar' | 'network-tariff';
  /** The calendar label or the tariff text it was read from. */
  readonly detail: string;
  readonly origin: FactOrigin;
}

/** The supplier option a register calendar tells: its supplier-grid registers (EASF…) and their classes. */
export function optionOfCalendar(c: Pick<RegisterCalendar, 'registers'>): TariffOption | undefined {
  const classes = Object.entries(c.registers)
    .filter(([reg]) => reg.startsWith('EASF'))
    .map(([, v]) => v);
  if (classes.length === 0) return undefined;
  if (classes.some((k) => tempoClassOf(k.classId, k.label))) return 'tempo';
  if (classes.some((k) => /^(PM|HN)$/i.test(k.classId) || /pointe mobile|EJP/i.test(k.label))) return 'ejp';
  if (classes.some((k) => /^H[PC]/i.test(k.classId) || /heures (pleines|creuses)/i.test(k.label))) return 'hphc';
  if (classes.every((k) => /^BASE$/i.test(k.classId) || /^base$/i.test(k.label))) return 'base';
  return undefined;
}

/**
 * The network tariff option (TURPE "formule tarifaire d'acheminement") is the distributor's, not the supplier's offer:
 * used only as a hint when no register calendar is known. Codes and texts seen in contract answers
 * (enedis-formats.md §1.5): `BTINFCUST` / "… sans différenciation temporelle" (one time class), `BTINFMUDT`,
 * `BTINFCU4`, `BTINFMU4`, "… heures pleines heures creuses …" (peak/off-peak).
 */
export function optionOfNetworkTariff(text: string): TariffOption | undefined {
  if (
    /heures pleines|heures creuses|HP.?HC|MUDT|CU4|MU4|diff[ée]renciation temporelle(?! *$)/i.test(text) &&
    !/sans diff[ée]renciation/i.test(text)
  )
    return 'hphc';
  if (/CUST|LU$|sans diff[ée]renciation|\bbase\b/i.test(text)) return 'base';
  return undefined;
}

/** The option the household most likely has: the latest register calendar overlapping the range, else the network
 * tariff hint.
 */
export function optionHint(profile: UsagePointProfile, range: TimeRange): OptionHint | undefined {
  const overlapping = profile.calendars.filter((c) => c.from < range.to && (c.to === undefined || c.to > range.from));
  for (const c of [...(overlapping.length ? overlapping : profile.calendars)].reverse()) {
    const option = optionOfCalendar(c);
    if (option)
      return { option, basis: 'register-calendar', detail: `${c.calendarId} ${c.label}`.trim(), origin: originOf(c) };
  }
  const t = profile.contract.tariffOption;
  const option = t ? optionOfNetworkTariff(t.value) : undefined;
  return option && t ? { option, basis: 'network-tariff', detail: t.value, origin: originOf(t) } : undefined;
}

/** The contract's off-peak hours, parsed; undefined when absent or not in the "HC (22h00-6h00)" form. */
export function contractOffpeak(
  profile: UsagePointProfile,
): { offpeak: Offpeak; text: string; origin: FactOrigin } | undefined {
  const t = profile.contract.offpeakHours;
  if (!t) return undefined;
  try {
    return { offpeak: parseOffpeakText(t.value), text: t.value, origin: originOf(t) };
  } catch (e) {
    if (isCourantError(e) && e.code === 'TARIFF_INVALID') return undefined;
    throw e;
  }
}

export const originOf = (f: FactOrigin): FactOrigin => ({ source: f.source, file: f.file, updatedAt: f.updatedAt });

/** Tempo colours from the usage point's daily per-register indexes (any source) read through its register calendars. */
export async function registerTempoCalendar(
  store: ReadingStore,
  profile: UsagePointProfile,
  range: TimeRange,
): Promise<DayCalendar> {
  const tempoRegisters = new Set<string>();
  for (const c of profile.calendars)
    for (const [reg, k] of Object.entries(c.registers))
      if (tempoClassOf(k.classId, k.label)?.hp) tempoRegisters.add(reg);
  if (tempoRegisters.size === 0) return { tempo: new Map(), ejp: new Map() };
  const held = (await store.list(parsePrm(profile.prm, 'prm'))).filter(
    (s) => s.quantity === 'index' && s.step === 'P1D' && tempoRegisters.has(s.register),
  );
  const series = [];
  for (const s of held) {
    const r = await store.read({
      prm: s.prm,
      quantity: 'index',
      direction: s.direction,
      register: s.register,
      step: 'P1D',
      source: s.source,
      range: { from: range.from - DAY, to: range.to + DAY },
    });
    series.push({ register: s.register, ts: r.ts, values: r.values });
  }
  return calendarFromRegisterIndexes(profile.calendars, series);
}
