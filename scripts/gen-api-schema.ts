// Writes docs/api-schema.json (OpenAPI 3.1) from the routes' own zod schemas: requests and the response contracts of
// src/server/contract/. Run: node --import tsx scripts/gen-api-schema.ts
// The routes are registered on a bare Fastify instance beside @fastify/swagger (the authentication hooks are not needed
// to describe them), with a hub opened on an empty temporary data directory.
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import Fastify from 'fastify';
import fastifySwagger from '@fastify/swagger';
import { jsonSchemaTransform, jsonSchemaTransformObject, serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import { loadConfig } from '../src/config/load.ts';
import { createLogger } from '../src/backend/logging.ts';
import { buildHub } from '../src/server/main.ts';
import { ROUTES } from '../src/server/app.ts';
import { VERSION } from '../src/core/version.ts';

const dir = mkdtempSync(join(tmpdir(), 'courant-api-schema-'));
const { config } = loadConfig({ env: {}, cwd: dir, overrides: { dataDir: dir } });
const hub = await buildHub(config, createLogger({ level: 'silent' }), Date.now);
const app = Fastify({ logger: false });
app.setValidatorCompiler(validatorCompiler);
app.setSerializerCompiler(serializerCompiler);
await app.register(fastifySwagger, {
  openapi: {
    openapi: '3.1.0',
    info: { title: 'courant hub API', version: VERSION, description: 'Generated from the route schemas (scripts/gen-api-schema.ts); see docs/api.md for the prose.' },
  },
  transform: jsonSchemaTransform,
  // schemas with a `meta({ id })` (the error body) become components, referenced instead of repeated per route
  transformObject: jsonSchemaTransformObject,
});
await app.register(async (api) => {
  for (const plugin of ROUTES) await plugin(api, hub);
});
await app.ready();
const out = new URL('../docs/api-schema.json', import.meta.url);
writeFileSync(out, JSON.stringify(app.swagger(), null, 2) + '\n');
chmodSync(out, 0o644); // the hub makes its own files private; this one is documentation
await app.close();
await hub.close();
rmSync(dir, { recursive: true, force: true });
console.log('docs/api-schema.json written');
