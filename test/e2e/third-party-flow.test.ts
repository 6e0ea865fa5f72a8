// An application reads a household's data the way Enedis Data Connect clients do, end to end: the operator registers
// the client, the household is sent to the authorisation endpoint, signs in, sees the hub's consent screen (only what
// this client asks, each step its own unticked box) in headless Chromium, ticks the daily box and allows; the browser
// lands on the client's redirect URI (a small loopback server here) with code, state and usage point; the client
// exchanges the code with its PKCE verifier, reads the daily values and is refused the 30-minute curve; the household
// withdraws in "Mon espace" and the client's next read fails. Also: "Refuser" sends access_denied with the state, and
// an unregistered redirect URI or an unknown client keeps the household on the hub with the problem said in words.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { fileURLToPath } from 'node:url';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { startHub, type RunningHub } from '../../src/server/main.ts';
import { challengeOf } from '../../src/oauth/pkce.ts';
import { SYNTHETIC_DEMO_PRM } from '../../src/core/prm.ts';
import { basic, type Registered } from '../../src/server/oauth-test-support.ts';
import { until } from '../wait.ts';
import { ensureDashboardBuilt, launchChromium, newPage, signIn } from './browser-support.ts';

const BIN = fileURLToPath(new URL('../../bin/courant.mjs', import.meta.url));
const FIXTURES = fileURLToPath(new URL('../fixtures/enedis/', import.meta.url));
const SHOTS = fileURLToPath(new URL('../../.tmp/third-party-flow/', import.meta.url));
const OWNER = { username: 'foyer', password: 'une phrase facile à retenir' };
const PRM = SYNTHETIC_DEMO_PRM as string;
/** What a French page must not show: a catalogue code, an option, an internal step or purpose name, the client id. */
const DEVELOPER = [/\b[A-Z]+_[A-Z_]+\b/, /--\w+/, /\bP(T\d+[MH]|1D|1Y)\b/, /personalised-advice/, /conseil-energie/];

let hub: RunningHub;
let browser: Browser;
let ctx: BrowserContext;
let page: Page;
let dataDir: string;
let callback: Server;
let callbackBase: string;
/** Every request the client's redirect URI received (path and query). */
const received: URL[] = [];
let client: Registered;
const problems: string[] = [];

/** The Paris civil day `days` from today, as Data Connect wants it (YYYY-MM-DD). */
const parisDay = (days: number) =>
  new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Paris' }).format(new Date(Date.now() + days * 86_400_000));

/**
 * The operator registers the client with `courant client register` (the hub runs: the command asks it over its local
 * API, so the child runs asynchronously: this process serves the hub).
 */
async function registerWithCli(redirectUri: string): Promise<Registered> {
  const r = await promisify(execFile)(
    process.execPath,
    [
      BIN,
      'client',
      'register',
      '--data-dir',
      dataDir,
      '--id',
      'conseil-energie',
      '--name',
      'Conseil Énergie SAS',
      '--legal-identity',
      'Conseil Énergie SAS, SIRET 000 000 000 00000',
      '--contact',
      'dpo@conseil-energie.invalid',
      '--redirect-uri',
      redirectUri,
      '--purpose',
      'personalised-advice',
      '--finest-step',
      'PT30M',
      '--retention-months',
      '12',
    ],
    { encoding: 'utf8', env: { ...process.env, NODE_ENV: 'test' }, timeout: 120_000 },
  ); // a non-zero exit rejects, with the command's stderr

  const secret = /^client_secret: (\S+)$/m.exec(r.stdout)?.[1];
  assert.ok(secret, `the secret is printed once: ${r.stdout}`);
  return { clientId: 'conseil-energie', secret, redirectUri };
}

before(async () => {
  ensureDashboardBuilt();
  mkdirSync(SHOTS, { recursive: true });
  callback = createServer((req, res) => {
    const u = new URL(req.url ?? '/', 'http://127.0.0.1');
    if (u.pathname !== '/favicon.ico') received.push(u); // the browser asks any site for its icon
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end('<!doctype html><title>client</title>ok');
  });
  await new Promise<void>((r) => callback.listen(0, '127.0.0.1', r));
  callbackBase = `http://127.0.0.1:${(callback.address() as AddressInfo).port}`;
  dataDir = mkdtempSync(join(tmpdir(), 'courant-third-party-'));
  hub = await startHub({ dataDir, port: 0, demo: true, demoCalendar: 'today', owner: OWNER, onProgress: () => {} });
  client = await registerWithCli(`${callbackBase}/callback`);
  browser = await launchChromium();
  ctx = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  page = await ctx.newPage();
  page.setDefaultTimeout(120_000);
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  page.on(
    'request',
    (r) =>
      !r.url().startsWith(hub.url) &&
      !r.url().startsWith(callbackBase) &&
      !r.url().startsWith('data:') &&
      problems.push(`outside request: ${r.url()}`),
  );
});

