// The real `linky` package (2.0.2, unchanged; it hard-codes https://conso.boris.sh) reads a real hub's conso-api face:
// a child process with HTTPS_PROXY and a throwaway CA only (test/tls-proxy.ts) reaches the hub through a loopback
// TLS-terminating proxy, with an access token the hub issued through its OAuth flow, and gets one day of load curve
// and of daily consumption: exactly what the hub holds, as its own series API reads it back.
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { startHub, type RunningHub } from '../../src/server/main.ts';
import { authorizationCodeFlow, fetchSend, registerClient } from '../../src/server/oauth-test-support.ts';
import { makeTestCertificates, runLinky, startTlsProxy, type TestCertificates, type TlsProxy } from '../tls-proxy.ts';

const OWNER = { username: 'foyer-linky', password: 'une phrase facile à retenir' };
const FIXTURES = join(import.meta.dirname, '../fixtures/enedis-api');
const recorded = (type: string) =>
  JSON.parse(readFileSync(join(FIXTURES, `conso-api-${type}.json`), 'utf8')) as {
    usage_point_id: string;
    start: string;
    end: string;
    reading_type: Record<string, string>;
    interval_reading: { value: string; date: string }[];
  };
const PRM = recorded('daily_consumption').usage_point_id;
// Paris civil day and wall time, written independently of the hub's own calendar code.
const parisParts = (t: number) => {
  const f = new Intl.DateTimeFormat('en-GB', {
    timeZone: 'Europe/Paris',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
    hourCycle: 'h23',
  });
  const p = Object.fromEntries(f.formatToParts(new Date(t)).map((x) => [x.type, x.value]));
  return {
    day: `${p.year}-${p.month}-${p.day}`,
    wall: `${p.year}-${p.month}-${p.day} ${p.hour}:${p.minute}:${p.second}`,
  };
};
const addDays = (day: string, n: number) =>
  new Date(Date.parse(`${day}T12:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);
/** UTC offset of Paris at noon of `day`, minutes: not the day before's when the clocks changed that night. */
const offsetAt = (day: string) => {
  const noon = Date.parse(`${day}T12:00:00Z`);
  const [h, m] = parisParts(noon).wall.slice(11, 16).split(':').map(Number);
  return h! * 60 + m! - 12 * 60;
};

let hub: RunningHub;
let certs: TestCertificates;
let proxy: TlsProxy;
/** The owner household's session: cookie and CSRF token. */
let session: Record<string, string>;
/** The day read: ten days ago in Paris, moved back off a clock-change day (48 half-hours). */
let day: string;

/** An Enedis file for `day`: a recorded conso.boris.sh answer with its days moved onto the test's day. */
function shifted(type: 'consumption_load_curve' | 'daily_consumption', to: string): string {
  const r = recorded(type);
  const move = (d: string) => addDays(to, Math.round((Date.parse(d) - Date.parse(r.start)) / 86_400_000));
  return JSON.stringify({
    ...r,
    start: move(r.start),
    end: move(r.end),
    interval_reading: r.interval_reading.map((p) => ({ ...p, date: move(p.date.slice(0, 10)) + p.date.slice(10) })),
  });
}

async function importFile(name: string, body: string): Promise<void> {
  const r = await fetch(`${hub.url}/api/imports`, {
    method: 'POST',
    headers: { ...session, 'content-type': 'application/octet-stream', 'x-file-name': name },
    body,
  });
  assert.equal(r.status, 200, await r.text());
}

async function hubGet<T>(path: string): Promise<T> {
  const r = await fetch(`${hub.url}${path}`, { headers: { cookie: session.cookie! } });
  const text = await r.text();
  assert.equal(r.status, 200, `${path}: ${text}`);
  return JSON.parse(text) as T;
}

/** An access token from the hub's OAuth flow over its real socket: the local token (the machine's administrator)
 *  registers the client, the household grants on its consent screen, the client exchanges the code (PKCE S256). */
async function accessToken(): Promise<{ token: string; sub: unknown }> {
  const send = fetchSend(hub.url);
  const client = await registerClient(
    send,
    { authorization: `Bearer ${hub.hub.localToken}` },
    { clientId: 'linky-e2e', name: 'Linky (npm) en test', finestStep: 'PT30M' },
  );
  const flow = await authorizationCodeFlow(send, session, client, { steps: ['PT30M', 'P1D'], duration: 'P1D' });
  assert.deepEqual(flow.screen.prms, [PRM]);
  const token = flow.token.access_token;
  return { token, sub: JSON.parse(Buffer.from(token.split('.')[1]!, 'base64url').toString('utf8')).sub };
}

before(async () => {
  hub = await startHub({
    dataDir: mkdtempSync(join(tmpdir(), 'courant-linky-')),
    port: 0,
    demo: false,
    owner: OWNER,
    onProgress: () => {},
  });
  const login = await fetch(`${hub.url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(OWNER),
  });
  const signedIn = (await login.json()) as { csrf: string };
  assert.equal(login.status, 200, JSON.stringify(signedIn));
  const cookie = login.headers
    .getSetCookie()
    .find((c) => c.startsWith('courant_session='))!
    .split(';')[0]!;
  session = { cookie, 'x-csrf-token': signedIn.csrf };
  day = addDays(parisParts(Date.now()).day, -10);
  while (offsetAt(addDays(day, -1)) !== offsetAt(day)) day = addDays(day, -1);
  await importFile('consumption_load_curve.json', shifted('consumption_load_curve', day));
  await importFile('daily_consumption.json', shifted('daily_consumption', day));
  // The household looks at its usage points: in a single-household installation what it imported becomes its own.
  const { usagePoints } = await hubGet<{ usagePoints: { prm: string }[] }>('/api/usage-points');
  assert.deepEqual(
    usagePoints.map((u) => u.prm),
    [PRM],
  );
  certs = makeTestCertificates(['conso.boris.sh']);
  proxy = await startTlsProxy({ target: hub.url, certificates: certs });
});
after(async () => {
  await proxy?.close();
  await hub?.close();
});

