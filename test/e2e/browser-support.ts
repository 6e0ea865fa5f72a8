/**
 * What the browser tests share: the dashboard build they run against, Chromium launched as the project runs it
 * (Debian's chromium, headless, no sandbox, no GPU, no background networking), and signing in through the form.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const DIST_INDEX = join(ROOT, 'web/dist/index.html');

/** `npm test` builds the dashboard first; a direct run of one test file builds it when its sources are newer. */
export function ensureDashboardBuilt(): void {
  const newest = (dir: string): number =>
    readdirSync(dir, { withFileTypes: true }).reduce(
      (m, e) => Math.max(m, e.isDirectory() ? newest(join(dir, e.name)) : statSync(join(dir, e.name)).mtimeMs),
      0,
    );
  if (
    existsSync(DIST_INDEX) &&
    statSync(DIST_INDEX).mtimeMs >=
      Math.max(newest(join(ROOT, 'web/src')), statSync(join(ROOT, 'web/index.html')).mtimeMs)
  )
    return;
  const r = spawnSync(
    process.execPath,
    [join(ROOT, 'node_modules/vite/bin/vite.js'), 'build', 'web', '--logLevel', 'warn'],
    { cwd: ROOT, encoding: 'utf8' },
  );
  assert.equal(r.status, 0, `vite build failed: ${r.stderr}`);
}

/**
 * How long a page action or wait may take before the test fails. Playwright's own default (30 s) is what timed out
 * on a busy two-core machine while the hub computed a costs answer; the waits name the event they wait for, so a long
 * deadline only costs time when something is really broken.
 */
export const BROWSER_DEADLINE_MS = 120_000;

/** A page whose actions and waits use BROWSER_DEADLINE_MS. */
export async function newPage(browser: Browser, options?: Parameters<Browser['newPage']>[0]): Promise<Page> {
  const page = await browser.newPage(options);
  page.setDefaultTimeout(BROWSER_DEADLINE_MS);
  page.setDefaultNavigationTimeout(BROWSER_DEADLINE_MS);
  return page;
}

export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
  });
}

/** Signs in through the login form of the page's current address (the form must be on its way). */
export async function signIn(
  page: Page,
  user: { readonly username: string; readonly password: string },
): Promise<void> {
  await page.waitForSelector('[data-testid=login-form]');
  await page.fill('[data-testid=login-form] input[name=username]', user.username);
  await page.fill('[data-testid=login-form] input[name=password]', user.password);
  await page.click('[data-testid=login-form] button[type=submit]');
}
