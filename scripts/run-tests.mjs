#!/usr/bin/env node
// Finds every *.test.ts under src/, test/ and web/src/ and runs them with Node's own test runner (through tsx).
// Usage: node scripts/run-tests.mjs [path-substring ...]   e.g. `npm test -- store` runs only files whose path contains
// "store".
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { spawn } from 'node:child_process';

const roots = ['src', 'test', 'web/src'];
const filters = process.argv.slice(2).filter((a) => !a.startsWith('-'));
const files = [];
function walk(dir) {
  let entries;
  try {
    entries = readdirSync(dir);
  } catch {
    return;
  }
  for (const name of entries) {
    if (name === 'node_modules' || name === 'fixtures') continue;
    const p = join(dir, name);
    if (statSync(p).isDirectory()) walk(p);
    else if (name.endsWith('.test.ts') || name.endsWith('.test.tsx')) files.push(p);
  }
}
roots.forEach(walk);
files.sort();
const selected = filters.length ? files.filter((f) => filters.some((s) => f.includes(s))) : files;
if (selected.length === 0) {
  console.error(`no test files matched ${filters.join(' ')}`);
  process.exit(1);
}
const concurrency = process.env.TEST_CONCURRENCY ?? '2';
// The runner's output is passed through as it comes, and read for skipped tests: a skip must say why
// (`{ skip: 'reason' }` or `t.skip('reason')`); a bare one ("# SKIP") fails the run, so nothing is left out unseen.
const child = spawn(
  process.execPath,
  ['--import', 'tsx', '--test', `--test-concurrency=${concurrency}`, '--test-reporter=spec', ...selected],
  {
    stdio: ['inherit', 'pipe', 'inherit'],
    env: { ...process.env, NODE_ENV: 'test' },
  },
);
const unexplained = [];
let pending = '';
child.stdout.on('data', (chunk) => {
  process.stdout.write(chunk);
  const lines = (pending + chunk.toString('utf8')).split('\n');
  pending = lines.pop();
  for (const line of lines) if (/^\s*﹣ .* # SKIP\s*$/.test(line)) unexplained.push(line.trim());
});
child.on('close', (code) => {
  if (unexplained.length > 0) {
    console.error(`\n${unexplained.length} test(s) skipped without saying why:\n  ${unexplained.join('\n  ')}`);
    process.exit(1);
  }
  process.exit(code ?? 1);
});
