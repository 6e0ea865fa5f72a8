import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { decodeTic, TicDecoder } from './decoder.ts';
import type { TicFrame } from './frame.ts';
import { frameValues } from './frame.ts';

const FIX = new URL('../../test/fixtures/tic/', import.meta.url);
const load = (name: string) => new Uint8Array(readFileSync(new URL(name, FIX)));

// Expected valid / bad counts come from an independent checksum pass over each capture (test/fixtures/tic/README.md),
// not from this decoder.
const CASES: {
  file: string;
  mode: 'historic' | 'standard';
  accepted: number;
  rejectedAtLeast: number;
  rejectedAtMost: number;
}[] = [
  {
    file: 'enedis-oss_TIC2WebSocket--ticFrameHistoric.txt',
    mode: 'historic',
    accepted: 9,
    rejectedAtLeast: 0,
    rejectedAtMost: 0,
  },
  {
    file: 'enedis-oss_TIC2WebSocket--ticFrameStandard.txt',
    mode: 'standard',
    accepted: 38,
    rejectedAtLeast: 0,
    rejectedAtMost: 0,
  },
  {
    file: 'enedis-oss_TIC2WebSocket--ticFrameStandard_PCOUP_Invalid.txt',
    mode: 'standard',
    accepted: 37,
    rejectedAtLeast: 1,
    rejectedAtMost: 1,
  },
  {
    file: 'esciara_pyteleinfo--captured_frames.bin',
    mode: 'historic',
    accepted: 160,
    rejectedAtLeast: 0,
    rejectedAtMost: 0,
  },
  // starts and ends mid-frame: the trailing partial group is reported as cut
  {
    file: 'lains_ticdecodecpp--continuous_linky_1P_standard_TIC_sample.bin',
    mode: 'standard',
    accepted: 467,
    rejectedAtLeast: 0,
    rejectedAtMost: 1,
  },
  {
    file: 'lains_ticdecodecpp--continuous_linky_3P_historical_TIC_sample.bin',
    mode: 'historic',
    accepted: 102,
    rejectedAtLeast: 0,
    rejectedAtMost: 0,
  },
  {
    file: 'lains_ticdecodecpp--continuous_linky_3P_historical_TIC_2024_sample.bin',
    mode: 'historic',
    accepted: 71,
    rejectedAtLeast: 0,
    rejectedAtMost: 1,
  },
  // 304 groups pass the checksum, one of them the garbage "}PR`PzSOUSC 20 8" that only the label check catches
  {
    file: 'lains_ticdecodecpp--continuous_linky_3P_historical_TIC_with_rx_errors.bin',
    mode: 'historic',
    accepted: 303,
    rejectedAtLeast: 100,
    rejectedAtMost: 200,
  },
  { file: 'openhab--cbetm-ejp-option-1.bin', mode: 'historic', accepted: 18, rejectedAtLeast: 0, rejectedAtMost: 0 },
  { file: 'openhab--cbetm-base-option-1.bin', mode: 'historic', accepted: 17, rejectedAtLeast: 0, rejectedAtMost: 0 },
  // starts with the tail of a cut group ("EP*PREF…")
  {
    file: 'openhab--linky-tic-mode-standard-single-phase-prod.bin',
    mode: 'standard',
    accepted: 67,
    rejectedAtLeast: 1,
    rejectedAtMost: 1,
  },
  {
    file: 'openhab--linky-tic-mode-standard-three-phase-prod.bin',
    mode: 'standard',
    accepted: 63,
    rejectedAtLeast: 0,
    rejectedAtMost: 0,
  },
  // edited capture: 3 groups kept stale checksums
  {
    file: 'lains_ticdecodecpp--linky_1P_midnight.bin',
    mode: 'standard',
    accepted: 464,
    rejectedAtLeast: 3,
    rejectedAtMost: 4,
  },
];

for (const c of CASES) {
  test(`fixture ${c.file}: ${c.accepted} groups accepted`, () => {
    const { frames, stats } = decodeTic(load(c.file));
    assert.equal(stats.groupsAccepted, c.accepted);
    assert.ok(
      stats.groupsRejected >= c.rejectedAtLeast && stats.groupsRejected <= c.rejectedAtMost,
      `rejected ${stats.groupsRejected}`,
    );
    for (const f of frames) assert.equal(f.mode, c.mode);
  });
}

test('the garbage group of the noise capture passes the checksum but is rejected by the label check', () => {
  const { frames } = decodeTic(load('lains_ticdecodecpp--continuous_linky_3P_historical_TIC_with_rx_errors.bin'));
  const all = frames.flatMap((f) => f.rejected);
  const garbage = all.find((r) => r.raw === '}PR`PzSOUSC 20 8');
  assert.ok(garbage, 'garbage group reported');
  assert.equal(garbage.reason, 'bad_label');
  // no accepted group carries a label outside the tables or a value out of its pattern
  for (const f of frames) for (const g of f.groups) assert.match(g.raw, g.spec.pattern);
});

