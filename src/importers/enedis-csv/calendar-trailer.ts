/**
 * @module importers/enedis-csv/calendar-trailer
 * The trailer of "Conso Jour" / HDM index files maps each register (EAS F1…F10, D1…D4) to a temporal class of the
 * supplier or distributor calendar (e.g. FC000050 "6 cadrans": BUHC = Tempo blue off-peak → EAS F1), per period.
 * It is the only household-side source telling which Tempo colour / HP-HC register each kWh went to (§2.2).
 */
import type { Prm } from '../../core/prm.ts';
import { parseError, type ImportContext, type ImportNotice } from '../importer.ts';
import { parseIsoStamp } from '../time.ts';

/** "EAS F1" → "EASF01", "EAS D2" → "EASD02", "EAS T" → "EAST" (the TIC register names). */
export function registerName(column: string): string {
  const m = /^EAS ?([FD])(\d+)$/.exec(column.trim());
  if (m) return `EAS${m[1]}${m[2]!.padStart(2, '0')}`;
  if (/^EAS ?T$/.test(column.trim())) return 'EAST';
  return column.trim().replace(/\s+/g, '');
}

function instant(text: string | undefined): number | undefined {
  if (!text) return undefined;
  const p = parseIsoStamp(text.trim());
  if (Number.isNaN(p.naive) || p.offsetMin === undefined) return undefined;
  return p.naive - p.offsetMin * 60_000;
}

/** One trailer row → a calendar notice; undefined for the INCONNU (pre-Linky) periods. */
export function calendarNotice(line: string, prm: Prm, ctx: ImportContext, lineNo: number): ImportNotice | undefined {
  const c = line.split(';');
  const m = /^Du (\S+) au ?(\S*)$/.exec(c[0]!.trim());
  if (!m)
    throw parseError(
      ctx,
      { line: lineNo, field: 'Periode' },
      `${JSON.stringify(c[0]?.slice(0, 60))} is not "Du <date> au [<date>]"`,
    );
  const from = instant(m[1]);
  if (from === undefined)
    throw parseError(ctx, { line: lineNo, field: 'Periode' }, `bad start date ${JSON.stringify(m[1])}`);
  const to = instant(m[2]);
  const calendarId = c[1]?.trim() ?? '';
  if (calendarId === '' || calendarId === 'INCONNU') return undefined;
  const registers: Record<string, { classId: string; label: string }> = {};
  // supplier classes: 10 triplets (id, label, register) from column 3; then distributor calendar id, label and 4
  // triplets
  const triplets = (startCol: number, count: number) => {
    for (let k = 0; k < count; k++) {
      const id = c[startCol + 3 * k]?.trim();
      const label = c[startCol + 3 * k + 1]?.trim() ?? '';
      const reg = c[startCol + 3 * k + 2]?.trim();
      if (id && reg) registers[registerName(reg)] = { classId: id, label };
    }
  };
  triplets(3, 10);
  triplets(35, 4);
  return { kind: 'calendar', prm, from, to, calendarId, label: c[2]?.trim() ?? '', registers };
}
