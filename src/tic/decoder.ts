/**
 * @module tic/decoder
 * Streaming TIC decoder: bytes in (any chunking), frames out. A byte-level state machine, not a line reader,
 * so it resynchronises after noise or a cut at any byte (tic.md §0.4):
 *   STX opens a frame; ETX closes it; EOT interrupts it (the meter restarts with a new STX);
 *   LF opens a group, CR closes it; any other control byte or 8-bit byte spoils the current group only.
 * A group ended by LF instead of CR (a cooked tty turns CR into LF and eats ETX) is kept when it checks out.
 * Memory is bounded whatever the input: one group buffer, at most `maxFrameGroups` groups and 64 rejections per frame.
 * The decoder never throws on input; everything it skips is counted and reported.
 */
import {
  REJECT_REASONS,
  type FrameEnd,
  type FrameStart,
  type RejectReason,
  type TicFrame,
  type TicGroup,
  type TicRejection,
} from './frame.ts';
import { groupLabel, parseGroup, text } from './group.ts';
import { ALL_LABELS, type TicMode } from './labels/index.ts';

const STX = 0x02;
const ETX = 0x03;
const EOT = 0x04;
const HT = 0x09;
const LF = 0x0a;
const CR = 0x0d;

export interface TicDecoderOptions {
  /** Called for every frame, in stream order. */
  readonly onFrame: (frame: TicFrame) => void;
  /** The port delivers 8 bits (a 7E1 line read as 8N1): check the even parity bit and mask it off (LibTeleinfo does `c
   * &= 0x7F`).
   */
  readonly parity8?: boolean;
  /** Group buffer size; the longest legal group (PJOURF+1) is 111 bytes. */
  readonly maxGroupBytes?: number;
  /** Groups per frame before the frame is cut; the largest real frame has 71 labels at most. */
  readonly maxFrameGroups?: number;
  /** Reject a cumulative index lower than the last accepted one, until it repeats in 3 frames (meter replaced). */
  readonly checkMonotonic?: boolean;
}

export interface TicStats {
  bytes: number;
  frames: number;
  framesInterrupted: number;
  groupsAccepted: number;
  groupsRejected: number;
  /** Bytes outside any group (noise between groups or frames). */
  junkBytes: number;
  byReason: Record<RejectReason, number>;
}

const MAX_REJECTIONS_KEPT = 64;
const RAW_SHOWN = 64;
const REPEATS_TO_REBASE = 3;

export class TicDecoder {
  readonly stats: TicStats;
  private readonly onFrame: (frame: TicFrame) => void;
  private readonly parity8: boolean;
  private readonly maxFrameGroups: number;
  private readonly checkMonotonic: boolean;
  private readonly buf: Uint8Array;
  private offset = 0;
  // group state
  private inGroup = false;
  private n = 0;
  /** Sum of the group bytes so far (for the checksum), or -1 when not tracked (parity path). */
  private sum = 0;
  private bad = false;
  private overflow = false;
  private headless = false;
  private groupOffset = 0;
  // frame state
  private inFrame = false;
  private frameStart: FrameStart = 'implicit';
  private frameOffset = 0;
  private mode: TicMode | null = null;
  /** Mode of the last frame with an accepted group: the best guess for a frame where everything was rejected. */
  private lastMode: TicMode | null = null;
  /** A rejected group of this frame had an HT: the separator of standard mode. */
  private htSeen = false;
  private groups: TicGroup[] = [];
  private rejected: TicRejection[] = [];
  private rejectedCount = 0;
  // cross-frame state for monotonic registers
  // cross-frame state for monotonic registers, indexed like ALL_LABELS
  private readonly lastIndex = new Float64Array(ALL_LABELS.length).fill(-1);
  private readonly pendingIndex = new Float64Array(ALL_LABELS.length).fill(-1);
  private readonly repeats = new Uint8Array(ALL_LABELS.length);
  private readonly seenInFrame = new Uint32Array(ALL_LABELS.length);
  private frameNo = 1;
  private serial = '';

  constructor(opts: TicDecoderOptions) {
    this.onFrame = opts.onFrame;
    this.parity8 = opts.parity8 ?? false;
    this.maxFrameGroups = opts.maxFrameGroups ?? 128;
    this.checkMonotonic = opts.checkMonotonic ?? true;
    this.buf = new Uint8Array(opts.maxGroupBytes ?? 160);
    const byReason = {} as Record<RejectReason, number>;
    for (const r of Object.keys(REJECT_REASONS) as RejectReason[]) byReason[r] = 0;
    this.stats = {
      bytes: 0,
      frames: 0,
      framesInterrupted: 0,
      groupsAccepted: 0,
      groupsRejected: 0,
      junkBytes: 0,
      byReason,
    };
  }

