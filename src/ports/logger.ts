/**
 * @module ports/logger
 * What use cases need to tell the operator something: a leveled logger with a namespace, handed down by the
 * composition root rather than imported as a global. The implementation (pino, shared with Fastify so request lines
 * and hub lines are one stream) lives in adapters/logging/.
 */

/** Extra structured fields of one message. Keys named like secrets (password, token, authorization…) are redacted. */
export type LogFields = Readonly<Record<string, unknown>>;

export interface Logger {
  debug(msg: string, fields?: LogFields): void;
  info(msg: string, fields?: LogFields): void;
  warn(msg: string, fields?: LogFields): void;
  error(msg: string, fields?: LogFields): void;
  /** The same stream under `<namespace>:<ns>` (e.g. `courant:live`). */
  child(ns: string): Logger;
}

export type LogLevel = 'debug' | 'info' | 'warn' | 'error' | 'silent';
