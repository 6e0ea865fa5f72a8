/**
 * `courant account create-owner --username U [--display-name N] [--data-dir DIR]`: the non-interactive first-start
 * set-up for scripted installs. The password is read from standard input (first line), never from the command line
 * (it would show in `ps` and shell history). Hashed with argon2id by the accounts service; the usage points already
 * held are attached to the new owner household. The hub must be stopped (DuckDB: one process per file).
 */
import type { Command, CliIo } from '../command.ts';
import { COMMON_OPTIONS, parse } from '../args.ts';
import { cliConfig } from '../hub-access.ts';
import { CourantError } from '../../core/errors.ts';
import { openStorage } from '../../store/open.ts';
import { openConsentHub } from '../../services/consent/index.ts';
import { createLogger } from '../../services/logger.ts';
import { setupOwner } from '../../server/auth/setup.ts';

const usage = 'courant account create-owner --username NAME [--display-name TEXT] [--data-dir DIR]   (password on stdin)';

async function readPassword(io: CliIo): Promise<string> {
  let s = '';
  for await (const chunk of io.stdin as AsyncIterable<Buffer | string>) {
    s += chunk.toString();
    if (s.includes('\n')) break;
  }
  return s.split(/\r?\n/)[0] ?? '';
}

export const accountCommand: Command = {
  name: 'account',
  summary: 'create the owner household account without the browser set-up (password read from stdin)',
  usage,
  async run(argv, io) {
    const { values, positionals } = parse(argv, { ...COMMON_OPTIONS, username: { type: 'string' }, 'display-name': { type: 'string' } }, usage, true);
    if (positionals[0] !== 'create-owner') throw new CourantError('CLI_USAGE', `account: unknown action ${JSON.stringify(positionals[0] ?? '')}; usage: ${usage}`);
    if (!values.username) throw new CourantError('CLI_USAGE', `--username is required; usage: ${usage}`);
    const config = cliConfig(values, io);
    const password = await readPassword(io);
    const { store, db } = await openStorage({ dataDir: config.dataDir, threads: config.storage.threads, memoryLimit: config.storage.memoryLimit });
    try {
      const consent = await openConsentHub({ db, readings: store, dataDir: config.dataDir });
      const { prms } = await setupOwner({ consent, store, log: createLogger('warn') }, { username: values.username, password, displayName: values['display-name'] });
      io.stdout.write(`owner ${values.username.trim().toLowerCase()} created${prms.length ? `; usage points: ${prms.join(', ')}` : ''}\n`);
    } finally {
      await store.close();
    }
    return 0;
  },
};
