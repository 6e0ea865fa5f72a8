// The dashboard as a household sees it: the real hub (DuckDB file in a temp dir, demo household loaded) serving the
// built web/dist, driven in a real headless Chromium (Debian's `chromium`) through playwright-core.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { fileURLToPath } from 'node:url';
import { EventEmitter } from 'node:events';
import type { Browser, Page } from 'playwright-core';
import { startHub, type RunningHub } from '../../src/server/main.ts';
import { ensureDashboardBuilt, launchChromium, newPage } from './browser-support.ts';
import { until } from '../wait.ts';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const SHOTS = join(ROOT, '.tmp');
const PRM = '99999999999901';
const MINUTE_SERIES = 'power.consumption.PT1M.demo';
// the hub denies every data route without a session: the test household signs in through the dashboard's form
const OWNER = { username: 'foyer', password: 'une phrase facile à retenir' };

interface SeriesAnswer {
  url: URL;
  bucketMs: number;
  t: number[];
  min: number[] | null;
}

let hub: RunningHub;
let browser: Browser;
let page: Page;
let dataDir: string;
const answers: SeriesAnswer[] = [];
/** Emits `answer` once a series answer's body is read and kept in `answers`. */
const arrivals = new EventEmitter();
const problems: string[] = [];

/** Pixels of the curve's teal (line and min/max band) in the power chart's canvas, read in the page itself. */
const curvePixels = () =>
  page.evaluate(() => {
    const canvas = document.querySelector<HTMLCanvasElement>('[data-testid=power-chart] canvas')!;
    const { data } = canvas.getContext('2d')!.getImageData(0, 0, canvas.width, canvas.height);
    let n = 0;
    for (let i = 0; i < data.length; i += 4) {
      const [r, g, b, a] = [data[i]!, data[i + 1]!, data[i + 2]!, data[i + 3]!];
      // grid, axes and text are grey (r ≈ g ≈ b); the series are teal: green and blue well above red
      if (a > 40 && g - r > 25 && b - r > 15) n++;
    }
    return { n, area: canvas.width * canvas.height };
  });

const waitForAnswer = async (pred: (a: SeriesAnswer) => boolean, what: string) => {
  await until(`a series answer ${what}`, () => answers.some(pred), { on: [[arrivals, 'answer']] }).catch(() =>
    assert.fail(
      `no series answer ${what}; got ${answers.map((a) => `${a.url.search} bucket=${a.bucketMs} n=${a.t.length}`).join(' | ')}`,
    ),
  );
  return answers.find(pred)!;
};

before(async () => {
  ensureDashboardBuilt();
  mkdirSync(SHOTS, { recursive: true });
  dataDir = mkdtempSync(join(tmpdir(), 'courant-web-'));
  hub = await startHub({ dataDir, port: 0, demo: true, owner: OWNER, onProgress: () => {} });
  browser = await launchChromium();
  page = await newPage(browser, { viewport: { width: 1200, height: 900 }, timezoneId: 'America/New_York' });
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  page.on('console', (m) => m.type() === 'error' && problems.push(`console: ${m.text()}`));
  page.on(
    'request',
    (r) =>
      !r.url().startsWith(hub.url) && !r.url().startsWith('data:') && problems.push(`external request: ${r.url()}`),
  );
  page.on('response', async (r) => {
    if (!r.url().includes(`/series/${MINUTE_SERIES}`) || r.status() !== 200) return;
    let body: Omit<SeriesAnswer, 'url'>;
    try {
      body = (await r.json()) as Omit<SeriesAnswer, 'url'>;
    } catch (e) {
      // an answer still being read when the last test ends and the browser closes: nothing waits for it any more
      if (!page.isClosed() && browser.isConnected()) problems.push(`unreadable series answer: ${String(e)}`);
      return;
    }
    answers.push({ url: new URL(r.url()), bucketMs: body.bucketMs, t: body.t, min: body.min });
    arrivals.emit('answer');
  });
});

