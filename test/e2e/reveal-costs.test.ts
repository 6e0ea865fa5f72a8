// "Ce que mes données révèlent" and "Coûts et offres" as the household sees them: the real hub (DuckDB file in a
// temp dir, demo household, an owner account, one configured recipient) serving the built web/dist, driven in
// Debian's headless Chromium through playwright-core. Screenshots: .tmp/reveal-*.png, .tmp/costs-*.png.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { fileURLToPath } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { testClient } from '../../src/use-cases/consent/test-support.ts';
import { startHub, type RunningHub } from '../../src/server/main.ts';
import { ensureDashboardBuilt, launchChromium, signIn } from './browser-support.ts';
import { DEFAULT_OFFERS } from '../../src/tariffs/prices.ts';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const SHOTS = join(ROOT, '.tmp');
const OWNER = { username: 'foyer', password: 'une phrase facile à retenir' };
const RECIPIENT = testClient({
  clientId: 'conseil-energie',
  name: 'Conseil Énergie SAS',
  purposes: ['personalised-advice'],
  finestStep: 'PT30M',
});

let hub: RunningHub;
let browser: Browser;
let page: Page;
let dataDir: string;
const problems: string[] = [];

before(async () => {
  ensureDashboardBuilt();
  mkdirSync(SHOTS, { recursive: true });
  dataDir = mkdtempSync(join(tmpdir(), 'courant-reveal-web-'));
  hub = await startHub({
    dataDir,
    port: 0,
    demo: true,
    owner: OWNER,
    clients: [RECIPIENT],
    onProgress: () => {},
  });
  browser = await launchChromium();
  page = await browser.newPage({ viewport: { width: 1200, height: 900 }, timezoneId: 'America/New_York' });
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  page.on('console', (m) => m.type() === 'error' && problems.push(`console: ${m.text()}`));
  page.on(
    'request',
    (r) =>
      !r.url().startsWith(hub.url) && !r.url().startsWith('data:') && problems.push(`external request: ${r.url()}`),
  );
  await page.goto(hub.url);
  await signIn(page, OWNER);
  await page.waitForSelector('[data-testid=household-label]');
});