test('linky 2.0.2 reads one day of load curve and of daily consumption from the hub: the values the hub holds', async () => {
  const { token, sub } = await accessToken();
  assert.deepEqual(sub, [PRM], "the token's sub lists the usage point granted, as linky reads it");
  const next = addDays(day, 1);
  const [curve, daily] = await runLinky({
    proxyUrl: proxy.httpUrl,
    caFile: certs.caFile,
    token,
    calls: [
      { method: 'getLoadCurve', start: day, end: next },
      { method: 'getDailyConsumption', start: day, end: next },
    ],
  });
  assert.equal(curve!.ok, true, JSON.stringify(curve));
  assert.equal(daily!.ok, true, JSON.stringify(daily));

  // What the hub holds, read back through its own series API (the household's session).
  const range = `from=${day}&to=${next}`;
  const held = await hubGet<{ t: number[]; v: number[]; unit: string; step: string }>(
    `/api/usage-points/${PRM}/series/energy.consumption.PT30M.enedis_api?${range}`,
  );
  assert.equal(held.unit, 'Wh');
  assert.equal(held.t.length, 48, 'a day of 48 half-hours is held');
  const heldDaily = await hubGet<{ t: number[]; v: number[]; unit: string }>(`/api/usage-points/${PRM}/daily?${range}`);
  assert.equal(heldDaily.t.length, 1);

  // conso.boris.sh's shape (the recorded answers) with the hub's values: mean power W = Wh / 0.5 h, stamped at the
  // END of each half-hour in Paris wall time; daily energy in Wh on its Paris day.
  const shape = recorded('consumption_load_curve');
  assert.deepEqual(curve, {
    ok: true,
    value: {
      usage_point_id: PRM,
      start: day,
      end: next,
      quality: 'BRUT',
      reading_type: shape.reading_type,
      interval_reading: held.t.map((t, i) => ({
        value: String(held.v[i]! * 2),
        date: parisParts(t + 1_800_000).wall,
        interval_length: 'PT30M',
        measure_type: 'B',
      })),
    },
  });
  assert.deepEqual(daily, {
    ok: true,
    value: {
      usage_point_id: PRM,
      start: day,
      end: next,
      quality: 'BRUT',
      reading_type: recorded('daily_consumption').reading_type,
      interval_reading: heldDaily.t.map((t, i) => ({ value: String(heldDaily.v[i]), date: parisParts(t).day })),
    },
  });

  // It went through the tunnel to "conso.boris.sh", with the token the hub issued.
  const seen = proxy.seen.slice(-2);
  assert.deepEqual(
    seen.map((s) => [s.via, s.authority, s.headers.authorization, s.status]),
    [
      ['connect', 'conso.boris.sh:443', `Bearer ${token}`, 200],
      ['connect', 'conso.boris.sh:443', `Bearer ${token}`, 200],
    ],
  );
});