after(async () => {
  await browser?.close();
  await hub?.close();
  await new Promise((r) => callback?.close(r));
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

/** An authorisation request as the client builds it (PKCE S256), and the verifier it keeps. */
async function authorizeUrl(o: { state: string; redirectUri?: string; clientId?: string; duration?: string }) {
  const verifier = `verifier-${globalThis.crypto.randomUUID()}-${globalThis.crypto.randomUUID()}`;
  const q = new URLSearchParams({
    client_id: o.clientId ?? client.clientId,
    response_type: 'code',
    state: o.state,
    duration: o.duration ?? 'P1Y',
    redirect_uri: o.redirectUri ?? client.redirectUri,
    code_challenge: await challengeOf(verifier),
    code_challenge_method: 'S256',
  });
  return { url: `${hub.url}/dataconnect/v1/oauth2/authorize?${q}`, verifier };
}

/** The client's read of one Data Connect v5 measure over the last week. */
async function read(token: string, measure: 'dc/v5/daily_consumption' | 'clc/v5/consumption_load_curve') {
  const q = new URLSearchParams({ usage_point_id: PRM, start: parisDay(-7), end: parisDay(-1) });
  const r = await fetch(`${hub.url}/metering_data_${measure}?${q}`, {
    headers: { authorization: `Bearer ${token}`, accept: 'application/json' },
  });
  return { status: r.status, body: (await r.json()) as Record<string, unknown> };
}

/** The last request the redirect URI received, once the browser got there. */
async function landed(n: number): Promise<URL> {
  await until('the browser to reach the client’s redirect URI', () => received.length >= n);
  await page.waitForURL((u) => u.href.startsWith(`${callbackBase}/callback`));
  return received[n - 1]!;
}

function clean(where: string, text: string): void {
  for (const re of DEVELOPER) assert.ok(!re.test(text), `${where} shows ${re}: ${JSON.stringify(text)}`);
}

let token = '';

test('the household signs in, sees only what this client asks, ticks the daily box and allows; the client gets a code', async () => {
  const { url, verifier } = await authorizeUrl({ state: 'etat-42' });
  await page.goto(url);
  assert.match(page.url(), /#\/authorize\?client_id=conseil-energie/, 'sent to the consent screen');
  await page.waitForSelector('[data-testid=login-waiting]');
  assert.match(await page.locator('[data-testid=login-waiting]').innerText(), /^Une application demande l’accès/);
  await page.screenshot({ path: join(SHOTS, 'sign-in-first-fr-1280.png'), fullPage: true });
  await signIn(page, OWNER);
  await page.waitForSelector('[data-testid=authorize-box]');
  assert.match(page.url(), /#\/authorize\?client_id=conseil-energie&.*state=etat-42/, 'the request survived sign-in');

  const boxes = await page.$$eval('[data-testid=authorize-box]', (els) =>
    els.map((e) => ({ step: e.getAttribute('data-step'), checked: (e as HTMLInputElement).checked })),
  );
  assert.deepEqual(boxes, [
    { step: 'PT30M', checked: false },
    { step: 'P1D', checked: false },
  ]);
  const screen = await page.locator('[data-testid=authorize-screen]').innerText();
  for (const said of [
    /Conseil Énergie SAS demande l’accès/,
    /SIRET 000 000 000 00000/,
    /dpo@conseil-energie\.invalid/,
    /conseils personnalisés d’économie d’énergie/,
    /toutes les 30 minutes/,
    /une fois par jour/,
    /jours où le logement est inoccupé/,
    /1 an, jusqu’au \d{1,2} \S+ \d{4}/,
    /au plus 12 mois/,
    /dans « Mon espace », d’un seul clic\. Le retrait prend effet immédiatement/,
  ])
    assert.match(screen, said);
  // the contact line is the client's; the page never shows its id, codes or step names
  clean('the consent screen', screen.replace(/dpo@conseil-energie\.invalid/, ''));
  assert.ok(!/\b(Allow|Refuse|What for|Who is asking)\b/.test(screen), 'no English on the French page');
  // the household's own preview of what 30-minute data reveals (the synthetic household has a 30-minute curve)
  await page.waitForSelector('[data-testid=reveal-preview][data-step=PT30M]');
  assert.equal(await page.$('[data-testid=reveal-preview][data-step=P1D]'), null, 'no preview for daily values');
  assert.equal(await page.isDisabled('[data-testid=authorize-grant]'), true, 'nothing ticked: allow is not offered');
  assert.match(await page.locator('[data-testid=authorize-none]').innerText(), /Cochez au moins une case/);

  // by keyboard: each box is labelled by its step; Space ticks the focused one
  const daily = page.getByLabel('Vos données d’électricité, une fois par jour');
  assert.equal(await daily.getAttribute('data-step'), 'P1D', 'the label is tied to its checkbox');
  await daily.focus();
  await page.keyboard.press('Space');
  assert.equal(await daily.isChecked(), true);
  await page.keyboard.press('Tab');
  assert.equal(await page.locator(':focus').getAttribute('data-testid'), 'authorize-grant', 'then Allow');
  assert.equal(await page.isChecked('[data-step=PT30M]'), false);
  await page.screenshot({ path: join(SHOTS, 'consent-fr-1280.png'), fullPage: true });

  await page.keyboard.press('Enter');
  const back = await landed(1);
  assert.equal(back.pathname, '/callback');
  const code = back.searchParams.get('code');
  assert.ok(code, `a code: ${back.href}`);
  assert.equal(back.searchParams.get('state'), 'etat-42');
  assert.equal(back.searchParams.get('usage_point_id'), PRM);

  const t = await fetch(`${hub.url}/oauth2/v3/token`, {
    method: 'POST',
    headers: { authorization: basic(client), 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({
      grant_type: 'authorization_code',
      code,
      code_verifier: verifier,
      redirect_uri: client.redirectUri,
    }),
  });
  const answer = (await t.json()) as { access_token: string; token_type: string };
  assert.equal(t.status, 200, JSON.stringify(answer));
  assert.equal(answer.token_type, 'Bearer');
  token = answer.access_token;
});

test('the client reads the daily values it was given and is refused the 30-minute curve', async () => {
  assert.ok(token, 'the previous test got a token');
  const daily = await read(token, 'dc/v5/daily_consumption');
  assert.equal(daily.status, 200, JSON.stringify(daily.body));
  const meter = (daily.body.meter_reading ?? daily.body) as { usage_point_id?: string; interval_reading?: unknown[] };
  assert.equal(meter.usage_point_id, PRM);
  assert.equal(meter.interval_reading?.length, 6, 'six days, yesterday excluded');
  const curve = await read(token, 'clc/v5/consumption_load_curve');
  assert.equal(curve.status, 403);
  assert.equal(curve.body.error, 'ADAM-DC-0008');
});

test('the household withdraws in "Mon espace" with one click; the client’s next read fails', async () => {
  await page.goto(`${hub.url}/#/space`);
  await page.waitForSelector('[data-testid=consent-withdraw]');
  const line = await page.locator('[data-testid=consent-withdraw]').locator('..').innerText();
  assert.match(line, /Conseil Énergie SAS/);
  assert.match(line, /une fois par jour/);
  await page.click('[data-testid=consent-withdraw]');
  await page.waitForSelector('[data-status=withdrawn]');
  const after = await read(token, 'dc/v5/daily_consumption');
  assert.equal(after.status, 401, JSON.stringify(after.body));
});

test('"Refuser" sends the household back with access_denied and the state, and no code', async () => {
  const { url } = await authorizeUrl({ state: 'refus-7', duration: 'P6M' });
  await page.goto(url);
  await page.waitForSelector('[data-testid=authorize-box]');
  assert.match(await page.locator('[data-testid=authorize-duration]').innerText(), /^6 mois, jusqu’au/);
  await page.click('[data-testid=authorize-deny]');
  const back = await landed(2);
  assert.equal(back.searchParams.get('error'), 'access_denied');
  assert.equal(back.searchParams.get('state'), 'refus-7');
  assert.equal(back.searchParams.get('code'), null);
});

test('an unregistered redirect URI or an unknown client: the household stays on the hub and is told why', async () => {
  const other = await newPage(browser, { viewport: { width: 390, height: 844 } }); // not signed in: no need to be
  try {
    for (const [o, error, said] of [
      [{ redirectUri: `${callbackBase}/elsewhere` }, 'invalid_redirect_uri', /adresse qu’elle n’a pas déclarée/],
      [{ clientId: 'inconnue' }, 'invalid_client', /n’est pas connue de ce hub/],
    ] as const) {
      await other.goto((await authorizeUrl({ state: 's', ...o })).url);
      await other.waitForSelector(`[data-testid=authorize-error][data-error=${error}]`);
      assert.ok(other.url().startsWith(`${hub.url}/#/authorize?error=${error}`), other.url());
      const text = await other.locator('[data-testid=authorize-error]').innerText();
      assert.match(text, said);
      assert.match(text, /Aucune donnée n’a été partagée/);
      clean('the error page', text);
      const links = await other.$$eval('main a[href]', (as) => as.map((a) => a.getAttribute('href')!));
      assert.ok(
        links.every((h) => h.startsWith('#')),
        `only the hub’s own pages are linked: ${links.join(' ')}`,
      );
      await other.screenshot({ path: join(SHOTS, `error-${error}-fr-390.png`), fullPage: true });
    }
    // the operator signed in: only the household answers; nothing is offered to tick
    await hub.hub.consent.accounts.createAccount(
      { kind: 'operator', id: 'e2e' },
      { username: 'exploitant', password: 'gestion du hub 2026', role: 'operator' },
    );
    await other.goto((await authorizeUrl({ state: 'exploitant' })).url);
    await signIn(other, { username: 'exploitant', password: 'gestion du hub 2026' });
    await other.waitForSelector('[data-testid=authorize-not-household]');
    assert.equal(await other.$('[data-testid=authorize-box]'), null);
    assert.equal(received.length, 2, 'the redirect URI heard nothing more');
  } finally {
    await other.close();
  }
});

test('the consent screen reads well at 390 px and in English, at both widths', async () => {
  for (const [width, lang] of [
    [390, 'fr'],
    [390, 'en'],
    [1280, 'en'],
  ] as const) {
    await page.setViewportSize({ width, height: width === 390 ? 844 : 900 });
    await page.goto((await authorizeUrl({ state: `vue-${width}-${lang}` })).url);
    if ((await page.getAttribute('html', 'lang')) !== lang) await page.click('[data-testid=lang-switch]');
    await page.waitForSelector(`html[lang=${lang}]`);
    await page.waitForSelector('[data-testid=authorize-box]');
    await page.waitForSelector('[data-testid=reveal-preview-sentence]:not(:has(.muted))');
    const text = await page.locator('main').innerText();
    assert.match(text, lang === 'fr' ? /Autoriser/ : /asks to access your electricity data/);
    clean(`the consent screen (${lang}, ${width} px)`, text.replace(/dpo@conseil-energie\.invalid/, ''));
    const wide = await page.evaluate(() => document.documentElement.scrollWidth > window.innerWidth);
    assert.equal(wide, false, `nothing wider than the screen at ${width} px`);
    await page.screenshot({ path: join(SHOTS, `consent-${lang}-${width}.png`), fullPage: true });
  }
  await page.click('[data-testid=lang-switch]');
  assert.deepEqual(problems, [], 'no script error, nothing fetched outside the hub and the client');
});

test('a household with two usage points chooses which one to share; the first is offered by default', async () => {
  // a second usage point, imported from the dashboard like any household does
  await page.goto(`${hub.url}/#/data`);
  await page.waitForSelector('[data-testid=import-upload]');
  await page.fill('[data-testid=import-prm]', '1429 0000 0000 01');
  await page.setInputFiles(
    '[data-testid=import-upload] input[type=file]',
    join(FIXTURES, 'portal-heure-dst-spring.csv'),
  );
  await page.waitForSelector('[data-import-status=ok]');
  await page.goto((await authorizeUrl({ state: 'deux-compteurs' })).url);
  await page.waitForSelector('[data-testid=authorize-prm]');
  const meters = await page.$$eval('[data-testid=authorize-prm] input[type=radio]', (els) =>
    els.map((e) => ({ value: (e as HTMLInputElement).value, checked: (e as HTMLInputElement).checked })),
  );
  assert.deepEqual(meters.map((m) => m.value).sort(), ['14290000000001', PRM].sort());
  assert.equal(meters[0]!.checked, true, 'the first is chosen by default');
  const other = meters[1]!.value;
  await page.check(`[data-testid=authorize-prm] input[value="${other}"]`);
  await page.check('[data-testid=authorize-box][data-step=P1D]');
  await page.screenshot({ path: join(SHOTS, 'two-meters-fr-1280.png'), fullPage: true });
  await page.click('[data-testid=authorize-grant]');
  const back = await landed(3);
  assert.equal(back.searchParams.get('state'), 'deux-compteurs');
  assert.equal(back.searchParams.get('usage_point_id'), other);
  assert.ok(back.searchParams.get('code'));
  assert.deepEqual(problems, [], 'no script error, nothing fetched outside the hub and the client');
});