after(async () => {
  await browser?.close();
  await hub?.close();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

test('asks the household to sign in, in French; a wrong password is refused in plain words', async () => {
  await page.goto(hub.url);
  await page.waitForSelector('[data-testid=login-form]');
  assert.equal(await page.getAttribute('html', 'lang'), 'fr');
  await page.fill('input[name=username]', OWNER.username);
  await page.fill('input[name=password]', 'pas le bon mot de passe');
  await page.click('[data-testid=login-form] button[type=submit]');
  await page.waitForSelector('[data-testid=login-form] [role=alert]');
  assert.equal(
    await page.textContent('[data-testid=login-form] [role=alert]'),
    'Identifiant ou mot de passe incorrect.',
  );
  assert.equal(answers.length, 0, 'no data before signing in');
  await page.screenshot({ path: join(SHOTS, 'dashboard-login.png') });
  problems.splice(0); // the refused login is a 401 the browser logs as a console error
});

test('opens on the demo household, in French, with the six-month curve drawn from decimated data', async () => {
  await page.fill('input[name=password]', OWNER.password);
  await page.click('[data-testid=login-form] button[type=submit]');
  await page.waitForSelector('[data-testid=household-label]');
  assert.match((await page.textContent('[data-testid=household-label]'))!, /Sceaux/);
  assert.equal(await page.getAttribute('html', 'lang'), 'fr');
  const first = await waitForAnswer(() => true, 'at all');
  const maxPoints = Number(first.url.searchParams.get('maxPoints'));
  assert.ok(maxPoints >= 300 && maxPoints <= 4000, `asks for about one point per pixel, got maxPoints=${maxPoints}`);
  assert.ok(
    first.bucketMs >= 3_600_000 && first.t.length <= maxPoints,
    `six months come back as ${first.t.length} buckets of ${first.bucketMs} ms`,
  );
  assert.ok(first.min !== null, 'decimated answers carry min/max for the band');
  await page.waitForFunction(() =>
    /\d/.test(document.querySelector('[data-testid=chart-resolution]')?.textContent ?? ''),
  );
  const { n, area } = await curvePixels();
  assert.ok(n > area * 0.02, `the curve covers ${n} of ${area} canvas pixels`);
  assert.equal(await page.locator('[data-testid=live]').textContent(), 'Aucun compteur en direct connecté');
  await page.locator('[data-testid=daily-chart] canvas').waitFor();
  await page.screenshot({ path: join(SHOTS, 'dashboard-overview.png'), fullPage: true });
});

test('dragging across the curve zooms in and fetches finer data; the hour view shows native minutes', async () => {
  const coarse = answers[0]!.bucketMs;
  const box = (await page.locator('[data-testid=power-chart] .u-over').boundingBox())!;
  const y = box.y + box.height / 2;
  await page.mouse.move(box.x + box.width * 0.45, y);
  await page.mouse.down();
  await page.mouse.move(box.x + box.width * 0.47, y, { steps: 6 });
  await page.mouse.up();
  const zoomed = await waitForAnswer((a) => a.bucketMs < coarse, 'finer than the six-month view after a drag');
  const span = Date.parse(zoomed.url.searchParams.get('to')!) - Date.parse(zoomed.url.searchParams.get('from')!);
  assert.ok(span < 10 * 86_400_000, `the drag selected about 2% of six months, asked for ${span / 3_600_000} h`);

  await page.click('[data-range=hour]');
  const hour = await waitForAnswer(
    (a) => Date.parse(a.url.searchParams.get('to')!) - Date.parse(a.url.searchParams.get('from')!) === 3_600_000,
    'for a one-hour window',
  );
  assert.equal(hour.bucketMs, 0, 'one hour is below one point per pixel: the native readings come back');
  assert.equal(hour.min, null);
  assert.ok(hour.t.length > 0 && hour.t.length <= 60);
  for (let i = 1; i < hour.t.length; i++) assert.ok(hour.t[i]! - hour.t[i - 1]! >= 60_000, 'minute resolution');
  assert.ok(
    hour.t.some((ts, i) => i > 0 && ts - hour.t[i - 1]! === 60_000),
    'consecutive minutes are drawn',
  );
  await page.waitForFunction(() => !document.querySelector('.status-busy'));
  const { n } = await curvePixels();
  assert.ok(n > 300, `the one-hour curve is drawn (${n} pixels)`);
  await page.screenshot({ path: join(SHOTS, 'dashboard-hour.png') });
});

test('clicking a day in the daily bars shows that Paris civil day on the curve', async () => {
  const over = page.locator('[data-testid=daily-chart] .u-over');
  await over.scrollIntoViewIfNeeded();
  const box = (await over.boundingBox())!;
  const before = answers.length;
  await page.mouse.move(box.x + box.width * 0.4, box.y + box.height - 4);
  await page.mouse.click(box.x + box.width * 0.4, box.y + box.height - 4);
  const day = await waitForAnswer((a) => answers.indexOf(a) >= before, 'after clicking a day');
  const from = new Date(day.url.searchParams.get('from')!);
  const span = Date.parse(day.url.searchParams.get('to')!) - from.getTime();
  assert.ok([23, 24, 25].includes(span / 3_600_000), `one civil day, asked for ${span / 3_600_000} h`);
  assert.equal(
    new Intl.DateTimeFormat('fr-FR', { timeZone: 'Europe/Paris', hour: '2-digit', minute: '2-digit' }).format(from),
    '00:00',
    'starts at midnight in Paris',
  );
  assert.ok(day.bucketMs <= 120_000, `a day is drawn from (near) native minutes, got buckets of ${day.bucketMs} ms`);
});

test('the language switches from French to English and is remembered', async () => {
  const nav = page.locator('nav a').first();
  assert.equal(await nav.textContent(), 'Ma consommation');
  await page.click('[data-testid=lang-switch]');
  assert.equal(await nav.textContent(), 'My consumption');
  assert.equal(await page.getAttribute('html', 'lang'), 'en');
  assert.equal(await page.locator('[data-testid=live]').textContent(), 'No live meter connected');
  await page.reload();
  await page.waitForSelector('[data-testid=household-label]');
  assert.equal(await page.locator('nav a').first().textContent(), 'My consumption');
  assert.match((await page.textContent('[data-testid=household-label]'))!, /^Demo — house in Sceaux/);
});

test('"what this hub holds about me" lists every demo series with its step in plain words', async () => {
  await page.click('nav a[href^="#/data"]');
  await page.waitForSelector('[data-testid=holdings] li');
  // asked with the browser's own session (the API denies anyone else)
  const held = (await page.evaluate(async (prm) => (await fetch(`api/usage-points/${prm}/holdings`)).json(), PRM)) as {
    series: { id: string; step: string; count: number }[];
  };
  const listed = await page.$$eval('[data-testid=holdings] li', (lis) =>
    lis.map((li) => ({
      id: li.getAttribute('data-series'),
      step: li.querySelector('[data-step]')?.getAttribute('data-step'),
      words: li.querySelector('[data-step]')?.textContent,
    })),
  );
  assert.deepEqual(listed.map((l) => l.id).sort(), held.series.map((s) => s.id).sort());
  for (const id of [
    MINUTE_SERIES,
    'power.consumption.PT30M.demo',
    'energy.consumption.PT30M.demo',
    'energy.consumption.P1D.demo',
  ])
    assert.ok(
      listed.some((l) => l.id === id),
      `${id} listed`,
    );
  const words: Record<string, string> = {
    PT1M: 'one value every minute',
    PT30M: 'one value every 30 minutes',
    P1D: 'one value per day',
  };
  for (const l of listed) assert.equal(l.words, words[l.step!], `${l.id} explains its step ${l.step}`);
  const text = (await page.textContent('[data-testid=holdings]'))!;
  assert.match(text, /Demonstration data: a real house in Sceaux/);
  assert.match(text, /from 1 January 2007 to/);
  await page.screenshot({ path: join(SHOTS, 'dashboard-data.png'), fullPage: true });
  assert.deepEqual(problems, [], 'no script error, no console error, nothing fetched outside the hub');
});

test('an unknown page says so and leads back to the consumption', async () => {
  await page.goto(`${hub.url}/#/nowhere`);
  await page.waitForSelector('main h2');
  assert.equal(await page.textContent('main h2'), 'Page not found');
  await page.click('main a[href="#/"], main a[href^="#/?"]');
  await page.waitForSelector('[data-testid=power-chart] canvas');
});
