/**
 * @module enedis/serve/params
 * The query of a Data Connect measure request, checked as Enedis checks it (enedis-formats.md §1.4, §1.6): the names
 * of the generation asked (v5 `usage_point_id`/`start`/`end`, 2026 `pointId`/`dateDebut`/`dateFin`, max power also
 * `mesuresPas=P1D` and `grandeurPhysique=PMA`; conso.boris.sh's `prm`/`start`/`end`), days `YYYY-MM-DD`, the interval
 * [start, end[ in Paris civil days, start before end, end not after today, a window of at most `windowDays` and a
 * start within the history depth, both from `KINDS` (enedis/endpoints.ts). Every refusal is the Enedis body to send.
 */
import { KINDS, type DcKind, type WindowedKind } from '../endpoints.ts';
import { START_NOT_BEFORE_END, invalidRequest, type DcRefusal } from './refusals.ts';
import { addDays, daysBetween, minusMonths, parisDay, parisDayStartOf } from './wall.ts';

/** The measures the hub serves (the contract snapshot is not served). */
export type MeasureKind = Exclude<DcKind, 'contract'>;
/** Which face was asked: Enedis v5, Enedis 2026, or conso.boris.sh's unwrapped v5. */
export type DcFace = 'v5' | '2026' | 'conso';

export interface DcQuery {
  readonly kind: MeasureKind;
  readonly face: DcFace;
  readonly prm: string;
  /** First day asked, `YYYY-MM-DD`. */
  readonly start: string;
  /** Day after the last day asked, `YYYY-MM-DD`. */
  readonly end: string;
  /** [start, end[ as UTC ms (Paris midnights). */
  readonly range: { readonly from: number; readonly to: number };
}

export type Parsed<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly refusal: DcRefusal };

/** conso.boris.sh's names for the same measures (`/api/<name>?prm&start&end`). */
export const CONSO_NAMES: Readonly<Record<string, MeasureKind>> = {
  daily_consumption: 'daily_consumption',
  consumption_load_curve: 'consumption_load_curve',
  consumption_max_power: 'daily_consumption_max_power',
  daily_production: 'daily_production',
  production_load_curve: 'production_load_curve',
};

export function measureSpec(kind: MeasureKind): WindowedKind {
  return KINDS[kind] as WindowedKind;
}

/** Parameter names of a face: the usage point, the two days, and fixed extras (2026 max power). */
export function paramNames(
  kind: MeasureKind,
  face: DcFace,
): { prm: string; start: string; end: string; extra: Readonly<Record<string, string>> } {
  if (face === 'conso') return { prm: 'prm', start: 'start', end: 'end', extra: {} };
  const e = measureSpec(kind).endpoints[face];
  return { prm: e.params.prm!, start: e.params.start!, end: e.params.end!, extra: e.extra ?? {} };
}

const DAY = /^\d{4}-\d{2}-\d{2}$/;
const PRM = /^\d{14}$/;

/**
 * Checks a request's query. `now` is the instant of the request: "today" is its Paris civil day, and data of a day
 * exist from the next one, so `end` may be today at the latest.
 */
export function parseDcQuery(
  kind: MeasureKind,
  face: DcFace,
  query: Readonly<Record<string, unknown>>,
  now: number,
): Parsed<DcQuery> {
  const names = paramNames(kind, face);
  const known = new Set([names.prm, names.start, names.end, ...Object.keys(names.extra)]);
  const refuse = (d: string): Parsed<DcQuery> => ({ ok: false, refusal: invalidRequest(d) });
  for (const k of Object.keys(query)) if (!known.has(k)) return refuse(`Unknown parameter: ${k}.`);
  const text = (name: string): string | undefined => {
    const v = query[name];
    return typeof v === 'string' ? v : undefined;
  };
  for (const name of known) {
    const v = query[name];
    if (v === undefined || v === '') return refuse(`Missing parameter: ${name}.`);
    if (typeof v !== 'string') return refuse(`Parameter ${name} is given more than once.`);
  }
  for (const [name, want] of Object.entries(names.extra))
    if (text(name) !== want) return refuse(`Parameter ${name} should be ${want}.`);
  const prm = text(names.prm)!;
  if (!PRM.test(prm)) return refuse(`Parameter ${names.prm} should be a usage point id of 14 digits.`);
  const start = text(names.start)!;
  const end = text(names.end)!;
  const from = DAY.test(start) ? parisDayStartOf(start) : Number.NaN;
  const to = DAY.test(end) ? parisDayStartOf(end) : Number.NaN;
  if (Number.isNaN(from)) return refuse(`Parameter ${names.start} should be a date YYYY-MM-DD.`);
  if (Number.isNaN(to)) return refuse(`Parameter ${names.end} should be a date YYYY-MM-DD.`);
  if (!(from < to)) return refuse(START_NOT_BEFORE_END);
  const today = parisDay(now);
  if (end > today) return refuse(`End date should not be after today (${today}).`);
  const spec = measureSpec(kind);
  if (daysBetween(start, end) > spec.windowDays) return refuse(`The period should not exceed ${spec.windowDays} days.`);
  // history depth: months + 15 days back from today (enedis-formats.md §1.4)
  const oldest = addDays(minusMonths(today, spec.historyMonths), -15);
  if (start < oldest) return refuse(`Start date should not be before ${oldest}.`);
  return { ok: true, value: { kind, face, prm, start, end, range: { from, to } } };
}
