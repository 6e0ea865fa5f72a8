/**
 * @module importers/seen-slots
 * Which interval starts one series of one file already holds, and with which value: the collector asks it for every
 * point, so that a repeated row is merged (same value and quality) or refused (another value) instead of silently
 * replacing the first (docs/importers.md § Repeated rows).
 *
 * Memory stays flat in the file size. A load curve lies on a grid (its step, from its first start): which slots were
 * seen is one bit per slot, in blocks of 8 192 slots created as the series' span is covered (1 KiB per 170 days of
 * half hours). Values are kept only for the KEEP blocks touched last (≥ 57 344 slots: 3.2 years of half hours,
 * 13 months of 10-minute steps, any order inside them); a repeat of a start whose block has let its values go is
 * FORGOTTEN, and the caller refuses it rather than guess. Starts off the grid, and every start of a series without a
 * fixed step (daily values: Paris days last 23 to 25 hours), are kept exactly in a map; such series are small.
 */

/** Answers of {@link SeenSlots.add}. */
export const NEW = 0;
export const SAME = 1;
export const DIFFERENT = 2;
export const FORGOTTEN = 3;
export type Seen = typeof NEW | typeof SAME | typeof DIFFERENT | typeof FORGOTTEN;

const BLOCK_BITS = 13;
const BLOCK = 1 << BLOCK_BITS;
/** Blocks whose values are kept. */
const KEEP = 8;
/** Values of at least this many slots before the newest one touched are held, whatever the order. */
export const KEPT_SLOTS = (KEEP - 1) * BLOCK;

interface Block {
  /** Slots seen. */
  readonly seen: Uint32Array;
  /** Slots whose value is held in `values` (cleared when the values are let go). */
  held: Uint32Array | undefined;
  values: Float64Array | undefined;
  quality: Uint8Array | undefined;
}

export class SeenSlots {
  /** After DIFFERENT: what the first row gave. */
  heldValue = 0;
  heldQuality = 0;
  private origin = Number.NaN;
  private readonly blocks = new Map<number, Block>();
  /** Blocks holding values, least recently touched first. */
  private readonly valued = new Map<number, Block>();
  private lastNo = Number.NaN;
  private last: Block | undefined;
  private readonly exact = new Map<number, number>();
  private readonly exactQuality = new Map<number, number>();

  /** `stepMs` 0: no grid, every start is kept exactly. */
  constructor(private readonly stepMs: number) {}

  /** Record a point; NEW when its start was not seen yet, else how its value compares with the first one. */
  add(ts: number, value: number, quality: number): Seen {
    if (this.stepMs === 0) return this.addExact(ts, value, quality);
    if (this.origin !== this.origin) this.origin = ts;
    const slot = (ts - this.origin) / this.stepMs;
    if (slot !== Math.floor(slot)) return this.addExact(ts, value, quality);
    const no = Math.floor(slot / BLOCK);
    const b = no === this.lastNo ? this.last! : this.block(no);
    const i = slot - no * BLOCK;
    const word = i >>> 5;
    const bit = 1 << (i & 31);
    if ((b.seen[word]! & bit) === 0) {
      b.seen[word]! |= bit;
      b.held![word]! |= bit;
      b.values![i] = value;
      b.quality![i] = quality;
      return NEW;
    }
    if ((b.held![word]! & bit) === 0) return FORGOTTEN;
    return this.compare(b.values![i]!, b.quality![i]!, value, quality);
  }

  private compare(v: number, q: number, value: number, quality: number): Seen {
    if (v === value && q === quality) return SAME;
    this.heldValue = v;
    this.heldQuality = q;
    return DIFFERENT;
  }

  private addExact(ts: number, value: number, quality: number): Seen {
    const v = this.exact.get(ts);
    if (v === undefined) {
      this.exact.set(ts, value);
      this.exactQuality.set(ts, quality);
      return NEW;
    }
    return this.compare(v, this.exactQuality.get(ts)!, value, quality);
  }

  /** The block of a slot number, made current, with room for values (letting the oldest block's values go). */
  private block(no: number): Block {
    let b = this.blocks.get(no);
    if (!b)
      this.blocks.set(
        no,
        (b = { seen: new Uint32Array(BLOCK >>> 5), held: undefined, values: undefined, quality: undefined }),
      );
    if (b.values) this.valued.delete(no);
    else {
      if (this.valued.size >= KEEP) {
        const [oldNo, old] = this.valued.entries().next().value as [number, Block];
        this.valued.delete(oldNo);
        old.held = old.values = old.quality = undefined;
      }
      b.held = new Uint32Array(BLOCK >>> 5);
      b.values = new Float64Array(BLOCK);
      b.quality = new Uint8Array(BLOCK);
    }
    this.valued.set(no, b);
    this.lastNo = no;
    this.last = b;
    return b;
  }
}
