/**
 * Registry of `courant` commands: name, one line for `courant help`, and how to load the command. Each command lives
 * in its own file and is imported only when it runs, so that `courant help` loads neither DuckDB nor Fastify nor the
 * importers. Add one entry per command.
 */
import type { CommandEntry } from '../command.ts';

export const COMMANDS: readonly CommandEntry[] = [
  {
    name: 'start',
    summary: 'run the hub: dashboard and API (loads the demo household into an empty database unless --no-demo)',
    load: async () => (await import('./start.ts')).startCommand,
  },
  {
    name: 'status',
    summary: 'what the hub holds: usage points and series, with steps, ranges and sources',
    load: async () => (await import('./status.ts')).statusCommand,
  },
  {
    name: 'export',
    summary: "export a usage point's readings as CSV or JSON lines (UTC interval starts)",
    load: async () => (await import('./export.ts')).exportCommand,
  },
  {
    name: 'import',
    summary: 'import Enedis files (Data Connect JSON, portal CSV/XLSX, SGE HDM/R63 CSV, plain CSV)',
    load: async () => (await import('./import.ts')).importCommand,
  },
  {
    name: 'enedis',
    summary: 'fetch a usage point from Enedis Data Connect (operators with a contract) and import it',
    load: async () => (await import('./enedis.ts')).enedisCommand,
  },
  {
    name: 'tic',
    summary: 'decode Linky TIC frames from a capture or live (serial port, TCP bridge)',
    load: async () => (await import('./tic.ts')).ticCommand,
  },
  {
    name: 'reveal',
    summary: 'what a load curve reveals (routine, absences, water heater) and how well the detectors work',
    load: async () => (await import('./reveal.ts')).revealCommand,
  },
  {
    name: 'ledger',
    summary:
      'verify the consent ledger (first damaged seq and its kind); acknowledge damage so the ledger takes events again',
    load: async () => (await import('./ledger.ts')).ledgerCommand,
  },
  {
    name: 'register',
    summary: 'print the record of processing activities (GDPR art. 30) as Markdown',
    load: async () => (await import('./register.ts')).registerCommand,
  },
  {
    name: 'account',
    summary:
      'create the owner household (first start without the browser) or another account; password read from stdin',
    load: async () => (await import('./account.ts')).accountCommand,
  },
  {
    name: 'household',
    summary: 'record who lives where: a household moves in at a usage point, or moves out (signed ledger events)',
    load: async () => (await import('./household.ts')).householdCommand,
  },
  {
    name: 'client',
    summary: 'register third-party clients (OAuth2), list them, give one a new secret, disable or enable one',
    load: async () => (await import('./client.ts')).clientCommand,
  },
  {
    name: 'stats',
    summary:
      'published statistics: areas (commune, IRIS, group), releases with differential privacy, and their verification',
    load: async () => (await import('./stats.ts')).statsCommand,
  },
];