after(async () => {
  await browser?.close();
  await hub?.close();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

/** Pixels of a canvas that are neither grey (grid, axes, text) nor blank: the plotted series' colours. */
const colouredPixels = (selector: string) =>
  page.evaluate((sel) => {
    const canvas = document.querySelector<HTMLCanvasElement>(`${sel} canvas`)!;
    const { data } = canvas.getContext('2d')!.getImageData(0, 0, canvas.width, canvas.height);
    let n = 0;
    for (let i = 0; i < data.length; i += 4) {
      const [r, g, b, a] = [data[i]!, data[i + 1]!, data[i + 2]!, data[i + 3]!];
      if (a > 40 && Math.max(r, g, b) - Math.min(r, g, b) > 60) n++;
    }
    return n;
  }, selector);

test('"Ce que mes données révèlent": routine plot drawn, the Feb–Mar 2007 absence marked, the measured table', async () => {
  await page.click('nav a[href^="#/reveal"]');
  await page.waitForSelector('[data-testid=reveal-sentence]');
  assert.match(
    (await page.textContent('[data-testid=reveal-sentence]'))!,
    /^Avec des données toutes les 30 minutes, un destinataire pourrait estimer que vous vous levez habituellement vers \d\d:\d\d/,
  );
  assert.equal(await page.getAttribute('[data-testid=reveal-steps] [aria-pressed=true]', 'data-step'), 'PT30M');
  await page.locator('[data-testid=routine-plot] canvas').waitFor();
  const dots = await colouredPixels('[data-testid=routine-plot]');
  assert.ok(dots > 500, `the routine plot holds drawn points (${dots} coloured pixels)`);
  // the demo household was away from about 25 February to 2 March 2007
  const absent = await page.$$eval('[data-testid=absence-calendar] [data-absent=true]', (els) =>
    els.map((e) => e.getAttribute('data-date')),
  );
  for (const d of ['2007-02-26', '2007-02-27', '2007-02-28', '2007-03-01'])
    assert.ok(absent.includes(d), `${d} marked absent (${absent.join(', ')})`);
  assert.ok(absent.length < 30, 'not every day is marked');
  assert.ok(Number(await page.getAttribute('[data-testid=heater-strip]', 'data-runs')) > 50, 'water-heater runs drawn');
  // the table: five steps, our figure for the water heater at 30 minutes from src/reveal/figures.json, a published
  // anchor
  assert.deepEqual(
    await page.$$eval('[data-testid=step-table] thead th[data-step]', (els) =>
      els.map((e) => e.getAttribute('data-step')),
    ),
    ['PT1M', 'PT10M', 'PT30M', 'PT1H', 'P1D'],
  );
  const figures = JSON.parse((await import('node:fs')).readFileSync(join(ROOT, 'src/reveal/figures.json'), 'utf8')) as {
    results: { detector: string; metric: string; step: string; protection: string; value: number }[];
  };
  const wh = figures.results.find(
    (r) => r.detector === 'water_heater' && r.metric === 'f1' && r.step === 'PT30M' && r.protection === 'none',
  )!;
  assert.equal(
    (await page.textContent('[data-inference=water_heater] td[data-step=PT30M] .fig'))!.trim(),
    new Intl.NumberFormat('fr-FR', { minimumFractionDigits: 2, maximumFractionDigits: 2 }).format(wh.value),
  );
  assert.match((await page.textContent('[data-inference=kettle]'))!, /0,59–0,66|0\.59–0\.66/);
  await page.screenshot({ path: join(SHOTS, 'reveal-fr.png'), fullPage: true });
  // a daily step: only the absences remain
  await page.click('[data-testid=reveal-steps] [data-step=P1D]');
  await page.waitForFunction(() =>
    document.querySelector('[data-testid=reveal-sentence]')?.textContent?.startsWith('Avec des données journalières'),
  );
  assert.equal(await page.$('[data-testid=routine-plot]'), null, 'no routine at the daily step');
  assert.ok((await page.$$('[data-testid=absence-calendar] [data-absent=true]')).length > 0);
  assert.match(page.url(), /#\/reveal\?(.*&)?step=P1D$/);
});

test('"Coûts et offres": cost per day and month with numbers, the cheapest offer, the tax model and price table date', async () => {
  await page.click('nav a[href^="#/costs"]');
  await page.waitForSelector('[data-testid=cheapest]');
  const cheapest = await page.getAttribute('[data-testid=cheapest]', 'data-offer');
  assert.ok(cheapest, 'a cheapest offer is named');
  assert.equal(await page.getAttribute('[data-testid=offer-table] tbody tr:first-child', 'data-offer'), cheapest);
  const months = await page.$$eval('[data-testid=month-table] tbody tr', (rows) =>
    rows.map((r) => [r.getAttribute('data-month') ?? '', r.querySelector('td.total')?.textContent ?? ''] as const),
  );
  assert.ok(months.length >= 6, `months of the demo half-year: ${JSON.stringify(months)}`);
  assert.equal(months[0]![0], '2007-01');
  for (const [, total] of months) assert.match(total, /^\d[\d\s  ]*,\d\d\s?€$/, `a euro amount: ${total}`);
  // the demo (2007) predates the shipped price table: it is priced at the latest grid, and the page says so
  const fine = (await page.textContent('[data-testid=tax-model]'))!;
  assert.match(fine, /antérieures à la grille de prix/);
  // the date of the latest grid of the chosen offer in the shipped table, as the page writes it
  const latestGrid = DEFAULT_OFFERS.find((o) => o.id === cheapest)!
    .periods.map((p) => p.from)
    .sort()
    .at(-1)!;
  assert.ok(
    fine.includes(
      new Intl.DateTimeFormat('fr-FR', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' }).format(
        Date.parse(latestGrid),
      ),
    ),
    `grid of ${latestGrid} named`,
  );
  assert.match(fine, /toutes taxes comprises/);
  await page.locator('[data-testid=cost-bars] canvas').waitFor();
  assert.ok((await colouredPixels('[data-testid=cost-bars]')) > 500, 'the daily cost bars are drawn');
  await page.screenshot({ path: join(SHOTS, 'costs-fr.png'), fullPage: true });
  // another option chosen: the month table follows it
  const before = String(months[0]![1]);
  const other = await page.$('[data-testid=offer-table] tbody tr:nth-child(2) input:not([disabled])');
  assert.ok(other, 'a second offer can be priced on the demo curve');
  await other.click();
  await page.waitForFunction(
    (b) => document.querySelector('[data-testid=month-table] tbody tr td.total')?.textContent !== b,
    before,
  );
  assert.equal(
    await page.getAttribute('[data-testid=offer-table] tr.chosen', 'data-offer'),
    await page.getAttribute('[data-testid=offer-table] tbody tr:nth-child(2)', 'data-offer'),
  );
});

test('a consent screen for 30-minute data shows the household its personal preview; the daily one does not', async () => {
  await page.click('nav a[href^="#/space"]');
  await page.waitForSelector('[data-testid=consent-box]');
  const preview = page.locator('[data-testid=reveal-preview][data-step=PT30M] [data-testid=reveal-preview-sentence]');
  await page.waitForFunction(() =>
    /pourrait estimer/.test(document.querySelector('[data-testid=reveal-preview][data-step=PT30M]')?.textContent ?? ''),
  );
  assert.match(
    (await preview.textContent())!,
    /^Avec des données toutes les 30 minutes, un destinataire pourrait estimer que vous vous levez habituellement vers \d\d:\d\d, que votre logement était inoccupé du \d+ février au \d+ mars/,
  );
  assert.equal(await page.$('[data-testid=reveal-preview][data-step=P1D]'), null, 'no preview for daily data');
  await page.locator('[data-testid=reveal-preview][data-step=PT30M]').scrollIntoViewIfNeeded();
  await page.screenshot({ path: join(SHOTS, 'reveal-consent-preview.png') });
  // English
  await page.click('[data-testid=lang-switch]');
  await page.waitForFunction(() =>
    /^With 30-minute data/.test(
      document.querySelector('[data-testid=reveal-preview][data-step=PT30M] [data-testid=reveal-preview-sentence]')
        ?.textContent ?? '',
    ),
  );
  await page.click('nav a[href^="#/reveal"]');
  await page.waitForFunction(() =>
    /^With /.test(document.querySelector('[data-testid=reveal-sentence]')?.textContent ?? ''),
  );
  await page.screenshot({ path: join(SHOTS, 'reveal-en.png'), fullPage: true });
  await page.click('[data-testid=lang-switch]');
  assert.deepEqual(problems, []);
});
