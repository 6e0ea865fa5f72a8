// Meters as first-class, in a real headless Chromium against the real hub (demo household, real DuckDB file): the
// switcher in the header kept in the address, an import of another meter adds it without taking the view, a file
// that masks its meter is asked about in the page, and after a purge or an erasure every page still works.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { fileURLToPath } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { startHub, type RunningHub } from '../../src/server/main.ts';
import { ensureDashboardBuilt, launchChromium, newPage, signIn } from './browser-support.ts';

const FIXTURES = fileURLToPath(new URL('../fixtures/enedis/', import.meta.url));
const SHOTS = fileURLToPath(new URL('../../.tmp/meters/', import.meta.url));
const DEMO = '99999999999901';
/** What the anonymised SGE file turns out to be, once the household says so (it sorts before the demo's number). */
const SGE = '01234567890128';
const TYPED = '14290000000001';
const OWNER = { username: 'foyer', password: 'une phrase facile à retenir' };
/** A catalogue code, a field path or a command-line option: never in what a household reads. */
const DEVELOPER = [/\b[A-Z]+_[A-Z_]+\b/, /\bcontrol\.\w+/, /--\w+/, /YYYY/];

let hub: RunningHub;
let browser: Browser;
let page: Page;
let dataDir: string;

before(async () => {
  ensureDashboardBuilt();
  mkdirSync(SHOTS, { recursive: true });
  dataDir = mkdtempSync(join(tmpdir(), 'courant-meters-'));
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

const meterInView = () => page.getAttribute('[data-testid=meter-header]', 'data-prm');
const meterInAddress = () => page.evaluate(() => new URLSearchParams(location.hash.split('?')[1] ?? '').get('m'));

function clean(where: string, text: string): void {
  for (const re of DEVELOPER) assert.ok(!re.test(text), `${where} shows ${re}: ${JSON.stringify(text)}`);
}

async function setLanguage(lang: 'fr' | 'en'): Promise<void> {
  if ((await page.getAttribute('html', 'lang')) !== lang) await page.click('[data-testid=lang-switch]');
  await page.waitForSelector(`html[lang=${lang}]`);
}

test('the meter in view is in the address; an imported meter is added beside it, never in its place', async () => {
  await setLanguage('fr');
  assert.equal(await meterInView(), DEMO);
  assert.equal(await meterInAddress(), DEMO, 'the default meter is pinned in the address');
  assert.equal(await page.locator('[data-testid=meter-switch]').count(), 0, 'one meter: nothing to switch');
  await page.click(`nav.tabs a[href^="#/data"]`);
  await page.waitForSelector('[data-testid=import-upload]');
  assert.equal(await meterInAddress(), DEMO, 'the tabs keep the meter');
  // an anonymised SGE file (its PRM is fourteen zeros): the page asks which meter it is, a new one here
  await page.setInputFiles('[data-testid=import-file]', join(FIXTURES, 'sge-r63-quality.csv'));
  await page.waitForSelector('[data-testid=meter-question]');
  await page.check('[data-testid=import-meter-other]');
  await page.fill('[data-testid=import-meter-number]', SGE);
  await page.click('[data-testid=import-meter-submit]');
  await page.waitForSelector('[data-import-status=ok]');
  assert.ok(!(await hub.hub.store.usagePoints()).includes('00000000000000' as never), 'no meter of zeros');
  const done = await page.locator('[data-import-status=ok]').innerText();
  assert.match(done, new RegExp(`Nouveau compteur ajouté : ${SGE}\\. Vous restez sur le compteur ${DEMO}`));
  await page.waitForSelector('[data-testid=meter-switch]');
  assert.equal(await meterInView(), DEMO, 'the meter in view stays');
  const options = await page.locator('[data-testid=meter-switch] option').allInnerTexts();
  assert.equal(options.length, 2);
  assert.ok(options.some((o) => o.includes(DEMO)) && options.some((o) => o.includes(SGE)), options.join(' | '));
  clean('the header', await page.locator('[data-testid=meter-header]').innerText());
  await page.screenshot({ path: join(SHOTS, 'imported-fr-1280.png'), fullPage: true });
  // switching is a choice in the header, kept in the address: a reload stays on it
  await page.selectOption('[data-testid=meter-switch]', SGE);
  await page.waitForSelector(`[data-testid=meter-header][data-prm="${SGE}"]`);
  assert.equal(await meterInAddress(), SGE);
  await page.reload();
  await page.waitForSelector(`[data-testid=meter-header][data-prm="${SGE}"]`);
  assert.match(await page.locator('[data-testid=meter-source]').innerText(), /Source : Enedis, via le fournisseur/);
  await page.click(`nav.tabs a[href^="#/"]:not([href^="#/data"])`);
  await page.waitForSelector(`[data-testid=meter-header][data-prm="${SGE}"]`);
  assert.equal(await meterInAddress(), SGE);
  await page.selectOption('[data-testid=meter-switch]', DEMO);
  await page.waitForSelector(`[data-testid=meter-header][data-prm="${DEMO}"]`);
});

test('a file that masks its meter is asked about in the page, then imported into the meter chosen', async () => {
  await page.goto(`${hub.url}/#/data?m=${DEMO}`);
  await page.waitForSelector('[data-testid=import-upload]');
  // the file picker is reached with the keyboard: Tab from the number field lands on it
  await page.focus('[data-testid=import-prm]');
  await page.keyboard.press('Tab');
  assert.equal(await page.evaluate(() => document.activeElement?.getAttribute('data-testid')), 'import-file');
  await page.setInputFiles('[data-testid=import-file]', join(FIXTURES, 'portal-heure-dst-spring.csv'));
  await page.waitForSelector('[data-testid=meter-question]');
  const asked = await page.locator('[data-testid=meter-question]').innerText();
  assert.match(asked, /ne dit pas à quel compteur il appartient/);
  assert.match(asked, new RegExp(DEMO));
  clean('the question', asked);
  await page.screenshot({ path: join(SHOTS, 'masked-question-fr-1280.png'), fullPage: true });
  // another meter, typed with the keyboard; a wrong number is said in words and sends nothing
  await page.check('[data-testid=import-meter-other]');
  await page.fill('[data-testid=import-meter-number]', '1429');
  await page.click('[data-testid=import-meter-submit]');
  await page.waitForSelector('[data-testid=meter-question] [role=alert]');
  assert.match(await page.locator('[data-testid=meter-question] [role=alert]').innerText(), /exactement 14 chiffres/);
  await page.fill('[data-testid=import-meter-number]', '1429 0000 0000 01');
  await page.focus('[data-testid=import-meter-submit]');
  await page.keyboard.press('Enter');
  await page.waitForSelector('[data-import-status=ok]');
  assert.match(await page.locator('[data-import-status=ok]').innerText(), /valeurs ajoutées/);
  assert.ok((await hub.hub.store.usagePoints()).includes(TYPED as never));
  await page.waitForFunction((n) => document.querySelectorAll('[data-testid=meter-switch] option').length === n, 3);
  assert.equal(await meterInView(), DEMO);
});

test('after the detailed history is erased the overview works at once; after an erasure the page says what happened', async () => {
  await page.goto(`${hub.url}/#/space?m=${DEMO}`);
  await page.waitForSelector('[data-control=purge-fine-history]');
  await page.click('[data-testid=control-purge-fine-history]');
  await page.click('[data-testid=confirm-go]');
  await page.waitForSelector('[data-control=purge-fine-history] [data-testid=receipt-note]');
  await page.click(`nav.tabs a[href^="#/?"]`);
  await page.waitForSelector('[data-testid=no-detail]');
  assert.equal(await page.locator('.error-box').count(), 0, 'no error box: the page knows what is held');
  clean('the overview', await page.locator('main').innerText());
  await page.screenshot({ path: join(SHOTS, 'purged-fr-1280.png'), fullPage: true });

  // erase everything of the SGE meter from "Mes droits": the page lands on a meter that works, and says so
  await page.goto(`${hub.url}/#/rights?m=${SGE}`);
  await page.waitForSelector('[data-testid=erase-form]');
  await page.fill('[data-testid=erase-confirm]', SGE);
  await page.click('[data-testid=erase-submit]');
  await page.click('[data-testid=confirm-go]');
  await page.waitForSelector('[data-testid=erase-form] [data-testid=receipt-note], [data-testid=meter-gone]');
  await page.click(`nav.tabs a[href^="#/?"]`);
  await page.waitForSelector('[data-testid=meter-empty], [data-testid=meter-gone], [data-testid=power-chart]');
  assert.equal(await page.locator('.error-box').count(), 0);
  const text = await page.locator('main').innerText();
  clean('the page after erasure', text);
  assert.ok(!/not found|HTTP/.test(text), text);
  await page.screenshot({ path: join(SHOTS, 'erased-fr-1280.png'), fullPage: true });
});

test('in English at 390 px the header names the meter, its number and its source, and switches with the keyboard', async () => {
  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto(`${hub.url}/#/?m=${TYPED}`);
  await setLanguage('en');
  await page.waitForSelector(`[data-testid=meter-header][data-prm="${TYPED}"]`);
  const header = await page.locator('[data-testid=meter-header]').innerText();
  assert.match(header, /Meter shown/);
  assert.match(header, /Source: File downloaded from your Enedis customer account/);
  clean('the header', header);
  const box = (await page.locator('[data-testid=meter-switch]').boundingBox())!;
  assert.ok(box.x >= 0 && box.x + box.width <= 390, `switcher within the screen: ${JSON.stringify(box)}`);
  await page.focus('[data-testid=meter-switch]');
  await page.keyboard.press('ArrowDown');
  await page.waitForFunction(
    (p) => document.querySelector('[data-testid=meter-header]')?.getAttribute('data-prm') !== p,
    TYPED,
  );
  assert.notEqual(await meterInAddress(), TYPED);
  await page.screenshot({ path: join(SHOTS, 'header-en-390.png'), fullPage: true });
});
