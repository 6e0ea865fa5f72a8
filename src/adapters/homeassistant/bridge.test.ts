// Against a real broker: Debian's mosquitto started by the test on a free port (aedes in process when absent).
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, test } from 'node:test';
import mqtt from 'mqtt';
import { decodeTic } from '../../tic/decoder.ts';
import { HomeAssistantBridge } from './bridge.ts';
import { HA_CLASSES } from './discovery.ts';
import { startBroker, type TestBroker } from '../../../test/mqtt-broker.ts';
import { DEADLINE_MS } from '../../../test/wait.ts';

let broker: TestBroker;
let url: string;

before(async () => {
  broker = await startBroker();
  url = broker.url;
});
after(() => broker.stop());

/** Subscribe, run `fn`, and collect messages until `until` is true. */
async function collect(
  topic: string,
  fn: () => Promise<void>,
  until: (m: Map<string, string>) => boolean,
  liveOnly = false,
): Promise<Map<string, string>> {
  const sub = await mqtt.connectAsync(url, { reconnectPeriod: 0 });
  const got = new Map<string, string>();
  const done = new Promise<void>((resolve) =>
    sub.on('message', (t, p, packet) => {
      if (liveOnly && packet.retain) return; // a retained copy delivered on subscribe, not a new publication
      got.set(t, p.toString());
      if (until(got)) resolve();
    }),
  );
  await sub.subscribeAsync(topic);
  await fn();
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>(
    (_, reject) =>
      (timer = setTimeout(
        () => reject(new Error(`no message on ${topic} within ${DEADLINE_MS / 1000} s`)),
        DEADLINE_MS,
      )),
  );
  try {
    await Promise.race([done, timeout]);
  } finally {
    clearTimeout(timer);
    await sub.endAsync();
  }
  return got;
}

test('HA discovery: retained device config with origin, energy sensors in Wh total_increasing, VA power, availability', async () => {
  const { frames } = decodeTic(
    new Uint8Array(
      readFileSync(
        new URL(
          '../../../test/fixtures/tic/lains_ticdecodecpp--continuous_linky_1P_standard_TIC_sample.bin',
          import.meta.url,
        ),
      ),
    ),
  );
  const bridge = await HomeAssistantBridge.connect({ url, locale: 'en' });
  for (const f of frames) await bridge.publishFrame(f);
  const t = bridge.topics();
  // a late subscriber still gets the retained discovery and availability
  const got = await collect(
    '#',
    async () => undefined,
    (m) => m.has(t.config) && m.has(t.availability) && m.has(t.bridge),
  );
  const cfg = JSON.parse(got.get(t.config)!);
  assert.equal(cfg.o.name, 'courant');
  assert.ok(cfg.dev.identifiers[0].startsWith('courant_'));
  assert.equal(got.get(t.availability), 'online');
  assert.equal(cfg.availability_mode, 'all');
  assert.deepEqual(cfg.availability.map((a: { topic: string }) => a.topic).sort(), [t.availability, t.bridge].sort());
  const east = cfg.cmps.east;
  assert.deepEqual(
    [east.p, east.device_class, east.state_class, east.unit_of_measurement],
    ['sensor', 'energy', 'total_increasing', 'Wh'],
  );
  const sinsts = cfg.cmps.sinsts;
  assert.deepEqual(
    [sinsts.device_class, sinsts.state_class, sinsts.unit_of_measurement],
    ['apparent_power', 'measurement', 'VA'],
  );
  assert.equal(cfg.state_topic, t.state);
  // identifiers never published
  assert.equal(cfg.cmps.adsc, undefined);
  assert.equal(cfg.cmps.prm, undefined);
  assert.doesNotMatch(JSON.stringify([...got.entries()]), /064468000042|00000000000042/);
  // only valid keys: no invented abbreviation such as state_cla
  const allowed = new Set([
    'p',
    'name',
    'unique_id',
    'object_id',
    'value_template',
    'icon',
    'device_class',
    'state_class',
    'unit_of_measurement',
    'entity_category',
  ]);
  for (const c of Object.values(cfg.cmps) as Record<string, unknown>[])
    for (const k of Object.keys(c)) assert.ok(allowed.has(k), k);
  for (const cls of Object.values(HA_CLASSES))
    if (cls.device_class === 'energy') assert.equal(cls.state_class, 'total_increasing');
  await bridge.close();
});

test('HA state: one JSON message per frame with values in base units; HA birth re-sends discovery; offline on close', async () => {
  const { frames } = decodeTic(
    new Uint8Array(
      readFileSync(new URL('../../../test/fixtures/tic/esciara_pyteleinfo--captured_frames.bin', import.meta.url)),
    ),
  );
  const bridge = await HomeAssistantBridge.connect({ url, baseTopic: 'courant-test', locale: 'fr' });
  await bridge.publishFrame(frames[0]!);
  const t = bridge.topics();
  const got = await collect(
    t.state,
    async () => void (await bridge.publishFrame(frames[1]!)),
    (m) => m.has(t.state),
  );
  const state = JSON.parse(got.get(t.state)!);
  assert.equal(typeof state.bbrhcjb, 'number');
  assert.equal(state.ptec, 'HCJB');
  assert.equal(state.papp, 2840);
  assert.equal(state.adco, undefined);
  // Home Assistant restarts: it publishes its birth message and expects discovery again
  const again = await collect(
    t.config,
    async () => {
      const ha = await mqtt.connectAsync(url, { reconnectPeriod: 0 });
      await ha.publishAsync('homeassistant/status', 'online');
      await ha.endAsync();
    },
    (m) => m.has(t.config),
    true,
  );
  assert.ok(JSON.parse(again.get(t.config)!).cmps.papp);
  await bridge.close();
  const off = await collect(
    t.availability,
    async () => undefined,
    (m) => m.has(t.availability),
  );
  assert.equal(off.get(t.availability), 'offline');
});
