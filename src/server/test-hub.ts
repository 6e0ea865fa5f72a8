/**
 * @module server/test-hub
 * A hub with the identities of a real multi-household installation, for the HTTP security tests: the owner household
 * (the demo usage point), a second household that moved into a usage point holding older data, an operator, a
 * recipient without consent, an authority without legal request, and the local CLI token. Test support only.
 */
import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance, InjectOptions } from 'fastify';
import { loadConfig } from '../config/load.ts';
import { DEMO_PRM, type Prm } from '../core/prm.ts';
import { loadDemoIfEmpty } from '../adapters/demo/demo.ts';
import { fixtureBatches, registerClients, T0, testClient } from '../use-cases/consent/test-support.ts';
import type { Hub } from '../use-cases/hub.ts';
import { createLogger } from '../backend/logging.ts';
import { createApp } from './app.ts';
import { setupOwner } from './auth/setup.ts';
import { buildHub } from './main.ts';

export const OWNER_PRM = DEMO_PRM;
/** The second household's usage point: data from 1 to 3 January 2007, occupied from 2 January 00:00 UTC. */
export const BOB_PRM = '99999999999977' as Prm;
export const BOB_SINCE = T0 + 86_400_000;
export const ABSENT_PRM = '99999999999988' as Prm;
export const PW = 'correct horse battery';

export type Identity = 'none' | 'tampered' | 'alice' | 'bob' | 'operator' | 'recipient' | 'authority' | 'local';
export const IDENTITIES: readonly Identity[] = [
  'none',
  'tampered',
  'alice',
  'bob',
  'operator',
  'recipient',
  'authority',
  'local',
];

export interface SecurityHub {
  readonly app: FastifyInstance;
  readonly hub: Hub & { close(): Promise<void> };
  /** Request headers of an identity (cookie and CSRF token, or the local bearer token). */
  headers(who: Identity, opts?: { csrf?: boolean }): Record<string, string>;
  /** Sign in again (after a route that ends sessions). */
  relogin(who: Identity): Promise<void>;
  /** Move the hub's clock (ms since epoch). */
  setNow(t: number): void;
  close(): Promise<void>;
}

export async function openSecurityHub(): Promise<SecurityHub> {
  let now = BOB_SINCE - 60_000; // the owner sets the hub up first (accounts are ordered by creation time)
  const { config } = loadConfig({ env: {}, cwd: mkdtempSync(join(tmpdir(), 'courant-security-')) });
  const hub = await buildHub(config, createLogger({ level: 'silent' }), () => now);
  await registerClients(hub.consent, [
    testClient({ clientId: 'conseil-energie', name: 'Conseil Énergie SAS', purposes: ['personalised-advice'] }),
  ]);
  await loadDemoIfEmpty(hub.store);
  const app = await createApp(hub, { webDist: '/nonexistent' });
  await setupOwner(hub, { username: 'alice', password: PW });
  now = BOB_SINCE;
  const op = { kind: 'operator', id: 'test-operator' } as const;
  const accounts = hub.consent.accounts;
  const bob = await accounts.createAccount(op, { username: 'bob', password: PW, role: 'household' });
  await hub.consent.consents.startOccupancy(op, { prm: BOB_PRM, subject: bob.id }); // at BOB_SINCE
  await hub.store.write(fixtureBatches(BOB_PRM)); // after the owner's set-up, which attaches what nobody occupies
  await accounts.createAccount(op, { username: 'oscar', password: PW, role: 'operator' });
  await accounts.createAccount(op, { username: 'conseil-energie', password: PW, role: 'recipient' });
  await accounts.createAccount(op, { username: 'police-42', password: PW, role: 'authority' });
  now = Date.now();
  const usernames: Partial<Record<Identity, string>> = {
    alice: 'alice',
    bob: 'bob',
    operator: 'oscar',
    recipient: 'conseil-energie',
    authority: 'police-42',
  };
  const sessions = new Map<Identity, { cookie: string; csrf: string }>();
  const relogin = async (who: Identity) => {
    const username = usernames[who];
    if (!username) return;
    const r = await app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username, password: PW },
      remoteAddress: `10.0.0.${IDENTITIES.indexOf(who)}`,
    });
    assert.equal(r.statusCode, 200, r.body);
    const c = r.cookies.find((x) => x.name === 'courant_session')!;
    sessions.set(who, { cookie: `courant_session=${c.value}`, csrf: (r.json() as { csrf: string }).csrf });
  };
  for (const who of IDENTITIES) await relogin(who);
  return {
    app,
    hub,
    relogin,
    setNow: (t) => (now = t),
    headers(who, opts = {}): Record<string, string> {
      if (who === 'none') return {};
      if (who === 'tampered') return { cookie: `courant_session=${'x'.repeat(43)}`, 'x-csrf-token': 'x'.repeat(43) };
      if (who === 'local') return { authorization: `Bearer ${hub.localToken}` };
      const s = sessions.get(who)!;
      return opts.csrf === false ? { cookie: s.cookie } : { cookie: s.cookie, 'x-csrf-token': s.csrf };
    },
    async close() {
      await app.close();
      await hub.close();
    },
  };
}

/** `app.inject` answering status, parsed JSON body (or {}), and the raw response. */
export async function call(app: FastifyInstance, o: InjectOptions) {
  const r = await app.inject(o);
  let body: { error?: { code: string; message: string } } & Record<string, unknown> = {};
  try {
    body = r.json();
  } catch {
    /* not JSON */
  }
  return { status: r.statusCode, body, raw: r };
}

/** A request over a real socket with the path sent byte for byte as given (no client-side normalisation). */
export function rawRequest(
  origin: string,
  method: string,
  path: string,
  headers: Record<string, string> = {},
  body?: string,
): Promise<{ status: number; body: string }> {
  const u = new URL(origin);
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      {
        host: u.hostname,
        port: u.port,
        method,
        path,
        headers: body === undefined ? headers : { 'content-type': 'application/json', ...headers },
      },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (c: string) => (text += c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text }));
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}
