// Data Connect under a protected daily consent, end to end (Fastify inject on a real hub with its noise key file):
// the v5, 2026 and conso-api daily routes answer the same noisy values for the same days (one noise per consent and
// day, whatever the path or the range), never the exact ones; every other measure of those paths is refused with
// ADAM-DC-0008; the same routes give a client with an exact daily consent the exact values.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { loadConfig } from '../../config/load.ts';
import { createLogger } from '../../backend/logging.ts';
import { measureSpec, paramNames, type DcFace, type MeasureKind } from '../../enedis/serve/params.ts';
import { noiseBound } from '../../privacy/daily-noise.ts';
import { PROTECTION_LEVELS } from '../../consent/protection.ts';
import { buildHub } from '../main.ts';
import { createApp } from '../app.ts';
import type { Hub } from '../../use-cases/hub.ts';
import {
  DAY,
  OPERATOR,
  PRM_A,
  T0,
  fixtureBatches,
  giveVia,
  removeDir,
  testClient,
} from '../../use-cases/consent/test-support.ts';

const ALICE = { kind: 'household', id: 'alice' } as const;
const SIGMA = PROTECTION_LEVELS.standard.sigmaWh;

let dir: string;
let now = T0 - DAY;
let hub: Hub & { close(): Promise<void> };
let app: FastifyInstance;
let coach: string;
let exact: string;

async function clientToken(clientId: string, extra: Record<string, unknown> = {}): Promise<string> {
  const { secret } = await hub.consent.clients.register(OPERATOR, {
    ...testClient({ clientId, name: clientId, purposes: ['personalised-advice'], finestStep: 'P1D' }),
    ...extra,
  });
  const t = await hub.consent.oauth.token({
    basic: { id: clientId, secret },
    body: { grant_type: 'client_credentials' },
    query: {},
  });
  return t.access_token;
}

before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'courant-dc-protected-'));
  const { config } = loadConfig({ env: {}, cwd: dir, overrides: { dataDir: dir } });
  hub = await buildHub(config, createLogger({ level: 'silent' }), () => now);
  await hub.consent.consents.startOccupancy(OPERATOR, { prm: PRM_A, subject: ALICE.id });
  await hub.store.write(fixtureBatches(PRM_A));
  now = T0 + 10 * DAY;
  coach = await clientToken('coach-brouille', { acceptsProtectedDaily: true });
  exact = await clientToken('coach-exact');
  const { notice } = await hub.consent.consents.notice({
    recipient: 'coach-brouille',
    purpose: 'personalised-advice',
    step: 'P1D',
    categories: ['consumption'],
    lang: 'fr',
    protection: 'standard',
  });
  await hub.consent.consents.give(ALICE, {
    prm: PRM_A,
    recipient: 'coach-brouille',
    purposes: ['personalised-advice'],
    categories: ['consumption'],
    step: 'P1D',
    notice,
    protection: 'standard',
  });
  await giveVia(hub.consent, ALICE, {
    prm: PRM_A,
    recipient: 'coach-exact',
    purpose: 'personalised-advice',
    step: 'P1D',
    categories: ['consumption', 'production', 'max-power'],
  });
  app = await createApp(hub, { webDist: '/nonexistent' });
});

after(async () => {
  await app.close();
  await hub.close();
  removeDir(dir);
});

function url(kind: MeasureKind, face: DcFace, start: string, end: string): string {
  const p = paramNames(kind, face);
  const q = new URLSearchParams({ [p.prm]: PRM_A, [p.start]: start, [p.end]: end, ...p.extra });
  const path =
    face === 'conso'
      ? `/api/${kind === 'daily_consumption_max_power' ? 'consumption_max_power' : kind}`
      : measureSpec(kind).endpoints[face].path;
  return `${path}?${q}`;
}

async function get(u: string, token: string) {
  now += 1000; // the per-second quota never bites
  const r = await app.inject({
    method: 'GET',
    url: u,
    headers: { accept: 'application/json', authorization: `Bearer ${token}` },
  });
  return { status: r.statusCode, body: r.json() as Record<string, unknown>, raw: r.body };
}

/** [date, value] pairs of a daily answer, whatever the face. */
function days(face: DcFace, body: Record<string, unknown>): [string, number][] {
  if (face === '2026') {
    const pts = (body.grandeur as { points: { d: string; v: string }[] }[])[0]!.points;
    return pts.map((p) => [p.d.slice(0, 10), Number(p.v)]);
  }
  const mr = (face === 'v5' ? body.meter_reading : body) as { interval_reading: { date: string; value: string }[] };
  return mr.interval_reading.map((x) => [x.date.slice(0, 10), Number(x.value)]);
}

test('the three daily routes: the same noisy values for the same days, never the exact ones; exact for an exact consent', async () => {
  const faces: DcFace[] = ['v5', '2026', 'conso'];
  const truth = new Map<string, number>();
  for (const face of faces) {
    const r = await get(url('daily_consumption', face, '2007-01-01', '2007-01-04'), exact);
    assert.equal(r.status, 200, `${face}: ${r.raw}`);
    for (const [d, v] of days(face, r.body)) {
      if (truth.has(d)) assert.equal(v, truth.get(d), `${face} ${d}: the exact faces agree`);
      truth.set(d, v);
    }
  }
  assert.ok(truth.size >= 2);
  let first: [string, number][] | undefined;
  for (const face of faces) {
    const r = await get(url('daily_consumption', face, '2007-01-01', '2007-01-04'), coach);
    assert.equal(r.status, 200, `${face}: ${r.raw}`);
    const got = days(face, r.body);
    assert.deepEqual(
      got.map(([d]) => d),
      [...truth.keys()],
      face,
    );
    if (first) assert.deepEqual(got, first, `${face}: the same day answers the same value on every path`);
    first ??= got;
    const again = await get(url('daily_consumption', face, '2007-01-02', '2007-01-03'), coach);
    assert.deepEqual(
      days(face, again.body),
      got.filter(([d]) => d === '2007-01-02'),
      `${face}: a shorter range`,
    );
  }
  const bound = noiseBound(SIGMA, 1e-6 / first!.length);
  for (const [d, v] of first!) assert.ok(Math.abs(v - truth.get(d)!) <= bound + 1, `${d}: ${v} vs ${truth.get(d)}`);
  assert.ok(
    first!.some(([d, v]) => Math.abs(v - truth.get(d)!) > 1),
    'noised, not the exact values',
  );
  // every other measure, on every path: the refusal of no consent
  for (const kind of ['consumption_load_curve', 'daily_consumption_max_power', 'daily_production'] as MeasureKind[])
    for (const face of faces) {
      const r = await get(url(kind, face, '2007-01-01', '2007-01-02'), coach);
      assert.equal(r.status, 403, `${kind} ${face}: ${r.raw}`);
      assert.match(r.raw, /ADAM-DC-0008/);
    }
  assert.ok(existsSync(join(dir, 'keys', 'protected-noise.key')), 'the noise key lives in the data directory');
});
