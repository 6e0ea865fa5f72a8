// docs/api-schema.json is generated from the routes' schemas; a route or contract change without regenerating it fails
// here.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { API_SCHEMA_FILE, renderApiSchema } from '../scripts/gen-api-schema.ts';

test('docs/api-schema.json is in sync with the routes (regenerate with node --import tsx scripts/gen-api-schema.ts)', async () => {
  assert.equal(readFileSync(API_SCHEMA_FILE, 'utf8'), await renderApiSchema());
});
