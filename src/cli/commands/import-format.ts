/** Human summary of an import run, French by default, English when LANG starts with "en". */
import type { ImportSummary } from '../../use-cases/import-files.ts';

const WORDS = {
  fr: {
    points: 'points',
    stored: 'enregistré',
    files: 'fichiers',
    usagePoints: 'points de livraison',
    series: 'séries',
    steps: 'pas',
    range: 'période (UTC)',
    added: 'points ajoutés',
    replaced: 'points remplacés',
    gaps: 'trous',
    mismatches: 'écarts courbe/journalier',
    compared: 'jours comparés',
    none: 'aucun',
    metadata: 'contrat',
    calendar: 'calendrier',
  },
  en: {
    points: 'points',
    stored: 'stored',
    files: 'files',
    usagePoints: 'usage points',
    series: 'series',
    steps: 'steps',
    range: 'range (UTC)',
    added: 'points added',
    replaced: 'points replaced',
    gaps: 'gaps',
    mismatches: 'daily/curve mismatches',
    compared: 'days compared',
    none: 'none',
    metadata: 'contract',
    calendar: 'calendar',
  },
} as const;
export type Words = Record<keyof (typeof WORDS)['fr'], string>;

export function wordsFor(env: NodeJS.ProcessEnv): Words {
  return /^en/i.test(env.COURANT_LANG ?? env.LANG ?? '') ? WORDS.en : WORDS.fr;
}

export function formatSummary(s: ImportSummary, w: Words): string {
  const lines: string[] = [];
  lines.push(`${w.files}: ${s.files.map((f) => `${f.file} [${f.format}] ${f.points}`).join(', ')}`);
  lines.push(`${w.usagePoints}: ${s.usagePoints.join(', ') || w.none}`);
  lines.push(`${w.series}: ${s.series.length}`);
  for (const x of s.series)
    lines.push(
      `  ${x.prm} ${x.series.padEnd(44)} ${String(x.points).padStart(9)}  ${x.from.slice(0, 16)} → ${x.to.slice(0, 16)}${x.gaps ? `  ${w.gaps}: ${x.gaps}` : ''}`,
    );
  lines.push(`${w.steps}: ${s.steps.join(', ') || w.none}`);
  if (s.range) lines.push(`${w.range}: ${s.range.from} → ${s.range.to}`);
  lines.push(`${w.added}: ${s.added}   ${w.replaced}: ${s.replaced}`);
  lines.push(`${w.gaps}: ${s.gaps.count}`);
  for (const g of s.gaps.listed.slice(0, 10)) lines.push(`  ${g.prm} ${g.series} ${g.from} → ${g.to}`);
  lines.push(`${w.mismatches}: ${s.mismatches.days.length} (${w.compared}: ${s.mismatches.comparedDays})`);
  for (const m of s.mismatches.days.slice(0, 10))
    lines.push(`  ${m.prm} ${m.direction} ${m.day}: ${m.curveWh} Wh ≠ ${m.dailyWh} Wh`);
  for (const m of s.metadata)
    lines.push(
      `${w.metadata} ${m.prm}: ${[m.subscribedKva ? `${m.subscribedKva} kVA` : '', m.tariffOption ?? '', m.offpeakHours ?? ''].filter(Boolean).join(' · ')}`,
    );
  for (const c of s.calendars)
    lines.push(
      `${w.calendar} ${c.prm} ${c.calendarId} ${c.label}: ${Object.entries(c.registers)
        .map(([r, k]) => `${r}=${k.classId}`)
        .join(' ')}`,
    );
  for (const n of s.notices) lines.push(`! ${n}`);
  return lines.join('\n') + '\n';
}
