/**
 * @module tariffs/day-calendar
 * Tempo and EJP day colours. Enedis never says which colour applied (enedis-formats.md §3.2), so colours come from
 * a CSV file (RTE/EDF publications: `date;colour` with BLEU/BLANC/ROUGE, blue/white/red, TEMPO_BLEU…) or from
 * the meter's own TIC tariff labels (historic PTEC `HPJB`/`HCJW`/`HPJR`, standard LTARF "… BLEU/BLANC/ROUGE"),
 * or from Enedis daily indexes per register read through the register calendar of the "Conso Jour" trailer.
 */
import { parisOffsetMs } from '../core/calendar.ts';
import { CourantError } from '../core/errors.ts';
import type { DayCalendar, EjpDay, TempoColour } from './model.ts';

/** Label → colour, as data. */
const TEMPO_WORDS: readonly [RegExp, TempoColour][] = [
  [/\b(BLEU|BLUE|JB)\b|^(TEMPO_)?BLEU$|HPJB|HCJB|^1$/i, 'blue'],
  [/\b(BLANC|WHITE|JW)\b|^(TEMPO_)?BLANC$|HPJW|HCJW|^2$/i, 'white'],
  [/\b(ROUGE|RED|JR)\b|^(TEMPO_)?ROUGE$|HPJR|HCJR|^3$/i, 'red'],
];
const EJP_WORDS: readonly [RegExp, EjpDay][] = [
  [/\b(POINTE|PEAK|PM)\b|^EJP$|^PM$/i, 'peak'],
  [/\b(NORMAL|HN)\b|^HN$/i, 'normal'],
];

export function tempoColourOf(label: string): TempoColour | undefined {
  const t = label.trim().replace(/_/g, ' ');
  return TEMPO_WORDS.find(([re]) => re.test(t))?.[1];
}

/**
 * Parse a colour CSV: one `YYYY-MM-DD` (or `dd/mm/yyyy`) and one colour per line, `;` or `,` separated; a header
 * line and blank lines are ignored. EJP days are given as `pointe`/`peak`/`normal`.
 */
export function parseColourCsv(text: string, fileName = 'calendar.csv'): DayCalendar {
  const tempo = new Map<string, TempoColour>();
  const ejp = new Map<string, EjpDay>();
  const lines = text.replace(/^\ufeff/, '').split(/\r?\n/);
  lines.forEach((line, i) => {
    if (line.trim() === '') return;
    const [d, c] = line.split(/[;,\t]/).map((s) => s.trim().replace(/^"|"$/g, ''));
    let date = d ?? '';
    const fr = /^(\d{2})\/(\d{2})\/(\d{4})$/.exec(date);
    if (fr) date = `${fr[3]}-${fr[2]}-${fr[1]}`;
    if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) {
      if (i === 0) return; // header
      throw new CourantError(
        'TARIFF_INVALID',
        `${fileName}, line ${i + 1}, field "date": ${JSON.stringify(d)} is not a date`,
      );
    }
    const colour = tempoColourOf(c ?? '');
    if (colour) return void tempo.set(date, colour);
    const e = EJP_WORDS.find(([re]) => re.test(c ?? ''))?.[1];
    if (e) return void ejp.set(date, e);
    throw new CourantError(
      'TARIFF_INVALID',
      `${fileName}, line ${i + 1}, field "colour": ${JSON.stringify(c)} is not a Tempo colour or EJP day`,
    );
  });
  return { tempo, ejp };
}

/**
 * Colours from TIC samples (`ts` UTC ms, tariff label). A Tempo day runs 06:00 → 06:00, so a sample is booked to the
 * civil date of its Paris time minus 6 h; the last label seen in a day wins.
 */
export function calendarFromTicLabels(samples: Iterable<{ ts: number; label: string }>): DayCalendar {
  const tempo = new Map<string, TempoColour>();
  for (const s of samples) {
    const colour = tempoColourOf(s.label);
    if (!colour) continue;
    const local = s.ts + parisOffsetMs(s.ts) - 6 * 3_600_000;
    tempo.set(new Date(local).toISOString().slice(0, 10), colour);
  }
  return { tempo, ejp: new Map() };
}

/**
 * Colours from the meter's own Tempo index registers (historic TIC `BBRHCJB`, `BBRHPJW`, `BBRHPJR`…): a register
 * that advanced between two samples tells the colour of the Tempo day (Paris time − 6 h) of the later sample.
 */
