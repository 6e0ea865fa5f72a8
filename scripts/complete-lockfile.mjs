#!/usr/bin/env node
// The package registry reachable here serves only the Linux builds of @duckdb/node-bindings, so `npm install` leaves
// the other platforms' optional packages out of package-lock.json, and `npm ci` then refuses the lockfile as out of
// sync. This adds a platform-tagged entry for each missing optional dependency (os/cpu from its name): npm skips them
// on Linux without fetching, and on other platforms resolves them from the public registry.
// Run after changing dependencies: `npm install && node scripts/complete-lockfile.mjs`.
import { readFileSync, writeFileSync } from 'node:fs';

const path = new URL('../package-lock.json', import.meta.url);
const lock = JSON.parse(readFileSync(path, 'utf8'));
const pkgs = lock.packages;
let added = 0;
for (const [where, meta] of Object.entries(pkgs)) {
  for (const [name, version] of Object.entries(meta.optionalDependencies ?? {})) {
    const key = `node_modules/${name}`;
    if (pkgs[key] || pkgs[`${where}/node_modules/${name}`]) continue;
    const m = /-(darwin|linux|win32)-(x64|arm64|ia32|arm)(-(musl|gnu|msvc))?$/.exec(name);
    if (!m) continue;
    pkgs[key] = {
      version,
      cpu: [m[2]],
      os: [m[1]],
      ...(m[4] === 'musl' ? { libc: ['musl'] } : {}),
      license: 'MIT',
      optional: true,
    };
    added++;
  }
}
lock.packages = Object.fromEntries(
  Object.entries(pkgs).sort(([a], [b]) => (a === '' ? -1 : b === '' ? 1 : a.localeCompare(b))),
);
writeFileSync(path, JSON.stringify(lock, null, 2) + '\n');
console.log(`package-lock.json: ${added} platform entries added`);