test('PCOUP with a wrong checksum is skipped and the rest of the frame kept', () => {
  const { frames } = decodeTic(load('enedis-oss_TIC2WebSocket--ticFrameStandard_PCOUP_Invalid.txt'));
  assert.equal(frames.length, 1);
  const f = frames[0]!;
  assert.deepEqual(
    f.rejected.map((r) => [r.reason, r.label]),
    [['checksum', 'PCOUP']],
  );
  const v = frameValues(f);
  assert.equal(v.PCOUP, undefined);
  assert.equal(v.PREF, 3000);
  assert.equal(v.EASD01, 0); // its checksum is a space
});

test('historic Tempo capture decodes indexes in Wh and the tariff labels', () => {
  const { frames } = decodeTic(load('esciara_pyteleinfo--captured_frames.bin'));
  assert.equal(frames.length, 10);
  const v = frameValues(frames[0]!);
  assert.equal(v.ADCO, '021861000042');
  assert.equal(v.OPTARIF, 'BBR(');
  assert.equal(typeof v.BBRHCJB, 'number');
  assert.equal(v.DEMAIN, 'ROUG');
  assert.equal(v.IMAX, 90);
  for (const f of frames) assert.equal(f.end, 'etx');
});

test('standard capture: DATE becomes a UTC instant and EAST equals the sum of EASF', () => {
  const { frames } = decodeTic(load('lains_ticdecodecpp--continuous_linky_1P_standard_TIC_sample.bin'));
  const full = frames.filter((f) => f.start === 'stx' && f.end === 'etx');
  assert.ok(full.length >= 10);
  for (const f of full) {
    const v = frameValues(f);
    assert.match(v.DATE as string, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.000Z$/);
    let sum = 0;
    for (let i = 1; i <= 10; i++) sum += v[`EASF${String(i).padStart(2, '0')}`] as number;
    assert.equal(v.EAST, sum);
    assert.equal((v.STGE as unknown as { ticMode: string }).ticMode, 'standard');
  }
});

test('cooked-tty capture (CR turned into LF, ETX lost) still yields its groups, flagged', () => {
  const { frames } = decodeTic(load('lains_ticdecodecpp--continuous_linky_3P_historical_TIC_2024_sample.bin'));
  const groups = frames.flatMap((f) => f.groups);
  assert.ok(groups.length > 0 && groups.every((g) => g.crMissing === true));
  assert.ok(frames.every((f) => f.end !== 'etx'));
});

test('decoding is independent of chunking (byte by byte = all at once)', () => {
  const bytes = load('lains_ticdecodecpp--continuous_linky_3P_historical_TIC_with_rx_errors.bin');
  const whole = decodeTic(bytes);
  const frames: TicFrame[] = [];
  const d = new TicDecoder({ onFrame: (f) => frames.push(f) });
  for (let i = 0; i < bytes.length; i++) d.push(bytes.subarray(i, i + 1));
  d.end();
  assert.deepEqual(
    frames.map((f) => [f.groups.map((g) => g.label + g.raw), f.rejected]),
    whole.frames.map((f) => [f.groups.map((g) => g.label + g.raw), f.rejected]),
  );
  assert.deepEqual(d.stats, whole.stats);
});

test('producers and EJP from openHAB captures: injected energy, trimmed NGTF, EJP registers, three-phase maxima', () => {
  const one = decodeTic(load('openhab--linky-tic-mode-standard-single-phase-prod.bin'))
    .frames.map(frameValues)
    .find((v) => v.EAIT !== undefined)!;
  assert.equal(one.EAIT, 32781);
  assert.equal(one.NGTF, 'PRODUCTEUR');
  assert.equal(one.SINSTI, 1253);
  assert.equal((one.STGE as unknown as { energyNegative: boolean }).energyNegative, true);
  const tri = frameValues(decodeTic(load('openhab--linky-tic-mode-standard-three-phase-prod.bin')).frames[0]!);
  assert.equal(tri['SMAXSN3-1'], 2904);
  assert.equal(tri.SINSTS2, 568);
  assert.equal(tri.PREF, 18000);
  assert.equal(tri.DATE, '2021-04-14T06:26:25.000Z'); // E = UTC+2
  const ejp = decodeTic(load('openhab--cbetm-ejp-option-1.bin'))
    .frames.map(frameValues)
    .find((v) => v.EJPHPM !== undefined)!;
  assert.equal(ejp.EJPHPM, 2222222);
  assert.equal(ejp.PTEC, 'HN..');
  assert.equal(ejp.PMAX, 17480);
  assert.equal(ejp.ADCO, 'XXXXXXXXXX');
});
