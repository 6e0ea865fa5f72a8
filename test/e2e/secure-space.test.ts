// The household's secure space as it uses it: the real hub (DuckDB file in a temp dir, demo household, owner created
// at start, one declared recipient) serving the built dashboard, driven in Debian's headless Chromium. Every household
// control is one click from the UI and hands back a receipt; a downloaded receipt verifies offline with `jose` and
// the hub's public JWK taken from the household's own export; a consent is given and withdrawn; the export ZIP is
// checked; a range is deleted; everything is erased.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { fileURLToPath } from 'node:url';
import type { Browser, Download, Page } from 'playwright-core';
import { compactVerify, importJWK, type JWK } from 'jose';
import { strFromU8, unzipSync } from 'fflate';
import { testClient } from '../../src/use-cases/consent/test-support.ts';
import { startHub, type RunningHub } from '../../src/server/main.ts';
import { ensureDashboardBuilt, launchChromium, signIn } from './browser-support.ts';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const SHOTS = join(ROOT, '.tmp');
const PRM = '99999999999901';
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
const receipts = new Map<string, string>(); // control id → receipt download path (relative URL)

const bytesOf = async (d: Download) => readFileSync((await d.path())!);
const download = async (selector: string) =>
  (await Promise.all([page.waitForEvent('download'), page.click(selector)]))[0];

before(async () => {
  ensureDashboardBuilt();
  mkdirSync(SHOTS, { recursive: true });
  dataDir = mkdtempSync(join(tmpdir(), 'courant-space-'));
  hub = await startHub({
    dataDir,
    port: 0,
    demo: true,
    owner: OWNER,
    clients: [RECIPIENT],
    onProgress: () => {},
  });
  browser = await launchChromium();
  page = await (await browser.newContext({ acceptDownloads: true, viewport: { width: 1100, height: 900 } })).newPage();
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  page.on('console', (m) => m.type() === 'error' && problems.push(`console: ${m.text()}`));
  page.on(
    'request',
    (r) => !r.url().startsWith(hub.url) && !r.url().startsWith('data:') && problems.push(`outside request: ${r.url()}`),
  );
});

