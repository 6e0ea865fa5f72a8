/**
 * `courant account create-owner --username U [--display-name N] [--data-dir DIR]`: the non-interactive first-start
 * set-up for scripted installs. The password is read from standard input (first line), never from the command line
 * (it would show in `ps` and shell history). Hashed with argon2id by the accounts service; the usage points already
 * held are attached to the new owner household. With the hub running, `create` goes through its local API
 * (`POST /api/admin/accounts`); the owner is then created at the hub's one-time set-up address.
 */
import type { Command, CliIo } from '../command.ts';
import { COMMON_OPTIONS, parse } from '../args.ts';
import { cliConfig, hubPost, runningHub } from '../hub-access.ts';
import { CourantError } from '../../core/errors.ts';
import { openBackend } from '../../backend/open-backend.ts';
import { createLogger } from '../../backend/logging.ts';
import { setupOwner } from '../../server/auth/setup.ts';

const usage = [
  'courant account create-owner --username NAME [--display-name TEXT] [--data-dir DIR] [--config FILE]   (password on stdin)',
  '       courant account create --role operator|household|recipient|authority --username NAME [--display-name TEXT] [--data-dir DIR] [--config FILE]',
].join('\n');
const ROLES = ['operator', 'household', 'recipient', 'authority'] as const;
/** The machine's administrator running the CLI with the hub stopped: it may create accounts, as the operator does. */
const LOCAL_OPERATOR = { kind: 'operator', id: 'local-cli' } as const;

async function readPassword(io: CliIo): Promise<string> {
  let s = '';
  for await (const chunk of io.stdin as AsyncIterable<Buffer | string>) {
    s += chunk.toString();
    if (s.includes('\n')) break;
  }
  return s.split(/\r?\n/)[0] ?? '';
}

export const accountCommand: Command = {
  usage,
  async run(argv, io) {
    const { values, positionals } = parse(
      argv,
      { ...COMMON_OPTIONS, username: { type: 'string' }, 'display-name': { type: 'string' }, role: { type: 'string' } },
      usage,
      true,
    );
    const action = positionals[0];
    if (action !== 'create-owner' && action !== 'create')
      throw new CourantError('CLI_USAGE', `account: unknown action ${JSON.stringify(action ?? '')}; usage: ${usage}`);
    if (!values.username) throw new CourantError('CLI_USAGE', `--username is required; usage: ${usage}`);
    const role = values.role ?? (action === 'create-owner' ? 'household' : undefined);
    if (!role || !(ROLES as readonly string[]).includes(role))
      throw new CourantError(
        'CLI_USAGE',
        `--role: ${JSON.stringify(values.role ?? '')} is not one of ${ROLES.join(', ')}`,
      );
    const config = cliConfig(values, io);
    const hub = runningHub(config.dataDir);
    if (hub && action === 'create-owner')
      throw new CourantError(
        'STORE_LOCKED',
        `the running hub (${hub.url}) holds the database: stop it to create the owner from the command line, or use the one-time set-up address it printed at its first start`,
      );
    if (hub) {
      // the running hub creates it, as the operator's page would: same checks, same answer
      const password = await readPassword(io);
      const a = await hubPost<{ username: string; role: string }>(`${hub.url}/api/admin/accounts`, {
        username: values.username,
        password,
        role,
        ...(values['display-name'] !== undefined ? { displayName: values['display-name'] } : {}),
      });
      io.stdout.write(`${a.role} account ${a.username} created\n`);
      return 0;
    }
    const password = await readPassword(io);
    const backend = await openBackend(config);
    try {
      const { consent, readings: store } = backend;
      const name = values.username.trim().toLowerCase();
      if (action === 'create') {
        await consent.accounts.createAccount(LOCAL_OPERATOR, {
          username: values.username,
          password,
          role: role as (typeof ROLES)[number],
          displayName: values['display-name'],
        });
        io.stdout.write(`${role} account ${name} created\n`);
      } else {
        const { prms } = await setupOwner(
          { consent, store, log: createLogger({ level: 'warn' }) },
          { username: values.username, password, displayName: values['display-name'] },
        );
        io.stdout.write(`owner ${name} created${prms.length ? `; usage points: ${prms.join(', ')}` : ''}\n`);
      }
    } finally {
      await backend.close();
    }
    return 0;
  },
};
