/**
 * `courant stats release`: the operator publishes one statistics release (docs/statistics.md). With the hub stopped
 * the command opens the database through the composition root and acts as the machine's administrator (the operator);
 * while the hub runs it asks `POST /api/admin/stats/releases` with the local token. Either way the same checks and
 * budgets apply (use-cases/statistics/release-service.ts) and the same lines are printed: what was published, the
 * guarantee's parameters, and the files with their SHA-256.
 */
import type { Command, CliIo } from '../command.ts';
import { COMMON_OPTIONS, parse } from '../args.ts';
import { cliConfig, fileOrHub, hubPost } from '../hub-access.ts';
import { CourantError } from '../../core/errors.ts';
import type { Config } from '../../config/schema.ts';
import type { Actor } from '../../consent/model.ts';
import type { Backend } from '../../backend/open-backend.ts';
import type { ReleaseRequest } from '../../use-cases/statistics/release-service.ts';
import type { ReleaseView } from '../../server/contract/releases.ts';
import { bucketLabel } from '../../statistics/buckets.ts';

const usage = [
  'courant stats release --publisher ID --area commune|iris|group --bucket hour-of-day|day|week|month',
  '                      --from YYYY-MM-DD --to YYYY-MM-DD --epsilon E',
  '                      [--statistics count,sum,mean,presence,quantiles] [--clip-wh N] [--max-buckets N] [--json]',
  '                      [--data-dir DIR] [--config FILE]',
  '  the period is [from, to[ in Paris civil time, on bucket boundaries; E is read as ρ = E²/2 (zCDP)',
].join('\n');

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

function number(v: string | undefined, option: string): number | undefined {
  if (v === undefined) return undefined;
  const n = Number(v);
  if (v.trim() === '' || !Number.isFinite(n))
    throw new CourantError('STATS_INVALID', `release: --${option} must be a number (got ${JSON.stringify(v)})`, {
      details: { field: option },
    });
  return n;
}

function request(values: Record<string, string | boolean | undefined>): ReleaseRequest {
  const need = (k: string) => {
    const v = values[k];
    if (typeof v !== 'string')
      throw new CourantError('CLI_USAGE', `stats release: --${k} is required\nusage: ${usage}`);
    return v;
  };
  const str = (k: string) => (typeof values[k] === 'string' ? values[k] : undefined);
  const clipWh = number(str('clip-wh'), 'clip-wh');
  const maxBuckets = number(str('max-buckets'), 'max-buckets');
  const statistics = str('statistics');
  return {
    publisher: need('publisher'),
    areaKind: need('area'),
    bucket: need('bucket'),
    from: need('from'),
    to: need('to'),
    epsilon: number(need('epsilon'), 'epsilon')!,
    ...(statistics !== undefined ? { statistics: statistics.split(',').map((s) => s.trim()) } : {}),
    ...(clipWh !== undefined ? { clipWh } : {}),
    ...(maxBuckets !== undefined ? { maxBuckets } : {}),
  };
}

const fmt = (x: number) => Number(x.toPrecision(4)).toString();
const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
/** A period bound as the Paris date the operator typed. */
const day = (iso: string) => bucketLabel('day', Date.parse(iso));

/** What `stats release` prints for a published release. */
export function describeRelease(r: ReleaseView, where: (file: string) => string): string {
  const p = r.parameters;
  return [
    `release ${r.releaseId} published for ${r.publisherName}: ${plural(r.result.cellsPublished, 'cell')}, ${r.result.cellsSuppressed} suppressed (noisy count below ${p.threshold ?? p.floor}: the floor of ${p.floor} homes plus a margin for the noise)`,
    `  ${r.query.areaKind} × ${r.query.bucket}, ${day(r.query.from)} to ${day(r.query.to)} (excluded): ${r.query.statistics.join(', ')}`,
    `  ${p.method}: ε = ${p.epsilon} (ρ = ${fmt(p.rho)}; (${fmt(p.impliedEpsilon)}, ${p.delta.toExponential()})-DP), clip ${p.clipWh} Wh per ${r.query.bucket === 'hour-of-day' ? 'hour' : r.query.bucket}, at most ${plural(p.maxBuckets, 'bucket')} per home`,
    `  contributing homes (with noise): ${r.result.noisyHomes}`,
    `  ${where(`${r.releaseId}.csv`)}  sha256 ${r.files.csv.sha256}`,
    `  ${where(`${r.releaseId}.parquet`)}  sha256 ${r.files.parquet.sha256}`,
  ].join('\n');
}

function print(io: CliIo, r: ReleaseView, json: boolean, where: (file: string) => string): void {
  if (json) io.stdout.write(`${JSON.stringify({ release: r })}\n`);
  else io.stdout.write(`${describeRelease(r, where)}\n`);
}

export const statsReleaseCommand: Command = {
  usage,
  async run(argv, io) {
    const { values, positionals } = parse(
      argv,
      {
        ...COMMON_OPTIONS,
        publisher: { type: 'string' },
        area: { type: 'string' },
        bucket: { type: 'string' },
        from: { type: 'string' },
        to: { type: 'string' },
        epsilon: { type: 'string' },
        statistics: { type: 'string' },
        'clip-wh': { type: 'string' },
        'max-buckets': { type: 'string' },
        json: { type: 'boolean' },
      },
      usage,
      true,
    );
    if (positionals.length)
      throw new CourantError(
        'CLI_USAGE',
        `stats release: unexpected ${JSON.stringify(positionals.join(' '))}\nusage: ${usage}`,
      );
    const req = request(values);
    const config = cliConfig(values, io);
    const target = await open(config);
    if (target.kind === 'hub') {
      const { release } = await hubPost<{ release: ReleaseView }>(`${target.url}/api/admin/stats/releases`, req);
      print(io, release, values.json === true, (f) => `${target.url}/api/public/releases/${f}`);
      return 0;
    }
    try {
      const r = await target.backend.releases.release(LOCAL_OPERATOR, req);
      const { releaseView } = await import('../../server/contract/releases.ts');
      const names = target.backend.consent.clients;
      const { join } = await import('node:path');
      print(
        io,
        releaseView(r, (id) => names.get(id)?.name),
        values.json === true,
        (f) => join(config.dataDir, 'releases', f),
      );
    } finally {
      await target.backend.close();
    }
    return 0;
  },
};
