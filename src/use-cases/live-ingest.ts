/**
 * @module use-cases/live-ingest
 * Live meter readings: byte source → TIC decoder → readings (tic/to-readings.ts) → buffered batch writes to the store.
 * Writes are batched (every `flushEveryMs`, or as soon as `flushMaxPoints` are buffered); `stop()` closes the source,
 * then flushes, so every reading decoded before the stop is stored. A failed write keeps its points for the next flush.
 * Live power goes to `onLivePower` at every frame (the hub turns it into server-sent events); whole frames go to
 * `onFrame` (the Home Assistant bridge).
 */
import type { Prm } from '../core/prm.ts';
import type { Reading, ReadingBatch, SeriesKey } from '../core/series.ts';
import type { ByteSource } from '../ports/byte-source.ts';
import type { ReadingStore, WriteResult } from '../ports/reading-store.ts';
import { TicDecoder, type TicStats } from '../tic/decoder.ts';
import { frameValues, type TicFrame } from '../tic/frame.ts';
import { TicReadings } from '../tic/to-readings.ts';
import type { Logger } from '../ports/logger.ts';
import { describeRefusal } from './recording-guard.ts';

export interface LivePowerEvent {
  readonly prm: string;
  /** UTC ms (meter clock when valid). */
  readonly ts: number;
  /** Apparent power drawn, VA (SINSTS or PAPP). */
  readonly va: number;
  /** Apparent power injected, VA (SINSTI), producers only. */
  readonly injectedVa?: number;
}

export interface LiveIngestOptions {
  readonly store: ReadingStore;
  readonly source: ByteSource;
  readonly prm?: Prm | undefined;
  readonly flushEveryMs?: number;
  readonly flushMaxPoints?: number;
  readonly parity8?: boolean;
  readonly now?: () => number;
  readonly onLivePower?: (e: LivePowerEvent) => void;
  readonly onFrame?: (frame: TicFrame, receivedAt: number) => void;
  readonly log?: Logger;
}

export interface LiveIngestStats {
  readonly decoder: TicStats;
  buffered: number;
  written: number;
  /** Readings the household's recording controls kept out of the store (stop fine recording, recorded step). */
  refused: number;
  flushes: number;
  writeErrors: number;
  lastFrameAt: number | null;
}

function seriesKeyOf(r: Reading): string {
  return `${r.prm}|${r.quantity}|${r.direction}|${r.register}|${r.step}|${r.source}`;
}

/** Group readings into one batch per series; a repeated timestamp keeps the last value (the store is idempotent per
 * ts).
 */
export function toBatches(readings: readonly Reading[]): ReadingBatch[] {
  const groups = new Map<string, { key: SeriesKey; points: Map<number, Reading> }>();
  for (const r of readings) {
    const k = seriesKeyOf(r);
    let g = groups.get(k);
    if (!g)
      groups.set(
        k,
        (g = {
          key: {
            prm: r.prm,
            quantity: r.quantity,
            direction: r.direction,
            register: r.register,
            step: r.step,
            source: r.source,
          },
          points: new Map(),
        }),
      );
    g.points.set(r.ts, r);
  }
  return [...groups.values()].map(({ key, points }) => {
    const rs = [...points.values()].sort((a, b) => a.ts - b.ts);
    return { key, ts: rs.map((r) => r.ts), values: rs.map((r) => r.value), quality: rs.map((r) => r.quality) };
  });
}

export class LiveIngest {
  readonly stats: LiveIngestStats;
  private readonly opts: LiveIngestOptions;
  private readonly decoder: TicDecoder;
  private readonly readings: TicReadings;
  private readonly now: () => number;
  private buffer: Reading[] = [];
  private flushing: Promise<WriteResult> | null = null;
  private timer: ReturnType<typeof setInterval> | null = null;
  private pump: Promise<void> | null = null;
  private stopped = false;

  constructor(opts: LiveIngestOptions) {
    this.opts = opts;
    this.now = opts.now ?? Date.now;
    this.readings = new TicReadings({ prm: opts.prm });
    this.decoder = new TicDecoder({ parity8: opts.parity8 ?? false, onFrame: (f) => this.onFrame(f) });
    this.stats = {
      decoder: this.decoder.stats,
      buffered: 0,
      written: 0,
      refused: 0,
      flushes: 0,
      writeErrors: 0,
      lastFrameAt: null,
    };
  }

