// The table "what each step reveals about you" as the household sees it: out-of-sample figures only (each evaluation
// home scored with settings chosen on the other homes), the median and range over the homes, a verdict per step, what
// the chosen step leaves in words, and at the daily step the day-level facts — in French without English or internal
// codes, and in English, at 1280 and 390 px. Real hub (demo household), Debian's headless Chromium through
// playwright-core. Screenshots: .tmp/reveal-oos/*.png.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { fileURLToPath } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { startHub, type RunningHub } from '../../src/server/main.ts';
import { ensureDashboardBuilt, launchChromium, newPage, signIn } from './browser-support.ts';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const SHOTS = join(ROOT, '.tmp/reveal-oos');
const OWNER = { username: 'foyer', password: 'une phrase facile à retenir' };
/** Internal codes: household ids, detector and metric names, fit labels, protection labels. */
const CODES = [
  /REFIT_House|UKDALE_House|IDEAL_House|uci-sceaux|eco-house2/,
  /\b(water_heater|washing_machine|electric_shower|wake_mae_min|a_priori|not_measured|leave_one)/,
  /laplace|daily_gaussian|\bnone\b/,
];
/** English a French page must not show. */
const ENGLISH = [
  /\bstill\b/i,
  /\bchance level\b/i,
  /\binferable\b/i,
  /\bnot measured\b/i,
  /\bdepending on\b/i,
  /\brecall\b/i,
  /\bhome\b/i,
  /\bdays\b/i,
  /\bwashing machine\b/i,
  /\bsettings\b/i,
];

interface Row {
  detector: string;
  metric: string;
  step: string;
  protection: string;
  value: number | null;
}
const figures = JSON.parse(readFileSync(join(ROOT, 'src/reveal/figures.json'), 'utf8')) as { results: Row[] };
const held = (detector: string, metric: string, step: string) =>
  figures.results
    .filter((r) => r.detector === detector && r.metric === metric && r.step === step && r.protection === 'none')
    .flatMap((r) => (r.value === null ? [] : [r.value]))
    .sort((a, b) => a - b);
const median = (xs: number[]) => {
  const m = xs.length >> 1;
  return xs.length % 2 ? xs[m]! : (xs[m - 1]! + xs[m]!) / 2;
};

let hub: RunningHub;
let browser: Browser;
let page: Page;
let dataDir: string;

