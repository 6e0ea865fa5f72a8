import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import type { Prm } from '../core/prm.ts';
import { QUALITY, type Reading } from '../core/series.ts';
import { buildFrame, bytesOf } from './build.ts';
import { decodeTic } from './decoder.ts';
import { frameValues } from './frame.ts';
import { formatHorodate } from './horodate.ts';
import { TicReadings } from './to-readings.ts';

const PRM = '00000000000042' as Prm;
const sum = (rs: Reading[]) => rs.reduce((n, r) => n + r.value, 0);

test('real standard capture: energy booked equals the EAST difference, power and indexes in the store shape', () => {
  const { frames } = decodeTic(
    new Uint8Array(
      readFileSync(
        new URL(
          '../../test/fixtures/tic/lains_ticdecodecpp--continuous_linky_1P_standard_TIC_sample.bin',
          import.meta.url,
        ),
      ),
    ),
  );
  const full = frames.filter((f) => frameValues(f).DATE !== undefined && frameValues(f).EAST !== undefined);
  const acc = new TicReadings({ prm: PRM });
  const out = full.flatMap((f) => acc.push(f, 0)).concat(acc.drain());
  const first = frameValues(full[0]!).EAST as number;
  const last = frameValues(full[full.length - 1]!).EAST as number;
  for (const step of ['PT1M', 'PT10M', 'PT30M'] as const) {
    const e = out.filter((r) => r.quantity === 'energy' && r.step === step);
    assert.ok(e.length >= 1);
    assert.equal(sum(e), last - first, step);
    for (const r of e) assert.equal(r.ts % (step === 'PT1M' ? 60_000 : step === 'PT10M' ? 600_000 : 1_800_000), 0);
  }
  const power = out.filter((r) => r.quantity === 'apparent_power');
  assert.equal(power.length, full.length);
  assert.deepEqual(
    power.map((p) => p.value),
    full.map((f) => frameValues(f).SINSTS),
  );
  assert.equal(power[0]!.ts, Date.parse(frameValues(full[0]!).DATE as string)); // meter clock, not receive time
  const idx = out.filter((r) => r.quantity === 'index' && r.register === 'EAST');
  assert.equal(idx[0]!.value, first);
  assert.ok(out.every((r) => r.prm === PRM && r.source === 'tic'));
});

test('synthetic 70 minutes of historic HC/HP frames: 1/10/30-minute energy from index differences, exact', () => {
  const t0 = Date.UTC(2024, 0, 15, 9, 0, 30);
  const acc = new TicReadings({ prm: PRM });
  const out: Reading[] = [];
  let hc = 1_000_000;
  let hp = 2_000_000;
  const perMinute: number[] = [];
  for (let s = 0; s < 70 * 60; s += 2) {
    const t = t0 + s * 1000;
    const minute = Math.floor((t - Date.UTC(2024, 0, 15, 9)) / 60_000);
    // 1 Wh every 2 s in HP during even minutes, 1 Wh in HC otherwise
    if (s > 0) {
      if (minute % 2 === 0) hp++;
      else hc++;
      perMinute[minute] = (perMinute[minute] ?? 0) + 1;
    }
    const text = buildFrame('historic', [
      ['ADCO', '031428000042'],
      ['OPTARIF', 'HC..'],
      ['HCHC', String(hc).padStart(9, '0')],
      ['HCHP', String(hp).padStart(9, '0')],
      ['PAPP', '01800'],
    ]);
    for (const f of decodeTic(bytesOf(text)).frames) out.push(...acc.push(f, t));
  }
  const m1 = out.filter((r) => r.step === 'PT1M');
  assert.equal(m1[0]!.quality & QUALITY.PARTIAL, QUALITY.PARTIAL); // started at :30
  for (const r of m1.slice(1)) {
    const minute = (r.ts - Date.UTC(2024, 0, 15, 9)) / 60_000;
    assert.equal(r.value, perMinute[minute], `minute ${minute}`);
    assert.equal(r.quality, QUALITY.OK);
  }
  const m30 = out.filter((r) => r.step === 'PT30M');
  assert.deepEqual(
    m30.map((r) => new Date(r.ts).toISOString()),
    ['2024-01-15T09:00:00.000Z', '2024-01-15T09:30:00.000Z'],
  );
  assert.equal(
    m30[1]!.value,
    sum(m1.filter((r) => r.ts >= Date.UTC(2024, 0, 15, 9, 30) && r.ts < Date.UTC(2024, 0, 15, 10))),
  );
  const all = [...out, ...acc.drain()].filter((r) => r.step === 'PT10M');
  assert.equal(sum(all), hc + hp - 3_000_000);
});

test('degraded meter clock: receive time used and readings flagged', () => {
  const text = buildFrame('standard', [
    ['ADSC', '041876000042'],
    ['DATE', '', formatHorodate(Date.UTC(2024, 0, 15, 9), { degraded: true })],
    ['EAST', '000001000'],
    ['SINSTS', '00500'],
    ['PRM', '00000000000042'],
  ]);
  const acc = new TicReadings();
  const out = acc.push(decodeTic(bytesOf(text)).frames[0]!, 1234); // received at 1.234 s: stored at the whole second;
  assert.ok(out.length > 0);
  assert.ok(out.every((r) => r.ts === 1000 && r.quality & QUALITY.CLOCK_DEGRADED && r.prm === '00000000000042'));
});