  /** Feed bytes. Frames completed by these bytes are passed to `onFrame` before this returns. */
  push(chunk: Uint8Array): void {
    const buf = this.buf;
    const cap = buf.length;
    const len = chunk.length;
    const base = this.offset;
    for (let i = 0; i < len; i++) {
      let b = chunk[i]!;
      if (this.inGroup && !this.parity8) {
        // Fast path: copy the printable bytes of a group in a tight loop.
        let n = this.n;
        let sum = this.sum;
        while ((b >= 0x20 && b < 0x7f) || b === HT) {
          if (n < cap) {
            buf[n++] = b;
            sum += b;
          } else this.overflow = true;
          if (++i === len) break;
          b = chunk[i]!;
        }
        this.n = n;
        this.sum = sum;
        if (i === len) break;
      }
      this.offset = base + i;
      if (b >= 0x80 || this.parity8) {
        if (this.parity8) {
          if (evenParityError(b)) {
            this.spoil();
            continue;
          }
          b &= 0x7f;
        } else {
          this.spoil();
          continue;
        }
      }
      if (b >= 0x20 && b < 0x7f) {
        if (this.inGroup) {
          if (this.n < cap) buf[this.n++] = b;
          else this.overflow = true;
        } else if (this.inFrame) {
          // Printable bytes between groups: a group whose LF was lost. Keep it to report it.
          this.openGroup(true);
          buf[this.n++] = b;
          if (this.sum >= 0) this.sum += b;
        } else this.stats.junkBytes++;
        continue;
      }
      switch (b) {
        case HT:
          if (this.inGroup) {
            if (this.n < cap) buf[this.n++] = b;
            else this.overflow = true;
          } else this.stats.junkBytes++;
          break;
        case LF:
          if (this.inGroup) this.closeGroup(true);
          if (!this.inFrame) this.openFrame('implicit');
          this.openGroup(false);
          break;
        case CR:
          if (this.inGroup) this.closeGroup(false);
          else this.stats.junkBytes++;
          break;
        case STX:
          if (this.inGroup) this.cutGroup('cut');
          if (this.inFrame) this.emitFrame('stx');
          this.openFrame('stx');
          break;
        case ETX:
          if (this.inGroup) this.cutGroup('cut');
          if (this.inFrame) this.emitFrame('etx');
          break;
        case EOT:
          if (this.inGroup) this.cutGroup('interrupted');
          if (this.inFrame) {
            this.stats.framesInterrupted++;
            this.emitFrame('eot');
          }
          break;
        default:
          this.spoil();
      }
    }
    this.offset = base + len;
    this.stats.bytes += len;
  }

  /** End of input: report a group or frame left open. */
  end(): void {
    if (this.inGroup) this.cutGroup('cut');
    if (this.inFrame) this.emitFrame('eof');
  }

  private spoil(): void {
    if (this.inGroup) this.bad = true;
    else this.stats.junkBytes++;
  }

  private openFrame(start: FrameStart): void {
    this.inFrame = true;
    this.frameStart = start;
    this.frameOffset = this.offset;
    this.mode = null;
    this.htSeen = false;
    this.groups = [];
    this.rejected = [];
    this.rejectedCount = 0;
    this.frameNo++;
  }

  private openGroup(headless: boolean): void {
    this.inGroup = true;
    this.n = 0;
    this.sum = this.parity8 ? -1 : 0;
    this.bad = false;
    this.overflow = false;
    this.headless = headless;
    this.groupOffset = headless ? this.offset : this.offset + 1;
  }

  private cutGroup(reason: RejectReason): void {
    this.inGroup = false;
    if (this.n > 0 || this.overflow) this.reject(reason, undefined);
  }

