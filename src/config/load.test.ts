import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { loadConfig } from './load.ts';
import { CourantError } from '../core/errors.ts';

const dir = () => mkdtempSync(join(tmpdir(), 'courant-cfg-'));

test('defaults bind to loopback with the demo on', () => {
  const { config, file } = loadConfig({ env: {}, cwd: dir() });
  assert.equal(file, undefined);
  assert.equal(config.server.host, '127.0.0.1');
  assert.equal(config.demo.enabled, true);
  assert.ok(Object.isFrozen(config.server));
});

test('file, then environment, then overrides', () => {
  const d = dir();
  writeFileSync(
    join(d, 'courant.config.json'),
    JSON.stringify({ server: { port: 9000 }, demo: { enabled: false }, locale: 'en' }),
  );
  const { config } = loadConfig({ env: { COURANT_SERVER_PORT: '9100' }, cwd: d, overrides: { dataDir: 'x' } });
  assert.equal(config.server.port, 9100);
  assert.equal(config.demo.enabled, false);
  assert.equal(config.locale, 'en');
  assert.equal(config.dataDir, join(d, 'x'));
});

test('a malformed file names the file and the key', () => {
  const d = dir();
  const f = join(d, 'c.json');
  writeFileSync(f, JSON.stringify({ server: { port: 'eighty' }, bogus: 1 }));
  assert.throws(
    () => loadConfig({ file: f, env: {}, cwd: d }),
    (e: unknown) => {
      assert.ok(e instanceof CourantError);
      assert.equal(e.code, 'CONFIG_INVALID');
      assert.match(e.message, /c\.json/);
      assert.match(e.message, /server\.port/);
      assert.match(e.message, /bogus/);
      return true;
    },
  );
  writeFileSync(f, '{ not json');
  assert.throws(() => loadConfig({ file: f, env: {}, cwd: d }), /CONFIG_UNREADABLE|not valid JSON/);
});

test('a bad environment value names the variable', () => {
  assert.throws(() => loadConfig({ env: { COURANT_DEMO_ENABLED: 'maybe' }, cwd: dir() }), /COURANT_DEMO_ENABLED/);
});

test('docs/configuration.md is in sync with the schema (regenerate with scripts/gen-config-doc.ts)', async () => {
  const { readFileSync } = await import('node:fs');
  const { renderConfigDoc } = await import('./config-doc.ts');
  assert.equal(readFileSync(new URL('../../docs/configuration.md', import.meta.url), 'utf8'), renderConfigDoc());
});
