// `courant help` as a user runs it: from the compiled build in dist/, without compiling TypeScript, and loading no
// command module, database engine, HTTP server or validation library (the registry holds what help prints). The
// modules the process loads are recorded by a resolve hook.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

function loaded(args: string[]): { status: number | null; stdout: string; urls: string[] } {
  const dir = mkdtempSync(join(tmpdir(), 'courant-startup-'));
  try {
    const trace = join(dir, 'trace');
    writeFileSync(trace, '');
    writeFileSync(
      join(dir, 'hooks.mjs'),
      `import { appendFileSync } from 'node:fs';\nexport async function resolve(s, c, next) {\n  const r = await next(s, c);\n  appendFileSync(${JSON.stringify(trace)}, r.url + '\\n');\n  return r;\n}\n`,
    );
    writeFileSync(
      join(dir, 'register.mjs'),
      `import { register } from 'node:module';\nregister(${JSON.stringify(pathToFileURL(join(dir, 'hooks.mjs')).href)});\n`,
    );
    const r = spawnSync(
      process.execPath,
      ['--import', pathToFileURL(join(dir, 'register.mjs')).href, 'bin/courant.mjs', ...args],
      { cwd: ROOT, encoding: 'utf8', env: { ...process.env, NODE_ENV: 'test' } },
    );
    return { status: r.status, stdout: r.stdout, urls: readFileSync(trace, 'utf8').split('\n').filter(Boolean) };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

test('courant help runs the compiled build and loads no command, no DuckDB, no Fastify, no zod', () => {
  const r = loaded(['help']);
  assert.equal(r.status, 0);
  assert.match(r.stdout, /^courant \S+: a privacy-first hub/);
  // dist/ is rebuilt first when a source is newer; only when another process holds the build lock does this one run
  // go through the sources, and then it loads tsx
  const compiled = r.urls.some((u) => u.endsWith('/dist/cli/main.js'));
  if (compiled) assert.ok(!r.urls.some((u) => u.includes('/node_modules/tsx/')), 'no TypeScript loader');
  else
    assert.ok(
      r.urls.some((u) => u.endsWith('/src/cli/main.ts')),
      r.urls.join('\n'),
    );
  for (const heavy of [
    '/cli/commands/status',
    '/cli/commands/start',
    '/@duckdb/',
    '/fastify/',
    '/zod/',
    '/server/',
    '/backend/open-',
  ]) {
    assert.deepEqual(
      r.urls.filter((u) => u.includes(heavy)),
      [],
      `courant help loads ${heavy}`,
    );
  }
});

test('courant help status loads that one command module only', () => {
  const r = loaded(['help', 'status']);
  assert.equal(r.status, 0);
  assert.match(r.stdout, /usage: courant status/);
  const commands = r.urls.filter(
    (u) => /\/cli\/commands\/[a-z-]+\.(js|ts)$/.test(u) && !u.endsWith('/index.js') && !u.endsWith('/index.ts'),
  );
  assert.deepEqual(commands.map((u) => u.replace(/^.*\/cli\/commands\//, '')).sort(), [
    commands.some((u) => u.endsWith('.js')) ? 'status.js' : 'status.ts',
  ]);
  assert.deepEqual(
    r.urls.filter((u) => u.includes('/@duckdb/')),
    [],
    'no database engine to print a usage line',
  );
});
