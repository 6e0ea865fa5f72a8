/**
 * @module cli/dashboard
 * The dashboard the hub serves is web/dist, built by Vite from web/. `courant start` makes sure it is there: when it is
 * missing (a fresh clone after `npm ci`) it builds it (`vite build web`, some seconds, once); when it is older than
 * its sources it says what to run rather than rebuilding under a page someone may have open. When it cannot build
 * (Vite is a development dependency: absent after `npm ci --omit=dev`; or the build fails) it says what to run, and
 * the hub serves its API meanwhile.
 */
import { spawn } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const BUILD = '`npm run build:web` (or `npx vite build web`)';

function newestUnder(path: string): number {
  const st = statSync(path);
  if (!st.isDirectory()) return st.mtimeMs;
  let t = st.mtimeMs;
  for (const name of readdirSync(path)) t = Math.max(t, newestUnder(join(path, name)));
  return t;
}

/** Vite's command-line entry, or undefined when Vite is not installed. */
function viteBin(webRoot: string): string | undefined {
  try {
    return join(dirname(createRequire(join(webRoot, 'vite.config.ts')).resolve('vite/package.json')), 'bin', 'vite.js');
  } catch {
    return undefined;
  }
}

/**
 * Builds `webDist` from its sources when it is missing. Progress and advice go to `say` (the hub's stderr); never
 * throws: without a dashboard the hub still serves its API.
 */
export async function ensureDashboard(
  webDist: string,
  say: (line: string) => void,
): Promise<'found' | 'built' | 'stale' | 'missing'> {
  const webRoot = dirname(webDist.replace(/[/\\]+$/, ''));
  const index = join(webDist, 'index.html');
  if (existsSync(index)) {
    const sources = Math.max(newestUnder(join(webRoot, 'src')), newestUnder(join(webRoot, 'index.html')));
    if (sources <= statSync(index).mtimeMs) return 'found';
    say(`the dashboard in ${webDist} is older than its sources in ${join(webRoot, 'src')}: run ${BUILD} to rebuild it`);
    return 'stale';
  }
  const vite = viteBin(webRoot);
  if (!vite || !existsSync(vite)) {
    say(
      `the dashboard is not built and Vite is not installed: run \`npm install\`, then ${BUILD}; the API is served meanwhile`,
    );
    return 'missing';
  }
  say(`building the dashboard (vite build web → ${webDist}), once…`);
  const code = await new Promise<number | null>((resolve) => {
    // Vite writes its report on stdout: it goes to stderr here, which carries the hub's progress lines
    const child = spawn(process.execPath, [vite, 'build', webRoot, '--logLevel', 'warn'], {
      cwd: dirname(webRoot),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout.on('data', (d: Buffer) => say(d.toString().trimEnd()));
    child.stderr.on('data', (d: Buffer) => say(d.toString().trimEnd()));
    child.on('error', () => resolve(null));
    child.on('close', resolve);
  });
  if (code === 0 && existsSync(index)) return 'built';
  say(`building the dashboard failed (vite exit ${code}): run ${BUILD} to see why; the API is served meanwhile`);
  return 'missing';
}
