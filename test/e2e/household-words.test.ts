// The household's pages speak its language: what a French page shows (its visible text, as Chromium renders it)
// carries no hub error code, no command-line option, no internal format name and none of the English the evaluation
// or the access log is written in. Real hub (demo household), real headless Chromium, French then English.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { fileURLToPath } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { startHub, type RunningHub } from '../../src/server/main.ts';
import { fetchSend, registerClient } from '../../src/server/oauth-test-support.ts';
import { ensureDashboardBuilt, launchChromium, newPage, signIn } from './browser-support.ts';

const FIXTURES = fileURLToPath(new URL('../fixtures/enedis/', import.meta.url));
const SHOTS = fileURLToPath(new URL('../../.tmp/household-words/', import.meta.url));
const PRM = '99999999999901';
const OWNER = { username: 'foyer', password: 'une phrase facile à retenir' };
/** A catalogue code (`INPUT_INVALID_DATE`), a field path (`control.range.from`) or an option (`--prm`). */
const DEVELOPER = [/\b[A-Z]+_[A-Z_]+\b/, /\bcontrol\.\w+/, /--\w+/, /YYYY/];
/** Internal format names the refusals used to list. */
const FORMATS = [/Data Connect/i, /\bSGE\b/, /\bR63\b/, /\bHDM\b/, /Plain CSV/i, /\bv5\b/, /\bXLSX\b/];
/** A UUID: an account id where a name belongs. */
const UUID = /\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\b/i;

let hub: RunningHub;
let browser: Browser;
let page: Page;
let dataDir: string;

before(async () => {
  ensureDashboardBuilt();
  mkdirSync(SHOTS, { recursive: true });
  dataDir = mkdtempSync(join(tmpdir(), 'courant-words-'));
  hub = await startHub({ dataDir, port: 0, demo: true, owner: OWNER, onProgress: () => {} });
  browser = await launchChromium();
  page = await newPage(browser, { viewport: { width: 1280, height: 900 } });
  await page.goto(`${hub.url}/#/space`);
  await signIn(page, OWNER);
  await page.waitForSelector('[data-control=delete-data]');
});

