// Cases the public captures do not cover, built from Enedis-NOI-CPT_54E with correct checksums (build.ts).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { buildFrame, bytesOf, type GroupSpec } from './build.ts';
import { ticChecksumOf } from './checksum.ts';
import { decodeTic } from './decoder.ts';
import { frameHorodates, frameToJson, frameValues, frameWarnings } from './frame.ts';
import { parseHorodate } from './horodate.ts';
import { decodeStge } from './stge.ts';

const decode = (text: string) => decodeTic(bytesOf(text));
const PROFILE = '00004001 06004002 22004001 NONUTILE NONUTILE NONUTILE NONUTILE NONUTILE NONUTILE NONUTILE NONUTILE';

test('checksum worked examples of the reference (space checksum included)', () => {
  assert.equal(ticChecksumOf('ADCO 021861348497'), 'L');
  assert.equal(ticChecksumOf('PTEC HP..'), ' ');
  assert.equal(ticChecksumOf('ADSC\t064468368739\t'), 'M');
  assert.equal(ticChecksumOf('DATE\tH230301091834\t\t'), 'C');
  assert.equal(ticChecksumOf('SMAXSN\tH230301065253\t01024\t'), '2');
  assert.equal(ticChecksumOf('EASD01\t000000000\t'), ' ');
});

test('horodates: spec examples, season letter settles the repeated October hour, degraded clock', () => {
  const h = (s: string, blank = false) => parseHorodate(bytesOf(s), 0, blank);
  assert.equal(new Date(h('H081225223518')!.ms).toISOString(), '2008-12-25T21:35:18.000Z');
  assert.equal(new Date(h('E090714074553')!.ms).toISOString(), '2009-07-14T05:45:53.000Z');
  // 2023-10-29 02:30 happens twice in Paris: E = first (00:30Z), H = second (01:30Z)
  assert.equal(new Date(h('E231029023000')!.ms).toISOString(), '2023-10-29T00:30:00.000Z');
  assert.equal(new Date(h('H231029023000')!.ms).toISOString(), '2023-10-29T01:30:00.000Z');
  const d = h('e240101120000')!;
  assert.equal(d.degraded, true);
  assert.equal(h('X240101120000'), null);
  assert.equal(h('H240230120000'), null); // 30 February
  assert.equal(h('H230229120000'), null); // not a leap year
  assert.equal(h('H241301120000'), null);
  // blank season (DPM/FPM): Europe/Paris rules
  assert.equal(new Date(h(' 250123060000', true)!.ms).toISOString(), '2025-01-23T05:00:00.000Z');
  assert.equal(new Date(h(' 250723060000', true)!.ms).toISOString(), '2025-07-23T04:00:00.000Z');
  assert.equal(h('H250123060000', true), null);
});

test('STGE decoded into named fields (spec §6.2.3.14, real value from a Tempo meter)', () => {
  const s = decodeStge('9B3A9000');
  assert.equal(s.supplierIndex, 5);
  assert.equal(s.tempoToday, 'red');
  assert.equal(s.tempoTomorrow, 'white');
  assert.equal(s.mobilePeakNotice, 1);
  assert.equal(s.mobilePeak, 2);
  assert.equal(s.ticMode, 'standard');
  const p = decodeStge('002A0301');
  assert.equal(p.producer, true);
  assert.equal(p.energyNegative, true);
  assert.equal(decodeStge('000A4411').terminalCoverOpen, true);
});

const H = 'H240115103000';
const threePhaseProducer: GroupSpec[] = [
  ['ADSC', '041876000042'],
  ['VTIC', '02'],
  ['DATE', '', H],
  ['NGTF', '     TEMPO      '],
  ['LTARF', '    HP  BLEU    '],
  ['EAST', '012345678'],
  ...Array.from({ length: 10 }, (_, i): GroupSpec => [
    `EASF${String(i + 1).padStart(2, '0')}`,
    i === 0 ? '012345678' : '000000000',
  ]),
  ['EASD01', '012345678'],
  ['EASD02', '000000000'],
  ['EASD03', '000000000'],
  ['EASD04', '000000000'],
  ['EAIT', '000456789'],
  ['ERQ1', '000001234'],
  ['ERQ2', '000000010'],
  ['ERQ3', '000000000'],
  ['ERQ4', '000004321'],
  ['IRMS1', '004'],
  ['IRMS2', '002'],
  ['IRMS3', '001'],
  ['URMS1', '231'],
  ['URMS2', '229'],
  ['URMS3', '233'],
  ['PREF', '12'],
  ['PCOUP', '12'],
  ['SINSTS', '01650'],
  ['SINSTS1', '00900'],
  ['SINSTS2', '00500'],
  ['SINSTS3', '00250'],
  ['SMAXSN', '05120', 'H240115081512'],
  ['SMAXSN1', '02100', 'H240115081512'],
  ['SMAXSN2', '01900', 'H240115071012'],
  ['SMAXSN3', '01200', 'H240115061512'],
  ['SMAXSN-1', '06000', 'H240114191500'],
  ['SMAXSN1-1', '02500', 'H240114191500'],
  ['SMAXSN2-1', '02000', 'H240114191500'],
  ['SMAXSN3-1', '01500', 'H240114191500'],
  ['SINSTI', '00000'],
  ['SMAXIN', '03010', 'H240115121500'],
  ['SMAXIN-1', '02900', 'H240114131500'],
  ['CCASN', '01300', 'H240115100000'],
  ['CCASN-1', '01250', 'H240115093000'],
  ['CCAIN', '00000', 'H240115100000'],
  ['CCAIN-1', '00000', 'H240115093000'],
  ['UMOY1', '231', 'H240115103000'],
  ['UMOY2', '230', 'H240115103000'],
  ['UMOY3', '232', 'H240115103000'],
  ['STGE', '013A0501'],
  ['DPM1', '00', ' 240116060000'],
  ['FPM1', '00', ' 240116220000'],
  ['MSG1', 'PAS DE          MESSAGE         '],
  ['MSG2', 'COUPURE 10H-11H '],
  ['PRM', '00000000000042'],
  ['RELAIS', '001'],
  ['NTARF', '02'],
  ['NJOURF', '00'],
  ['NJOURF+1', '00'],
  ['PJOURF+1', PROFILE],
  ['PPOINTE', PROFILE],
];

