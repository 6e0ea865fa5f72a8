/**
 * @module ports/usage-point-repository
 * The storage port for what imports learn about a usage point besides readings: its contract facts
 * (subscribed power, network tariff option, off-peak hours, contract start, segment) and the calendars that map its
 * index registers (EASF01…) to temporal classes (Tempo BUHC…RHP, HP/HC, Base) over validity periods.
 *
 * This is personal data of the household: erasure and move-out delete it (`delete`), and the rights export includes
 * it (`profile`). Each fact keeps where it came from (importer, file) and when the hub learnt it, so the dashboard
 * can say "9 kVA — Data Connect contract answer, 23/11/2026".
 */
import type { Prm } from '../core/prm.ts';
import type { AreaKind } from '../statistics/query.ts';

/** Contract facts the importers report (the `metadata` notice), one per field. */
export const CONTRACT_FIELDS = ['subscribedKva', 'tariffOption', 'offpeakHours', 'contractStart', 'segment'] as const;
export type ContractField = (typeof CONTRACT_FIELDS)[number];

/** Where a fact was learnt: the importer id (`dataconnect-2026`, `enedis-csv`…), the file or answer name, and when. */
export interface FactOrigin {
  readonly source: string;
  readonly file: string;
  /** UTC ms when the hub stored it. */
  readonly updatedAt: number;
}

export interface ContractFact<T> extends FactOrigin {
  readonly value: T;
}

/** The latest known value of each contract field, each with its own origin (different answers give different fields).
 */
export interface ContractFacts {
  readonly subscribedKva?: ContractFact<number> | undefined;
  readonly tariffOption?: ContractFact<string> | undefined;
  readonly offpeakHours?: ContractFact<string> | undefined;
  readonly contractStart?: ContractFact<string> | undefined;
  readonly segment?: ContractFact<string> | undefined;
}

/** A register calendar valid over [from, to) (UTC ms; `to` undefined = open-ended). */
export interface RegisterCalendar extends FactOrigin {
  readonly from: number;
  readonly to: number | undefined;
  readonly calendarId: string;
  readonly label: string;
  /** register (e.g. "EASF02") → temporal class (e.g. { classId: "BUHP", label: "Bleu Heures Pleines" }). */
  readonly registers: Readonly<Record<string, { readonly classId: string; readonly label: string }>>;
}

/** The area of one kind a usage point belongs to (published statistics, docs/statistics.md "Areas"), set by the
 * operator. */
export interface AreaFact {
  readonly code: string;
  /** UTC ms when it was set. */
  readonly updatedAt: number;
}

export interface UsagePointProfile {
  readonly prm: Prm;
  readonly contract: ContractFacts;
  /** Sorted by `from`. */
  readonly calendars: readonly RegisterCalendar[];
  /** Its areas by kind; absent when none is set. */
  readonly areas?: Readonly<Partial<Record<AreaKind, AreaFact>>> | undefined;
}

/** One usage point's area of a kind. */
export interface AreaAssignment extends AreaFact {
  readonly prm: Prm;
  readonly kind: AreaKind;
}

/** What one imported file taught about one usage point. */
export interface LearntFacts {
  readonly prm: Prm;
  readonly contract: Readonly<Partial<Record<ContractField, string | number>>>;
  readonly calendars: readonly Omit<RegisterCalendar, keyof FactOrigin>[];
}

export interface UsagePointRepository {
  /**
   * Record what one file taught, atomically (all facts or none). A defined field replaces the stored one; a calendar
   * replaces the stored calendar starting at the same instant (a later file may close an open-ended period).
   * Recording the same facts again changes nothing but `updatedAt` (re-import is idempotent).
   */
  record(facts: LearntFacts, origin: FactOrigin): Promise<void>;
  profile(prm: Prm): Promise<UsagePointProfile>;
  /** Usage points with a profile (imported facts or an area). */
  usagePoints(): Promise<Prm[]>;
  /**
   * Put the usage point in an area of a kind (at most one per kind: a new code replaces the old one), or take it out
   * of that kind's area (`code` null). The code is stored as given: the caller validates it (statistics/areas.ts).
   */
  setArea(prm: Prm, kind: AreaKind, code: string | null, at: number): Promise<void>;
  /** Every usage point's area, of one kind or of all, sorted by kind then usage point. */
  areas(kind?: AreaKind): Promise<AreaAssignment[]>;
  /** Forget everything about the usage point, its areas included (erasure, move-out); returns the rows deleted. */
  delete(prm: Prm): Promise<number>;
}

/** True when no imported fact is known (contract, calendars); the areas the operator sets do not count. */
export function isEmptyProfile(p: UsagePointProfile): boolean {
  return p.calendars.length === 0 && CONTRACT_FIELDS.every((f) => p.contract[f] === undefined);
}
