// `courant start` on a fresh clone: the dashboard is built from its sources when web/dist is missing, found when it is
// there, and reported (not rebuilt) when its sources are newer. Run on a copy of web/, so the shared web/dist is
// untouched.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, existsSync, mkdirSync, rmSync, utimesSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureDashboard } from './dashboard.ts';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

test('ensureDashboard builds a missing web/dist, then finds it, then says when its sources are newer', async () => {
  // inside the repository, so that Vite and its plugins resolve from node_modules as they do for web/
  const base = join(ROOT, '.tmp', `dashboard-${process.pid}`);
  const web = join(base, 'web');
  mkdirSync(web, { recursive: true });
  try {
    for (const f of ['index.html', 'vite.config.ts', 'src'])
      cpSync(join(ROOT, 'web', f), join(web, f), { recursive: true });
    const lines: string[] = [];
    const dist = join(web, 'dist');
    assert.equal(await ensureDashboard(dist, (l) => lines.push(l)), 'built', lines.join('\n'));
    assert.ok(existsSync(join(dist, 'index.html')));
    assert.match(lines[0]!, /^building the dashboard \(vite build web/);
    assert.equal(await ensureDashboard(dist, (l) => lines.push(l)), 'found');
    const later = new Date(Date.now() + 60_000);
    utimesSync(join(web, 'src', 'main.tsx'), later, later);
    lines.length = 0;
    assert.equal(await ensureDashboard(dist, (l) => lines.push(l)), 'stale');
    assert.match(lines[0]!, /is older than its sources .*: run `npm run build:web`/);
  } finally {
    rmSync(base, { recursive: true, force: true });
  }
});
