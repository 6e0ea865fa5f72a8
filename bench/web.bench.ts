/**
 * Dashboard figures: bundle size (gzip), series API latency per zoom level as the chart asks it (maxPoints ≈ width),
 * and time from navigation to a drawn curve in headless Chromium, all against the real hub with the demo loaded.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { gzipSync } from 'node:zlib';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { startHub } from '../src/server/main.ts';

const ROOT = fileURLToPath(new URL('../', import.meta.url));
const P = '99999999999901';
const S = 'power.consumption.PT1M.demo';
const OWNER = { username: 'bench', password: 'a long enough secret phrase' };
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const round = (x: number) => Math.round(x * 10) / 10;

export async function run(): Promise<Record<string, number | string>> {
  if (!existsSync(join(ROOT, 'web/dist/index.html')))
    spawnSync(process.execPath, [join(ROOT, 'node_modules/vite/bin/vite.js'), 'build', 'web', '--logLevel', 'warn'], {
      cwd: ROOT,
    });
  const out: Record<string, number | string> = {};
  const assets = join(ROOT, 'web/dist/assets');
  let gz = 0;
  for (const f of readdirSync(assets)) gz += gzipSync(readFileSync(join(assets, f))).length;
  out['web.bundle.gzKB'] = round(gz / 1024);

  const dataDir = mkdtempSync(join(tmpdir(), 'courant-web-bench-'));
  const hub = await startHub({ dataDir, port: 0, demo: true, owner: OWNER, onProgress: () => {} });
  try {
    // data routes need a session: sign in once, as the dashboard does, and send its cookie
    const login = await fetch(`${hub.url}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(OWNER),
    });
    const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0]!;
    const start = Date.UTC(2007, 2, 12, 6);
    const windows: [string, number][] = [
      ['6months', 0],
      ['1week', 7 * 86_400_000],
      ['1day', 86_400_000],
      ['1hour', 3_600_000],
    ];
    for (const [name, span] of windows) {
      const q =
        span === 0
          ? 'maxPoints=1000'
          : `from=${new Date(start).toISOString()}&to=${new Date(start + span).toISOString()}&maxPoints=1000`;
      const times: number[] = [];
      for (let i = 0; i < 15; i++) {
        const t0 = performance.now();
        const r = await fetch(`${hub.url}/api/usage-points/${P}/series/${S}?${q}`, { headers: { cookie } });
        if (!r.ok) throw new Error(`series answered ${r.status}`);
        await r.json();
        times.push(performance.now() - t0);
      }
      out[`web.series.${name}.p50ms`] = round(median(times.slice(3)));
    }
    const browser = await chromium.launch({
      executablePath: '/usr/bin/chromium',
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
    });
    try {
      const page = await browser.newPage({ viewport: { width: 1200, height: 900 } });
      await page.goto(hub.url);
      await page.fill('input[name=username]', OWNER.username);
      await page.fill('input[name=password]', OWNER.password);
      await page.click('button[type=submit]');
      await page.waitForSelector('[data-testid=household-label]');
      const loads: number[] = [];
      for (let i = 0; i < 4; i++) {
        const t0 = performance.now();
        await page.goto(hub.url);
        await page.waitForFunction(() =>
          /\d/.test(document.querySelector('[data-testid=chart-resolution]')?.textContent ?? ''),
        );
        loads.push(performance.now() - t0);
      }
      out['web.firstCurve.p50ms'] = round(median(loads.slice(1)));
      const zooms: number[] = [];
      for (const range of ['hour', 'day', 'week', 'month', 'all', 'hour']) {
        const t0 = performance.now();
        await Promise.all([
          page.waitForResponse((r) => r.url().includes('/series/')),
          page.click(`[data-range=${range}]`),
        ]);
        await page.waitForFunction(() => !document.querySelector('.status-busy'));
        zooms.push(performance.now() - t0);
      }
      out['web.zoomButtonToCurve.p50ms'] = round(median(zooms));
    } finally {
      await browser.close();
    }
  } finally {
    await hub.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
  return out;
}
