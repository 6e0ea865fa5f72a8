/**
 * @module analytics/pulses
 * Energy from metrology-LED pulses (the Linky LED flashes once per Wh: 1000 imp/kWh), for meters whose TIC port is
 * out of reach. Pure accumulator: pulse instants in, completed energy intervals out (quantity `energy`, source
 * `pulse`, ts = interval start UTC), with zero-energy intervals filled between pulses (no pulse = no consumption)
 * up to `maxSilenceMs`, beyond which the sensor is presumed lost and nothing is invented.
 * Limits (docs/tic.md §Pulses): 1 Wh resolution, no direction, no tariff split, no absolute index.
 */
import type { Prm } from '../core/prm.ts';
import { QUALITY, type Reading } from '../core/series.ts';
import { stepMs, type FixedStep } from '../core/step.ts';

export interface PulseOptions {
  readonly prm: Prm;
  /** Wh per pulse (1 for a Linky: 1000 imp/kWh). */
  readonly whPerPulse?: number;
  readonly steps?: readonly FixedStep[];
  /** Longest silence still read as "no consumption" (default 6 h). */
  readonly maxSilenceMs?: number;
}

interface Acc {
  readonly step: FixedStep;
  readonly ms: number;
  start: number;
  pulses: number;
  quality: number;
}

export class PulseEnergy {
  private readonly o: Required<PulseOptions>;
  private acc: Acc[] | null = null;
  private lastTs = -Infinity;
  /** Mean power (W) between the last two pulses: 3600 × Wh per pulse / Δt in s. */
  lastPowerW: number | null = null;

  constructor(o: PulseOptions) {
    this.o = { whPerPulse: 1, steps: ['PT1M', 'PT10M', 'PT30M'], maxSilenceMs: 6 * 3600_000, ...o };
  }

  /** Record `count` pulses at `ts` (UTC ms, non-decreasing); returns the intervals this completes. */
  pulse(ts: number, count = 1): Reading[] {
    const out: Reading[] = [];
    if (!Number.isFinite(ts) || count <= 0 || ts < this.lastTs) return out;
    if (this.lastTs > -Infinity && ts > this.lastTs)
      this.lastPowerW = (3600 * this.o.whPerPulse * count) / ((ts - this.lastTs) / 1000);
    const silence = ts - this.lastTs;
    this.lastTs = ts;
    if (!this.acc || silence > this.o.maxSilenceMs) {
      if (this.acc) out.push(...this.drain());
      // the first interval is only partly observed: pulses before the start are unknown
      this.acc = this.o.steps.map((step) => {
        const ms = stepMs(step);
        return { step, ms, start: Math.floor(ts / ms) * ms, pulses: 0, quality: QUALITY.PARTIAL };
      });
    }
    for (const a of this.acc) {
      const start = Math.floor(ts / a.ms) * a.ms;
      if (start !== a.start) {
        out.push(this.reading(a));
        // intervals without any pulse in between: zero consumption
        for (let s = a.start + a.ms; s < start; s += a.ms)
          out.push(this.reading({ ...a, start: s, pulses: 0, quality: QUALITY.OK }));
        a.start = start;
        a.pulses = 0;
        a.quality = QUALITY.OK;
      }
      a.pulses += count;
    }
    return out;
  }

  /** The intervals in progress, flagged PARTIAL (on stop). */
  drain(): Reading[] {
    const out = (this.acc ?? []).map((a) => this.reading({ ...a, quality: a.quality | QUALITY.PARTIAL }));
    this.acc = null;
    return out;
  }

  private reading(a: Acc): Reading {
    return {
      prm: this.o.prm,
      quantity: 'energy',
      direction: 'consumption',
      register: '',
      step: a.step,
      source: 'pulse',
      ts: a.start,
      value: a.pulses * this.o.whPerPulse,
      quality: a.quality,
    };
  }
}
