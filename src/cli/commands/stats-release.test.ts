// `courant stats release` on a real population (consents given through the consent services, areas, real readings):
// with the hub stopped (composition root), then with the hub running (its operator route, local token), the same
// lines; the public list and files over HTTP; refusals with their catalogue codes; nothing written when refused;
// `courant stats verify` hub stopped and running, intact then with a published file altered and another removed.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { appendFileSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { runCli } from '../test-support.ts';
import { startHub } from '../../server/main.ts';
import { removeDir } from '../../use-cases/consent/test-support.ts';
import { openPopulation } from '../../use-cases/statistics/test-support.ts';

const ARGS = [
  '--publisher',
  'stats-coop',
  '--area',
  'commune',
  '--bucket',
  'day',
  '--epsilon',
  '1',
  '--clip-wh',
  '40000',
];
const shape = (out: string) =>
  out
    .replace(/rel-[0-9a-f-]+/g, 'rel-…')
    .replace(/sha256 [0-9a-f]{64}/g, 'sha256 …')
    .replace(/noise\): \d+/, 'noise): N')
    .replace(/^ {2}\S+(rel-…\.(csv|parquet))/gm, '  …/$1');

test('stats release: hub stopped, then hub running, same lines; refusals; the public list and files', async () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'courant-stats-release-'));
  try {
    // 40 homes: a cell falls below the publication threshold (floor + 4.75σ) only with noise beyond 8σ
    const pop = await openPopulation({ '92071': 40 }, {}, dataDir, Date.now());
    await pop.hub.close();
    const d = ['--data-dir', dataDir];

    const stopped = await runCli(['stats', 'release', ...ARGS, '--from', '2007-01-01', '--to', '2007-01-03', ...d]);
    assert.equal(stopped.code, 0, stopped.err);
    const id = /^release (rel-[0-9a-f-]+) published for Stats Coop: 2 cells, 0 suppressed/.exec(stopped.out)?.[1];
    assert.ok(id, stopped.out);
    assert.match(stopped.out, /discrete Gaussian, zCDP: ε = 1 \(ρ = 0\.5; /);
    const csvPath = join(dataDir, 'releases', `${id}.csv`);
    assert.match(stopped.out, new RegExp(`${csvPath.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}  sha256 [0-9a-f]{64}`));
    const sha = createHash('sha256').update(readFileSync(csvPath)).digest('hex');
    assert.match(stopped.out, new RegExp(`sha256 ${sha}`));

    // refusals, with the hub stopped: catalogue codes, nothing published
    const refused = async (args: string[], code: RegExp) => {
      const r = await runCli(['stats', 'release', ...args, ...d]);
      assert.equal(r.code, 1, r.out + r.err);
      assert.match(r.err, code);
    };
    const period = ['--from', '2007-01-01', '--to', '2007-01-03'];
    await refused([...ARGS.slice(0, -4), '--epsilon', '0', ...period], /^error STATS_INVALID: release: epsilon /m);
    await refused([...ARGS.slice(0, -4), '--epsilon', '3', ...period], /stats\.maxEpsilon = 2/);
    await refused(['--publisher', 'nobody', ...ARGS.slice(2), ...period], /^error CLIENT_UNKNOWN: /m);
    await refused([...ARGS, '--from', '2007-01-01', '--to', '2007-01-03', '--area', 'canton'], /STATS_INVALID/);
    // ε = 1 spent ρ 0.5 of the default 2: ε 1.8 (ρ 1.62) would exceed it
    await refused(
      [...ARGS.slice(0, -4), '--epsilon', '1.8', ...period],
      /^error STATS_BUDGET_EXCEEDED: .*has ρ = 1\.5 \(3\/2\) left/m,
    );

    // the chain and files verify, hub stopped
    const verified = await runCli(['stats', 'verify', ...d]);
    assert.equal(verified.code, 0, verified.err);
    assert.match(verified.out, /^release chain: 1 release, every link intact \(head [0-9a-f]{16}…\)$/m);
    assert.match(verified.out, /^files: 2 files checked, each matches its recorded SHA-256 and size$/m);

    const hub = await startHub({ dataDir, port: 0, demo: false, env: {}, logLevel: 'silent' });
    try {
      const running = await runCli(['stats', 'release', ...ARGS, '--from', '2007-01-02', '--to', '2007-01-04', ...d]);
      assert.equal(running.code, 0, running.err);
      assert.equal(
        shape(running.out).replace('2007-01-02 to 2007-01-04 (excluded)', 'P'),
        shape(stopped.out).replace('2007-01-01 to 2007-01-03 (excluded)', 'P'),
        'the same lines through the hub',
      );
      assert.match(running.out, /http:\/\/127\.0\.0\.1:\d+\/api\/public\/releases\/rel-[0-9a-f-]+\.csv {2}sha256/);
      const budget = await runCli(['stats', 'release', ...ARGS.slice(0, -4), '--epsilon', '1.8', ...period, ...d]);
      assert.equal(budget.code, 1);
      assert.match(budget.err, /STATS_BUDGET_EXCEEDED/);

      // the public list and files, without signing in
      const list = (await (await fetch(`${hub.url}/api/public/releases`)).json()) as {
        releases: { releaseId: string; files: { csv: { url: string; sha256: string } } }[];
      };
      assert.equal(list.releases.length, 2);
      assert.equal(list.releases[0]!.releaseId, id);
      const file = await fetch(`${hub.url}${list.releases[0]!.files.csv.url}`);
      assert.equal(file.status, 200);
      assert.match(file.headers.get('content-type') ?? '', /^text\/csv/);
      const body = Buffer.from(await file.arrayBuffer());
      assert.equal(createHash('sha256').update(body).digest('hex'), list.releases[0]!.files.csv.sha256);
      assert.equal((await fetch(`${hub.url}/api/public/releases/rel-nothing.parquet`)).status, 404);

      // through the hub: intact, then a published file altered and another removed are named
      const intact = await runCli(['stats', 'verify', ...d]);
      assert.equal(intact.code, 0, intact.err);
      assert.match(intact.out, /^release chain: 2 releases, every link intact/m);
      appendFileSync(csvPath, '92071,2007-01-01,1\n');
      rmSync(join(dataDir, 'releases', `${id}.parquet`));
      const damaged = await runCli(['stats', 'verify', ...d]);
      assert.equal(damaged.code, 1, damaged.out);
      assert.match(damaged.out, new RegExp(`^file ${id}\\.csv: altered `, 'm'));
      assert.match(damaged.out, new RegExp(`^file ${id}\\.parquet: missing$`, 'm'));
      assert.match(
        damaged.err,
        new RegExp(`^error STATS_RELEASES_DAMAGED: file ${id}\\.csv: altered .*and 1 more`, 'm'),
      );
    } finally {
      await hub.close();
    }
    // and with the hub stopped, the same finding
    const stoppedDamaged = await runCli(['stats', 'verify', '--json', ...d]);
    assert.equal(stoppedDamaged.code, 1);
    const audit = JSON.parse(stoppedDamaged.out) as { chain: { ok: boolean }; fileProblems: { problem: string }[] };
    assert.equal(audit.chain.ok, true);
    assert.deepEqual(
      audit.fileProblems.map((f) => f.problem),
      ['altered', 'missing'],
    );
  } finally {
    removeDir(dataDir);
  }
});