after(async () => {
  await browser?.close();
  await hub?.close();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

test('signs in through the form and reaches "Mon espace"', async () => {
  await page.goto(`${hub.url}/#/space`);
  await signIn(page, OWNER);
  await page.waitForSelector('[data-control=stop-fine-recording]');
  assert.equal(await page.getAttribute('[data-testid=control-state]', 'data-fine'), 'true');
});

/** One click on a control, then its receipt link appears in that control's card. */
async function runControl(card: string, button: string): Promise<void> {
  await page.click(`[data-control=${card}] [data-testid=${button}]`);
  // what deletes data first lists what will go, and runs once confirmed
  if (/purge|delete/.test(button)) await page.click('[data-testid=confirm-go]');
  await page.waitForSelector(`[data-control=${card}] [data-testid=receipt-link]`);
  receipts.set(button, (await page.getAttribute(`[data-control=${card}] [data-testid=receipt-link]`, 'href'))!);
}

test('every household control is one click with a receipt, and the recorded state follows', async () => {
  await runControl('stop-fine-recording', 'control-stop-fine-recording');
  await page.waitForSelector('[data-testid=control-state][data-fine=false]');
  assert.equal(
    await page.isDisabled('[data-testid=control-stop-fine-recording]'),
    true,
    'stop is done; resume is the one offered',
  );
  await runControl('resume-fine-recording', 'control-resume-fine-recording');
  await page.waitForSelector('[data-testid=control-state][data-fine=true]');
  await page.selectOption('[data-testid=step-select]', 'PT30M');
  await runControl('change-step', 'control-change-step');
  await page.waitForSelector('[data-testid=control-state][data-step=PT30M]');
  await page.selectOption('[data-testid=months-select]', '18');
  await runControl('extend-fine-retention', 'control-extend-fine-retention');
  await page.waitForSelector('[data-testid=control-state][data-months="18"]');
  const minuteBefore = (await hub.hub.store.list(PRM as never)).find((s) => s.step === 'PT1M');
  assert.ok(minuteBefore && minuteBefore.count > 0);
  await runControl('purge-fine-history', 'control-purge-fine-history');
  assert.deepEqual(
    (await hub.hub.store.list(PRM as never)).filter((s) => s.step !== 'P1D').map((s) => s.step),
    [],
    'nothing finer than a day is left',
  );
  const daily = () =>
    hub.hub.store.read({
      prm: PRM as never,
      quantity: 'energy',
      direction: 'consumption',
      step: 'P1D',
      range: { from: Date.UTC(2006, 11, 31), to: Date.UTC(2007, 0, 10) },
    });
  assert.ok((await daily()).ts.length >= 8);
  // a period without its days is said in the household's words, and nothing is asked of the hub
  await page.click('[data-control=delete-data] [data-testid=control-delete-range]');
  const said = await page.locator('[data-control=delete-data] [role=alert]').innerText();
  assert.match(said, /^Choisissez le premier et le dernier jour/);
  assert.ok(!/INPUT_|control\.|YYYY/.test(said), said);
  await page.fill('[data-testid=delete-from]', '2007-01-02');
  await page.fill('[data-testid=delete-to]', '2007-01-05');
  await runControl('delete-data', 'control-delete-range');
  const left = (await daily()).ts;
  assert.ok(left.length > 0, 'days outside the range remain');
  // Paris days 2 to 4 January (winter: UTC+1), typed as calendar dates in the form
  assert.ok(
    left.every((t) => t < Date.UTC(2007, 0, 1, 23) || t >= Date.UTC(2007, 0, 4, 23)),
    'no day left inside the deleted range',
  );
  assert.equal(
    left.filter((t) => t >= Date.UTC(2006, 11, 31, 23) && t < Date.UTC(2007, 0, 6, 23)).length,
    3,
    '1, 5 and 6 January remain',
  );
  assert.equal(receipts.size, 6);
  await page.screenshot({ path: join(SHOTS, 'secure-space-controls.png'), fullPage: true });
});

test('a downloaded receipt is a JWS that verifies offline with the hub’s public key from the export', async () => {
  const d = await download('[data-control=purge-fine-history] [data-testid=receipt-link]');
  assert.match(d.suggestedFilename(), /\.jws$/);
  const jws = (await bytesOf(d)).toString('utf8').trim();
  await page.goto(`${hub.url}/#/rights`);
  const zip = unzipSync(new Uint8Array(await bytesOf(await download('[data-testid=export-zip]'))));
  const jwk = JSON.parse(strFromU8(zip['hub-public-key.jwk']!)) as JWK;
  const { payload, protectedHeader } = await compactVerify(jws, await importJWK(jwk, 'EdDSA'));
  assert.equal(protectedHeader.alg, 'EdDSA');
  const claims = JSON.parse(new TextDecoder().decode(payload)) as Record<string, unknown>;
  assert.equal(claims['hub:usagePointId'], PRM);
  assert.equal((claims['hub:event'] as { type: string }).type, 'control');
  const tampered = jws.replace(
    /\.([^.]+)\./,
    (_m, p: string) => `.${p.slice(0, -2)}${p.endsWith('A') ? 'B' : 'A'}${p.slice(-1)}.`,
  );
  await assert.rejects(compactVerify(tampered, await importJWK(jwk, 'EdDSA')), 'a changed payload does not verify');
});

test('consent: boxes start unticked, one is given then withdrawn from the UI, each with a receipt', async () => {
  await page.goto(`${hub.url}/#/space`);
  await page.waitForSelector('[data-testid=consent-box]');
  const boxes = await page.$$eval('[data-testid=consent-box]', (els) =>
    els.map((e) => ({ key: e.getAttribute('data-key'), checked: (e as HTMLInputElement).checked })),
  );
  assert.deepEqual(
    boxes.map((b) => b.key),
    [
      'conseil-energie:personalised-advice:P1D',
      'conseil-energie:personalised-advice:PT1H',
      'conseil-energie:personalised-advice:PT30M',
    ],
  );
  assert.ok(
    boxes.every((b) => !b.checked),
    'no box ticked in advance',
  );
  const text = await page.textContent('[data-recipient=conseil-energie]');
  assert.match(text!, /toutes les 30 minutes/);
  assert.match(text!, /Conseil Énergie SAS/);
  assert.match(text!, /retirer cet accord à tout moment/);
  await page.check('[data-key="conseil-energie:personalised-advice:P1D"]');
  await page.screenshot({ path: join(SHOTS, 'secure-space-consents.png'), fullPage: true });
  await page.click('[data-testid=consent-give]');
  await page.waitForSelector('[data-testid=consent-withdraw]');
  assert.equal(await page.$$eval('[data-testid=receipt-note]', (n) => n.length), 1);
  await page.click('[data-testid=consent-withdraw]');
  await page.waitForSelector('[data-status=withdrawn]');
  assert.equal(await page.$('[data-testid=consent-withdraw]'), null, 'no active consent left');
  await page.waitForSelector('[data-testid=receipt-note] [data-testid=receipt-link]');
});

test('"Mes reçus": every receipt in words, newest first, verified, the application by name and the step in words', async () => {
  await page.goto(`${hub.url}/#/space`);
  await page.click('[data-testid=receipts-link]');
  await page.waitForSelector('[data-testid=receipt-item]');
  const items = page.locator('[data-testid=receipt-item]');
  assert.ok((await items.count()) >= 9, 'move-in, six controls, the consent and its withdrawal');
  assert.equal(await page.locator('[data-testid=receipt-item][data-verified=false]').count(), 0);
  assert.equal(await items.first().getAttribute('data-type'), 'withdrawn', 'newest first');
  assert.match(await items.first().innerText(), /Accord retiré à Conseil Énergie SAS/);
  const given = page.locator('[data-testid=receipt-item][data-type=given]');
  const text = await given.innerText();
  for (const words of [/Accord donné à Conseil Énergie SAS/, /une fois par jour/, /conseils personnalisés/])
    assert.match(text, words);
  assert.ok(!/conseil-energie|personalised-advice|\bP1D\b/.test(text), text);
  const d = await download('[data-testid=receipt-item][data-type=given] [data-testid=receipt-download]');
  assert.match(String(await bytesOf(d)), /^eyJ[\w-]+\.[\w-]+\.[\w-]+$/);
  await page.setViewportSize({ width: 390, height: 800 });
  assert.ok(await page.evaluate(() => document.documentElement.scrollWidth <= 390), 'no sideways scroll at 390 px');
  await page.screenshot({ path: join(SHOTS, 'secure-space-receipts-390.png'), fullPage: true });
  await page.setViewportSize({ width: 1100, height: 900 });
});

test('a state-changing call without the CSRF token is refused from the page with AUTH_CSRF', async () => {
  const r = await page.evaluate(async (prm) => {
    const res = await fetch(`api/usage-points/${prm}/controls/stop-fine-recording`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{}',
    });
    return { status: res.status, body: (await res.json()) as { error: { code: string } } };
  }, PRM);
  assert.equal(r.status, 403);
  assert.equal(r.body.error.code, 'AUTH_CSRF');
  assert.equal(hub.hub.consent.ledger.state.controlsOf(PRM).fineRecording, true, 'nothing changed');
  problems.splice(0); // the refused call is logged by the browser as a console error
});

test('"Mes droits": account rectification and password change', async () => {
  await page.goto(`${hub.url}/#/rights`);
  await page.waitForSelector('[data-testid=account-name]');
  await page.fill('[data-testid=account-name]', 'Famille Durand');
  await page.click('[data-testid=account-form] button[type=submit]');
  await page.waitForSelector('[data-testid=account-form] [role=status]');
  const me = await page.evaluate(
    async () => (await (await fetch('api/auth/me')).json()) as { account: { displayName: string } },
  );
  assert.equal(me.account.displayName, 'Famille Durand');
  await page.fill('[data-testid=password-form] input[name=oldPassword]', 'pas le bon mot de passe');
  await page.fill('[data-testid=password-form] input[name=newPassword]', 'une nouvelle phrase secrète');
  await page.click('[data-testid=password-form] button[type=submit]');
  await page.waitForSelector('[data-testid=password-form] .error');
  await page.fill('[data-testid=password-form] input[name=oldPassword]', OWNER.password);
  await page.fill('[data-testid=password-form] input[name=newPassword]', 'une nouvelle phrase secrète');
  await page.click('[data-testid=password-form] button[type=submit]');
  await page.waitForSelector('[data-testid=password-form] [role=status]');
  await assert.rejects(
    hub.hub.consent.accounts.login(OWNER.username, OWNER.password, 'e2e'),
    /AUTH_INVALID_CREDENTIALS|unknown user/,
  );
  assert.equal(
    (await hub.hub.consent.accounts.login(OWNER.username, 'une nouvelle phrase secrète', 'e2e')).actor.kind,
    'household',
  );
  problems.splice(0); // the refused old password is a 401 the browser logs as a console error
});

test('the export ZIP holds readings, agreements, receipts and the access log; then everything is erased', async () => {
  await page.goto(`${hub.url}/#/rights`);
  const zip = unzipSync(new Uint8Array(await bytesOf(await download('[data-testid=export-zip]'))));
  const names = Object.keys(zip).sort();
  for (const f of [
    'README.txt',
    'access-log.csv',
    'access-log.json',
    'consents.json',
    'controls.json',
    'deletions.json',
    'hub-public-key.jwk',
    'ledger-events.json',
    'receipts.json',
    'readings/index.json',
  ])
    assert.ok(names.includes(f), `${f} in ${names.join(', ')}`);
  const csv = names.filter((n) => n.startsWith('readings/') && n.endsWith('.csv'));
  assert.deepEqual(csv, ['readings/energy.consumption.P1D.demo.csv'], 'only daily values remain after the purge');
  const rows = strFromU8(zip[csv[0]!]!).trim().split('\n');
  assert.equal(rows[0], 'interval_start_utc,value_Wh,quality');
  assert.ok(!rows.some((r) => /^2007-01-0[123]T23/.test(r)), 'the deleted Paris days are absent');
  assert.ok(
    rows.some((r) => r.startsWith('2007-01-04T23')),
    'the day after is there',
  );
  const consents = JSON.parse(strFromU8(zip['consents.json']!)) as { recipient: string; status: string }[];
  assert.deepEqual(
    consents.map((c) => [c.recipient, c.status]),
    [['conseil-energie', 'withdrawn']],
  );
  const rec = JSON.parse(strFromU8(zip['receipts.json']!)) as { jws: string | null }[];
  assert.ok(rec.filter((r) => r.jws).length >= 9, `${rec.length} receipts (occupancy, 6 controls, give, withdraw)`);
  const deletions = JSON.parse(strFromU8(zip['deletions.json']!)) as { what: string }[];
  assert.ok(deletions.length >= 2);

  await page.fill('[data-testid=erase-confirm]', PRM);
  await page.click('[data-testid=erase-submit]');
  await page.click('[data-testid=confirm-go]');
  await page.waitForSelector('[data-testid=erase-form] [data-testid=receipt-link]');
  assert.deepEqual(await hub.hub.store.list(PRM as never), [], 'no reading left');
  assert.deepEqual(problems, [], 'no script error, no console error, nothing fetched outside the hub');
});

test('the transparency report is public; the operator sees the register and no household data', async () => {
  const ctx = await browser.newContext({ viewport: { width: 1100, height: 900 } });
  try {
    const p = await ctx.newPage();
    p.on('console', (m) => m.type() === 'error' && problems.push(`console (operator): ${m.text()}`));
    await p.goto(`${hub.url}/#/transparency`);
    await p.waitForSelector('[data-testid=transparency-empty]');
    await hub.hub.consent.accounts.createAccount(
      { kind: 'operator', id: 'e2e' },
      { username: 'exploitant', password: 'gestion du hub 2026', role: 'operator' },
    );
    await p.goto(`${hub.url}/#/register`);
    await p.waitForSelector('[data-testid=login-form]');
    await p.fill('[data-testid=login-form] input[name=username]', 'exploitant');
    await p.fill('[data-testid=login-form] input[name=password]', 'gestion du hub 2026');
    await p.click('[data-testid=login-form] button[type=submit]');
    await p.waitForSelector('[data-testid=register] table');
    assert.match((await p.textContent('[data-testid=register]'))!, /Conseil Énergie SAS/);
    const data = await p.evaluate(async (prm) => (await fetch(`api/usage-points/${prm}/holdings`)).status, PRM);
    assert.equal(data, 404, 'the operator has no read path to the household’s data');
    const owner = hub.hub.consent.ledger.state.occupantAt(PRM, Date.now())!.subject;
    const log = await hub.hub.consent.access.logFor({ kind: 'household', id: owner }, PRM as never);
    assert.ok(
      log.some((e) => e.actorKind === 'operator' && !e.allowed),
      'the refused attempt is in the household’s access log',
    );
    await page.goto(`${hub.url}/#/journal`);
    await page.waitForSelector('[data-testid=journal-table]');
    await page.screenshot({ path: join(SHOTS, 'secure-space-journal.png'), fullPage: true });
    assert.match(
      (await page.textContent('[data-testid=journal-table]'))!,
      /\(l’opérateur du hub\)[\s\S]*refusé : vous n’avez pas donné votre accord/,
      'and the household sees it in "Journal d’accès", with the operator named and the refusal in words',
    );
    assert.deepEqual(
      problems.filter((x) => !x.includes('404')),
      [],
    );
  } finally {
    await ctx.close();
  }
});