before(async () => {
  ensureDashboardBuilt();
  mkdirSync(SHOTS, { recursive: true });
  dataDir = mkdtempSync(join(tmpdir(), 'courant-reveal-oos-'));
  hub = await startHub({ dataDir, port: 0, demo: true, owner: OWNER, onProgress: () => {} });
  browser = await launchChromium();
  page = await newPage(browser, { viewport: { width: 1280, height: 900 } });
  await page.goto(`${hub.url}/#/reveal`);
  await signIn(page, OWNER);
  await page.waitForSelector('[data-testid=step-table]');
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

async function atStep(step: string): Promise<void> {
  await page.goto(`${hub.url}/#/reveal?step=${step}`);
  await page.reload();
  await page.waitForSelector(`[data-testid=step-table] thead th.current[data-step=${step}]`);
}

for (const lang of ['fr', 'en'] as const) {
  for (const width of [1280, 390]) {
    test(`out-of-sample table in ${lang} at ${width} px: median, range, verdicts, what each step leaves`, async () => {
      await page.setViewportSize({ width, height: 900 });
      await setLanguage(lang);
      await atStep('PT30M');
      const rows = await page.$$eval('[data-testid=step-table] tbody tr', (els) =>
        els.map((e) => e.getAttribute('data-inference')),
      );
      assert.ok(rows.includes('electric_shower'), `rows: ${rows.join(', ')}`);
      // every measured cell carries a verdict
      const verdicts = await page.$$eval('[data-testid=step-table] td[data-verdict]', (els) =>
        els.map((e) => e.getAttribute('data-verdict')),
      );
      assert.ok(verdicts.length >= 30);
      for (const v of verdicts) assert.ok(['inferable', 'weak', 'chance', 'not_measured'].includes(v!), v!);
      // the kettle at 1 minute: the median over the held-out homes, and the range from the worst to the best
      const kettle = held('kettle', 'f1', 'PT1M');
      const nf = new Intl.NumberFormat(lang === 'fr' ? 'fr-FR' : 'en-GB', {
        minimumFractionDigits: 2,
        maximumFractionDigits: 2,
      });
      const cell = page.locator('[data-inference=kettle] td[data-step=PT1M]');
      assert.equal((await cell.locator('.fig').textContent())!.trim(), nf.format(median(kettle)));
      const range = (await cell.locator('.range').textContent())!;
      assert.ok(range.includes(nf.format(kettle[0]!)) && range.includes(nf.format(kettle.at(-1)!)), range);
      assert.match(range, lang === 'fr' ? /selon le foyer/ : /depending on the home/);
      assert.match(
        (await cell.locator('.pr').textContent())!,
        lang === 'fr' ? /précision .*, rappel / : /precision .*, recall /,
      );
      // the kettle falls to chance at one hour: the table says so
      assert.equal(await page.getAttribute('[data-inference=kettle] td[data-step=PT1H]', 'data-verdict'), 'chance');
      const words = await page.locator('[data-testid=step-verdicts]').innerText();
      assert.match(words, lang === 'fr' ? /Encore déductible/ : /Still inferable/);
      assert.match(words, lang === 'fr' ? /Tombe au niveau du hasard : .*bouilloire/ : /Falls to chance: .*kettle/);
      const text = await page.locator('main').innerText();
      for (const re of CODES) assert.ok(!re.test(text), `${lang} page shows ${re}`);
      if (lang === 'fr') for (const re of ENGLISH) assert.ok(!re.test(text), `the French page shows ${re}`);
      // the page itself never scrolls sideways: the table does, inside its box
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      assert.ok(overflow <= 1, `the page is ${overflow} px wider than the window`);
      await page.screenshot({ path: join(SHOTS, `reveal-${lang}-${width}.png`), fullPage: true });
    });

    test(`daily step in ${lang} at ${width} px: the day-level facts in plain words`, async () => {
      await page.setViewportSize({ width, height: 900 });
      await setLanguage(lang);
      await atStep('P1D');
      const facts = page.locator('[data-testid=daily-facts]');
      const items = await facts.locator('li').evaluateAll((els) => els.map((e) => e.getAttribute('data-fact')));
      assert.deepEqual(items, ['washing_machine_days', 'dishwasher_days', 'empty_days']);
      const text = await facts.innerText();
      assert.match(text, lang === 'fr' ? /Les jours où le lave-linge a tourné/ : /The days the washing machine ran/);
      assert.match(text, lang === 'fr' ? /Les jours où le lave-vaisselle a tourné/ : /The days the dishwasher ran/);
      assert.match(text, lang === 'fr' ? /Les jours où le logement était vide/ : /The days the home was empty/);
      // the washing-machine days: the median day-level precision and recall of the file (to 3 decimals, as the
      // table carries it), in percent
      const pct = (xs: number[]) => Math.round((Math.round(median(xs) * 1000) / 1000) * 100);
      const p = pct(held('washing_machine', 'day_precision', 'P1D'));
      const r = pct(held('washing_machine', 'day_recall', 'P1D'));
      const wm = await facts.locator('li[data-fact=washing_machine_days]').innerText();
      assert.ok(wm.includes(` ${p} `) && wm.includes(` ${r} `), `${wm} (${p}, ${r})`);
      const main = await page.locator('main').innerText();
      for (const re of CODES) assert.ok(!re.test(main), `${lang} daily page shows ${re}`);
      if (lang === 'fr') for (const re of ENGLISH) assert.ok(!re.test(main), `the French daily page shows ${re}`);
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      assert.ok(overflow <= 1, `the page is ${overflow} px wider than the window`);
      await page.screenshot({ path: join(SHOTS, `reveal-daily-${lang}-${width}.png`), fullPage: true });
    });
  }
}
