/**
 * `courant client register|list|secret|disable|enable`: the operator's registry of third-party clients (who may ask a
 * household for its data through the OAuth2 authorisation server). With the hub stopped the command opens the
 * database through the composition root and acts as the machine's administrator (the operator); while the hub runs
 * it asks the hub's operator routes (`/api/admin/clients…`) with the local token. Either way the same checks apply
 * (oauth/clients.ts) and the same lines are printed. A secret is printed once, on stdout, and never again.
 */
import type { Command, CliIo } from '../command.ts';
import { COMMON_OPTIONS, parse } from '../args.ts';
import { cliConfig, fileOrHub, hubGet, hubPost } from '../hub-access.ts';
import { CourantError } from '../../core/errors.ts';
import type { Config } from '../../config/schema.ts';
import type { Actor } from '../../consent/model.ts';
import type { Backend } from '../../backend/open-backend.ts';
import type { PublicClient } from '../../use-cases/oauth/client-service.ts';
import type { ClientView } from '../../server/contract/oauth.ts';

const usage = [
  'courant client register --id ID --name NAME --legal-identity TEXT --contact TEXT --redirect-uri URI [--redirect-uri URI …]',
  '                        --purpose P [--purpose P …] [--finest-step STEP] --retention-months N',
  '                        [--accepts-protected-daily]',
  '                        [--role service|supplier|research|operator] [--json] [--data-dir DIR] [--config FILE]',
  '       courant client list [--json] [--data-dir DIR] [--config FILE]',
  '       courant client secret ID [--json]     (a new secret, shown once; the old one stops working at once)',
  '       courant client disable ID [--json]    (its access tokens are revoked at once)',
  '       courant client enable ID [--json]',
  '  P: service-provision, personalised-advice, anonymised-statistics, academic-research, billing, marketing',
  '  STEP: raw, PT1M, PT10M, PT15M, PT30M, PT1H, P1D (default), P1M',
].join('\n');

const ACTIONS = ['register', 'list', 'secret', 'disable', 'enable'] as const;
type Action = (typeof ACTIONS)[number];

/** The machine's administrator at the command line; the hub's local token acts as the same operator. */
const LOCAL_OPERATOR: Actor = Object.freeze({ kind: 'operator', id: 'local-cli' });

type Target = { kind: 'file'; backend: Backend } | { kind: 'hub'; url: string };

function open(config: Readonly<Config>): Promise<Target> {
  return fileOrHub(config, async (): Promise<Target> => {
    // loaded here: with the hub running, the command loads no database engine
    const { openBackend } = await import('../../backend/open-backend.ts');
    return { kind: 'file', backend: await openBackend(config) };
  });
}

/** The hub's answer shape (routes/clients.ts), built the same way from the file. */
const viewOf = (c: PublicClient): ClientView => ({ ...c, createdAt: new Date(c.createdAt).toISOString() });

/** One client as `client list` prints it. */
export function describeClient(c: ClientView): string {
  return [
    `${c.clientId}  ${c.name}  (${c.role}, ${c.disabled ? 'disabled' : 'enabled'})`,
    `  legal identity: ${c.legalIdentity}`,
    `  contact: ${c.contact}`,
    `  purposes: ${c.purposes.join(', ')}`,
    `  finest step: ${c.finestStep}; keeps data ${c.retentionMonths} month${c.retentionMonths === 1 ? '' : 's'}`,
    ...(c.acceptsProtectedDaily ? ['  accepts protected daily data (daily totals with noise)'] : []),
    `  redirect URIs: ${c.redirectUris.join(' ')}`,
    `  registered: ${c.createdAt}`,
  ].join('\n');
}

const secretLines = (c: ClientView, secret: string) =>
  [
    `client_id: ${c.clientId}`,
    `client_secret: ${secret}`,
    'This secret is shown once and will not be shown again: store it now (courant client secret ID makes a new one).',
  ].join('\n');

function registration(values: Record<string, string | string[] | boolean | undefined>): Record<string, unknown> {
  const need = (k: string) => {
    const v = values[k];
    if (typeof v !== 'string') throw new CourantError('CLI_USAGE', `--${k} is required\nusage: ${usage}`);
    return v;
  };
  const months = need('retention-months');
  // refused here, in the registry's words, so that the hub (whose schema wants a number) and the file answer alike
  if (!/^\d+$/.test(months))
    throw new CourantError('CLIENT_INVALID', 'client.retentionMonths: a whole number of months from 1 to 120', {
      details: { where: 'client.retentionMonths' },
    });
  const list = (k: string) => {
    const v = values[k];
    if (!Array.isArray(v) || v.length === 0) throw new CourantError('CLI_USAGE', `--${k} is required\nusage: ${usage}`);
    return v;
  };
  return {
    clientId: need('id'),
    name: need('name'),
    legalIdentity: need('legal-identity'),
    contact: need('contact'),
    redirectUris: list('redirect-uri'),
    purposes: list('purpose'),
    retentionMonths: Number(months),
    ...(typeof values['finest-step'] === 'string' ? { finestStep: values['finest-step'] } : {}),
    ...(values['accepts-protected-daily'] === true ? { acceptsProtectedDaily: true } : {}),
    ...(typeof values.role === 'string' ? { role: values.role } : {}),
  };
}