after(async () => {
  await browser?.close();
  await hub?.close();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

function clean(where: string, text: string, also: readonly RegExp[] = []): void {
  for (const re of [...DEVELOPER, ...also]) assert.ok(!re.test(text), `${where} shows ${re}: ${JSON.stringify(text)}`);
}

async function setLanguage(lang: 'fr' | 'en'): Promise<void> {
  if ((await page.getAttribute('html', 'lang')) !== lang) await page.click('[data-testid=lang-switch]');
  await page.waitForSelector(`html[lang=${lang}]`);
}

test('an import refused from the page says what to do, in French, without format or option names', async () => {
  await page.goto(`${hub.url}/#/data`);
  await page.waitForSelector('[data-testid=import-upload]');
  const input = '[data-testid=import-upload] input[type=file]';
  const status = '[data-import-status=error]';
  // a portal CSV that hides its usage point: the page asks which meter it belongs to
  await page.setInputFiles(input, join(FIXTURES, 'portal-heure-dst-spring.csv'));
  await page.waitForSelector('[data-testid=meter-question]');
  const masked = await page.locator('[data-testid=meter-question]').innerText();
  assert.match(masked, /ne dit pas à quel compteur il appartient/);
  clean('the masked-PRM question', masked, FORMATS);
  await page.click('[data-testid=meter-question] button[type=button]');
  // a file of no known kind: no list of the formats the importers know
  await page.setInputFiles(input, join(FIXTURES, 'bad-unknown.txt'));
  await page.waitForSelector('[data-import-status=error][data-error-code=IMPORT_UNRECOGNISED_FORMAT]');
  const unknown = await page.locator(status).innerText();
  assert.match(unknown, /n’est pas un fichier Enedis reconnu/);
  clean('the unknown-format refusal', unknown, FORMATS);
  clean('the import form', await page.locator('[data-testid=import-upload]').innerText(), FORMATS);
  await page.screenshot({ path: join(SHOTS, 'data-fr.png'), fullPage: true });
});

test('"Mon espace": a period is checked by the page, and the retention line states its months', async () => {
  await page.goto(`${hub.url}/#/space`);
  await page.waitForSelector('[data-control=delete-data]');
  const alert = '[data-control=delete-data] [role=alert]';
  await page.click('[data-control=delete-data] [data-testid=control-delete-range]');
  clean('the empty-period message', await page.locator(alert).innerText());
  await page.fill('[data-testid=delete-from]', '2007-03-10');
  await page.fill('[data-testid=delete-to]', '2007-03-01');
  await page.click('[data-control=delete-data] [data-testid=control-delete-range]');
  await page.waitForFunction((s) => /avant le dernier/.test(document.querySelector(s)?.textContent ?? ''), alert);
  clean('the reversed-period message', await page.locator(alert).innerText());
  const state = await page.locator('[data-testid=control-state]').innerText();
  assert.match(state, /historique détaillé : \d+ mois/, state);
  assert.ok(!/défaut mois/.test(state), state);
  clean('the control state', state);
  await page.screenshot({ path: join(SHOTS, 'space-fr.png'), fullPage: true });
});

test('the reveal table writes the published figures in French, without contradicting itself', async () => {
  await page.goto(`${hub.url}/#/reveal`);
  await page.waitForSelector('[data-testid=step-table]');
  const table = await page.locator('[data-testid=step-table]').innerText();
  for (const english of [/not measured/, /\bat \d/, /\bprecision\b/, /\baccuracy\b/, /lower is better/, /majority/])
    assert.ok(!english.test(table), `the French table shows ${english}`);
  assert.match(table, /Chiffre publié/);
  assert.match(table, /plus de 0,92 \(précision\)/);
  clean('the reveal table', table);
  await page.screenshot({ path: join(SHOTS, 'reveal-fr.png'), fullPage: true });
});

test('the journal names who asked, says why and what came of it, one line per request', async () => {
  // one request of an authority with no legal request in force: the guard decides it on four series at once
  const at = hub.hub.consent.ledger.clock.now();
  const actor = { kind: 'authority' as const, id: globalThis.crypto.randomUUID() };
  const range = { from: Date.UTC(2007, 0, 1), to: Date.UTC(2007, 1, 1) };
  await hub.hub.consent.access.authorize(
    (['PT1M', 'PT10M', 'PT30M', 'P1D'] as const).map((step) => ({
      actor,
      prm: PRM as never,
      step,
      purpose: 'legal-obligation' as const,
      category: 'consumption' as const,
      range,
      at,
    })),
  );
  await page.goto(`${hub.url}/#/journal`);
  await page.waitForSelector('[data-testid=journal-table]');
  const rows = page.locator('[data-testid=journal-table] tbody tr');
  assert.equal(await rows.count(), 1, 'one request, one line');
  const line = await rows.first().innerText();
  assert.match(line, /une autorité/);
  assert.match(line, /obligation légale/);
  assert.match(line, /refusé : aucune réquisition légale en cours/);
  assert.ok(!UUID.test(line), `an id instead of a name: ${line}`);
  assert.ok(!/\bauthority\b|legal-obligation|no-legal-request|denied/.test(line), line);
  clean('the journal', line);
  await page.screenshot({ path: join(SHOTS, 'journal-fr.png'), fullPage: true });
});

test('in English too, none of these pages shows a code, an option or an id', async () => {
  await setLanguage('en');
  for (const [path, ready] of [
    ['/space', '[data-control=delete-data]'],
    ['/reveal', '[data-testid=step-table]'],
    ['/journal', '[data-testid=journal-table]'],
    ['/receipts', '[data-testid=receipt-item]'],
    ['/data', '[data-testid=import-upload]'],
  ] as const) {
    await page.goto(`${hub.url}/#${path}`);
    await page.waitForSelector(ready);
    const text = await page.locator('main').innerText();
    clean(`${path} in English`, text);
    assert.ok(!UUID.test(text), `${path} in English shows an id`);
    await page.screenshot({ path: join(SHOTS, `${path.slice(1)}-en.png`), fullPage: true });
  }
  const table = await page.goto(`${hub.url}/#/reveal`).then(() => page.locator('[data-testid=step-table]').innerText());
  assert.ok(!/not measured at 30/.test(table), table);
  await setLanguage('fr');
});

test('an application’s consent screen and the page of an untrusted request: no code, step name or id, in French then English', async () => {
  const client = await registerClient(
    fetchSend(hub.url),
    { authorization: `Bearer ${hub.hub.localToken}` },
    { clientId: 'conseil-energie', name: 'Conseil Énergie SAS', finestStep: 'PT30M' },
  );
  const request = (redirectUri: string) =>
    `${hub.url}/dataconnect/v1/oauth2/authorize?${new URLSearchParams({
      client_id: client.clientId,
      response_type: 'code',
      state: 'mots',
      duration: 'P6M',
      redirect_uri: redirectUri,
    })}`;
  /** Internal names of the request: its steps, purpose and the client's id (its contact address aside). */
  const INTERNAL = [/\bP(T\d+[MH]|1D|6M)\b/, /personalised-advice/, /conseil-energie(?!\.invalid)/, UUID];
  for (const lang of ['fr', 'en'] as const) {
    await setLanguage(lang);
    await page.goto(request(client.redirectUri));
    await page.waitForSelector('[data-testid=authorize-box]');
    await page.waitForSelector('[data-testid=reveal-preview-sentence]:not(:has(.muted))');
    const text = await page.locator('main').innerText();
    assert.match(text, lang === 'fr' ? /6 mois, jusqu’au/ : /6 months, until/);
    if (lang === 'fr') assert.ok(!/\b(Allow|Refuse|What for|months|until)\b/.test(text), text);
    clean(`the consent screen in ${lang}`, text, INTERNAL);
    await page.screenshot({ path: join(SHOTS, `authorize-${lang}.png`), fullPage: true });
    await page.goto(request('https://ailleurs.invalid/callback'));
    await page.waitForSelector('[data-testid=authorize-error][data-error=invalid_redirect_uri]');
    clean(`the untrusted-request page in ${lang}`, await page.locator('main').innerText(), INTERNAL);
  }
  await setLanguage('fr');
});

test('"Mes reçus": each receipt says what it attests in words, with no event, step or purpose code, nor id', async () => {
  // a consent to the application registered above, given from "Mon espace"
  await page.goto(`${hub.url}/#/space`);
  await page.waitForSelector('[data-testid=consent-box]');
  await page.locator('[data-testid=consent-box]').first().check();
  await page.click('[data-testid=consent-give]');
  await page.waitForSelector('[data-testid=receipt-note]');
  await page.goto(`${hub.url}/#/receipts`);
  await page.waitForSelector('[data-testid=receipt-item][data-type=given]');
  const text = await page.locator('main').innerText();
  assert.match(text, /Accord donné à Conseil Énergie SAS/);
  assert.match(text, /Télécharger le reçu signé \(JWS\)/);
  const CODES = [
    /\bP(T\d+[MH]|1D|1M)\b/,
    /personalised-advice|conseil-energie/,
    /\b(given|withdrawn|occupancy-started|stop-fine-recording|consumption)\b/,
    UUID,
  ];
  clean('the receipts page', text, CODES);
  await page.screenshot({ path: join(SHOTS, 'receipts-fr.png'), fullPage: true });
});

// last: the hub then shows the new usage point, whose pages have no journal or reveal table yet
test('the number typed in the import form is sent with the file, and the masked file is then imported', async () => {
  await page.goto(`${hub.url}/#/data`);
  await page.waitForSelector('[data-testid=import-upload]');
  await page.fill('[data-testid=import-prm]', '1429 0000 0000 01');
  await page.setInputFiles(
    '[data-testid=import-upload] input[type=file]',
    join(FIXTURES, 'portal-heure-dst-spring.csv'),
  );
  await page.waitForSelector('[data-import-status=ok]');
  const done = await page.locator('[data-import-status=ok]').innerText();
  assert.match(done, /valeurs ajoutées/);
  clean('the import summary', done, FORMATS);
  assert.ok((await hub.hub.store.usagePoints()).includes('14290000000001' as never));
});