  /** Start reading the source; resolves when the source ends (or `stop()` is called). */
  start(): Promise<void> {
    if (this.pump) return this.pump;
    this.timer = setInterval(() => void this.flush().catch(() => undefined), this.opts.flushEveryMs ?? 5000);
    this.timer.unref?.();
    this.pump = (async () => {
      try {
        for await (const chunk of this.opts.source.chunks()) {
          this.decoder.push(chunk);
          if (this.stopped) break;
        }
      } catch (e) {
        if (!this.stopped)
          this.opts.log?.error(`tic source ${this.opts.source.description} failed: ${(e as Error).message}`);
      } finally {
        this.decoder.end();
      }
    })();
    return this.pump;
  }

  /**
   * Stop reading, then write everything decoded so far, including the energy of the intervals in progress (flagged
   * PARTIAL; a restart within the same interval books the rest of it as another PARTIAL value for that interval).
   */
  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.opts.source.close().catch(() => undefined);
    if (this.pump) await this.pump;
    for (const r of this.readings.drain()) this.buffer.push(r);
    await this.flush();
  }

  /** Write the buffered readings now (one write at a time; concurrent calls wait for the running one, then write). */
  async flush(): Promise<WriteResult> {
    while (this.flushing) await this.flushing.catch(() => undefined);
    if (this.buffer.length === 0) return { added: 0, replaced: 0 };
    const points = this.buffer;
    this.buffer = [];
    this.stats.buffered = 0;
    this.flushing = this.opts.store.write(toBatches(points));
    try {
      const r = await this.flushing;
      this.stats.flushes++;
      const refused = (r.refused ?? []).reduce((n, x) => n + x.points - (x.keptAs?.points ?? 0), 0);
      this.stats.written += points.length - refused;
      this.stats.refused += refused;
      this.reportRefusals(r);
      return r;
    } catch (e) {
      // keep the points (in order) for the next flush: nothing acknowledged by the decoder is dropped
      this.buffer = points.concat(this.buffer);
      this.stats.buffered = this.buffer.length;
      this.stats.writeErrors++;
      this.opts.log?.warn(
        `live ingest: write of ${points.length} readings failed, kept for the next flush: ${(e as Error).message}`,
      );
      throw e;
    } finally {
      this.flushing = null;
    }
  }

  /** Series the recording controls refused: each told once per run (not at every flush); `stats.refused` counts all. */
  private readonly refusing = new Set<string>();

  private reportRefusals(r: WriteResult): void {
    for (const x of r.refused ?? []) {
      const k = `${x.prm} ${x.series}`;
      if (this.refusing.has(k)) continue;
      this.refusing.add(k);
      this.opts.log?.warn(
        `live ingest: ${describeRefusal(x)}; further readings of this series are not stored either (told once)`,
      );
    }
  }

  private onFrame(frame: TicFrame): void {
    const receivedAt = this.now();
    this.stats.lastFrameAt = receivedAt;
    const rs = this.readings.push(frame, receivedAt);
    if (rs.length) {
      for (const r of rs) this.buffer.push(r);
      this.stats.buffered = this.buffer.length;
      if (this.buffer.length >= (this.opts.flushMaxPoints ?? 10_000)) void this.flush().catch(() => undefined);
    }
    try {
      this.opts.onFrame?.(frame, receivedAt);
      if (this.opts.onLivePower) {
        const drawn = rs.find((r) => r.quantity === 'apparent_power' && r.direction === 'consumption');
        const injected = rs.find((r) => r.quantity === 'apparent_power' && r.direction === 'production');
        if (drawn)
          this.opts.onLivePower(
            injected
              ? { prm: drawn.prm, ts: drawn.ts, va: drawn.value, injectedVa: injected.value }
              : { prm: drawn.prm, ts: drawn.ts, va: drawn.value },
          );
        else if (!rs.length && (frameValues(frame).PAPP !== undefined || frameValues(frame).SINSTS !== undefined))
          this.opts.log?.debug('live power without a usage point: set tic.prm');
      }
    } catch (e) {
      this.opts.log?.warn(`live listener failed: ${(e as Error).message}`);
    }
  }
}
