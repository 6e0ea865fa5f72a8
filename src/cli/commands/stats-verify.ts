/**
 * `courant stats verify`: checks the release chain link by link and every published file against the SHA-256 and size
 * its release records (use-cases/statistics/release-service.ts, `audit`). Prints what it checked; exit 0 when all is
 * intact, else STATS_RELEASES_DAMAGED naming the first problem (every problem is printed). With the hub running it asks
 * `GET /api/admin/stats/releases/verify` with the local token; stopped, it opens the database itself.
 */
import type { Command, CliIo } from '../command.ts';
import { COMMON_OPTIONS, parse } from '../args.ts';
import { cliConfig, fileOrHub, hubGet } from '../hub-access.ts';
import { CourantError } from '../../core/errors.ts';
import type { ReleaseAuditView } from '../../server/contract/releases.ts';

const usage = 'courant stats verify [--json] [--data-dir DIR] [--config FILE]';

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

/** The lines `stats verify` prints, and the first problem (absent when all is intact). */
export function describeAudit(a: ReleaseAuditView): { lines: string[]; first?: string } {
  const lines: string[] = [];
  const problems: string[] = [];
  if (a.chain.ok)
    lines.push(
      a.chain.count === 0
        ? 'release chain: no release published yet'
        : `release chain: ${plural(a.chain.count, 'release')}, every link intact (head ${a.chain.head.slice(0, 16)}…)`,
    );
  else {
    const p = `release chain broken at seq ${a.chain.seq} (${a.chain.releaseId}): ${a.chain.problem}`;
    lines.push(p);
    problems.push(p);
  }
  for (const f of a.fileProblems) {
    const p =
      f.problem === 'missing'
        ? `file ${f.releaseId}.${f.format}: missing`
        : `file ${f.releaseId}.${f.format}: altered (its SHA-256 or size differs from the release's record)`;
    lines.push(p);
    problems.push(p);
  }
  if (a.fileProblems.length === 0 && a.filesChecked > 0)
    lines.push(`files: ${plural(a.filesChecked, 'file')} checked, each matches its recorded SHA-256 and size`);
  return problems.length ? { lines, first: problems[0]! } : { lines };
}

function report(io: CliIo, a: ReleaseAuditView, json: boolean): number {
  const { lines, first } = describeAudit(a);
  io.stdout.write(json ? `${JSON.stringify(a)}\n` : `${lines.join('\n')}\n`);
  if (first !== undefined)
    throw new CourantError(
      'STATS_RELEASES_DAMAGED',
      `${first}${lines.length > 2 ? ` (and ${lines.length - 2} more, listed above)` : ''}`,
    );
  return 0;
}

export const statsVerifyCommand: Command = {
  usage,
  async run(argv, io) {
    const { values, positionals } = parse(argv, { ...COMMON_OPTIONS, json: { type: 'boolean' } }, usage, true);
    if (positionals.length)
      throw new CourantError(
        'CLI_USAGE',
        `stats verify: unexpected ${JSON.stringify(positionals.join(' '))}\nusage: ${usage}`,
      );
    const config = cliConfig(values, io);
    const target = await fileOrHub(config, async () => {
      // loaded here: with the hub running, the command loads no database engine
      const { openBackend } = await import('../../backend/open-backend.ts');
      return { kind: 'file' as const, backend: await openBackend(config) };
    });
    if (target.kind === 'hub')
      return report(
        io,
        await hubGet<ReleaseAuditView>(`${target.url}/api/admin/stats/releases/verify`),
        values.json === true,
      );
    try {
      const a = await target.backend.releases.audit();
      return report(io, { ...a, fileProblems: [...a.fileProblems] }, values.json === true);
    } finally {
      await target.backend.close();
    }
  },
};