  private closeGroup(byLf: boolean): void {
    this.inGroup = false;
    if (this.n === 0 && !this.overflow && !this.bad) return; // empty group: LF LF (cooked tty) or LF CR
    if (this.headless) return this.reject('no_lf', undefined);
    if (this.overflow) return this.reject('too_long', undefined);
    if (this.bad) return this.reject('control_byte', undefined);
    const g = parseGroup(this.buf, this.n, byLf, this.sum);
    if (typeof g === 'string') return this.reject(g, groupLabel(this.buf, this.n));
    if (this.mode === null) this.mode = g.spec.mode;
    else if (g.spec.mode !== this.mode) return this.reject('mode_mismatch', g.label);
    if (g.spec.kind === 'id' && g.label !== 'PRM' && g.raw !== this.serial) {
      // another meter (or the first one): index continuity only holds within one meter
      this.serial = g.raw;
      this.lastIndex.fill(-1);
      this.repeats.fill(0);
    }
    if (g.spec.monotonic && this.checkMonotonic && !this.monotonicOk(g.slot, g.value as number))
      return this.reject('index_decreased', g.label);
    this.groups.push(g);
    this.stats.groupsAccepted++;
    if (this.groups.length >= this.maxFrameGroups) {
      this.emitFrame('overflow');
      this.openFrame('implicit');
    }
  }

  private monotonicOk(slot: number, value: number): boolean {
    if (this.seenInFrame[slot] === this.frameNo) return true;
    this.seenInFrame[slot] = this.frameNo;
    const last = this.lastIndex[slot]!;
    if (last < 0 || value >= last) {
      this.lastIndex[slot] = value;
      this.repeats[slot] = 0;
      return true;
    }
    // A lower index: corruption, unless it keeps coming (meter replaced, or a wrongly accepted high value before).
    if (value === this.pendingIndex[slot]) this.repeats[slot] = this.repeats[slot]! + 1;
    else {
      this.pendingIndex[slot] = value;
      this.repeats[slot] = 1;
    }
    if (this.repeats[slot]! >= REPEATS_TO_REBASE) {
      this.lastIndex[slot] = value;
      this.repeats[slot] = 0;
      return true;
    }
    return false;
  }

  private reject(reason: RejectReason, label: string | undefined): void {
    this.stats.groupsRejected++;
    this.stats.byReason[reason]++;
    if (!this.inFrame) this.openFrame('implicit');
    this.rejectedCount++;
    if (this.mode === null && !this.htSeen) for (let i = 0; i < this.n; i++) if (this.buf[i] === HT) this.htSeen = true;
    if (this.rejected.length < MAX_REJECTIONS_KEPT) {
      const raw = escapeBytes(this.buf, Math.min(this.n, RAW_SHOWN));
      this.rejected.push(
        label === undefined
          ? { reason, raw, offset: this.groupOffset }
          : { reason, label, raw, offset: this.groupOffset },
      );
    }
  }

  private emitFrame(end: FrameEnd): void {
    this.inFrame = false;
    if (this.groups.length === 0 && this.rejectedCount === 0) return;
    this.stats.frames++;
    if (this.mode !== null) this.lastMode = this.mode;
    const mode: TicMode = this.mode ?? this.lastMode ?? (this.htSeen ? 'standard' : 'historic');
    const frame: TicFrame = {
      mode,
      groups: this.groups,
      rejected: this.rejected,
      rejectedCount: this.rejectedCount,
      start: this.frameStart,
      end,
      offset: this.frameOffset,
    };
    this.groups = [];
    this.rejected = [];
    this.rejectedCount = 0;
    this.onFrame(frame);
  }
}

function evenParityError(b: number): boolean {
  b ^= b >> 4;
  b ^= b >> 2;
  b ^= b >> 1;
  return (b & 1) === 1;
}

function escapeBytes(b: Uint8Array, n: number): string {
  let plain = true;
  for (let i = 0; i < n && plain; i++) plain = b[i]! >= 0x20 && b[i]! < 0x7f && b[i] !== 0x5c;
  if (plain) return text(b, 0, n);
  let s = '';
  for (let i = 0; i < n; i++) {
    const c = b[i]!;
    s +=
      c >= 0x20 && c < 0x7f && c !== 0x5c
        ? String.fromCharCode(c)
        : c === HT
          ? '\\t'
          : c === 0x5c
            ? '\\\\'
            : `\\x${c.toString(16).padStart(2, '0')}`;
  }
  return s;
}

/** Decode a whole buffer at once. */
export function decodeTic(
  bytes: Uint8Array,
  opts: Omit<TicDecoderOptions, 'onFrame'> = {},
): { frames: TicFrame[]; stats: TicStats } {
  const frames: TicFrame[] = [];
  const d = new TicDecoder({ ...opts, onFrame: (f) => frames.push(f) });
  d.push(bytes);
  d.end();
  return { frames, stats: d.stats };
}
