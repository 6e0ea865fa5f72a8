// The CLI as a user runs it: real processes, a real DuckDB file, the hub running or not.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { fileURLToPath } from 'node:url';

const BIN = fileURLToPath(new URL('../../bin/courant.mjs', import.meta.url));
const P = '99999999999901';
const env = { ...process.env, NODE_ENV: 'test' };
const run = (args: string[]) => spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', env, timeout: 60_000 });

function startHub(dataDir: string): Promise<{ url: string; stop: () => Promise<number | null> }> {
  const child = spawn(process.execPath, [BIN, 'start', '--port', '0', '--data-dir', dataDir], {
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  return new Promise((resolve, reject) => {
    let out = '';
    let err = '';
    child.stderr.on('data', (d) => (err += d));
    child.stdout.on('data', (d) => {
      out += d;
      const m = /running at (http:\/\/[\d.:]+)/.exec(out);
      if (m)
        resolve({
          url: m[1]!,
          stop: () =>
            new Promise((r) => {
              child.once('exit', (code) => r(code));
              child.kill('SIGTERM');
            }),
        });
    });
    child.once('exit', (code) => reject(new Error(`hub exited early (${code}): ${out}${err}`)));
  });
}

test('start → status and export through the running hub → stop → the same through the file', async () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'courant-cli-'));
  const hub = await startHub(dataDir);
  try {
    assert.match(hub.url, /^http:\/\/127\.0\.0\.1:\d+$/, 'binds to loopback by default');
    const st = run(['status', '--json', '--data-dir', dataDir]);
    assert.equal(st.status, 0, st.stderr);
    const status = JSON.parse(st.stdout) as {
      hubRunning: boolean;
      usagePoints: { prm: string; series: { id: string; step: string }[] }[];
    };
    assert.equal(status.hubRunning, true);
    assert.equal(status.usagePoints[0]!.prm, P);
    const out = join(dataDir, 'export.csv');
    const ex = run([
      'export',
      '--prm',
      P,
      '--from',
      '2007-01-01',
      '--to',
      '2007-01-02',
      '--step',
      'PT30M',
      '--out',
      out,
      '--data-dir',
      dataDir,
    ]);
    assert.equal(ex.status, 0, ex.stderr);
    const lines = readFileSync(out, 'utf8').trim().split('\n');
    assert.equal(lines[0], 'usage_point,series,interval_start,step,value,unit');
    const energy = lines.filter((l) => l.includes(',energy.consumption.PT30M.demo,'));
    assert.equal(energy.length, 48, '48 half-hours in 1 January (Paris day)');
    assert.match(
      energy[0]!,
      /^99999999999901,energy\.consumption\.PT30M\.demo,2006-12-31T23:00:00\.000Z,PT30M,[\d.]+,Wh$/,
    );
  } finally {
    assert.equal(await hub.stop(), 0, 'SIGTERM stops the hub cleanly');
  }
  assert.ok(!existsSync(join(dataDir, 'hub.json')), 'the hub removes its address file on stop');
  const st = run(['status', '--json', '--data-dir', dataDir]);
  assert.equal(JSON.parse(st.stdout).hubRunning, false);
  const ex = run([
    'export',
    '--prm',
    P,
    '--from',
    '2007-01-01',
    '--to',
    '2007-01-02',
    '--format',
    'json',
    '--step',
    'P1D',
    '--data-dir',
    dataDir,
  ]);
  assert.equal(ex.status, 0, ex.stderr);
  const rows = ex.stdout
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l) as { series: string; interval_start: string; value: number; unit: string });
  const daily = rows.find((r) => r.series === 'energy.consumption.P1D.demo')!;
  assert.equal(daily.interval_start, '2006-12-31T23:00:00.000Z');
  assert.equal(daily.unit, 'Wh');
});

test('bad input: clear message, stable code, non-zero exit', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'courant-cli-bad-'));
  const cases: [string[], RegExp][] = [
    [['export', '--prm', '123', '--data-dir', dataDir], /INPUT_INVALID_PRM.*--prm/],
    [['export', '--data-dir', dataDir], /CLI_USAGE.*--prm is required/],
    [['export', '--prm', P, '--step', 'PT7M', '--data-dir', dataDir], /INPUT_INVALID_STEP/],
    [
      ['export', '--prm', P, '--from', '2007-02-01', '--to', '2007-01-01', '--data-dir', dataDir],
      /INPUT_INVALID_RANGE/,
    ],
    [['export', '--prm', P, '--format', 'xml', '--data-dir', dataDir], /INPUT_INVALID.*csv or json/],
    [['status', '--bogus', '--data-dir', dataDir], /CLI_USAGE.*bogus/],
    [['frobnicate'], /CLI_USAGE.*unknown command/],
  ];
  for (const [args, re] of cases) {
    const r = run(args);
    assert.notEqual(r.status, 0, args.join(' '));
    assert.match(r.stderr, re, args.join(' '));
  }
  const cfg = join(dataDir, 'bad.json');
  writeFileSync(cfg, '{"server": {"port": "eighty"}}');
  const r = run(['status', '--config', cfg]);
  assert.notEqual(r.status, 0);
  assert.match(r.stderr, /CONFIG_INVALID.*bad\.json.*server\.port/);
  const broken = mkdtempSync(join(tmpdir(), 'courant-cli-broken-'));
  writeFileSync(join(broken, 'courant.duckdb'), 'not a database '.repeat(500));
  const u = run(['status', '--data-dir', broken]);
  assert.notEqual(u.status, 0);
  assert.match(u.stderr, /STORE_UNREADABLE.*courant\.duckdb/);
});

test('help lists the commands', () => {
  const r = run(['help']);
  assert.equal(r.status, 0);
  for (const c of ['start', 'status', 'export']) assert.match(r.stdout, new RegExp(`\\n  ${c} `));
});