test('standard three-phase producer frame: every label decodes', () => {
  const { frames, stats } = decode(buildFrame('standard', threePhaseProducer));
  assert.equal(stats.groupsRejected, 0);
  assert.equal(stats.groupsAccepted, threePhaseProducer.length);
  const v = frameValues(frames[0]!);
  assert.equal(v.EAIT, 456789);
  assert.equal(v.ERQ4, 4321);
  assert.equal(v.SINSTS3, 250);
  assert.equal(v.PREF, 12000); // kVA → VA
  assert.equal(v.URMS2, 229);
  assert.equal(v.NGTF, 'TEMPO');
  assert.equal(v.MSG2, 'COUPURE 10H-11H');
  assert.equal(v.DPM1, '2024-01-16T05:00:00.000Z');
  assert.equal(v.FPM1, '2024-01-16T21:00:00.000Z');
  assert.equal(v.DATE, '2024-01-15T09:30:00.000Z');
  assert.equal(v.RELAIS, 1);
  assert.equal(v.PJOURF_1, undefined);
  assert.equal(v['PJOURF+1'], PROFILE);
  assert.equal((v.STGE as unknown as { producer: boolean }).producer, true);
  assert.equal(frameHorodates(frames[0]!)['SMAXSN3-1'], '2024-01-14T18:15:00.000Z');
});

test('historic EJP three-phase long and short frames', () => {
  const long: GroupSpec[] = [
    ['ADCO', '031428000042'],
    ['OPTARIF', 'EJP.'],
    ['ISOUSC', '20'],
    ['EJPHN', '001234567'],
    ['EJPHPM', '000123456'],
    ['PEJP', '30'],
    ['PTEC', 'PM..'],
    ['IINST1', '012'],
    ['IINST2', '008'],
    ['IINST3', '021'],
    ['IMAX1', '060'],
    ['IMAX2', '060'],
    ['IMAX3', '060'],
    ['PMAX', '07430'],
    ['PAPP', '03210'],
    ['HHPHC', 'A'],
    ['MOTDETAT', '000000'],
    ['PPOT', '00'],
  ];
  const short: GroupSpec[] = [
    ['ADIR1', '022'],
    ['ADCO', '031428000042'],
    ['IINST1', '022'],
    ['IINST2', '008'],
    ['IINST3', '003'],
  ];
  const { frames, stats } = decode(buildFrame('historic', long) + buildFrame('historic', short));
  assert.equal(stats.groupsRejected, 0);
  assert.equal(frames.length, 2);
  const v = frameValues(frames[0]!);
  assert.equal(v.EJPHPM, 123456);
  assert.equal(v.PEJP, 30);
  assert.equal(v.PTEC, 'PM..');
  assert.equal(frameValues(frames[1]!).ADIR1, 22);
  assert.equal(frames[1]!.mode, 'historic');
});

test('a checksum-valid group is still rejected when its value breaks the label rules', () => {
  const bad: [GroupSpec, string][] = [
    [['PAPP', '0321'], 'width'],
    [['PTEC', 'XX..'], 'charset'],
    [['IINST', '9A9'], 'charset'],
    [['IINST', '999'], 'implausible'],
    [['ZORGLUB', '123'], 'unknown_label'],
  ];
  for (const [g, reason] of bad) {
    const { frames } = decode(buildFrame('historic', [['ADCO', '031428000042'], g]));
    assert.equal(frames[0]!.rejected[0]?.reason, reason, g[0]);
    assert.equal(frameValues(frames[0]!).ADCO, '031428000042');
  }
  const { frames } = decode(
    buildFrame('standard', [
      ['ADSC', '041876000042'],
      ['SMAXSN', '01000', 'X240115081512'],
      ['DPM1', '00', 'H240116060000'],
    ]),
  );
  assert.deepEqual(
    frames[0]!.rejected.map((r) => r.reason),
    ['horodate', 'horodate'],
  );
});

