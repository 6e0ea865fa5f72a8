/**
 * `courant household move-in --prm PRM --username USER [--from DATE]` and
 * `courant household move-out --prm PRM [--at DATE]`: the operator records who lives where. Each is a ledger event
 * with a signed receipt (use-cases/consent/occupancy-service.ts). With the hub stopped the command opens the file and
 * signs with the key in the data dir, as the machine's administrator (the operator); while the hub runs it asks the
 * hub's admin API (POST /api/admin/occupancies, POST /api/admin/occupancies/end) with the local token.
 *
 * `--from` earlier than today states that the household already lived there since then: it reads what the hub holds
 * from that instant, never before (and never inside an earlier household's stay). `--at` earlier than now ends the
 * stay then; the move-out purges the household's readings up to it and ends its consents.
 */
import { join } from 'node:path';
import type { Command } from '../command.ts';
import { COMMON_OPTIONS, parse } from '../args.ts';
import { cliConfig, fileOrHub, hubPost } from '../hub-access.ts';
import { CourantError } from '../../core/errors.ts';
import type { Config } from '../../config/schema.ts';
import type { Actor } from '../../consent/model.ts';
import type { Backend } from '../../backend/open-backend.ts';
import { occupancyService } from '../../use-cases/consent/occupancy-service.ts';
import { receiptAnswer } from '../../server/auth/household.ts';

const usage = [
  'courant household move-in --prm PRM --username USER [--from DATE] [--json] [--data-dir DIR] [--config FILE]',
  '       courant household move-out --prm PRM [--at DATE] [--json] [--data-dir DIR] [--config FILE]',
  '  DATE: YYYY-MM-DD (start of that day in Paris) or an instant with its offset (2024-03-31T02:30:00+01:00)',
].join('\n');

/** The machine's administrator at the command line; the hub's local token acts as the same operator. */
const LOCAL_OPERATOR: Actor = Object.freeze({ kind: 'operator', id: 'local-cli' });

/** What the hub's admin routes answer, and what the command builds the same way with the hub stopped. */
interface Answer {
  readonly prm: string;
  readonly username: string | null;
  readonly from?: string;
  readonly at?: string;
  readonly deleted?: number;
  readonly event: { eventId: string; seq: number; type: string; at: string };
  readonly receipt: { jws: string; url: string };
}

type Target = { kind: 'file'; backend: Backend } | { kind: 'hub'; url: string };

/** The database file when the hub is stopped; the running hub's address when it holds the file. */
function open(config: Readonly<Config>): Promise<Target> {
  return fileOrHub(config, async (): Promise<Target> => {
    // loaded here: with the hub running, the command loads no database engine
    const { openBackend } = await import('../../backend/open-backend.ts');
    return { kind: 'file', backend: await openBackend(config) };
  });
}

const iso = (t: number) => new Date(t).toISOString();

export const householdCommand: Command = {
  usage,
  async run(argv, io) {
    const { values, positionals } = parse(
      argv,
      {
        ...COMMON_OPTIONS,
        prm: { type: 'string' },
        username: { type: 'string' },
        from: { type: 'string' },
        at: { type: 'string' },
        json: { type: 'boolean' },
      },
      usage,
      true,
    );
    const action = positionals[0];
    if ((action !== 'move-in' && action !== 'move-out') || positionals.length > 1)
      throw new CourantError(
        'CLI_USAGE',
        `household: unknown action ${JSON.stringify(positionals.join(' '))}\nusage: ${usage}`,
      );
    if (!values.prm) throw new CourantError('CLI_USAGE', `--prm is required\nusage: ${usage}`);
    if (action === 'move-in' && !values.username)
      throw new CourantError('CLI_USAGE', `--username is required\nusage: ${usage}`);
    if (action === 'move-in' && values.at !== undefined)
      throw new CourantError('CLI_USAGE', `--at belongs to move-out; a move-in takes --from\nusage: ${usage}`);
    if (action === 'move-out' && (values.from !== undefined || values.username !== undefined))
      throw new CourantError(
        'CLI_USAGE',
        `move-out takes --prm and --at only (the household is whoever lives there)\nusage: ${usage}`,
      );
    const config = cliConfig(values, io);
    const target = await open(config);
    let answer: Answer;
    if (target.kind === 'hub') {
      answer =
        action === 'move-in'
          ? await hubPost<Answer>(`${target.url}/api/admin/occupancies`, {
              prm: values.prm,
              username: values.username,
              ...(values.from !== undefined ? { from: values.from } : {}),
            })
          : await hubPost<Answer>(`${target.url}/api/admin/occupancies/end`, {
              prm: values.prm,
              ...(values.at !== undefined ? { at: values.at } : {}),
            });
    } else {
      try {
        const occupancies = occupancyService(target.backend.consent);
        if (action === 'move-in') {
          const a = await occupancies.moveIn(LOCAL_OPERATOR, {
            prm: values.prm,
            username: values.username,
            from: values.from,
          });
          answer = receiptAnswer(a, { prm: a.prm, username: a.username, from: iso(a.from) }) as Answer;
        } else {
          const a = await occupancies.moveOut(LOCAL_OPERATOR, { prm: values.prm, at: values.at });
          answer = receiptAnswer(a, { prm: a.prm, username: a.username, at: iso(a.at), deleted: a.deleted }) as Answer;
        }
      } finally {
        await target.backend.close();
      }
    }
    if (values.json) {
      io.stdout.write(`${JSON.stringify(answer, null, 2)}\n`);
      return 0;
    }
    const who = answer.username ?? 'the household';
    io.stdout.write(
      action === 'move-in'
        ? `${who} moved in at usage point ${answer.prm}; it reads this usage point's data from ${answer.from}\n`
        : `${who} moved out of usage point ${answer.prm} at ${answer.at}; its consents ended, ${answer.deleted ?? 0} readings purged\n`,
    );
    const e = answer.event;
    io.stdout.write(`event: seq ${e.seq} ${e.type} at ${e.at} (id ${e.eventId})\n`);
    const where =
      target.kind === 'hub'
        ? `the hub's ledger (${target.url})`
        : `the ledger in ${join(config.dataDir, (await import('../../backend/open-storage.ts')).DATABASE_FILE)}`;
    io.stdout.write(
      `receipt: signed (EdDSA JWS), stored with seq ${e.seq} in ${where}; --json prints it; \`courant ledger verify\` checks it`,
    );
    io.stdout.write(action === 'move-in' ? `; the household downloads it at GET /${answer.receipt.url}\n` : '\n');
    return 0;
  },
};
