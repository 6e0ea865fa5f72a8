/**
 * @module config/schema
 * The single configuration schema: types, defaults and documentation come from here.
 * Loaded and validated once at start (load.ts), frozen, and passed down; nothing reads process.env elsewhere.
 */
import { z } from 'zod';
import { consentConfigSchema, DEFAULT_CONSENT_CONFIG } from '../consent/config.ts';
import { DEFAULT_IMPORT_LIMITS as IMPORT } from '../importers/limits.ts';

const MiB = 1024 * 1024;
/** What one request or one imported file may cost; docs/importers.md § Limits gives each limit's error code. */
const DEFAULT_LIMITS = {
  uploadBytes: 512 * MiB,
  jsonBodyBytes: MiB,
  importsPerAccount: 1,
  // Enedis Data Connect v5's quotas per application (enedis-formats.md §1.4), so clients written for it fit unchanged
  dataConnectPerSecond: 5,
  dataConnectPerHour: 10_000,
  ...IMPORT,
};

export const configSchema = z
  .object({
    dataDir: z
      .string()
      .min(1)
      .default('./data')
      .describe('Folder holding the database and keys. Relative paths are resolved from the working directory.'),
    locale: z
      .enum(['fr', 'en'])
      .default('fr')
      .describe('Default language of the dashboard and of messages meant for households.'),
    server: z
      .object({
        host: z
          .string()
          .min(1)
          .default('127.0.0.1')
          .describe(
            'Address to bind. Loopback by default: expose the hub deliberately (e.g. 0.0.0.0 behind a TLS proxy).',
          ),
        port: z
          .number()
          .int()
          .min(0)
          .max(65535)
          .default(8640)
          .describe('TCP port of the dashboard and API (0 picks a free port).'),
        maxPointsPerResponse: z
          .number()
          .int()
          .min(100)
          .max(1_000_000)
          .default(100_000)
          .describe(
            'Upper bound on points in one series response; the API refuses larger requests with HTTP_TOO_MANY_POINTS.',
          ),
        drainTimeoutMs: z
          .number()
          .int()
          .min(0)
          .max(600_000)
          .default(15_000)
          .describe(
            'On stop (SIGTERM, SIGINT): how long requests in flight may take to finish before they are answered 503 HUB_STOPPING; the store closes after. 0 answers them at once.',
          ),
      })
      .strict()
      .default({ host: '127.0.0.1', port: 8640, maxPointsPerResponse: 100_000, drainTimeoutMs: 15_000 }),
    demo: z
      .object({
        enabled: z
          .boolean()
          .default(true)
          .describe(
            'Load the bundled demo household (UCI Sceaux house, Jan–Jun 2007) on first start with an empty database.',
          ),
        calendar: z
          .enum(['history', 'today', 'both'])
          .default('history')
          .describe(
            'Which demo: "history" is the UCI Sceaux house on its own dates (2007); "today" a synthetic household (PRM 99999999999902, not measurements: the UCI days re-dated) covering the last 400 days up to yesterday, topped up at each start; "both" loads the two.',
          ),
      })
      .strict()
      .default({ enabled: true, calendar: 'history' }),
    storage: z
      .object({
        engine: z
          .enum(['duckdb', 'clickhouse'])
          .default('duckdb')
          .describe(
            'Storage engine for readings. "duckdb" is embedded and needs no set-up; "clickhouse" keeps readings on a ClickHouse cluster (storage.clickhouseUrls, storage.clickhouseCluster; docs/storage.md), the other repositories staying where ledger.engine says.',
          ),
        clickhouseUrls: z
          .string()
          .regex(
            /^https?:\/\/[^\s,]+(,https?:\/\/[^\s,]+)*$/,
            'must be the HTTP URL of one server per shard, separated by commas (http://host:8123,http://host2:8123)',
          )
          .optional()
          .describe(
            'When storage.engine is "clickhouse": the HTTP URL of one server per shard, separated by commas; the first takes the queries. Every one gets the tables.',
          ),
        clickhouseCluster: z
          .string()
          .regex(/^[A-Za-z_][A-Za-z0-9_]*$/, 'must be a plain identifier')
          .optional()
          .describe('When storage.engine is "clickhouse": the cluster\'s name in the servers\' remote_servers.'),
        clickhouseDatabase: z
          .string()
          .regex(/^[A-Za-z_][A-Za-z0-9_]*$/, 'must be a plain identifier')
          .default('courant')
          .describe('When storage.engine is "clickhouse": the database holding the tables (created when absent).'),
        clickhouseUser: z.string().default('default').describe('ClickHouse user when storage.engine is "clickhouse".'),
        clickhousePassword: z
          .string()
          .optional()
          .describe(
            'ClickHouse password when storage.engine is "clickhouse". Give it in the environment rather than the file.',
          ),
        threads: z
          .number()
          .int()
          .min(1)
          .max(64)
          .optional()
          .describe('Threads the engine may use (default: all cores).'),
        memoryLimit: z
          .string()
          .regex(/^\d+(\.\d+)?\s*(KB|MB|GB|KiB|MiB|GiB)$/i)
          .optional()
          .describe('Engine memory limit, e.g. "512MB".'),
      })
      .strict()
      .refine((st) => st.engine !== 'clickhouse' || (st.clickhouseUrls && st.clickhouseCluster), {
        path: ['clickhouseUrls'],
        message:
          'storage.engine is "clickhouse": set storage.clickhouseUrls and storage.clickhouseCluster (COURANT_STORAGE_CLICKHOUSE_URLS, COURANT_STORAGE_CLICKHOUSE_CLUSTER)',
      })
      .default({ engine: 'duckdb', clickhouseDatabase: 'courant', clickhouseUser: 'default' }),
    ledger: z
      .object({
        engine: z
          .enum(['duckdb', 'postgres'])
          .default('duckdb')
          .describe(
            'Where the repositories besides readings live (consent ledger, access log, accounts, third-party clients, usage-point profiles, release ledger): "duckdb" in the data directory\'s database (nothing to set up); "postgres" in the PostgreSQL database of ledger.postgresUrl, which several hub instances may share (docs/storage.md).',
          ),
        postgresUrl: z
          .string()
          .regex(/^postgres(ql)?:\/\/\S+$/, 'must be a postgres://user:password@host:port/database connection string')
          .optional()
          .describe(
            'Connection string of the PostgreSQL database when ledger.engine is "postgres" (postgres://user:password@host:port/database). It holds a password: give it in the environment rather than the file.',
          ),
      })
      .strict()
      .refine((l) => l.engine !== 'postgres' || l.postgresUrl !== undefined, {
        path: ['postgresUrl'],
        message: 'ledger.engine is "postgres": set ledger.postgresUrl (COURANT_LEDGER_POSTGRES_URL)',
      })
      .default({ engine: 'duckdb' }),
    tic: z
      .object({
        enabled: z
          .boolean()
          .default(false)
          .describe(
            'Read the Linky TIC output live and store its readings (indexes, apparent power, 1/10/30-minute energy).',
          ),
        source: z
          .enum(['serial', 'tcp', 'file'])
          .default('serial')
          .describe(
            'Where the TIC bytes come from: a serial port (USB dongle, Raspberry Pi UART), a TCP bridge (ser2net), or a recorded file (replay).',
          ),
        port: z.string().min(1).default('/dev/ttyUSB0').describe('Serial device, e.g. /dev/ttyUSB0 or /dev/serial0.'),
        baud: z
          .enum(['auto', '1200', '9600'])
          .default('auto')
          .describe(
            'Line rate: 1200 (historic mode), 9600 (standard mode) or auto (try 9600, then 1200). Always 7 data bits, even parity, 1 stop bit.',
          ),
        host: z.string().min(1).optional().describe('TCP bridge host (source "tcp").'),
        tcpPort: z.number().int().min(1).max(65535).optional().describe('TCP bridge port (source "tcp").'),
        file: z.string().min(1).optional().describe('Recorded capture to replay (source "file"); "-" reads stdin.'),
        pace: z.boolean().default(true).describe('Replay a file at the line rate, like a meter would send it.'),
        prm: z
          .string()
          .regex(/^\d{14}$/)
          .optional()
          .describe('Usage point (PRM) the meter belongs to. Needed in historic mode (its frames carry no PRM).'),
        parity8: z
          .boolean()
          .default(false)
          .describe('The adapter delivers 8-bit bytes (7E1 read as 8N1): check and strip the parity bit.'),
        flushEveryMs: z
          .number()
          .int()
          .min(100)
          .max(600_000)
          .default(5000)
          .describe('Write buffered readings at least this often (ms).'),
        flushMaxPoints: z
          .number()
          .int()
          .min(1)
          .max(1_000_000)
          .default(10_000)
          .describe('Write as soon as this many readings are buffered.'),
      })
      .strict()
      .default({
        enabled: false,
        source: 'serial',
        port: '/dev/ttyUSB0',
        baud: 'auto',
        pace: true,
        parity8: false,
        flushEveryMs: 5000,
        flushMaxPoints: 10_000,
      }),
    mqtt: z
      .object({
        enabled: z
          .boolean()
          .default(false)
          .describe('Publish live TIC readings to an MQTT broker for Home Assistant (discovery, availability, state).'),
        url: z
          .string()
          .min(1)
          .default('mqtt://127.0.0.1:1883')
          .describe('Broker URL, e.g. mqtt://127.0.0.1:1883 or mqtts://broker.lan:8883.'),
        username: z.string().optional().describe('Broker user name.'),
        password: z
          .string()
          .optional()
          .describe('Broker password (prefer the COURANT_MQTT_PASSWORD environment variable).'),
        discoveryPrefix: z
          .string()
          .regex(/^[a-zA-Z0-9_\-/]+$/)
          .default('homeassistant')
          .describe('Home Assistant discovery prefix.'),
        baseTopic: z
          .string()
          .regex(/^[a-zA-Z0-9_\-/]+$/)
          .default('courant')
          .describe('Prefix of the state and availability topics.'),
        minIntervalMs: z
          .number()
          .int()
          .min(0)
          .max(3_600_000)
          .default(0)
          .describe('Publish the state at most this often (ms); 0 = every frame.'),
        pulseTopic: z
          .string()
          .min(1)
          .optional()
          .describe(
            'Topic of metrology-LED pulse messages (another live source, for meters whose TIC port is out of reach).',
          ),
        whPerPulse: z
          .number()
          .positive()
          .default(1)
          .describe('Energy per LED pulse in Wh (1 on a Linky: 1000 imp/kWh).'),
      })
      .strict()
      .default({
        enabled: false,
        url: 'mqtt://127.0.0.1:1883',
        discoveryPrefix: 'homeassistant',
        baseTopic: 'courant',
        minIntervalMs: 0,
        whPerPulse: 1,
      }),
    log: z
      .object({
        level: z
          .enum(['debug', 'info', 'warn', 'error', 'silent'])
          .default('info')
          .describe(
            'Least severe messages the hub writes to stderr. At info: start-up notices, imports, retention sweeps, warnings and errors, no line per request; at debug, Fastify adds its listening line and two lines per request.',
          ),
        format: z
          .enum(['auto', 'text', 'json'])
          .default('auto')
          .describe(
            "text: one line per message (`time level [area] message`); json: pino's JSON lines, for journald, Docker or a log collector; auto: text when stderr is a terminal, json otherwise. Authorization headers, cookies, passwords and tokens are redacted in both.",
          ),
      })
      .strict()
      .default({ level: 'info', format: 'auto' }),
    limits: z
      .object({
        uploadBytes: z
          .number()
          .int()
          .min(1024)
          .default(DEFAULT_LIMITS.uploadBytes)
          .describe(
            "Largest file accepted by POST /api/imports, in bytes (IMPORT_TOO_LARGE); larger files are imported with `courant import` on the hub's machine.",
          ),
        jsonBodyBytes: z
          .number()
          .int()
          .min(1024)
          .default(DEFAULT_LIMITS.jsonBodyBytes)
          .describe('Largest JSON request body of the other API routes, in bytes (HTTP 413).'),
        xlsxDecompressedBytes: z
          .number()
          .int()
          .min(MiB)
          .default(DEFAULT_LIMITS.xlsxDecompressedBytes)
          .describe(
            'Bytes an XLSX workbook may expand to once unzipped, declared or actually inflated (IMPORT_DECOMPRESSED_TOO_LARGE). A year of half hours is about 5 MB.',
          ),
        xlsxEntries: z
          .number()
          .int()
          .min(16)
          .default(DEFAULT_LIMITS.xlsxEntries)
          .describe(
            "Entries an XLSX workbook's zip may hold (IMPORT_TOO_MANY_ENTRIES); a portal export holds about ten.",
          ),
        lineBytes: z
          .number()
          .int()
          .min(1024)
          .default(DEFAULT_LIMITS.lineBytes)
          .describe(
            'Longest line of a CSV file, and longest single JSON value, in bytes (IMPORT_LINE_TOO_LONG); Enedis lines are under a kilobyte.',
          ),
        rowsPerFile: z
          .number()
          .int()
          .min(1)
          .default(DEFAULT_LIMITS.rowsPerFile)
          .describe(
            'Readings one imported file may give (IMPORT_TOO_MANY_ROWS); a half-hour curve point gives two (power and energy).',
          ),
        parseSeconds: z
          .number()
          .positive()
          .default(DEFAULT_LIMITS.parseSeconds)
          .describe(
            'Seconds the parser thread may spend on one file while the import waits for it (IMPORT_PARSE_TIMEOUT); upload and storage time do not count.',
          ),
        parserMemoryMb: z
          .number()
          .int()
          .min(64)
          .default(DEFAULT_LIMITS.parserMemoryMb)
          .describe(
            'Heap ceiling of the parser thread, in MiB (IMPORT_PARSE_MEMORY). Every upload, every XLSX file and every file from 4 MiB is parsed in that thread.',
          ),
        importsPerAccount: z
          .number()
          .int()
          .min(1)
          .default(DEFAULT_LIMITS.importsPerAccount)
          .describe('Imports one account may run at the same time over HTTP; one more is answered 429 (IMPORT_BUSY).'),
        dataConnectPerSecond: z
          .number()
          .int()
          .min(1)
          .default(DEFAULT_LIMITS.dataConnectPerSecond)
          .describe(
            'Requests a third-party client may send to the Data Connect routes in one second (its burst; refilled continuously); one more is answered 429 with the gateway body 900804.',
          ),
        dataConnectPerHour: z
          .number()
          .int()
          .min(1)
          .default(DEFAULT_LIMITS.dataConnectPerHour)
          .describe(
            'Requests a third-party client may send to the Data Connect routes in one hour (X-RateLimit-Limit); one more is answered 429 with the gateway body 900804.',
          ),
      })
      .strict()
      .default(DEFAULT_LIMITS),
    stats: z
      .object({
        floor: z
          .number()
          .int()
          .min(10)
          .default(10)
          .describe(
            'Fewest households a published statistics cell may stand for: a cell is published only when its noisy count reaches this floor plus 4.75 σ of the count’s noise (the margin keeps a smaller cell out with probability above 1 − 10⁻⁶). Never below 10 (the legal floor).',
          ),
        maxEpsilon: z
          .number()
          .positive()
          .max(10)
          .default(2)
          .describe(
            'Largest ε the operator may spend on one statistics release (read as ρ = ε²/2, zero-concentrated differential privacy).',
          ),
        datasetBudgetRho: z
          .number()
          .positive()
          .default(2)
          .describe(
            'Privacy budget ρ of one data set (publisher × area kind × period) across all its releases; a release that would exceed it is refused with the budget remaining.',
          ),
        householdBudgetRho: z
          .number()
          .positive()
          .default(4)
          .describe(
            'Privacy budget ρ of one household across every release it contributes to; a household whose budget a release would exceed is left out of it.',
          ),
      })
      .strict()
      .default({ floor: 10, maxEpsilon: 2, datasetBudgetRho: 2, householdBudgetRho: 4 })
      .describe('Published statistics (docs/statistics.md): the floor and the privacy budgets of releases.'),
    consent: consentConfigSchema
      .default(DEFAULT_CONSENT_CONFIG)
      .describe(
        'Data controller, the third parties a household may choose (none by default) and retention per granularity.',
      ),
  })
  .strict();

export type Config = z.infer<typeof configSchema>;
export type ConfigInput = z.input<typeof configSchema>;
