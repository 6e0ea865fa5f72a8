/**
 * @module tic/to-readings
 * Decoded frames → readings for the store (pure; the caller gives the receive time):
 * - per-register cumulative index (quantity `index`, Wh, register = label, step `raw`), when it changes and at most
 *   once per `indexMinIntervalMs` per register (plus a keep-alive point every 15 minutes);
 * - instantaneous apparent power (`apparent_power`, VA, step `raw`): SINSTS/PAPP drawn, SINSTI injected;
 * - energy per interval at PT1M, PT10M and PT30M (`energy`, Wh, source `tic`, ts = interval start UTC), computed
 *   from index differences, so the energy booked is exact: the sum over intervals equals the index difference.
 *   An increment is booked in the interval where it was observed (frames come every 1–2 s). Intervals not observed
 *   from their start, or with a gap in the frames longer than `maxGapMs`, carry the PARTIAL quality flag.
 * Time: the meter clock (DATE) when the frame has a valid, non-degraded one, else the receive time.
 */
import type { Prm } from '../core/prm.ts';
import { isPrm } from '../core/prm.ts';
import { QUALITY, type Direction, type Reading } from '../core/series.ts';
import { stepMs, type FixedStep } from '../core/step.ts';
import type { TicFrame } from './frame.ts';

export const ENERGY_STEPS: readonly FixedStep[] = ['PT1M', 'PT10M', 'PT30M'];

export interface ToReadingsOptions {
  /** The usage point; when omitted, the PRM group of standard frames is used (historic frames carry none). */
  readonly prm?: Prm | undefined;
  readonly steps?: readonly FixedStep[];
  readonly indexMinIntervalMs?: number;
  readonly maxGapMs?: number;
}

interface IntervalAcc {
  readonly step: FixedStep;
  readonly ms: number;
  start: number;
  energy: number;
  quality: number;
}

interface DirectionState {
  lastTs: number;
  lastTotal: number;
  readonly acc: IntervalAcc[];
}

const KEEPALIVE_MS = 15 * 60_000;

/** Accumulates frames and returns the readings each frame completes. */
export class TicReadings {
  private readonly steps: readonly FixedStep[];
  private readonly indexMinIntervalMs: number;
  private readonly maxGapMs: number;
  private readonly lastIndex = new Map<string, { ts: number; value: number }>();
  private readonly energy = new Map<Direction, DirectionState>();
  private prm: Prm | undefined;

  constructor(opts: ToReadingsOptions = {}) {
    this.prm = opts.prm;
    this.steps = opts.steps ?? ENERGY_STEPS;
    this.indexMinIntervalMs = opts.indexMinIntervalMs ?? 60_000;
    this.maxGapMs = opts.maxGapMs ?? 30_000;
  }

  /** Readings produced by one frame received at `receivedAt` (UTC ms). */
  push(frame: TicFrame, receivedAt: number): Reading[] {
    const out: Reading[] = [];
    let ts = Math.floor(receivedAt / 1000) * 1000; // the store keeps whole seconds
    let clockDegraded = false;
    let totalIn = 0;
    let totalOut = 0;
    let haveIn = false;
    let haveOut = false;
    let east = -1;
    for (const g of frame.groups) {
      if (g.label === 'DATE' && g.horodate) {
        if (g.horodate.degraded) clockDegraded = true;
        else ts = g.horodate.ms;
      }
      if (g.label === 'PRM' && !this.prm && isPrm(g.value) && g.value !== '00000000000000') this.prm = g.value;
    }
    const prm = this.prm;
    if (!prm) return out;
    const quality = clockDegraded ? QUALITY.CLOCK_DEGRADED : QUALITY.OK;
    for (const g of frame.groups) {
      const spec = g.spec;
      if (spec.quantity === 'index' && typeof g.value === 'number') {
        const last = this.lastIndex.get(g.label);
        if (
          !last ||
          (g.value !== last.value && ts - last.ts >= this.indexMinIntervalMs) ||
          ts - last.ts >= KEEPALIVE_MS
        ) {
          this.lastIndex.set(g.label, { ts, value: g.value });
          out.push({
            prm,
            quantity: 'index',
            direction: spec.direction ?? 'consumption',
            register: g.label,
            step: 'raw',
            source: 'tic',
            ts,
            value: g.value,
            quality,
          });
        }
        if (spec.direction === 'production') {
          totalOut += g.value;
          haveOut = true;
        } else if (g.label === 'EAST') east = g.value;
        else if (spec.mode === 'historic') {
          // historic frames have no total: the tariff registers sum to it (54E §6.1)
          totalIn += g.value;
          haveIn = true;
        }
      } else if (spec.quantity === 'apparent_power' && spec.phase === undefined && typeof g.value === 'number') {
        out.push({
          prm,
          quantity: 'apparent_power',
          direction: spec.direction ?? 'consumption',
          register: '',
          step: 'raw',
          source: 'tic',
          ts,
          value: g.value,
          quality,
        });
      }
    }
    if (east >= 0) {
      totalIn = east;
      haveIn = true;
    }
    if (haveIn) this.addTotal(out, prm, 'consumption', ts, totalIn, quality);
    if (haveOut) this.addTotal(out, prm, 'production', ts, totalOut, quality);
    return out;
  }

  /** Emit the intervals in progress (PARTIAL), e.g. when the ingest stops. */
  drain(): Reading[] {
    const out: Reading[] = [];
    const prm = this.prm;
    if (!prm) return out;
    for (const [direction, st] of this.energy)
      for (const a of st.acc)
        out.push({
          prm,
          quantity: 'energy',
          direction,
          register: '',
          step: a.step,
          source: 'tic',
          ts: a.start,
          value: a.energy,
          quality: a.quality | QUALITY.PARTIAL,
        });
    return out;
  }

  private addTotal(out: Reading[], prm: Prm, direction: Direction, ts: number, total: number, quality: number): void {
    const st = this.energy.get(direction);
    if (!st || total < st.lastTotal || ts < st.lastTs) {
      // first frame, meter replaced or clock set back: start over, the current intervals are incomplete
      this.energy.set(direction, {
        lastTs: ts,
        lastTotal: total,
        acc: this.steps.map((step) => {
          const ms = stepMs(step);
          const start = Math.floor(ts / ms) * ms;
          return { step, ms, start, energy: 0, quality: quality | (ts === start ? 0 : QUALITY.PARTIAL) };
        }),
      });
      return;
    }
    const gap = ts - st.lastTs;
    const delta = total - st.lastTotal;
    for (const a of st.acc) {
      const start = Math.floor(ts / a.ms) * a.ms;
      if (start !== a.start) {
        out.push({
          prm,
          quantity: 'energy',
          direction,
          register: '',
          step: a.step,
          source: 'tic',
          ts: a.start,
          value: a.energy,
          quality: a.quality,
        });
        a.start = start;
        a.energy = 0;
        a.quality = quality | (ts - gap < start - this.maxGapMs ? QUALITY.PARTIAL : 0);
      }
      a.energy += delta;
      if (gap > this.maxGapMs) a.quality |= QUALITY.PARTIAL;
      a.quality |= quality;
    }
    st.lastTs = ts;
    st.lastTotal = total;
  }
}
