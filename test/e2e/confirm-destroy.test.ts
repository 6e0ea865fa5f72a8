// Every destructive action says exactly what will go before it goes: real hub (demo household, real DuckDB file),
// real Chromium, French at 1280 px and English at 390 px, with the keyboard. The dialog's numbers are the store's own.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { fileURLToPath } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { startHub, type RunningHub } from '../../src/server/main.ts';
import { ensureDashboardBuilt, launchChromium, newPage, signIn } from './browser-support.ts';

const SHOTS = fileURLToPath(new URL('../../.tmp/confirm-destroy/', import.meta.url));
const PRM = '99999999999901';
const OWNER = { username: 'foyer', password: 'une phrase facile à retenir' };
const DEVELOPER = [/\b[A-Z]+_[A-Z_]+\b/, /\bcontrol\.\w+/, /--\w+/, /YYYY/, /\bPT\d+M\b|\bP1D\b/];

let hub: RunningHub;
let browser: Browser;
let page: Page;
let dataDir: string;

before(async () => {
  ensureDashboardBuilt();
  mkdirSync(SHOTS, { recursive: true });
  dataDir = mkdtempSync(join(tmpdir(), 'courant-confirm-'));
  hub = await startHub({ dataDir, port: 0, demo: true, owner: OWNER, onProgress: () => {} });
  browser = await launchChromium();
  page = await newPage(browser, { viewport: { width: 1280, height: 900 } });
  await page.goto(`${hub.url}/#/space`);
  await signIn(page, OWNER);
  await page.waitForSelector('[data-control=purge-fine-history]');
});

after(async () => {
  await browser?.close();
  await hub?.close();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

const held = async () => (await hub.hub.store.list(PRM as never)).map((s) => [s.step, s.quantity, s.count].join(' '));
const digits = (s: string) => Number(s.replace(/[^\d]/g, ''));
/** The text as read, French number spaces (narrow no-break) as plain spaces. */
const plain = (s: string) => s.replace(/[\u00a0\u202f]/g, ' ');

function clean(where: string, text: string): void {
  for (const re of DEVELOPER) assert.ok(!re.test(text), `${where} shows ${re}: ${JSON.stringify(text)}`);
}

test('"Effacer l’historique détaillé" lists each series, its period and its values first; Escape keeps everything', async () => {
  const before = await held();
  const fine = (await hub.hub.store.list(PRM as never)).filter((s) => s.step !== 'P1D');
  await page.click('[data-testid=control-purge-fine-history]');
  await page.waitForSelector('[data-testid=confirm-destroy][open]');
  const dialog = page.locator('[data-testid=confirm-destroy]');
  const text = plain(await dialog.innerText());
  assert.match(text, /Confirmer : Effacer l’historique détaillé/);
  assert.equal(await dialog.locator('li').count(), fine.length, text);
  const total = fine.reduce((n, s) => n + s.count, 0);
  assert.equal(Number(await dialog.getAttribute('data-total')), total);
  assert.equal(digits(text.match(/En tout : ([\d ]+) valeurs/)![1]!), total, text);
  assert.match(
    text,
    /Puissance consommée, une valeur par minute : [\d ]+ valeurs, du 1 janvier 2007 au 1 juillet 2007/,
  );
  clean('the confirmation', text);
  // the cancel button has the focus: Enter alone never deletes
  assert.equal(await page.evaluate(() => document.activeElement?.getAttribute('data-testid')), 'confirm-cancel');
  await page.screenshot({ path: join(SHOTS, 'purge-fr-1280.png') });
  await page.keyboard.press('Escape');
  await page.waitForSelector('[data-testid=confirm-destroy]', { state: 'detached' });
  assert.deepEqual(await held(), before, 'nothing deleted');
});

test('a period to delete is checked first, then bounded in the confirmation ("au plus"); Cancel keeps it', async () => {
  const before = await held();
  await page.click('[data-testid=control-delete-range]');
  assert.match(await page.locator('[data-control=delete-data] [role=alert]').innerText(), /Choisissez le premier/);
  assert.equal(await page.locator('[data-testid=confirm-destroy]').count(), 0, 'no confirmation for no period');
  await page.fill('[data-testid=delete-from]', '2007-01-02');
  await page.fill('[data-testid=delete-to]', '2007-01-05');
  await page.click('[data-testid=control-delete-range]');
  const dialog = page.locator('[data-testid=confirm-destroy][open]');
  const text = plain(await dialog.innerText());
  // three days of minutes at most, for the minute curve: 3 × 1440
  assert.match(
    text,
    /Puissance consommée, une valeur par minute : au plus 4 320 valeurs, du 2 janvier 2007 au 4 janvier 2007/,
  );
  assert.match(text, /En tout : au plus/);
  clean('the confirmation', text);
  await page.screenshot({ path: join(SHOTS, 'range-fr-1280.png') });
  await page.click('[data-testid=confirm-cancel]');
  await page.waitForSelector('[data-testid=confirm-destroy]', { state: 'detached' });
  assert.deepEqual(await held(), before, 'nothing deleted');
});

test('in English at 390 px, confirmed with the keyboard, exactly the values listed go', async () => {
  await page.setViewportSize({ width: 390, height: 844 });
  if ((await page.getAttribute('html', 'lang')) !== 'en') await page.click('[data-testid=lang-switch]');
  await page.waitForSelector('html[lang=en]');
  await page.waitForSelector('[data-control=purge-fine-history]');
  const fine = (await hub.hub.store.list(PRM as never)).filter((s) => s.step !== 'P1D');
  await page.click('[data-testid=control-purge-fine-history]');
  const dialog = page.locator('[data-testid=confirm-destroy][open]');
  const text = plain(await dialog.innerText());
  assert.match(text, /^Confirm: Erase detailed history/);
  assert.match(text, /In all: [\d,]+ values deleted\./);
  clean('the confirmation', text);
  const box = (await dialog.boundingBox())!;
  assert.ok(box.x >= 0 && box.x + box.width <= 390, `the dialog fits: ${JSON.stringify(box)}`);
  await page.screenshot({ path: join(SHOTS, 'purge-en-390.png') });
  await page.keyboard.press('Tab'); // from Cancel to Delete for good
  assert.equal(await page.evaluate(() => document.activeElement?.getAttribute('data-testid')), 'confirm-go');
  await page.keyboard.press('Enter');
  await page.waitForSelector('[data-control=purge-fine-history] [data-testid=receipt-note]');
  const left = await hub.hub.store.list(PRM as never);
  assert.deepEqual(
    left.map((s) => s.step),
    ['P1D'],
    'only the daily totals remain',
  );
  assert.ok(fine.length >= 3);
});
