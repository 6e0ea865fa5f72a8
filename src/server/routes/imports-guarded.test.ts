// Who may import what over HTTP: a real hub on a real DuckDB file, real fixtures (anonymised Data Connect answers).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import type { FastifyInstance } from 'fastify';
import { loadConfig } from '../../config/load.ts';
import { createLogger } from '../../backend/logging.ts';
import { buildHub } from '../main.ts';
import { createApp } from '../app.ts';
import { setupOwner } from '../auth/setup.ts';
import type { Hub } from '../../use-cases/hub.ts';

const fixture = (name: string) => readFileSync(new URL(`../../../test/fixtures/enedis/${name}`, import.meta.url));
const DAILY = fixture('dc-v5-daily.json'); // usage point 11111111111111
const CURVE = fixture('dc-v5-curve-wrapped.json'); // usage point 99999999999991
const PW = 'correct horse battery';
let hub: Hub & { close(): Promise<void> };
let app: FastifyInstance;

before(async () => {
  const { config } = loadConfig({ env: {}, cwd: mkdtempSync(join(tmpdir(), 'courant-imp-')) });
  hub = await buildHub(config, createLogger({ level: 'silent' }));
  app = await createApp(hub, { webDist: '/nonexistent' });
});
after(async () => {
  await app.close();
  await hub.close();
});

async function login(username: string) {
  const r = await app.inject({
    method: 'POST',
    url: '/api/auth/login',
    payload: { username, password: PW },
    remoteAddress: '127.0.0.1',
  });
  assert.equal(r.statusCode, 200, r.body);
  const c = r.cookies.find((x) => x.name === 'courant_session')!;
  return { cookie: `courant_session=${c.value}`, 'x-csrf-token': (r.json() as { csrf: string }).csrf };
}
const upload = (body: Buffer, headers: Record<string, string>) =>
  app.inject({
    method: 'POST',
    url: '/api/imports',
    payload: body,
    headers: { 'content-type': 'application/octet-stream', 'x-file-name': 'answer.json', ...headers },
    remoteAddress: '127.0.0.1',
  });

test('without a session nothing is imported', async () => {
  const r = await upload(DAILY, {});
  assert.equal(r.statusCode, 401);
  assert.deepEqual(await hub.store.usagePoints(), []);
});

test('the local CLI token may import for any usage point', async () => {
  const r = await upload(DAILY, { authorization: `Bearer ${hub.localToken}` });
  assert.equal(r.statusCode, 200, r.body);
  assert.deepEqual(await hub.store.usagePoints(), ['11111111111111']);
});

test('households import for their own usage points only; another household gets "not found or no access" and nothing is written', async () => {
  await setupOwner(hub, { username: 'alice', password: PW });
  const alice = await login('alice');
  // single-household installation: a usage point nobody occupies may be added by the owner
  const own = await upload(CURVE, alice);
  assert.equal(own.statusCode, 200, own.body);
  const op = { kind: 'operator', id: 'test-operator' } as const;
  await hub.consent.accounts.createAccount(op, { username: 'bob', password: PW, role: 'household' });
  const bob = await login('bob');
  const before = await hub.store.list();
  const r = await upload(DAILY, bob);
  assert.equal(r.statusCode, 404);
  assert.equal((r.json() as { error: { code: string } }).error.code, 'HTTP_NOT_FOUND');
  assert.deepEqual(await hub.store.list(), before, 'nothing written');
  const again = await upload(DAILY, alice);
  assert.equal(again.statusCode, 200, again.body);
  const sum = again.json() as { added: number; replaced: number };
  assert.equal(sum.added, 0, 're-import adds nothing');
  assert.ok(sum.replaced > 0, 'and replaces what it re-imports');
});
