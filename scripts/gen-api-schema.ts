// Writes docs/api-schema.json (OpenAPI 3.1) from the routes' own zod schemas: requests and the response contracts of
// src/server/contract/. Run: node --import tsx scripts/gen-api-schema.ts
// test/api-schema.test.ts fails when the committed file is out of date.
// The routes are registered on a bare Fastify instance beside @fastify/swagger (the authentication hooks are not needed
// to describe them), with a hub opened on an empty temporary data directory.
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { pathToFileURL } from 'node:url';
import Fastify from 'fastify';
import fastifySwagger from '@fastify/swagger';
import {
  jsonSchemaTransform,
  jsonSchemaTransformObject,
  serializerCompiler,
  validatorCompiler,
} from 'fastify-type-provider-zod';
import { loadConfig } from '../src/config/load.ts';
import { createLogger } from '../src/backend/logging.ts';
import { buildHub } from '../src/server/main.ts';
import { ROUTES } from '../src/server/app.ts';
import { VERSION } from '../src/core/version.ts';

export const API_SCHEMA_FILE = new URL('../docs/api-schema.json', import.meta.url);

/** The OpenAPI document as written to docs/api-schema.json. */
export async function renderApiSchema(): Promise<string> {
  const dir = mkdtempSync(join(tmpdir(), 'courant-api-schema-'));
  const { config } = loadConfig({ env: {}, cwd: dir, overrides: { dataDir: dir } });
  const hub = await buildHub(config, createLogger({ level: 'silent' }), Date.now);
  const app = Fastify({ logger: false });
  try {
    app.setValidatorCompiler(validatorCompiler);
    app.setSerializerCompiler(serializerCompiler);
    await app.register(fastifySwagger, {
      openapi: {
        openapi: '3.1.0',
        info: {
          title: 'courant hub API',
          version: VERSION,
          description: 'Generated from the route schemas (scripts/gen-api-schema.ts); see docs/api.md for the prose.',
        },
      },
      transform: jsonSchemaTransform,
      // schemas with a `meta({ id })` (the error body) become components, referenced instead of repeated per route
      transformObject: jsonSchemaTransformObject,
    });
    await app.register(async (api) => {
      for (const plugin of ROUTES) await plugin(api, hub);
    });
    await app.ready();
    return JSON.stringify(app.swagger(), null, 2) + '\n';
  } finally {
    await app.close();
    await hub.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  writeFileSync(API_SCHEMA_FILE, await renderApiSchema());
  chmodSync(API_SCHEMA_FILE, 0o644); // the hub makes its own files private; this one is documentation
  console.log('docs/api-schema.json written');
}
