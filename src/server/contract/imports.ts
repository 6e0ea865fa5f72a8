/**
 * @module server/contract/imports
 * What `POST /api/imports` answers: the import summary of use-cases/import-files.ts (also what `courant import`
 * prints with --json).
 */
import { z } from 'zod';
import { answers } from './common.ts';

export const fileSummary = z.object({
  file: z.string(),
  format: z.string(),
  /** Points stored (what the file gave, less what the household's recording controls refused). */
  points: z.number(),
  added: z.number(),
  replaced: z.number(),
  /** Points of the file the household's recording controls did not let in. */
  refused: z.number(),
});

const range = z.object({ from: z.string(), to: z.string() });

export const importSummary = z.object({
  files: z.array(fileSummary),
  usagePoints: z.array(z.string()),
  series: z.array(
    z.object({
      prm: z.string(),
      series: z.string(),
      points: z.number(),
      from: z.string(),
      to: z.string(),
      gaps: z.number(),
    }),
  ),
  steps: z.array(z.string()),
  range: range.nullable(),
  points: z.number(),
  added: z.number(),
  replaced: z.number(),
  /** What the household's recording controls kept out (stop fine recording, recorded step), by series. */
  refused: z.array(
    z.object({
      prm: z.string(),
      series: z.string(),
      step: z.string(),
      points: z.number(),
      keptAs: z.object({ series: z.string(), points: z.number() }).optional(),
    }),
  ),
  gaps: z.object({ count: z.number(), listed: z.array(range.extend({ prm: z.string(), series: z.string() })) }),
  mismatches: z.object({
    comparedDays: z.number(),
    days: z.array(
      z.object({ prm: z.string(), direction: z.string(), day: z.string(), curveWh: z.number(), dailyWh: z.number() }),
    ),
  }),
  /** Contract facts the files gave (subscribed power, option, off-peak hours…), by usage point. */
  metadata: z.array(
    z.object({
      kind: z.literal('metadata'),
      prm: z.string(),
      subscribedKva: z.number().optional(),
      tariffOption: z.string().optional(),
      offpeakHours: z.string().optional(),
      contractStart: z.string().optional(),
      segment: z.string().optional(),
    }),
  ),
  /** Register calendars the files gave (validity in UTC ms; no `to`: open-ended). */
  calendars: z.array(
    z.object({
      kind: z.literal('calendar'),
      prm: z.string(),
      from: z.number(),
      to: z.number().optional(),
      calendarId: z.string(),
      label: z.string(),
      registers: z.record(z.string(), z.object({ classId: z.string(), label: z.string() })),
    }),
  ),
  notices: z.array(z.string()),
});
export type ImportSummary = z.infer<typeof importSummary>;

export const importResponses = { import: answers({ 200: importSummary }) };
