/**
 * @module adapters/mqtt/pulse
 * Pulse input (metrology LED, 1 Wh per flash) as another live source: pulses from a file of timestamps or from an
 * MQTT topic (e.g. an ESPHome / Tasmota photodiode counter) → PulseEnergy (analytics/pulses.ts) → the store.
 * File lines: an ISO-8601 instant or epoch milliseconds, optionally `,count`; blank lines and `#` comments skipped.
 * MQTT payloads: empty or a positive integer (that many pulses now), an instant, or JSON {"ts": instant|ms, "count":
 * n}.
 */
import { readFile } from 'node:fs/promises';
import mqtt, { type MqttClient } from 'mqtt';
import { CourantError } from '../../core/errors.ts';
import type { Reading } from '../../core/series.ts';
import { PulseEnergy, type PulseOptions } from '../../analytics/pulses.ts';
import type { ReadingStore, WriteResult } from '../../ports/reading-store.ts';
import { toBatches } from '../../use-cases/live-ingest.ts';
import type { Logger } from '../../ports/logger.ts';
import { describeRefusal } from '../../use-cases/recording-guard.ts';

export interface Pulse {
  readonly ts: number;
  readonly count: number;
}

function instant(s: string): number {
  if (/^\d{10,16}$/.test(s)) return Number(s);
  const t = Date.parse(s);
  return /^\d{4}-\d\d-\d\dT.*(Z|[+-]\d\d:?\d\d)$/.test(s) && Number.isFinite(t) ? t : NaN;
}

/** Parse a pulse file; errors name the file and line. */
export function parsePulseLines(text: string, where: string): Pulse[] {
  const out: Pulse[] = [];
  const lines = text.split(/\r?\n/);
  let last = -Infinity;
  lines.forEach((raw, i) => {
    const line = raw.trim();
    if (!line || line.startsWith('#')) return;
    const [a, b] = line.split(/[,;\t ]+/);
    const ts = instant(a!);
    const count = b === undefined ? 1 : Number(b);
    const bad = (why: string) =>
      new CourantError('INPUT_INVALID', `${where}, line ${i + 1}: ${why}: ${JSON.stringify(line.slice(0, 60))}`, {
        details: { where, line: i + 1 },
      });
    if (!Number.isFinite(ts)) throw bad('not an instant (ISO-8601 with a zone, or epoch milliseconds)');
    if (!Number.isInteger(count) || count < 1) throw bad('the pulse count must be a positive integer');
    if (ts < last) throw bad('instants must not go backwards');
    last = ts;
    out.push({ ts, count });
  });
  return out;
}

/** Parse one MQTT payload received at `now`; null when it is not a pulse message. */
export function parsePulsePayload(payload: string, now: number): Pulse | null {
  const p = payload.trim();
  if (p === '') return { ts: now, count: 1 };
  if (/^\d{1,6}$/.test(p)) return Number(p) > 0 ? { ts: now, count: Number(p) } : null;
  if (p.startsWith('{')) {
    try {
      const j = JSON.parse(p) as { ts?: unknown; count?: unknown };
      const ts = typeof j.ts === 'number' ? j.ts : typeof j.ts === 'string' ? instant(j.ts) : now;
      const count = j.count === undefined ? 1 : Number(j.count);
      return Number.isFinite(ts) && Number.isInteger(count) && count > 0 ? { ts, count } : null;
    } catch {
      return null;
    }
  }
  const ts = instant(p);
  return Number.isFinite(ts) ? { ts, count: 1 } : null;
}

/** Import a file of pulse instants into the store. */
export async function ingestPulseFile(
  store: ReadingStore,
  path: string,
  opts: PulseOptions,
): Promise<{ pulses: number; result: WriteResult }> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (e) {
    throw new CourantError('INPUT_INVALID', `${path}: cannot read the pulse file: ${(e as Error).message}`, {
      details: { where: path },
    });
  }
  const pulses = parsePulseLines(text, path);
  const acc = new PulseEnergy(opts);
  const readings: Reading[] = [];
  for (const p of pulses) readings.push(...acc.pulse(p.ts, p.count));
  readings.push(...acc.drain());
  const result = await store.write(toBatches(readings));
  return { pulses: pulses.reduce((n, p) => n + p.count, 0), result };
}

export interface PulseSubscription {
  /** Unsubscribe, then write the buffered and in-progress intervals. */
  stop(): Promise<void>;
  flush(): Promise<void>;
  /** `refused`: readings the household's recording controls kept out of the store (each series told once to `log`). */
  readonly stats: { pulses: number; written: number; refused: number };
}

/** Count pulses published on an MQTT topic and store their energy (flushed every `flushEveryMs` and on stop). */
export async function subscribePulses(
  o: PulseOptions & {
    url: string;
    topic: string;
    store: ReadingStore;
    flushEveryMs?: number;
    now?: () => number;
    onPower?: (w: number, ts: number) => void;
    log?: Logger | undefined;
  },
): Promise<PulseSubscription> {
  let client: MqttClient;
  try {
    client = await mqtt.connectAsync(o.url, { reconnectPeriod: 5000, connectTimeout: 10_000 });
  } catch (e) {
    throw new CourantError(
      'MQTT_UNREACHABLE',
      `mqtt: cannot connect to ${o.url.replace(/\/\/[^@/]*@/, '//***@')}: ${(e as Error).message}`,
    );
  }
  const now = o.now ?? Date.now;
  const acc = new PulseEnergy(o);
  let buffer: Reading[] = [];
  const stats = { pulses: 0, written: 0, refused: 0 };
  const told = new Set<string>();
  client.on('message', (_t, payload) => {
    const p = parsePulsePayload(payload.toString(), now());
    if (!p) return;
    stats.pulses += p.count;
    buffer.push(...acc.pulse(p.ts, p.count));
    if (acc.lastPowerW !== null) o.onPower?.(acc.lastPowerW, p.ts);
  });
  await client.subscribeAsync(o.topic, { qos: 1 });
  const flush = async () => {
    if (!buffer.length) return;
    const points = buffer;
    buffer = [];
    try {
      const r = await o.store.write(toBatches(points));
      const refused = (r.refused ?? []).reduce((n, x) => n + x.points, 0);
      stats.written += points.length - refused;
      stats.refused += refused;
      for (const x of r.refused ?? []) {
        if (told.has(`${x.prm} ${x.series}`)) continue;
        told.add(`${x.prm} ${x.series}`);
        o.log?.warn(`pulses: ${describeRefusal(x)}; further readings of this series are not stored either (told once)`);
      }
    } catch (e) {
      buffer = points.concat(buffer);
      throw e;
    }
  };
  const timer = setInterval(() => void flush().catch(() => undefined), o.flushEveryMs ?? 5000);
  timer.unref();
  return {
    stats,
    flush,
    async stop() {
      clearInterval(timer);
      await client.endAsync();
      buffer.push(...acc.drain());
      await flush();
    },
  };
}
