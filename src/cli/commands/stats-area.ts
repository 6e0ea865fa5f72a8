/**
 * `courant stats area set|list`: the operator puts usage points in areas for published statistics (a commune by its
 * INSEE code, an IRIS, or a group it names), one area per kind. With the hub stopped the command opens the database
 * through the composition root; while the hub runs it asks the hub's operator routes (`/api/admin/stats/areas`) with
 * the local token. Either way the same checks apply (use-cases/statistics-areas.ts) and the same lines are printed.
 */
import type { Command, CliIo } from '../command.ts';
import { COMMON_OPTIONS, parse } from '../args.ts';
import { cliConfig, fileOrHub, hubGet, hubPost } from '../hub-access.ts';
import { CourantError } from '../../core/errors.ts';
import type { Config } from '../../config/schema.ts';
import type { Backend } from '../../backend/open-backend.ts';
import type { AreaAssignment } from '../../ports/usage-point-repository.ts';
import type { AreaView } from '../../server/contract/stats-areas.ts';

const usage = [
  'courant stats area set --prm PRM (--commune CODE | --iris CODE | --group NAME | --clear KIND) [--json]',
  '       courant stats area list [--kind commune|iris|group] [--json]',
  '  [--data-dir DIR] [--config FILE]',
  '  CODE: an INSEE commune code (92071) or an IRIS code (920710101); NAME: a group name of your choice',
].join('\n');

type Target = { kind: 'file'; backend: Backend } | { kind: 'hub'; url: string };

function open(config: Readonly<Config>): Promise<Target> {
  return fileOrHub(config, async (): Promise<Target> => {
    // loaded here: with the hub running, the command loads no database engine
    const { openBackend } = await import('../../backend/open-backend.ts');
    return { kind: 'file', backend: await openBackend(config) };
  });
}

/** The hub's answer shape (routes/stats-areas.ts), built the same way from the file. */
const viewOf = (a: AreaAssignment): AreaView => ({ ...a, updatedAt: new Date(a.updatedAt).toISOString() });

type Answer = { areas: readonly AreaView[] } | { prm: string; areas: readonly AreaView[] };
interface Change {
  prm: string;
  kind: string;
  code: string | null;
}

function change(values: Record<string, string | boolean | undefined>): Change {
  const prm = values.prm;
  if (typeof prm !== 'string')
    throw new CourantError('CLI_USAGE', `stats area set: --prm is required\nusage: ${usage}`);
  const given = (['commune', 'iris', 'group', 'clear'] as const).filter((k) => typeof values[k] === 'string');
  if (given.length !== 1)
    throw new CourantError(
      'CLI_USAGE',
      `stats area set: give exactly one of --commune, --iris, --group or --clear\nusage: ${usage}`,
    );
  const k = given[0]!;
  return k === 'clear' ? { prm, kind: String(values.clear), code: null } : { prm, kind: k, code: String(values[k]) };
}

async function viaFile(
  backend: Backend,
  action: 'set' | 'list',
  c: Change | undefined,
  kind?: string,
): Promise<Answer> {
  // loaded here: with the hub running, the command loads none of it
  const { listAreas, setUsagePointArea } = await import('../../use-cases/statistics-areas.ts');
  if (action === 'list') return { areas: (await listAreas(backend.profiles, kind)).map(viewOf) };
  const areas = await setUsagePointArea(backend.profiles, c!, Date.now());
  return { prm: c!.prm, areas: areas.map(viewOf) };
}

function viaHub(url: string, action: 'set' | 'list', c: Change | undefined, kind?: string): Promise<Answer> {
  const base = `${url}/api/admin/stats/areas`;
  if (action === 'list') return hubGet(kind === undefined ? base : `${base}?kind=${encodeURIComponent(kind)}`);
  return hubPost(base, c);
}

const line = (a: AreaView) => `${a.prm}  ${a.kind}  ${a.code}  (set ${a.updatedAt})`;

function print(io: CliIo, a: Answer, json: boolean): void {
  if (json) {
    io.stdout.write(`${JSON.stringify(a)}\n`);
    return;
  }
  if ('prm' in a) {
    io.stdout.write(
      a.areas.length
        ? `usage point ${a.prm} areas:\n${a.areas.map((x) => `  ${x.kind} ${x.code}`).join('\n')}\n`
        : `usage point ${a.prm} is in no area\n`,
    );
    return;
  }
  io.stdout.write(a.areas.length ? `${a.areas.map(line).join('\n')}\n` : 'no usage point is in an area\n');
}

export const statsAreaCommand: Command = {
  usage,
  async run(argv, io) {
    const { values, positionals } = parse(
      argv,
      {
        ...COMMON_OPTIONS,
        prm: { type: 'string' },
        commune: { type: 'string' },
        iris: { type: 'string' },
        group: { type: 'string' },
        clear: { type: 'string' },
        kind: { type: 'string' },
        json: { type: 'boolean' },
      },
      usage,
      true,
    );
    const action = positionals[0];
    if ((action !== 'set' && action !== 'list') || positionals.length !== 1)
      throw new CourantError(
        'CLI_USAGE',
        `stats area: expected set or list, got ${JSON.stringify(positionals.join(' '))}\nusage: ${usage}`,
      );
    if (
      action === 'list' &&
      (['prm', 'commune', 'iris', 'group', 'clear'] as const).some((k) => values[k] !== undefined)
    )
      throw new CourantError('CLI_USAGE', `stats area list takes only --kind\nusage: ${usage}`);
    if (action === 'set' && values.kind !== undefined)
      throw new CourantError('CLI_USAGE', `stats area set: --kind is for list; use --clear KIND\nusage: ${usage}`);
    const c = action === 'set' ? change(values) : undefined;
    const target = await open(cliConfig(values, io));
    let answer: Answer;
    if (target.kind === 'hub') answer = await viaHub(target.url, action, c, values.kind);
    else {
      try {
        answer = await viaFile(target.backend, action, c, values.kind);
      } finally {
        await target.backend.close();
      }
    }
    print(io, answer, values.json === true);
    return 0;
  },
};
