/**
 * @module privacy/daily-noise
 * The noise of protected daily sharing: one household's daily consumption delivered to one recipient with exact
 * discrete Gaussian noise (./noise.ts) drawn from a keyed deterministic stream (./random.ts), so the same day read
 * again under the same consent answers the same value — a recipient who reads a day a hundred times learns nothing
 * more than from one read (averaging repeated reads gains nothing).
 *
 * Stream key: a secret the hub keeps (never in the ledger). Label: `protected-daily|<consent id>|<day start, UTC ms>`,
 * so two consents (two recipients) get independent noise on the same day, and one consent gets independent noise on
 * every day.
 *
 * Values are integer Wh. Negative results are kept, not clamped to 0: clamping would add a positive bias to every
 * low day (a month of near-zero days would be billed as if consumed), whereas kept negatives average out in a
 * month's sum — the monthly bill estimate stays unbiased.
 */
import { DiscreteGaussian } from './noise.ts';
import { keyedRandomSync } from './random.ts';
import { rational } from './rational.ts';

/** The label of one (consent, day) stream. */
export function dailyNoiseLabel(consentId: string, dayStart: number): string {
  return `protected-daily|${consentId}|${dayStart}`;
}

/** One draw of N_Z(0, σ²) (σ in Wh, an integer ≥ 1) from the stream of `label` under `key`. */
export function dailyNoiseWh(key: Uint8Array, label: string, sigmaWh: number): number {
  if (!Number.isInteger(sigmaWh) || sigmaWh < 1)
    throw new RangeError('protected daily noise: σ must be an integer ≥ 1 Wh');
  const g = new DiscreteGaussian(rational(BigInt(sigmaWh) * BigInt(sigmaWh)), keyedRandomSync(key, label));
  return g.next();
}

/** The protected value of one day: the true energy rounded to the Wh plus its keyed noise. */
export function protectDailyWh(
  key: Uint8Array,
  consentId: string,
  dayStart: number,
  trueWh: number,
  sigmaWh: number,
): number {
  return Math.round(trueWh) + dailyNoiseWh(key, dailyNoiseLabel(consentId, dayStart), sigmaWh);
}

/**
 * A bound the noise of one value exceeds with probability below `p`: the discrete Gaussian N_Z(0, σ²) is
 * σ²-subgaussian (Canonne, Kamath, Steinke 2020), so P(|Y| ≥ k) ≤ 2·exp(−k²/(2σ²)).
 */
export function noiseBound(sigmaWh: number, p: number): number {
  return Math.ceil(sigmaWh * Math.sqrt(2 * Math.log(2 / p)));
}
