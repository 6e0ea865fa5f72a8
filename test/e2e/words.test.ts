// No page shows a message key that was never translated, nor a hub catalogue code, in French or in English: every
// main page of the demo household, real hub and real Chromium. Technical series identifiers shown on purpose in
// <code> are left out of the reading.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { fileURLToPath } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { startHub, type RunningHub } from '../../src/server/main.ts';
import { DICTIONARIES } from '../../web/src/i18n.ts';
import { ensureDashboardBuilt, launchChromium, newPage, signIn } from './browser-support.ts';

const SHOTS = fileURLToPath(new URL('../../.tmp/words/', import.meta.url));
const OWNER = { username: 'foyer', password: 'une phrase facile à retenir' };
const PAGES = ['/', '/data', '/reveal', '/costs', '/space', '/journal', '/receipts', '/rights', '/transparency'];
const KEYS = Object.keys(DICTIONARIES.fr);
const CODE = /\b[A-Z]{2,}_[A-Z_]+\b/;

let hub: RunningHub;
let browser: Browser;
let page: Page;
let dataDir: string;

before(async () => {
  ensureDashboardBuilt();
  mkdirSync(SHOTS, { recursive: true });
  dataDir = mkdtempSync(join(tmpdir(), 'courant-words-all-'));
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

/** What a person reads on the page, without the identifiers shown on purpose in <code>. */
const visibleText = () =>
  page.evaluate(() => {
    const codes = [...document.querySelectorAll('code')] as HTMLElement[];
    codes.forEach((c) => (c.style.display = 'none'));
    const text = document.body.innerText;
    codes.forEach((c) => (c.style.display = ''));
    return text;
  });

for (const lang of ['fr', 'en'] as const)
  test(`the main pages show no untranslated key and no catalogue code (${lang})`, async () => {
    if ((await page.getAttribute('html', 'lang')) !== lang) await page.click('[data-testid=lang-switch]');
    await page.waitForSelector(`html[lang=${lang}]`);
    for (const path of PAGES) {
      await page.goto(`${hub.url}/#${path}`);
      await page.waitForSelector('main h2, main h1');
      // the page's answers are in (nothing left loading)
      await page.waitForFunction(
        (loading) => !document.querySelector('main')?.innerText.includes(loading),
        lang === 'fr' ? 'Chargement' : 'Loading',
      );
      const text = await visibleText();
      const keys = KEYS.filter((k) => new RegExp(`(^|[^\\w.])${k.replace(/\./g, '\\.')}($|[^\\w.])`).test(text));
      assert.deepEqual(keys, [], `${lang} ${path} shows message keys`);
      assert.ok(!CODE.test(text), `${lang} ${path} shows a code: ${text.match(CODE)?.[0]}`);
      await page.screenshot({ path: join(SHOTS, `${lang}${path.replace(/\//g, '-') || '-'}.png`) });
    }
  });