export function calendarFromTempoIndexes(
  series: readonly { register: string; ts: ArrayLike<number>; values: ArrayLike<number> }[],
): DayCalendar {
  const tempo = new Map<string, TempoColour>();
  for (const s of series) {
    const colour = tempoColourOf(s.register);
    if (!colour) continue;
    for (let i = 1; i < s.ts.length; i++) {
      if (!(s.values[i]! > s.values[i - 1]!)) continue;
      const t = s.ts[i]! - 1; // the energy was counted before this sample
      const local = t + parisOffsetMs(t) - 6 * 3_600_000;
      tempo.set(new Date(local).toISOString().slice(0, 10), colour);
    }
  }
  return { tempo, ejp: new Map() };
}

export function mergeCalendars(...cals: DayCalendar[]): DayCalendar {
  const tempo = new Map<string, TempoColour>();
  const ejp = new Map<string, EjpDay>();
  for (const c of cals) {
    for (const [k, v] of c.tempo) tempo.set(k, v);
    for (const [k, v] of c.ejp) ejp.set(k, v);
  }
  return { tempo, ejp };
}

/** Enedis temporal classes of the Tempo supplier calendar (FC000050 "6 cadrans", enedis-formats.md §2.2), as data. */
const TEMPO_CLASSES: Readonly<Record<string, { colour: TempoColour; hp: boolean }>> = {
  BUHC: { colour: 'blue', hp: false },
  BUHP: { colour: 'blue', hp: true },
  BCHC: { colour: 'white', hp: false },
  BCHP: { colour: 'white', hp: true },
  RHC: { colour: 'red', hp: false },
  RHP: { colour: 'red', hp: true },
};

/** Tempo colour and HP/HC of a temporal class: by its id, else by its label ("Rouge Heures Pleines"). */
export function tempoClassOf(classId: string, label: string): { colour: TempoColour; hp: boolean } | undefined {
  const known = TEMPO_CLASSES[classId.trim().toUpperCase()];
  if (known) return known;
  const colour = tempoColourOf(label);
  if (!colour) return undefined;
  if (/pleines|\bHP\b/i.test(label)) return { colour, hp: true };
  if (/creuses|\bHC\b/i.test(label)) return { colour, hp: false };
  return undefined;
}

/** A register calendar over [from, to) (UTC ms). */
export interface RegisterMapping {
  readonly from: number;
  readonly to: number | undefined;
  readonly registers: Readonly<Record<string, { readonly classId: string; readonly label: string }>>;
}

/**
 * Colours from daily cumulative indexes per register (`EASF01…`, stamped at the Paris day start, as stored from
 * "Conso Jour"/HDM files), read through the register calendars. Only the Tempo **peak-hour** registers are used:
 * peak hours (06:00–22:00) lie inside one civil day and one Tempo day, so the HP register that advanced between two
 * consecutive midnights tells that day's colour; off-peak hours (22:00–06:00) straddle two Tempo days and tell
 * nothing on their own. A day whose HP registers of two colours advanced (a mapping change mid-day) is left out
 * rather than guessed; so are steps longer than a civil day (gaps).
 */
export function calendarFromRegisterIndexes(
  mappings: readonly RegisterMapping[],
  series: readonly { register: string; ts: ArrayLike<number>; values: ArrayLike<number> }[],
): DayCalendar {
  const seen = new Map<string, Set<TempoColour>>();
  for (const s of series) {
    for (let i = 1; i < s.ts.length; i++) {
      const t0 = s.ts[i - 1]!;
      if (s.ts[i]! - t0 > 25 * 3_600_000 || !(s.values[i]! > s.values[i - 1]!)) continue;
      const m = mappings.find((c) => c.from <= t0 && (c.to === undefined || t0 < c.to));
      const cls = m?.registers[s.register];
      const tempo = cls ? tempoClassOf(cls.classId, cls.label) : undefined;
      if (!tempo?.hp) continue;
      const date = new Date(t0 + parisOffsetMs(t0)).toISOString().slice(0, 10);
      let set = seen.get(date);
      if (!set) seen.set(date, (set = new Set()));
      set.add(tempo.colour);
    }
  }
  const tempo = new Map<string, TempoColour>();
  for (const [date, colours] of [...seen].sort(([a], [b]) => (a < b ? -1 : 1)))
    if (colours.size === 1) tempo.set(date, [...colours][0]!);
  return { tempo, ejp: new Map() };
}
