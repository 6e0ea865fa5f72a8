/**
 * `courant import FILE… [--prm PRM] [--direction consumption|production] [--json]`: detects each file's format,
 * imports it atomically and prints a summary. When the running hub holds the database, the files are uploaded to
 * its `POST /api/imports` instead.
 */
import { createReadStream } from 'node:fs';
import { Readable } from 'node:stream';
import type { Command, CliIo } from '../command.ts';
import { COMMON_OPTIONS, parse } from '../args.ts';
import { cliConfig, hubError, hubFetch, hubHeaders, openAccess } from '../hub-access.ts';
import { CourantError } from '../../core/errors.ts';
import { parsePrm, type Prm } from '../../core/prm.ts';
import type { Direction } from '../../core/series.ts';
import { fileSources, importSources, type ImportProgress, type ImportSummary } from '../../use-cases/import-files.ts';
import { profileSink } from '../../use-cases/usage-point-profiles.ts';
import { formatSummary, wordsFor } from './import-format.ts';

const usage =
  'courant import FILE… [--prm PRM] [--direction consumption|production] [--json] [--data-dir DIR] [--config FILE]';

export const importCommand: Command = {
  usage,
  async run(argv, io) {
    const { values, positionals } = parse(
      argv,
      { ...COMMON_OPTIONS, prm: { type: 'string' }, direction: { type: 'string' }, json: { type: 'boolean' } },
      usage,
      true,
    );
    if (values.help) {
      io.stdout.write(`${usage}\n`);
      return 0;
    }
    if (positionals.length === 0) throw new CourantError('CLI_USAGE', `give at least one file\nusage: ${usage}`);
    const prm: Prm | undefined = values.prm ? parsePrm(values.prm, '--prm') : undefined;
    const direction = values.direction;
    if (direction !== undefined && direction !== 'consumption' && direction !== 'production')
      throw new CourantError(
        'CLI_USAGE',
        `--direction: ${JSON.stringify(direction)} is neither consumption nor production`,
      );
    const sources = await fileSources(positionals.map((p) => (p.startsWith('/') ? p : `${io.cwd}/${p}`)));
    const config = cliConfig(values, io);
    const access = await openAccess(config);
    const words = wordsFor(io.env);
    let summaries: ImportSummary[];
    if (access.kind === 'store') {
      try {
        const profiles = profileSink(access.profiles);
        summaries = [
          await importSources(access.store, sources, {
            prm,
            direction: direction as Direction | undefined,
            onProgress: progressPrinter(io, words),
            profiles,
            limits: config.limits,
          }),
        ];
      } finally {
        await access.store.close();
      }
    } else {
      summaries = [];
      for (const s of sources)
        summaries.push(await upload(access.url, positionals[sources.indexOf(s)]!, s.name, prm, direction, io));
    }
    if (values.json) io.stdout.write(JSON.stringify(summaries.length === 1 ? summaries[0] : summaries, null, 2) + '\n');
    else for (const s of summaries) io.stdout.write(formatSummary(s, words));
    return 0;
  },
};

function progressPrinter(io: CliIo, words: ReturnType<typeof wordsFor>): (p: ImportProgress) => void {
  // a line per second at most (a 2 GB file makes hundreds of progress reports); on a terminal, one line rewritten
  const tty = (io.stderr as { isTTY?: boolean }).isTTY === true;
  let last = 0;
  return (p) => {
    if (!p.done && (p.size ?? 0) < 8 << 20) return; // only large files get running progress
    const now = Date.now();
    if (!p.done && now - last < 1000) return;
    last = now;
    const pct = p.size ? ` ${Math.min(100, Math.round((100 * p.bytes) / p.size))} %` : '';
    const line = `${p.file} [${p.format}]${pct} ${p.points.toLocaleString('fr-FR')} ${words.points}${p.done ? ` — ${words.stored}` : ''}`;
    io.stderr.write(tty ? `\r\x1b[K${line}${p.done ? '\n' : ''}` : `${line}\n`);
  };
}

async function upload(
  url: string,
  path: string,
  name: string,
  prm: string | undefined,
  direction: string | undefined,
  io: CliIo,
): Promise<ImportSummary> {
  io.stderr.write(`${name}: the hub holds the database; uploading to ${url}/api/imports\n`);
  const headers: Record<string, string> = {
    ...hubHeaders(url),
    'content-type': 'application/octet-stream',
    'x-file-name': encodeURIComponent(name),
  };
  if (prm) headers['x-prm'] = prm;
  if (direction) headers['x-direction'] = direction;
  const body = Readable.toWeb(
    createReadStream(path.startsWith('/') ? path : `${io.cwd}/${path}`),
  ) as ReadableStream<Uint8Array>;
  const res = await hubFetch(`${url}/api/imports`, { method: 'POST', headers, body, duplex: 'half' } as RequestInit);
  if (!res.ok) throw await hubError(res);
  return (await res.json()) as ImportSummary;
}
