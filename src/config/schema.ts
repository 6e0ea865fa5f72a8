/**
 * @module config/schema
 * The single configuration schema: types, defaults and documentation come from here.
 * Loaded and validated once at start (load.ts), frozen, and passed down; nothing reads process.env elsewhere.
 */
import { z } from 'zod';

export const configSchema = z
  .object({
    dataDir: z.string().min(1).default('./data').describe('Folder holding the database and keys. Relative paths are resolved from the working directory.'),
    locale: z.enum(['fr', 'en']).default('fr').describe('Default language of the dashboard and of messages meant for households.'),
    server: z
      .object({
        host: z.string().min(1).default('127.0.0.1').describe('Address to bind. Loopback by default: expose the hub deliberately (e.g. 0.0.0.0 behind a TLS proxy).'),
        port: z.number().int().min(0).max(65535).default(8640).describe('TCP port of the dashboard and API (0 picks a free port).'),
        maxPointsPerResponse: z.number().int().min(100).max(1_000_000).default(100_000).describe('Upper bound on points in one series response; the API refuses larger requests with HTTP_TOO_MANY_POINTS.'),
      })
      .strict()
      .default({ host: '127.0.0.1', port: 8640, maxPointsPerResponse: 100_000 }),
    demo: z
      .object({
        enabled: z.boolean().default(true).describe('Load the bundled demo household (UCI Sceaux house, Jan–Jun 2007) on first start with an empty database.'),
      })
      .strict()
      .default({ enabled: true }),
    storage: z
      .object({
        engine: z.enum(['duckdb']).default('duckdb').describe('Storage engine for readings. DuckDB is embedded and needs no set-up.'),
        threads: z.number().int().min(1).max(64).optional().describe('Threads the engine may use (default: all cores).'),
        memoryLimit: z.string().regex(/^\d+(\.\d+)?\s*(KB|MB|GB|KiB|MiB|GiB)$/i).optional().describe('Engine memory limit, e.g. "512MB".'),
      })
      .strict()
      .default({ engine: 'duckdb' }),
  })
  .strict();

export type Config = z.infer<typeof configSchema>;
export type ConfigInput = z.input<typeof configSchema>;
