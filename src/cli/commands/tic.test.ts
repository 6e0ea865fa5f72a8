import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { test } from 'node:test';

const root = fileURLToPath(new URL('../../../', import.meta.url));
const fixture = (n: string) => fileURLToPath(new URL(`test/fixtures/tic/${n}`, `file://${root}`));
const courant = (args: string[], input?: Buffer) =>
  spawnSync(process.execPath, ['bin/courant.mjs', ...args], { cwd: root, input, encoding: 'utf8' });

test('courant tic decode FILE --json prints one JSON frame per line and a summary on stderr', () => {
  const r = courant([
    'tic',
    'decode',
    fixture('enedis-oss_TIC2WebSocket--ticFrameStandard_PCOUP_Invalid.txt'),
    '--json',
  ]);
  assert.equal(r.status, 0, r.stderr);
  const lines = r.stdout
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l));
  assert.equal(lines.length, 1);
  const f = lines[0];
  assert.equal(f.mode, 'standard');
  assert.equal(f.values.EAST, 0);
  assert.equal(f.values.URMS1, 230);
  assert.equal(f.values.DATE, '2017-09-15T08:16:01.000Z');
  assert.equal(f.values.STGE.terminalCoverOpen, true);
  assert.deepEqual(
    f.rejected.map((x: { label: string; reason: string }) => [x.label, x.reason]),
    [['PCOUP', 'checksum']],
  );
  assert.match(r.stderr, /frames 1, .*groups accepted 37, .*groups rejected 1/);
});

test('courant tic decode - reads stdin; noise capture reports its rejected groups', () => {
  const bytes = readFileSync(fixture('lains_ticdecodecpp--continuous_linky_3P_historical_TIC_with_rx_errors.bin'));
  const r = courant(['tic', 'decode', '-', '--json'], bytes);
  assert.equal(r.status, 0, r.stderr);
  const frames = r.stdout
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l));
  const accepted = frames.reduce((n, f) => n + Object.keys(f.values).length, 0);
  assert.ok(accepted > 250 && accepted <= 303); // values collapse repeated labels inside a merged frame
  assert.ok(frames.some((f) => f.rejected.some((x: { reason: string }) => x.reason === 'bad_label')));
  assert.match(r.stderr, /groups accepted 303,/);
});

test('courant tic: bad usage and a missing file give stable error codes', () => {
  const a = courant(['tic', 'frobnicate']);
  assert.equal(a.status, 2);
  assert.match(a.stderr, /CLI_USAGE/);
  const b = courant(['tic', 'decode', '/nonexistent/capture.bin']);
  assert.equal(b.status, 1);
  assert.match(b.stderr, /TIC_SOURCE_FAILED.*\/nonexistent\/capture\.bin/);
});
