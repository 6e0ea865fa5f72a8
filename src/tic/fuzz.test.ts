// Property-based tests (fast-check): the decoder never throws, keeps memory bounded, resynchronises, and a bit flip
// never turns into a wrong numeric value.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import fc from 'fast-check';
import { buildFrame, bytesOf, type GroupSpec } from './build.ts';
import { decodeTic, TicDecoder } from './decoder.ts';
import type { TicFrame } from './frame.ts';

const FRAME: GroupSpec[] = [
  ['ADCO', '031428000042'],
  ['OPTARIF', 'HC..'],
  ['ISOUSC', '45'],
  ['HCHC', '012345678'],
  ['HCHP', '001234567'],
  ['PTEC', 'HP..'],
  ['IINST', '012'],
  ['IMAX', '090'],
  ['PAPP', '02830'],
  ['HHPHC', 'A'],
  ['MOTDETAT', '000000'],
];
const STD: GroupSpec[] = [
  ['ADSC', '041876000042'],
  ['DATE', '', 'H240115103000'],
  ['NGTF', '      BASE      '],
  ['EAST', '012345678'],
  ['SINSTS', '01650'],
  ['SMAXSN', '05120', 'H240115081512'],
  ['STGE', '003A0001'],
];
const valid = bytesOf(buildFrame('historic', FRAME) + buildFrame('standard', STD));

function check(frames: TicFrame[]) {
  for (const f of frames) {
    assert.ok(f.groups.length <= 128);
    assert.ok(f.rejected.length <= 64 && f.rejected.length <= f.rejectedCount);
    for (const r of f.rejected) assert.ok(r.raw.length <= 64 * 4);
  }
}

test('random bytes: never throws, bounded output, counters consistent', () => {
  fc.assert(
    fc.property(fc.uint8Array({ maxLength: 4000 }), fc.boolean(), (bytes, parity8) => {
      const { frames, stats } = decodeTic(bytes, { parity8 });
      check(frames);
      assert.equal(
        stats.groupsAccepted,
        frames.reduce((n, f) => n + f.groups.length, 0),
      );
      assert.equal(
        stats.groupsRejected,
        frames.reduce((n, f) => n + f.rejectedCount, 0),
      );
    }),
    { numRuns: 300 },
  );
});

test('any chunking gives the same frames', () => {
  fc.assert(
    fc.property(
      fc.array(fc.integer({ min: 1, max: 50 }), { minLength: 1, maxLength: 40 }),
      fc.uint8Array({ maxLength: 200 }),
      (cuts, noise) => {
        const input = new Uint8Array([...noise, ...valid, ...noise]);
        const whole = decodeTic(input).frames;
        const frames: TicFrame[] = [];
        const d = new TicDecoder({ onFrame: (f) => frames.push(f) });
        let at = 0;
        for (let i = 0; at < input.length; i++) {
          const n = cuts[i % cuts.length]!;
          d.push(input.subarray(at, at + n));
          at += n;
        }
        d.end();
        assert.deepEqual(
          frames.map((f) => f.groups.map((g) => g.label + g.raw)),
          whole.map((f) => f.groups.map((g) => g.label + g.raw)),
        );
      },
    ),
    { numRuns: 200 },
  );
});

test('resynchronises: a valid frame after noise, a truncated frame or a cut is decoded whole', () => {
  fc.assert(
    fc.property(fc.uint8Array({ maxLength: 500 }), fc.nat({ max: valid.length }), (noise, cut) => {
      // noise, then a frame cut anywhere, then a whole historic frame
      const hist = bytesOf(buildFrame('historic', FRAME));
      const input = new Uint8Array([...noise, ...valid.subarray(0, cut), ...hist]);
      const { frames } = decodeTic(input);
      const last = frames[frames.length - 1]!;
      assert.deepEqual(
        last.groups.map((g) => g.label),
        FRAME.map((g) => g[0]),
      );
      assert.equal(last.end, 'etx');
    }),
    { numRuns: 300 },
  );
});

