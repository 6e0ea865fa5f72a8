// The public #/statistics page in a real headless Chromium: a release published on a real population (consents given
// through the consent services) is listed without signing in, with its guarantee in words; the French page shows no
// catalogue code, option, method code or release id, the English one no code; readable at 1280 and 390 px (no
// sideways scrolling); the CSV link downloads the file whose fingerprint the page shows.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { fileURLToPath } from 'node:url';
import type { Browser } from 'playwright-core';
import { startHub, type RunningHub } from '../../src/server/main.ts';
import { openPopulation, prmOf } from '../../src/use-cases/statistics/test-support.ts';
import { DAY, fixtureBatches, giveVia, OPERATOR, T0 } from '../../src/use-cases/consent/test-support.ts';
import { ensureDashboardBuilt, launchChromium, newPage, signIn } from './browser-support.ts';

const SHOTS = fileURLToPath(new URL('../../.tmp/statistics-page/', import.meta.url));
/** A catalogue code, an option, a release id, the method's internal wording or a query code. */
const DEVELOPER = [/\b[A-Z]+_[A-Z_]+\b/, /--\w+/, /\brel-[0-9a-f]/, /zCDP/, /hour-of-day|areaKind|clipWh/];

const FOYER = { username: 'foyer', password: 'une phrase facile à retenir' };
const FOYER_PRM = prmOf(99);

let hub: RunningHub;
let browser: Browser;
let dataDir: string;
let releaseId: string;
let sha: string;

before(async () => {
  ensureDashboardBuilt();
  mkdirSync(SHOTS, { recursive: true });
  dataDir = mkdtempSync(join(tmpdir(), 'courant-stats-page-'));
  // 40 homes in one commune, 2 in another: at ε = 2 a cell crosses the publication threshold wrongly only beyond 8σ
  const pop = await openPopulation({ '92071': 40, '92050': 2 }, {}, dataDir, Date.now());
  // one more household with an account, to see the release on its journal
  const account = await pop.hub.accounts.createAccount(OPERATOR, { ...FOYER, role: 'household' });
  // moved in before its readings (2007), consenting now
  pop.hub.clock.t = T0 - DAY;
  await pop.hub.consents.startOccupancy(OPERATOR, { prm: FOYER_PRM, subject: account.id });
  pop.hub.clock.t = Date.now();
  await pop.hub.storage.store.write(fixtureBatches(FOYER_PRM));
  await (await pop.hub.storage.repositories.profiles()).setArea(FOYER_PRM, 'commune', '92071', Date.now());
  await giveVia(
    pop.hub,
    { kind: 'household', id: account.id },
    {
      prm: FOYER_PRM,
      recipient: 'stats-coop',
      purpose: 'anonymised-statistics',
      step: 'P1D',
    },
  );
  await pop.hub.close();
  hub = await startHub({ dataDir, port: 0, demo: false, env: {}, logLevel: 'silent' });
  const r = await hub.hub.releases.release(
    { kind: 'operator', id: 'op' },
    {
      publisher: 'stats-coop',
      areaKind: 'commune',
      bucket: 'day',
      from: '2007-01-01',
      to: '2007-01-04',
      epsilon: 2,
      clipWh: 40_000,
      statistics: ['count', 'sum', 'mean', 'quantiles'],
    },
  );
  releaseId = r.body.releaseId;
  sha = r.body.files.csv.sha256;
  browser = await launchChromium();
});

after(async () => {
  await browser?.close();
  await hub?.close();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

for (const width of [1280, 390]) {
  test(`#/statistics lists the release and its guarantee in words, French then English, at ${width} px`, async () => {
    const page = await newPage(browser, { viewport: { width, height: 900 } });
    try {
      await page.goto(`${hub.url}/#/statistics`);
      await page.waitForSelector('[data-testid=release-item]');
      assert.equal(await page.locator('[data-testid=release-item]').count(), 1);
      assert.equal(await page.getAttribute('[data-testid=release-item]', 'data-release'), releaseId);
      const fr = await page.locator('main').innerText();
      assert.match(fr, /Statistiques publiées/);
      assert.match(fr, /Stats Coop/);
      assert.match(fr, /communes/);
      assert.match(fr, /du 1 janvier 2007 au 3 janvier 2007 inclus/);
      assert.match(fr, /confidentialité différentielle de niveau ε = 2 \(ρ = 2/);
      assert.match(fr, /3 publiées, 3 masquées \(seuil de 10 foyers, marge pour le bruit comprise\)/);
      assert.match(fr, /au plus pour 40 kWh par jour/);
      assert.match(fr, new RegExp(`Empreinte SHA-256 du tableau : ${sha}`));
      for (const re of DEVELOPER) assert.ok(!re.test(fr), `the French page shows ${re}`);
      assert.ok(
        (await page.evaluate(() => document.documentElement.scrollWidth)) <= width,
        `no sideways scrolling at ${width} px`,
      );
      await page.screenshot({ path: join(SHOTS, `statistics-fr-${width}.png`), fullPage: true });

      await page.click('[data-testid=lang-switch]');
      await page.waitForSelector('html[lang=en]');
      const en = await page.locator('main').innerText();
      assert.match(en, /differential privacy at ε = 2 \(ρ = 2/);
      assert.match(en, /from 1 January 2007 to 3 January 2007 inclusive/);
      assert.ok(!/\b[A-Z]+_[A-Z_]+\b/.test(en) && !/\brel-[0-9a-f]/.test(en), 'no code or id in English');
      assert.ok((await page.evaluate(() => document.documentElement.scrollWidth)) <= width);
      await page.screenshot({ path: join(SHOTS, `statistics-en-${width}.png`), fullPage: true });
      await page.click('[data-testid=lang-switch]');
      await page.waitForSelector('html[lang=fr]');

      // the CSV link serves the file the fingerprint names
      const href = await page.getAttribute('[data-testid=release-csv]', 'href');
      const res = await fetch(new URL(href!, `${hub.url}/`));
      assert.equal(res.status, 200);
      assert.equal(
        createHash('sha256')
          .update(Buffer.from(await res.arrayBuffer()))
          .digest('hex'),
        sha,
      );
    } finally {
      await page.close();
    }
  });
}

test('the journal of a contributing household lists the release, in words', async () => {
  const page = await newPage(browser, { viewport: { width: 390, height: 900 } });
  try {
    await page.goto(`${hub.url}/#/journal`);
    await signIn(page, FOYER);
    try {
      await page.waitForSelector('[data-testid=my-releases] li', { timeout: 15_000 });
    } catch (e) {
      await page.screenshot({ path: join(SHOTS, 'journal-failed.png'), fullPage: true });
      throw e;
    }
    const line = await page.locator('[data-testid=my-releases]').innerText();
    assert.match(line, /^Stats Coop, .* : communes, par jour, du 1 janvier 2007 au 3 janvier 2007$/);
    for (const re of DEVELOPER) assert.ok(!re.test(line), `the journal shows ${re}`);
    // the publisher's read is in the journal too
    assert.match(await page.locator('[data-testid=journal-table]').innerText(), /Stats Coop/);
    assert.ok((await page.evaluate(() => document.documentElement.scrollWidth)) <= 390);
    await page.screenshot({ path: join(SHOTS, 'journal-fr-390.png'), fullPage: true });
  } finally {
    await page.close();
  }
});
