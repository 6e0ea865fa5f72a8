// GET /openapi.json: public, and it describes every third-party path (the OAuth endpoints and every Data Connect
// path the hub serves), each operation with its parameters and answers, and no route of the hub's own API.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildHub } from './main.ts';
import { createApp } from './app.ts';
import { loadConfig } from '../config/load.ts';
import { createLogger } from '../backend/logging.ts';
import { removeDir } from '../use-cases/consent/test-support.ts';
import { dataConnectPaths } from './routes/dataconnect.ts';
import { paramNames } from '../enedis/serve/params.ts';
import { OAUTH_PATHS, thirdPartyPaths } from './routes/openapi.ts';

type Op = {
  parameters: { name: string; in: string; required: boolean }[];
  responses: Record<string, { content?: unknown }>;
  security?: unknown[];
  requestBody?: { content: Record<string, unknown> };
};
type Doc = {
  openapi: string;
  paths: Record<string, Record<string, Op>>;
  components: { schemas: Record<string, unknown>; securitySchemes: Record<string, unknown> };
};

test('GET /openapi.json lists every third-party path with its parameters and answers, without a session', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'courant-openapi-'));
  const { config } = loadConfig({ env: {}, cwd: dir, overrides: { dataDir: dir } });
  const hub = await buildHub(config, createLogger({ level: 'silent' }), Date.now);
  const app = await createApp(hub, { webDist: join(dir, 'no-web') });
  try {
    const r = await app.inject({ method: 'GET', url: '/openapi.json' });
    assert.equal(r.statusCode, 200, r.body);
    assert.match(String(r.headers['content-type']), /application\/json/);
    const doc = JSON.parse(r.body) as Doc;
    assert.equal(doc.openapi, '3.1.0');
    const paths = Object.keys(doc.paths).sort();
    assert.deepEqual(paths, [...thirdPartyPaths()].sort(), 'exactly the third-party paths');
    assert.equal(paths.length, 3 + 15);
    for (const p of Object.keys(OAUTH_PATHS)) assert.ok(doc.paths[p], p);

    for (const route of dataConnectPaths()) {
      const op = doc.paths[route.url]?.get;
      assert.ok(op, `${route.url}: GET`);
      const n = paramNames(route.kind, route.face);
      const names = op.parameters.map((p) => p.name);
      for (const want of [n.prm, n.start, n.end, ...Object.keys(n.extra)]) assert.ok(names.includes(want), want);
      assert.ok(op.parameters.every((p) => p.in === 'query'));
      assert.deepEqual(op.security, [{ bearer: [] }]);
      assert.ok(op.responses['200']?.content, `${route.url}: the answer's schema`);
      for (const status of Object.keys(op.responses)) assert.match(status, /^(200|4XX|5XX|\d{3})$/);
    }
    const token = doc.paths['/oauth2/v3/token']!.post!;
    assert.ok(token.requestBody?.content['application/x-www-form-urlencoded']);
    for (const f of ['grant_type', 'code', 'code_verifier', 'client_id', 'client_secret'])
      assert.ok(
        token.parameters.some((p) => p.name === f),
        f,
      );
    const authorize = doc.paths['/dataconnect/v1/oauth2/authorize']!.get!;
    for (const f of ['client_id', 'redirect_uri', 'state', 'duration', 'code_challenge', 'code_challenge_method'])
      assert.ok(
        authorize.parameters.some((p) => p.name === f),
        f,
      );
    // every $ref resolves to a component
    const refs = [...r.body.matchAll(/"\$ref":"#\/components\/schemas\/([^"]+)"/g)].map((m) => m[1]!);
    assert.ok(refs.length > 0);
    for (const ref of refs) assert.ok(doc.components.schemas[ref], `component ${ref}`);
    assert.doesNotMatch(r.body, /\$defs/);

    // strict like every route: an unexpected parameter is refused
    assert.equal((await app.inject({ method: 'GET', url: '/openapi.json?x=1' })).statusCode, 400);
  } finally {
    await app.close();
    await hub.close();
    removeDir(dir);
  }
});
