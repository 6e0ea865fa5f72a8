/**
 * @module adapters/logging/pino
 * The Logger port on pino, the logger Fastify itself uses: the hub and the HTTP server write through one pino
 * instance, so request lines (at debug) and hub lines are one stream with one redaction list.
 *
 * Two renderings of the same records:
 * - `text`: one line per message, `2026-12-03T12:02:48.992Z info  [courant:live] message key=value`, what an operator
 *   reads on a terminal (and what the hub printed before it used pino);
 * - `json`: pino's own JSON lines (ISO time, level by name), for journald, Docker or a log collector.
 * Both go to stderr by default (stdout is for command output), written synchronously so a CLI that exits right after
 * a warning does not lose it.
 */
import { pino, stdTimeFunctions, type Logger as PinoLogger } from 'pino';
import type { LogFields, Logger, LogLevel } from '../../ports/logger.ts';

export type LogFormat = 'text' | 'json';

export interface PinoLoggerOptions {
  readonly level?: LogLevel;
  /** Default `text`. */
  readonly format?: LogFormat;
  /** Namespace of the root logger; children add `:<ns>`. Default `courant`. */
  readonly ns?: string;
  /** Where finished lines go (without their newline); default stderr. Tests collect lines here. */
  readonly write?: (line: string) => void;
}

/**
 * Paths pino censors in any object logged (the hub's own fields, Fastify's request and reply objects). Messages are
 * plain strings and are not parsed: never format a secret into one.
 */
export const REDACTED_PATHS: readonly string[] = [
  'req.headers.authorization',
  'req.headers.cookie',
  'req.headers["x-csrf-token"]',
  'res.headers["set-cookie"]',
  'headers.authorization',
  'headers.cookie',
  'headers["set-cookie"]',
  ...[
    'password',
    'token',
    'secret',
    'authorization',
    'cookie',
    'accessToken',
    'refreshToken',
    'clientSecret',
    'setupToken',
  ].flatMap((k) => [k, `*.${k}`]),
];
const CENSOR = '[redacted]';

/** Fields of a pino record that the text rendering shows in its fixed part rather than as `key=value`. */
const FIXED = new Set(['level', 'time', 'ns', 'msg']);

/** A pino JSON line as the text rendering shows it. */
export function textLine(json: string): string {
  let o: Record<string, unknown>;
  try {
    o = JSON.parse(json) as Record<string, unknown>;
  } catch {
    return json.trimEnd();
  }
  const extra = Object.entries(o)
    .filter(([k]) => !FIXED.has(k))
    .map(([k, v]) => ` ${k}=${typeof v === 'string' && !/\s/.test(v) ? v : JSON.stringify(v)}`)
    .join('');
  return `${String(o.time)} ${String(o.level).padEnd(5)} [${String(o.ns ?? 'courant')}] ${String(o.msg ?? '')}${extra}`;
}

/** The pino instance behind each Logger made here, for Fastify's `loggerInstance`. */
const pinoBehind = new WeakMap<Logger, { readonly root: PinoLogger; readonly ns: string }>();

/** Builds the root logger (text on stderr at `info` unless told otherwise). */
export function createPinoLogger(opts: PinoLoggerOptions = {}): Logger {
  const format = opts.format ?? 'text';
  const out = opts.write ?? ((line: string) => void process.stderr.write(line + '\n'));
  const stream = { write: (s: string) => out(format === 'text' ? textLine(s) : s.trimEnd()) };
  const root = pino(
    {
      level: opts.level ?? 'info',
      base: null, // no pid or host name on each line: one hub per machine, and the host name says whose home it is
      timestamp: stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) },
      redact: { paths: [...REDACTED_PATHS], censor: CENSOR },
    },
    stream,
  );
  return wrap(root, opts.ns ?? 'courant');
}

function wrap(root: PinoLogger, ns: string): Logger {
  const p = root.child({ ns });
  const at =
    (lvl: 'debug' | 'info' | 'warn' | 'error') =>
    (msg: string, fields?: LogFields): void => {
      if (fields) p[lvl]({ ...fields }, msg);
      else p[lvl](msg);
    };
  const log: Logger = {
    debug: at('debug'),
    info: at('info'),
    warn: at('warn'),
    error: at('error'),
    child: (sub) => wrap(root, `${ns}:${sub}`),
  };
  pinoBehind.set(log, { root, ns });
  return log;
}

/**
 * The pino logger to hand Fastify for a Logger made by createPinoLogger (undefined for any other Logger, e.g. a test
 * double): a child under `<ns>:http`. Fastify writes a line when it listens and two per request, at info; they would
 * drown the hub's own info lines, so Fastify's logger shows them only when the hub runs at debug and otherwise keeps
 * its warnings and errors alone.
 */
export function fastifyLoggerFor(log: Logger): PinoLogger | undefined {
  const behind = pinoBehind.get(log);
  if (!behind) return undefined;
  const { root, ns } = behind;
  const quiet = root.levelVal > root.levels.values.debug! && root.levelVal < root.levels.values.warn!;
  return root.child({ ns: `${ns}:http` }, quiet ? { level: 'warn' } : {});
}
