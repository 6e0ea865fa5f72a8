/**
 * @module adapters/homeassistant/discovery
 * Home Assistant MQTT discovery payloads, driven by the TIC label table: one device-based discovery message
 * (`<prefix>/device/<id>/config`, retained) with the origin block and one component per label seen in the frames.
 * Energy registers are `device_class: energy` + `state_class: total_increasing` in Wh, so the Energy dashboard
 * accepts them; apparent powers are `apparent_power` (VA), never `power`/W (the TIC gives VA, not W).
 * Full key names are used except the device-discovery keys (`dev`, `o`, `cmps`, `p`), whose abbreviations are the
 * documented ones (reference/enedis-formats.md §4.2; home-assistant/core mqtt/abbreviations.py).
 */
import { VERSION } from '../../core/version.ts';
import type { LabelSpec, TicQuantity } from '../../tic/labels/index.ts';

interface HaClass {
  readonly device_class?: string;
  readonly state_class?: 'measurement' | 'total_increasing';
  readonly unit_of_measurement?: string;
  readonly entity_category?: 'diagnostic';
}

/** TIC quantity → Home Assistant sensor classes (units are the decoder's base units). */
export const HA_CLASSES: Readonly<Record<TicQuantity, HaClass>> = {
  index: { device_class: 'energy', state_class: 'total_increasing', unit_of_measurement: 'Wh' },
  reactive_index: { state_class: 'total_increasing', unit_of_measurement: 'varh' },
  apparent_power: { device_class: 'apparent_power', state_class: 'measurement', unit_of_measurement: 'VA' },
  max_power: { device_class: 'apparent_power', state_class: 'measurement', unit_of_measurement: 'VA' },
  power: { device_class: 'power', state_class: 'measurement', unit_of_measurement: 'W' },
  current: { device_class: 'current', state_class: 'measurement', unit_of_measurement: 'A' },
  voltage: { device_class: 'voltage', state_class: 'measurement', unit_of_measurement: 'V' },
  subscribed_power: { device_class: 'apparent_power', unit_of_measurement: 'VA', entity_category: 'diagnostic' },
  duration: { device_class: 'duration', unit_of_measurement: 'min' },
};

/** Text labels worth a sensor (tariff period and colours); identifiers (ADCO, ADSC, PRM) are never published. */
export const HA_TEXT_LABELS: ReadonlySet<string> = new Set([
  'OPTARIF',
  'PTEC',
  'DEMAIN',
  'NGTF',
  'LTARF',
  'NTARF',
  'MSG1',
]);

/** JSON key of a label in the state payload: lower case, [a-z0-9_] (`SMAXSN-1` → `smaxsn_1`, `NJOURF+1` → `njourf_p1`).
 */
export function stateKey(label: string): string {
  return label
    .toLowerCase()
    .replace(/\+/g, '_p')
    .replace(/[^a-z0-9_]/g, '_');
}

export interface DiscoveryOptions {
  readonly discoveryPrefix: string;
  readonly baseTopic: string;
  /** Stable, non-identifying device id ([a-zA-Z0-9_-]), e.g. a hash of the meter serial. */
  readonly deviceId: string;
  readonly locale: 'fr' | 'en';
}

export function topics(o: Pick<DiscoveryOptions, 'discoveryPrefix' | 'baseTopic' | 'deviceId'>) {
  return {
    config: `${o.discoveryPrefix}/device/${o.deviceId}/config`,
    state: `${o.baseTopic}/${o.deviceId}/state`,
    availability: `${o.baseTopic}/${o.deviceId}/status`,
    /** Set to `offline` by the MQTT will when the bridge process dies. */
    bridge: `${o.baseTopic}/bridge/status`,
    haStatus: `${o.discoveryPrefix}/status`,
  };
}

/** Whether a label gets a Home Assistant entity. */
export function publishable(spec: LabelSpec): boolean {
  return spec.quantity !== undefined || HA_TEXT_LABELS.has(spec.label);
}

/** The device discovery payload for the labels seen so far. */
export function discoveryPayload(specs: readonly LabelSpec[], o: DiscoveryOptions): Record<string, unknown> {
  const t = topics(o);
  const cmps: Record<string, Record<string, unknown>> = {};
  for (const spec of specs) {
    if (!publishable(spec)) continue;
    const key = stateKey(spec.label);
    const cls = spec.quantity ? HA_CLASSES[spec.quantity] : {};
    cmps[key] = {
      p: 'sensor',
      name: `${spec.label} · ${o.locale === 'fr' ? spec.fr : spec.en}`,
      unique_id: `${o.deviceId}_${key}`,
      object_id: `linky_${key}`,
      value_template: `{{ value_json.${key} }}`,
      ...cls,
      ...(spec.quantity ? {} : { icon: 'mdi:information-outline' }),
    };
  }
  return {
    dev: {
      identifiers: [o.deviceId],
      name: 'Linky (courant)',
      manufacturer: 'Enedis',
      model: 'Linky TIC',
      sw_version: VERSION,
    },
    o: { name: 'courant', sw_version: VERSION },
    cmps,
    state_topic: t.state,
    // available only while both the bridge (MQTT will) and the meter stream (set by the bridge) are online
    availability: [
      { topic: t.bridge, payload_available: 'online', payload_not_available: 'offline' },
      { topic: t.availability, payload_available: 'online', payload_not_available: 'offline' },
    ],
    availability_mode: 'all',
    qos: 0,
  };
}