test('an index that goes down is rejected, and accepted after it repeats in 3 frames (meter replaced)', () => {
  const f = (base: string) =>
    buildFrame('historic', [
      ['ADCO', '031428000042'],
      ['BASE', base],
    ]);
  const { frames } = decode(
    f('000001000') + f('000000500') + f('000001001') + f('000000010') + f('000000010') + f('000000010'),
  );
  assert.deepEqual(
    frames.map((x) => frameValues(x).BASE ?? x.rejected[0]?.reason),
    [1000, 'index_decreased', 1001, 'index_decreased', 'index_decreased', 10],
  );
  // another meter in the same stream (captures joined end to end): its indexes are its own
  const other = buildFrame('historic', [
    ['ADCO', '031428000043'],
    ['BASE', '000000007'],
  ]);
  assert.equal(frameValues(decode(f('000001000') + other).frames[1]!).BASE, 7);
});

test('EOT interrupts a frame: groups received so far are kept, the frame is marked interrupted, the next STX resyncs', () => {
  const frame = buildFrame('historic', [
    ['ADCO', '031428000042'],
    ['BASE', '000001000'],
    ['PAPP', '00420'],
  ]);
  const cut = frame.slice(0, frame.indexOf('PAPP') - 1) + '\nPA\x04';
  const { frames, stats } = decode(cut + frame);
  assert.equal(frames.length, 2);
  assert.equal(frames[0]!.end, 'eot');
  assert.deepEqual(
    frames[0]!.rejected.map((r) => r.reason),
    ['interrupted'],
  );
  assert.equal(frameValues(frames[0]!).BASE, 1000);
  assert.equal(frames[1]!.end, 'etx');
  assert.equal(stats.framesInterrupted, 1);
});

test('degraded clock: lower-case season accepted and flagged', () => {
  const { frames } = decode(
    buildFrame('standard', [
      ['ADSC', '041876000042'],
      ['DATE', '', 'h240115103000'],
    ]),
  );
  assert.equal(frames[0]!.groups[1]!.horodate!.degraded, true);
  assert.equal(frameValues(frames[0]!).DATE, '2024-01-15T09:30:00.000Z');
});

test('8-bit line read as 8N1: parity checked and masked', () => {
  const text = buildFrame('historic', [
    ['ADCO', '031428000042'],
    ['PAPP', '00420'],
  ]);
  const withParity = bytesOf(text).map((b) => {
    let p = b;
    p ^= p >> 4;
    p ^= p >> 2;
    p ^= p >> 1;
    return p & 1 ? b | 0x80 : b;
  });
  assert.equal(decodeTic(withParity, { parity8: true }).stats.groupsAccepted, 2);
  withParity[20] = withParity[20]! ^ 0x80; // parity error in ADCO's data
  const r = decodeTic(withParity, { parity8: true });
  assert.equal(r.stats.groupsAccepted, 1);
  assert.equal(r.frames[0]!.rejected[0]!.reason, 'control_byte');
});

test('frame checks: EAST = ΣEASF = ΣEASD and NTARF = STGE index; short frames flagged', () => {
  const ok = decode(buildFrame('standard', threePhaseProducer)).frames[0]!;
  assert.deepEqual(frameWarnings(ok), []);
  const broken = threePhaseProducer.map((g): GroupSpec =>
    g[0] === 'EASF02' ? ['EASF02', '000000001'] : g[0] === 'NTARF' ? ['NTARF', '05'] : g,
  );
  assert.deepEqual(frameWarnings(decode(buildFrame('standard', broken)).frames[0]!), ['EAST≠ΣEASF', 'NTARF≠STGE']);
  const short = decode(
    buildFrame('historic', [
      ['ADIR1', '022'],
      ['ADCO', '031428000042'],
      ['IINST1', '022'],
    ]),
  ).frames[0]!;
  assert.equal(frameToJson(short).short, true);
});

test('historic labels with HT separators (post-2013 blue meters) are checked with the method that includes the separator', () => {
  const g = (label: string, data: string) => {
    const summed = `${label}\t${data}\t`;
    return `\n${summed}${ticChecksumOf(summed)}\r`;
  };
  const { frames, stats } = decode(`\x02${g('ADCO', '031428000042')}${g('PAPP', '00420')}\x03`);
  assert.equal(stats.groupsAccepted, 2);
  assert.equal(frames[0]!.mode, 'historic');
  // the same groups checked with the other method fail
  const wrong = `\x02\nPAPP\t00420\t${ticChecksumOf('PAPP\t00420')}\r\x03`;
  assert.equal(decode(wrong).frames[0]!.rejected[0]!.reason, 'checksum');
});