test('a bit flip never yields a wrong number, id or horodate: such groups are rejected or unchanged', () => {
  const reference = new Map(
    decodeTic(valid).frames.flatMap((f) => f.groups.map((g) => [g.label, JSON.stringify([g.value, g.horodate?.ms])])),
  );
  fc.assert(
    fc.property(fc.nat({ max: valid.length - 1 }), fc.integer({ min: 0, max: 7 }), (at, bit) => {
      const input = valid.slice();
      input[at] = input[at]! ^ (1 << bit);
      const { frames } = decodeTic(input);
      check(frames);
      for (const f of frames)
        for (const g of f.groups) {
          if (g.spec.kind === 'text') continue; // free text: a checksum cannot protect it (see docs/tic.md)
          assert.equal(
            JSON.stringify([g.value, g.horodate?.ms]),
            reference.get(g.label),
            `${g.label} after flipping bit ${bit} of byte ${at}`,
          );
        }
    }),
    { numRuns: 1000 },
  );
});

test('a 10 MB line without LF and endless input without STX keep memory bounded', () => {
  const frames: TicFrame[] = [];
  const d = new TicDecoder({ onFrame: (f) => frames.push(f) });
  const chunk = new Uint8Array(64 * 1024).fill(0x41);
  d.push(bytesOf('\x02\nADCO '));
  for (let i = 0; i < 160; i++) d.push(chunk); // 10 MB inside one group
  d.push(bytesOf('\r\x03'));
  assert.equal(frames.length, 1);
  assert.equal(frames[0]!.rejected[0]!.reason, 'too_long');
  // no STX, no LF: everything is junk, nothing is kept
  const noStx = new Uint8Array(1 << 20).map((_, i) => 0x20 + (i % 90));
  d.push(noStx);
  d.end();
  assert.equal(frames.length, 1);
  assert.ok(d.stats.junkBytes >= noStx.length);
});

test('real captures, one random byte replaced, inserted or deleted: every accepted number/id/horodate is one the clean capture has', () => {
  const files = [
    'esciara_pyteleinfo--captured_frames.bin',
    'lains_ticdecodecpp--continuous_linky_1P_standard_TIC_sample.bin',
    'openhab--linky-tic-mode-standard-three-phase-prod.bin',
  ];
  const clean = files.map((f) => {
    const bytes = new Uint8Array(readFileSync(new URL(`../../test/fixtures/tic/${f}`, import.meta.url)));
    const known = new Set(
      decodeTic(bytes).frames.flatMap((fr) => fr.groups.map((g) => `${g.label}=${g.raw}@${g.horodate?.ms ?? ''}`)),
    );
    return { bytes, known };
  });
  fc.assert(
    fc.property(
      fc.nat({ max: clean.length - 1 }),
      fc.nat(),
      fc.integer({ min: 0, max: 255 }),
      fc.constantFrom('replace', 'insert', 'delete'),
      (which, pos, byte, op) => {
        const { bytes, known } = clean[which]!;
        const at = pos % bytes.length;
        const m =
          op === 'replace'
            ? bytes.slice()
            : op === 'insert'
              ? new Uint8Array([...bytes.subarray(0, at), byte, ...bytes.subarray(at)])
              : new Uint8Array([...bytes.subarray(0, at), ...bytes.subarray(at + 1)]);
        if (op === 'replace') m[at] = byte;
        const { frames } = decodeTic(m);
        check(frames);
        for (const f of frames)
          for (const g of f.groups)
            if (g.spec.kind !== 'text')
              assert.ok(
                known.has(`${g.label}=${g.raw}@${g.horodate?.ms ?? ''}`),
                `${op} ${byte} at ${at}: ${g.label}=${g.raw}`,
              );
      },
    ),
    { numRuns: 500 },
  );
});
