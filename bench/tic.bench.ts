/**
 * TIC decoder throughput on recorded captures (the anonymised fixtures, repeated to ≈32 MB), compared with a naive
 * split-on-whitespace parse of the same bytes (what several JS peers do, without checksum or label checks), plus an
 * estimate of the heap allocated per frame. Speeds are per CPU second of this process (one core; GC threads included),
 * so that other processes sharing the machine do not skew them; the wall-clock figure is given too.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { TicDecoder } from '../src/tic/decoder.ts';

const dir = new URL('../test/fixtures/tic/', import.meta.url);

function corpus(targetBytes: number): Uint8Array {
  const parts = readdirSync(dir)
    .filter((f) => f.endsWith('.bin') || f.endsWith('.txt'))
    .map((f) => new Uint8Array(readFileSync(new URL(f, dir))));
  const one = parts.reduce((n, p) => n + p.length, 0);
  const out = new Uint8Array(Math.ceil(targetBytes / one) * one);
  let at = 0;
  while (at < out.length)
    for (const p of parts) {
      out.set(p, at);
      at += p.length;
    }
  return out;
}

function decodeAll(bytes: Uint8Array): { frames: number; groups: number } {
  let frames = 0;
  // the corpus loops, so its indexes go back at each repetition: the cross-frame index check is off here
  const d = new TicDecoder({ onFrame: () => frames++, checkMonotonic: false });
  for (let at = 0; at < bytes.length; at += 4096) d.push(bytes.subarray(at, at + 4096));
  d.end();
  return { frames, groups: d.stats.groupsAccepted };
}

/** The naive peer approach: text, split lines, split on whitespace, keep label → value. */
function naive(bytes: Uint8Array): number {
  const text = new TextDecoder('latin1').decode(bytes);
  let n = 0;
  let frame: Record<string, string> = {};
  for (const line of text.split(/[\r\n]+/)) {
    const f = line.trim().split(/\s+/);
    if (f.length >= 2) {
      frame[f[0]!] = f[1]!;
      n++;
    }
    if (line.includes('\x03')) frame = {};
  }
  return n + Object.keys(frame).length * 0;
}

/** Best of `runs`, in CPU milliseconds of this process (robust when other processes share the cores) and wall ms. */
function best(fn: () => void, runs: number): { cpu: number; wall: number } {
  let cpu = Infinity;
  let wall = Infinity;
  for (let i = 0; i < runs; i++) {
    const c = process.cpuUsage();
    const t = performance.now();
    fn();
    wall = Math.min(wall, performance.now() - t);
    const d = process.cpuUsage(c);
    cpu = Math.min(cpu, (d.user + d.system) / 1000);
  }
  return { cpu, wall };
}

/** Calibration: a bare loop over the same bytes (the ceiling of any byte-at-a-time decoder on this machine, right now).
 */
function byteLoop(bytes: Uint8Array): number {
  let s = 0;
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i]!;
    if ((b >= 0x20 && b < 0x7f) || b === 9) s += b;
    else s ^= 1;
  }
  return s;
}

export async function run(): Promise<Record<string, number | string>> {
  const bytes = corpus(32 * 1024 * 1024);
  const mb = bytes.length / 1e6;
  decodeAll(bytes.subarray(0, 1 << 20)); // warm-up
  let frames = 0;
  let groups = 0;
  const { cpu: ms, wall } = best(() => ({ frames, groups } = decodeAll(bytes)), 3);
  naive(bytes.subarray(0, 1 << 20));
  const naiveMs = best(() => naive(bytes), 3).cpu;
  const loopMs = best(() => byteLoop(bytes), 3).cpu;
  // allocation: heap growth while decoding a slice too small to trigger a scavenge, after a full GC
  const gc = (globalThis as { gc?: () => void }).gc;
  let bytesPerFrame: number | string = 'run with --expose-gc';
  if (gc) {
    const slice = bytes.subarray(0, 256 * 1024);
    decodeAll(slice);
    gc();
    const h0 = process.memoryUsage().heapUsed;
    const r = decodeAll(slice);
    const h1 = process.memoryUsage().heapUsed;
    bytesPerFrame = Math.round((h1 - h0) / r.frames);
  }
  return {
    'tic.decode.MBps': Math.round((mb / (ms / 1000)) * 10) / 10,
    'tic.decode.MBps.wall': Math.round((mb / (wall / 1000)) * 10) / 10,
    'tic.decode.framesPerSecond': Math.round(frames / (ms / 1000)),
    'tic.decode.groupsPerSecond': Math.round(groups / (ms / 1000)),
    'tic.decode.heapBytesPerFrame': bytesPerFrame,
    'tic.naiveSplit.MBps': Math.round((mb / (naiveMs / 1000)) * 10) / 10,
    'tic.calibration.byteLoop.MBps': Math.round(mb / (loopMs / 1000)),
    // share of a bare byte loop's speed: comparable across machines and loads
    'tic.decode.vsByteLoop': Math.round((loopMs / ms) * 1000) / 1000,
    'tic.corpus.MB': Math.round(mb * 10) / 10,
  };
}
