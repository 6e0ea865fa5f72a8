/**
 * `courant enedis fetch --prm PRM [--from DATE] [--to DATE] [--kinds k1,k2] [--generation 2026|v5] [--base-url URL]`:
 * for operators holding a Data Connect contract. Credentials come from the environment (COURANT_DC_CLIENT_ID,
 * COURANT_DC_CLIENT_SECRET), never from the command line (it would leak into shell history and process lists).
 * Default kinds: the contract (once per run; it fills the usage point's profile) and the consumption measures.
 */
import type { Command } from '../command.ts';
import { COMMON_OPTIONS, parse } from '../args.ts';
import { cliConfig, openAccess } from '../hub-access.ts';
import { CourantError } from '../../core/errors.ts';
import { parsePrm } from '../../core/prm.ts';
import { DataConnectClient } from '../../backend/doors/enedis.ts';
import { DEFAULT_KINDS, KINDS, type DcKind } from '../../enedis/endpoints.ts';
import { fetchAndImport } from '../../use-cases/dc-fetch.ts';
import { profileSink } from '../../use-cases/usage-point-profiles.ts';
import { formatSummary, wordsFor } from './import-format.ts';

const usage =
  'courant enedis fetch --prm PRM [--from YYYY-MM-DD] [--to YYYY-MM-DD] [--kinds contract,daily_consumption,consumption_load_curve,…] [--generation 2026|v5] [--base-url URL] [--json] [--data-dir DIR] [--config FILE]';

export const enedisCommand: Command = {
  usage,
  async run(argv, io) {
    const [sub, ...rest] = argv;
    if (sub !== 'fetch')
      throw new CourantError('CLI_USAGE', `unknown subcommand ${JSON.stringify(sub ?? '')}\nusage: ${usage}`);
    const { values } = parse(
      rest,
      {
        ...COMMON_OPTIONS,
        prm: { type: 'string' },
        from: { type: 'string' },
        to: { type: 'string' },
        kinds: { type: 'string' },
        generation: { type: 'string' },
        'base-url': { type: 'string' },
        json: { type: 'boolean' },
      },
      usage,
    );
    if (!values.prm) throw new CourantError('CLI_USAGE', `--prm is required\nusage: ${usage}`);
    const prm = parsePrm(values.prm, '--prm');
    const clientId = io.env.COURANT_DC_CLIENT_ID;
    const clientSecret = io.env.COURANT_DC_CLIENT_SECRET;
    if (!clientId || !clientSecret)
      throw new CourantError(
        'CLI_USAGE',
        'set COURANT_DC_CLIENT_ID and COURANT_DC_CLIENT_SECRET (Data Connect application credentials)',
      );
    const generation = values.generation ?? '2026';
    if (generation !== '2026' && generation !== 'v5')
      throw new CourantError('CLI_USAGE', `--generation: ${JSON.stringify(generation)} is neither 2026 nor v5`);
    const kinds = [...new Set((values.kinds ? values.kinds.split(',') : DEFAULT_KINDS).map((k) => k.trim()))];
    for (const k of kinds)
      if (!(k in KINDS))
        throw new CourantError(
          'CLI_USAGE',
          `--kinds: unknown kind ${JSON.stringify(k)} (${Object.keys(KINDS).join(', ')})`,
        );
    const today = new Date().toISOString().slice(0, 10);
    const to = values.to ?? today;
    const from = values.from ?? new Date(Date.parse(`${to}T00:00:00Z`) - 7 * 86_400_000).toISOString().slice(0, 10);
    const config = cliConfig(values, io);
    const access = await openAccess(config);
    if (access.kind !== 'store')
      throw new CourantError(
        'STORE_LOCKED',
        `the running hub (${access.url}) holds the database: stop it to fetch from the command line`,
      );
    try {
      const client = new DataConnectClient({
        baseUrl: values['base-url'] ?? 'https://gw.ext.prod.api.enedis.fr',
        clientId,
        clientSecret,
        generation,
      });
      const profiles = profileSink(access.profiles);
      const summary = await fetchAndImport(
        access.store,
        client,
        { prm, kinds: kinds as DcKind[], from, to, today },
        { profiles },
      );
      if (values.json) io.stdout.write(JSON.stringify(summary, null, 2) + '\n');
      else {
        io.stdout.write(formatSummary(summary, wordsFor(io.env)));
        for (const u of summary.unavailable) io.stdout.write(`! ${u.kind}: ${u.code} ${u.message}\n`);
      }
    } finally {
      await access.store.close();
    }
    return 0;
  },
};
