/** Argument parsing shared by commands: node:util parseArgs with errors turned into CLI_USAGE naming the option. */
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { CourantError } from '../core/errors.ts';

export function parse<T extends NonNullable<ParseArgsConfig['options']>>(
  argv: string[],
  options: T,
  usage: string,
  allowPositionals = false,
) {
  try {
    return parseArgs({ args: argv, options, allowPositionals, strict: true });
  } catch (e) {
    throw new CourantError('CLI_USAGE', `${(e as Error).message.replace(/\. To specify.*$/s, '')}\nusage: ${usage}`);
  }
}

/** Options every command accepts. */
export const COMMON_OPTIONS = {
  'data-dir': { type: 'string' },
  config: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const;
