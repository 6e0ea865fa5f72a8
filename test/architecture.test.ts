// The layer rules (.dependency-cruiser.cjs, run by `npm run lint`) hold on the hub and refuse each forbidden import of
// a small tree built to break them (test/fixtures/architecture), relative imports included.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { test } from 'node:test';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const CONFIG = fileURLToPath(new URL('../.dependency-cruiser.cjs', import.meta.url));
const BIN = fileURLToPath(new URL('../node_modules/dependency-cruiser/bin/dependency-cruise.mjs', import.meta.url));

interface Violation {
  readonly from: string;
  readonly to: string;
  readonly rule: { readonly name: string };
}

/** The violations (JSON report), and the exit status of the run `npm run lint` makes (error report). */
function cruise(cwd: string, dirs: string[]): { status: number | null; violations: Violation[] } {
  const json = spawnSync(process.execPath, [BIN, ...dirs, '--config', CONFIG, '--output-type', 'json'], {
    cwd,
    encoding: 'utf8',
    maxBuffer: 64 << 20,
  });
  assert.ok(json.stdout, `dependency-cruiser printed nothing: ${json.stderr}`);
  const out = JSON.parse(json.stdout) as { summary: { violations: Violation[] } };
  const lint = spawnSync(process.execPath, [BIN, ...dirs, '--config', CONFIG], { cwd, encoding: 'utf8' });
  return { status: lint.status, violations: out.summary.violations };
}

test('the hub itself keeps every layer rule', () => {
  const { status, violations } = cruise(ROOT, ['src', 'eval', 'bench']);
  assert.deepEqual(
    violations.map((v) => `${v.rule.name}: ${v.from} → ${v.to}`),
    [],
  );
  assert.equal(status, 0);
});

test('each forbidden import of the fixture tree is refused, and the composition root may name adapters', () => {
  const { status, violations } = cruise(fileURLToPath(new URL('fixtures/architecture/', import.meta.url)), ['src']);
  assert.notEqual(status, 0);
  const found = new Set(violations.map((v) => `${v.rule.name}: ${v.from} → ${v.to}`));
  for (const expected of [
    'core-imports-nothing: src/core/model.ts → src/use-cases/use.ts',
    'domain-no-io: src/reveal/detector.ts → fs',
    'use-cases-through-ports: src/use-cases/use.ts → src/adapters/engine/engine.ts',
    'adapters-only-through-the-root: src/server/route.ts → src/adapters/engine/engine.ts',
  ]) {
    assert.ok(found.has(expected), `missing ${expected}; found ${[...found].join('; ')}`);
  }
  assert.ok(
    ![...found].some((v) => v.includes('src/backend/root.ts')),
    'the composition root is allowed to name adapters',
  );
});
