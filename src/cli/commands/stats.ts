/**
 * `courant stats <subcommand>`: published statistics (docs/statistics.md). Each subcommand lives in its own module,
 * loaded only when it runs; add one entry to SUBCOMMANDS for a new one.
 */
import type { Command } from '../command.ts';
import { CourantError } from '../../core/errors.ts';

interface Subcommand {
  /** Its usage lines, shown in `courant help stats`. */
  readonly usage: string;
  load(): Promise<Command>;
}

const SUBCOMMANDS: Readonly<Record<string, Subcommand>> = {
  area: {
    usage: [
      'courant stats area set --prm PRM (--commune CODE | --iris CODE | --group NAME | --clear KIND) [--json]',
      '       courant stats area list [--kind commune|iris|group] [--json]',
    ].join('\n'),
    load: async () => (await import('./stats-area.ts')).statsAreaCommand,
  },
  release: {
    usage: [
      'courant stats release --publisher ID --area commune|iris|group --bucket hour-of-day|day|week|month',
      '                             --from YYYY-MM-DD --to YYYY-MM-DD --epsilon E',
      '                             [--statistics count,sum,mean,presence,quantiles] [--clip-wh N] [--max-buckets N]',
    ].join('\n'),
    load: async () => (await import('./stats-release.ts')).statsReleaseCommand,
  },
  verify: {
    usage: 'courant stats verify [--json]',
    load: async () => (await import('./stats-verify.ts')).statsVerifyCommand,
  },
};

const usage = [
  ...Object.values(SUBCOMMANDS).map((s) => s.usage.replace(/^courant/, '       courant')),
  '  (each with [--data-dir DIR] [--config FILE])',
]
  .join('\n')
  .replace(/^ {7}/, '');

export const statsCommand: Command = {
  usage,
  async run(argv, io) {
    const [name, ...rest] = argv;
    const sub = name === undefined ? undefined : SUBCOMMANDS[name];
    if (!sub || !Object.hasOwn(SUBCOMMANDS, name!))
      throw new CourantError('CLI_USAGE', `stats: unknown subcommand ${JSON.stringify(name ?? '')}\nusage: ${usage}`);
    return (await sub.load()).run(rest, io);
  },
};
