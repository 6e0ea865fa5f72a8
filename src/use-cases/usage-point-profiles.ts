/**
 * @module use-cases/usage-point-profiles
 * Turns the notices of one imported file (contract `metadata`, register `calendar`) into usage-point profile facts
 * and records them. `importSources` calls the sink only after the file's readings were stored, so a file that fails
 * persists nothing; the facts of one file are recorded in one transaction.
 */
import type { Prm } from '../core/prm.ts';
import type { ImportNotice } from '../importers/importer.ts';
import {
  CONTRACT_FIELDS,
  type ContractField,
  type LearntFacts,
  type UsagePointRepository,
} from '../ports/usage-point-repository.ts';

/** Receives what one stored file taught (its name, the importer id, its notices). */
export type ProfileSink = (
  file: { readonly name: string; readonly format: string },
  notices: readonly ImportNotice[],
) => Promise<void>;

/** Group a file's notices by usage point; info/warning notices are ignored. Later notices of a file win per field. */
export function learntFrom(notices: readonly ImportNotice[]): LearntFacts[] {
  const by = new Map<
    Prm,
    { contract: Partial<Record<ContractField, string | number>>; calendars: LearntFacts['calendars'][number][] }
  >();
  const of = (prm: Prm) => {
    let f = by.get(prm);
    if (!f) by.set(prm, (f = { contract: {}, calendars: [] }));
    return f;
  };
  for (const n of notices) {
    if (n.kind === 'metadata') {
      const f = of(n.prm);
      for (const k of CONTRACT_FIELDS) {
        const v = n[k];
        if (v !== undefined && !(typeof v === 'number' && !Number.isFinite(v))) f.contract[k] = v;
      }
    } else if (n.kind === 'calendar') {
      of(n.prm).calendars.push({
        from: n.from,
        to: n.to,
        calendarId: n.calendarId,
        label: n.label,
        registers: n.registers,
      });
    }
  }
  return [...by]
    .map(([prm, f]) => ({ prm, ...f }))
    .filter((f) => f.calendars.length > 0 || Object.keys(f.contract).length > 0);
}

/** The sink that records into a repository, stamped with the hub's clock. */
export function profileSink(repo: UsagePointRepository, now: () => number = Date.now): ProfileSink {
  return async (file, notices) => {
    for (const facts of learntFrom(notices))
      await repo.record(facts, { source: file.format, file: file.name, updatedAt: now() });
  };
}
