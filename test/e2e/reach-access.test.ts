// Reach and access, in a real headless Chromium against the real hub (demo household): every section's tab is on the
// screen at 1280, 390 and 320 px in French and English (the tabs wrap, nothing scrolls off), the charts carry a text
// summary for screen readers, and a throttled sign-in states the wait the hub really imposes.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { fileURLToPath } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { startHub, type RunningHub } from '../../src/server/main.ts';
import { ensureDashboardBuilt, launchChromium, newPage, signIn } from './browser-support.ts';

const SHOTS = fileURLToPath(new URL('../../.tmp/reach-access/', import.meta.url));
const OWNER = { username: 'foyer', password: 'une phrase facile à retenir' };

let hub: RunningHub;
let browser: Browser;
let page: Page;
let dataDir: string;

before(async () => {
  ensureDashboardBuilt();
  mkdirSync(SHOTS, { recursive: true });
  dataDir = mkdtempSync(join(tmpdir(), 'courant-reach-'));
  hub = await startHub({ dataDir, port: 0, demo: true, owner: OWNER, onProgress: () => {} });
  browser = await launchChromium();
  page = await newPage(browser, { viewport: { width: 1280, height: 900 } });
  await page.goto(`${hub.url}/#/`);
  await signIn(page, OWNER);
  await page.waitForSelector('[data-testid=power-chart]');
});

after(async () => {
  await browser?.close();
  await hub?.close();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

async function setLanguage(lang: 'fr' | 'en'): Promise<void> {
  if ((await page.getAttribute('html', 'lang')) !== lang) await page.click('[data-testid=lang-switch]');
  await page.waitForSelector(`html[lang=${lang}]`);
}

for (const lang of ['fr', 'en'] as const)
  test(`every tab is on the screen at 1280, 390 and 320 px (${lang})`, async () => {
    await setLanguage(lang);
    for (const width of [1280, 390, 320]) {
      await page.setViewportSize({ width, height: 900 });
      await page.waitForFunction((w) => document.documentElement.clientWidth === w, width);
      const tabs = await page.$$eval('nav.tabs a', (as) =>
        as.map((a) => {
          const r = a.getBoundingClientRect();
          return { text: a.textContent, left: r.left, right: r.right };
        }),
      );
      assert.ok(tabs.length >= 8, `${tabs.length} tabs`);
      for (const tab of tabs)
        assert.ok(
          tab.left >= 0 && tab.right <= width,
          `${lang} ${width} px: "${tab.text}" at ${tab.left}–${tab.right}`,
        );
      const nav = await page.$eval('nav.tabs', (n) => ({ scroll: n.scrollWidth, client: n.clientWidth }));
      assert.ok(nav.scroll <= nav.client, `${lang} ${width} px: the tab bar scrolls (${nav.scroll} > ${nav.client})`);
      const doc = await page.evaluate(() => document.documentElement.scrollWidth);
      const wide = await page.$$eval('body *', (els) =>
        els
          .filter((e) => e.getBoundingClientRect().right > document.documentElement.clientWidth + 1)
          .map((e) => `${e.tagName}.${e.className}`)
          .slice(0, 5),
      );
      assert.ok(doc <= width, `${lang} ${width} px: the page is ${doc} px wide (${wide.join(', ')})`);
      await page.screenshot({ path: join(SHOTS, `tabs-${lang}-${width}.png`) });
    }
    await page.setViewportSize({ width: 1280, height: 900 });
  });

test('the curve and the daily bars are described in words (range, lowest, highest, mean) in French and English', async () => {
  await setLanguage('fr');
  await page.goto(`${hub.url}/#/`);
  await page.waitForFunction(() => /au plus bas/.test(document.getElementById('power-summary')?.textContent ?? ''));
  const power = (await page.textContent('#power-summary'))!;
  assert.match(
    power,
    /^Courbe de puissance du .+ au .+ : au plus bas [\d  ,]+ k?W, au plus haut [\d  ,]+ k?W, en moyenne/,
  );
  assert.equal(await page.getAttribute('[data-testid=power-chart]', 'aria-describedby'), 'power-summary');
  const daily = (await page.textContent('#daily-summary'))!;
  assert.match(daily, /^Énergie consommée par jour du .+ au .+ : au plus bas [\d  ,]+ kWh, au plus haut 67,2 kWh/);
  await setLanguage('en');
  await page.waitForFunction(() => /lowest/.test(document.getElementById('power-summary')?.textContent ?? ''));
  assert.match(
    (await page.textContent('#daily-summary'))!,
    /^Energy used per day from .+: lowest .+ highest 67\.2 kWh/,
  );
  // hidden from sight, not from the accessibility tree
  const box = await page.$eval('#power-summary', (p) => p.getBoundingClientRect().width);
  assert.ok(box <= 1, `the summary takes no room (${box} px)`);
});

test('a throttled sign-in says the wait the hub imposes, in minutes or seconds, not "a few minutes"', async () => {
  const other = await newPage(browser, { viewport: { width: 390, height: 844 } });
  try {
    await other.goto(`${hub.url}/#/`);
    await other.waitForSelector('[data-testid=login-form]');
    let retryAfter = 0;
    for (let i = 0; i < 12 && !retryAfter; i++) {
      await other.fill('[data-testid=login-form] input[name=username]', OWNER.username);
      await other.fill('[data-testid=login-form] input[name=password]', 'pas le bon mot de passe');
      const [res] = await Promise.all([
        other.waitForResponse((r) => r.url().includes('/api/auth/login')),
        other.click('[data-testid=login-form] button[type=submit]'),
      ]);
      if (res.status() === 429) retryAfter = Number(res.headers()['retry-after']);
      await other.waitForSelector('[data-testid=login-form] [role=alert]');
      await other.waitForSelector('[data-testid=login-form] button[type=submit]:not([disabled])');
    }
    assert.ok(retryAfter > 0, 'the hub throttled the sign-in');
    const said = (await other.textContent('[data-testid=login-form] [role=alert]'))!.replace(/[\u00a0\u202f]/g, ' ');
    const expected =
      retryAfter < 120 ? `réessayez dans ${retryAfter} s` : `réessayez dans ${Math.ceil(retryAfter / 60)} min`;
    assert.ok(said.includes(expected), `${JSON.stringify(said)} states the wait of ${retryAfter} s`);
    assert.ok(!/quelques/.test(said), said);
    await other.screenshot({ path: join(SHOTS, 'throttled-fr-390.png') });
  } finally {
    await other.close();
  }
});