type Answer = { clients: ClientView[] } | { client: ClientView; secret?: string };

async function viaHub(url: string, action: Action, id: string, body: Record<string, unknown>): Promise<Answer> {
  const base = `${url}/api/admin/clients`;
  if (action === 'list') return hubGet<{ clients: ClientView[] }>(base);
  if (action === 'register') return hubPost<{ client: ClientView; secret: string }>(base, body);
  return hubPost<{ client: ClientView; secret?: string }>(`${base}/${encodeURIComponent(id)}/${action}`, {});
}

async function viaFile(backend: Backend, action: Action, id: string, body: Record<string, unknown>): Promise<Answer> {
  const clients = backend.consent.clients;
  switch (action) {
    case 'list':
      return { clients: clients.list().map(viewOf) };
    case 'register': {
      const r = await clients.register(LOCAL_OPERATOR, body);
      return { client: viewOf(r.client), secret: r.secret };
    }
    case 'secret': {
      const r = await clients.rotateSecret(LOCAL_OPERATOR, id);
      return { client: viewOf(r.client), secret: r.secret };
    }
    default: {
      const c = await clients.setDisabled(LOCAL_OPERATOR, id, action === 'disable');
      // a disabled client's tokens stop at once, as through the hub's route
      if (action === 'disable') await backend.consent.oauth.revokeWhere({ clientId: c.clientId });
      return { client: viewOf(c) };
    }
  }
}

function print(io: CliIo, action: Action, a: Answer, json: boolean): void {
  if (json) {
    io.stdout.write(`${JSON.stringify(a)}\n`);
    if ('secret' in a && a.secret !== undefined)
      io.stderr.write('The client_secret above is shown once and will not be shown again: store it now.\n');
    return;
  }
  if ('clients' in a) {
    io.stdout.write(a.clients.length ? `${a.clients.map(describeClient).join('\n\n')}\n` : 'no client registered\n');
    return;
  }
  const c = a.client;
  if (action === 'register') io.stdout.write(`client ${c.clientId} registered (${c.name})\n`);
  if (action === 'secret') io.stdout.write(`client ${c.clientId}: new secret; the previous one no longer works\n`);
  if (action === 'disable')
    io.stdout.write(`client ${c.clientId} disabled: its access tokens are revoked and it can get no new one\n`);
  if (action === 'enable') io.stdout.write(`client ${c.clientId} enabled\n`);
  if (a.secret !== undefined) io.stdout.write(`${secretLines(c, a.secret)}\n`);
}

export const clientCommand: Command = {
  usage,
  async run(argv, io) {
    const { values, positionals } = parse(
      argv,
      {
        ...COMMON_OPTIONS,
        id: { type: 'string' },
        name: { type: 'string' },
        'legal-identity': { type: 'string' },
        contact: { type: 'string' },
        'redirect-uri': { type: 'string', multiple: true },
        purpose: { type: 'string', multiple: true },
        'finest-step': { type: 'string' },
        'accepts-protected-daily': { type: 'boolean' },
        'retention-months': { type: 'string' },
        role: { type: 'string' },
        json: { type: 'boolean' },
      },
      usage,
      true,
    );
    const action = positionals[0] as Action | undefined;
    if (!action || !(ACTIONS as readonly string[]).includes(action))
      throw new CourantError('CLI_USAGE', `client: unknown action ${JSON.stringify(action ?? '')}\nusage: ${usage}`);
    const takesId = action === 'secret' || action === 'disable' || action === 'enable';
    if (positionals.length !== (takesId ? 2 : 1))
      throw new CourantError(
        'CLI_USAGE',
        takesId
          ? `client ${action}: name one client ID\nusage: ${usage}`
          : `client ${action}: unexpected ${JSON.stringify(positionals.slice(1).join(' '))}\nusage: ${usage}`,
      );
    const id = positionals[1] ?? '';
    const body = action === 'register' ? registration(values) : {};
    const target = await open(cliConfig(values, io));
    let answer: Answer;
    if (target.kind === 'hub') answer = await viaHub(target.url, action, id, body);
    else {
      try {
        answer = await viaFile(target.backend, action, id, body);
      } finally {
        await target.backend.close();
      }
    }
    print(io, action, answer, values.json === true);
    return 0;
  },
};
