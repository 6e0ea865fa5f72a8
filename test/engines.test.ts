// `npm install` on the Node the README documents prints no EBADENGINE warning: every package of the lockfile that
// declares an engine accepts the lowest version package.json's `engines` allows.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import semver from 'semver';

const read = (path: string) => JSON.parse(readFileSync(new URL(`../${path}`, import.meta.url), 'utf8'));

test('every locked package accepts the lowest Node that package.json and the README allow', () => {
  const range = (read('package.json') as { engines: { node: string } }).engines.node;
  const lowest = semver.minVersion(range)!.version;
  const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');
  assert.match(
    readme,
    new RegExp(`Node\\.js ${lowest.replace(/\.0$/, '').replace(/\./g, '\\.')} or later`),
    'the README names the same minimum',
  );
  const lock = read('package-lock.json') as { packages: Record<string, { engines?: { node?: string } | string[] }> };
  const refusing = Object.entries(lock.packages)
    .filter(
      ([path, p]) =>
        path !== '' &&
        p.engines &&
        !Array.isArray(p.engines) &&
        p.engines.node &&
        !semver.satisfies(lowest, p.engines.node),
    )
    .map(([path, p]) => `${path} needs ${(p.engines as { node: string }).node}`);
  assert.deepEqual(refusing, [], `packages that would print EBADENGINE on Node ${lowest}`);
});
