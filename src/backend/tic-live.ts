/**
 * @module backend/tic-live
 * Wires the live sources into a running hub from its config: TIC byte source → LiveIngest (store, live power events)
 * → Home Assistant bridge (MQTT), and LED pulses from MQTT. Everything is stopped and flushed through `hub.onClose`.
 */
import { parsePrm, type Prm } from '../core/prm.ts';
import type { Config } from '../config/schema.ts';
import { HomeAssistantBridge } from '../adapters/homeassistant/bridge.ts';
import { openTicSource } from '../adapters/sources/open.ts';
import type { ReadingStore } from '../ports/reading-store.ts';
import type { Logger } from '../ports/logger.ts';
import { LiveIngest, type LivePowerEvent } from '../use-cases/live-ingest.ts';
import { subscribePulses, type PulseSubscription } from '../adapters/mqtt/pulse.ts';

export interface LiveSources {
  readonly ingest: LiveIngest | null;
  readonly bridge: HomeAssistantBridge | null;
  readonly pulses: PulseSubscription | null;
  /** Stop reading, flush every buffer to the store, mark Home Assistant entities offline. */
  stop(): Promise<void>;
}

export interface LiveDeps {
  readonly config: Pick<Config, 'tic' | 'mqtt' | 'locale'>;
  readonly store: ReadingStore;
  readonly log?: Logger;
  readonly onLivePower?: (e: LivePowerEvent) => void;
  readonly stdin?: NodeJS.ReadableStream;
}

export async function startLiveSources(d: LiveDeps): Promise<LiveSources> {
  const { tic, mqtt } = d.config;
  const prm: Prm | undefined = tic.prm ? parsePrm(tic.prm, 'tic.prm') : undefined;
  let bridge: HomeAssistantBridge | null = null;
  let ingest: LiveIngest | null = null;
  let pulses: PulseSubscription | null = null;
  try {
    if (mqtt.enabled && tic.enabled) {
      bridge = await HomeAssistantBridge.connect({
        url: mqtt.url,
        username: mqtt.username,
        password: mqtt.password,
        discoveryPrefix: mqtt.discoveryPrefix,
        baseTopic: mqtt.baseTopic,
        locale: d.config.locale,
        minIntervalMs: mqtt.minIntervalMs,
      });
    }
    if (tic.enabled) {
      const source = await openTicSource(
        {
          source: tic.source,
          port: tic.port,
          baud: tic.baud === 'auto' ? 'auto' : tic.baud === '1200' ? 1200 : 9600,
          host: tic.host,
          tcpPort: tic.tcpPort,
          file: tic.file,
          pace: tic.pace,
        },
        d.stdin,
      );
      d.log?.info(`tic: reading ${source.description}`);
      const b = bridge;
      ingest = new LiveIngest({
        store: d.store,
        source,
        prm,
        parity8: tic.parity8,
        flushEveryMs: tic.flushEveryMs,
        flushMaxPoints: tic.flushMaxPoints,
        ...(d.log ? { log: d.log } : {}),
        ...(d.onLivePower ? { onLivePower: d.onLivePower } : {}),
        ...(b
          ? {
              onFrame: (f, at) =>
                void b.publishFrame(f, at).catch((e: Error) => d.log?.warn(`mqtt publish failed: ${e.message}`)),
            }
          : {}),
      });
      void ingest.start();
    }
    if (mqtt.enabled && mqtt.pulseTopic) {
      if (!prm) d.log?.warn('mqtt.pulseTopic is set but tic.prm is not: pulses need the usage point; ignored');
      else
        pulses = await subscribePulses({
          url: mqtt.url,
          topic: mqtt.pulseTopic,
          prm,
          whPerPulse: mqtt.whPerPulse,
          store: d.store,
          log: d.log,
          ...(d.onLivePower
            ? { onPower: (w: number, ts: number) => d.onLivePower!({ prm, ts, va: Math.round(w) }) }
            : {}),
        });
    }
  } catch (e) {
    await bridge?.close().catch(() => undefined);
    throw e;
  }
  return {
    ingest,
    bridge,
    pulses,
    async stop() {
      await ingest?.stop();
      await pulses?.stop();
      await bridge?.close().catch(() => undefined);
    },
  };
}
