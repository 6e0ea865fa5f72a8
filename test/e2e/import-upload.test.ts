// Importing an Enedis file from the dashboard, in a real headless Chromium against the real hub.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { fileURLToPath } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { startHub, type RunningHub } from '../../src/server/main.ts';
import { launchChromium, signIn } from './browser-support.ts';

const FIXTURES = fileURLToPath(new URL('../fixtures/enedis/', import.meta.url));
const OWNER = { username: 'foyer', password: 'une phrase facile à retenir' };
let hub: RunningHub;
let browser: Browser;
let page: Page;

before(async () => {
  hub = await startHub({
    dataDir: mkdtempSync(join(tmpdir(), 'courant-upload-')),
    port: 0,
    demo: true,
    owner: OWNER,
    onProgress: () => {},
  });
  browser = await launchChromium();
  page = await browser.newPage({ viewport: { width: 1200, height: 900 } });
  await page.goto(hub.url);
  await signIn(page, OWNER);
  await page.waitForSelector('[data-testid=power-chart]');
});
after(async () => {
  await browser?.close();
  await hub?.close();
});

test('a Data Connect answer uploaded from "what this hub holds" is imported; a faulty file is refused and stores nothing', async () => {
  await page.goto(`${hub.url}/#/data`);
  await page.waitForSelector('[data-testid=import-upload]');
  await page.setInputFiles('[data-testid=import-upload] input[type=file]', join(FIXTURES, 'dc-v5-curve-wrapped.json'));
  await page.waitForSelector('[data-import-status=ok]', { timeout: 20_000 });
  assert.match(
    (await page.textContent('[data-import-status=ok]'))!,
    /dc-v5-curve-wrapped\.json : [\d  ]+ valeurs ajoutées/,
  );
  assert.ok(
    (await hub.hub.store.usagePoints()).includes('99999999999991' as never),
    'the usage point of the file is now held',
  );
  const before = await hub.hub.store.list();
  await page.setInputFiles('[data-testid=import-upload] input[type=file]', join(FIXTURES, 'bad-value.csv'));
  // the file masks its meter: the page asks which one (the meter in view is offered first), then sends it again
  await page.waitForSelector('[data-testid=meter-question]', { timeout: 20_000 });
  await page.click('[data-testid=import-meter-submit]');
  await page.waitForSelector('[data-import-status=error]', { timeout: 20_000 });
  // the household's words: the file and what to do, never the parser's line/field report or its error code
  const refused = (await page.textContent('[data-import-status=error]'))!;
  assert.match(refused, /^bad-value\.csv : import refusé\. /);
  assert.ok(!/[A-Z]+_[A-Z_]+|line \d|field/.test(refused), refused);
  assert.deepEqual(await hub.hub.store.list(), before, 'nothing from the faulty file is stored');
  await page.screenshot({ path: fileURLToPath(new URL('../../.tmp/import-upload.png', import.meta.url)) });
});
