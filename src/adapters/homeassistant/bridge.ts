/**
 * @module adapters/homeassistant/bridge
 * Publishes decoded TIC frames to an MQTT broker for Home Assistant: retained device discovery (re-sent when HA
 * announces itself on `<prefix>/status`), a retained availability topic (`online`, and `offline` as the MQTT will),
 * and a JSON state message per frame. Meter identifiers never leave the box: the device id is a hash of the serial.
 */
import { createHash } from 'node:crypto';
import mqtt, { type MqttClient } from 'mqtt';
import { CourantError } from '../../core/errors.ts';
import type { LabelSpec } from '../../tic/labels/index.ts';
import type { TicFrame } from '../../tic/frame.ts';
import { discoveryPayload, publishable, stateKey, topics } from './discovery.ts';

export interface BridgeOptions {
  /** e.g. mqtt://127.0.0.1:1883 */
  readonly url: string;
  readonly username?: string | undefined;
  readonly password?: string | undefined;
  readonly discoveryPrefix?: string;
  readonly baseTopic?: string;
  readonly locale?: 'fr' | 'en';
  /** Publish state at most this often (ms); 0 = every frame. */
  readonly minIntervalMs?: number;
  readonly connectTimeoutMs?: number;
}

/** Non-identifying device id from the meter serial (ADCO/ADSC) or the PRM. */
export function deviceIdFor(serial: string): string {
  return `courant_${createHash('sha256').update(`courant-tic:${serial}`).digest('hex').slice(0, 12)}`;
}

export class HomeAssistantBridge {
  private readonly client: MqttClient;
  private readonly o: Required<Pick<BridgeOptions, 'discoveryPrefix' | 'baseTopic' | 'locale' | 'minIntervalMs'>>;
  private deviceId: string | null = null;
  private readonly seen = new Map<string, LabelSpec>();
  private publishedCount = -1;
  private lastStateAt = -Infinity;
  published = 0;

  private constructor(client: MqttClient, o: HomeAssistantBridge['o']) {
    this.client = client;
    this.o = o;
    client.on('message', (topic, payload) => {
      if (this.deviceId && topic === `${this.o.discoveryPrefix}/status` && payload.toString() === 'online')
        void this.publishDiscovery(true);
    });
  }

  /** Connect (with the `offline` will set on the availability topic of the device, once it is known). */
  static async connect(opts: BridgeOptions): Promise<HomeAssistantBridge> {
    const o = {
      discoveryPrefix: opts.discoveryPrefix ?? 'homeassistant',
      baseTopic: opts.baseTopic ?? 'courant',
      locale: opts.locale ?? 'fr',
      minIntervalMs: opts.minIntervalMs ?? 0,
    };
    // The will needs the topic before the device is known: use a bridge-level status topic that HA reads as
    // availability.
    const client = mqtt.connect(opts.url, {
      ...(opts.username ? { username: opts.username, password: opts.password } : {}),
      reconnectPeriod: 5000,
      connectTimeout: opts.connectTimeoutMs ?? 10_000,
      will: { topic: `${o.baseTopic}/bridge/status`, payload: Buffer.from('offline'), retain: true, qos: 1 },
    });
    await new Promise<void>((resolve, reject) => {
      const fail = (e: Error) => {
        client.end(true);
        reject(
          new CourantError(
            'MQTT_UNREACHABLE',
            `mqtt: cannot connect to ${opts.url.replace(/\/\/[^@/]*@/, '//***@')}: ${e.message}`,
            { details: { url: opts.url.replace(/\/\/[^@/]*@/, '//***@') } },
          ),
        );
      };
      client.once('connect', () => {
        client.off('error', fail);
        resolve();
      });
      client.once('error', fail);
    });
    const bridge = new HomeAssistantBridge(client, o);
    await client.publishAsync(`${o.baseTopic}/bridge/status`, 'online', { retain: true, qos: 1 });
    await client.subscribeAsync(`${o.discoveryPrefix}/status`);
    return bridge;
  }

  /** Publish one frame: discovery when new labels appear, then the state. */
  async publishFrame(frame: TicFrame, receivedAt = Date.now()): Promise<void> {
    if (!this.deviceId) {
      const serial = frame.groups.find((g) => g.label === 'ADCO' || g.label === 'ADSC' || g.label === 'PRM');
      if (!serial) return; // partial frame before the first identifier: wait for a whole one
      this.deviceId = deviceIdFor(serial.raw);
      await this.client.publishAsync(this.topics().availability, 'online', { retain: true, qos: 1 });
    }
    for (const g of frame.groups) if (publishable(g.spec) && !this.seen.has(g.label)) this.seen.set(g.label, g.spec);
    if (this.seen.size !== this.publishedCount) await this.publishDiscovery(false);
    if (receivedAt - this.lastStateAt < this.o.minIntervalMs) return;
    this.lastStateAt = receivedAt;
    const state: Record<string, unknown> = {};
    for (const g of frame.groups) if (publishable(g.spec)) state[stateKey(g.label)] = g.value;
    await this.client.publishAsync(this.topics().state, JSON.stringify(state), { qos: 0 });
    this.published++;
  }

  /** Mark the device offline and disconnect. */
  async close(): Promise<void> {
    try {
      if (this.deviceId)
        await this.client.publishAsync(this.topics().availability, 'offline', { retain: true, qos: 1 });
      await this.client.publishAsync(`${this.o.baseTopic}/bridge/status`, 'offline', { retain: true, qos: 1 });
    } finally {
      await this.client.endAsync();
    }
  }

  topics(): ReturnType<typeof topics> {
    return topics({ ...this.o, deviceId: this.deviceId ?? 'pending' });
  }

  private async publishDiscovery(force: boolean): Promise<void> {
    if (!this.deviceId || (!force && this.seen.size === this.publishedCount)) return;
    this.publishedCount = this.seen.size;
    const payload = discoveryPayload([...this.seen.values()], { ...this.o, deviceId: this.deviceId });
    await this.client.publishAsync(this.topics().config, JSON.stringify(payload), { retain: true, qos: 1 });
  }
}
