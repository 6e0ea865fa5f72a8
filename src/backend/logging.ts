/**
 * @module backend/logging
 * The logger every process builds at start (pino, adapters/logging/): the hub with its configured level and format,
 * the CLI commands with text on stderr. Entry points ask here rather than naming the adapter.
 */
export {
  createPinoLogger as createLogger,
  fastifyLoggerFor,
  type LogFormat,
  type PinoLoggerOptions as LoggerOptions,
} from '../adapters/logging/pino.ts';
