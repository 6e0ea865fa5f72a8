// The operator's #/clients page in headless Chromium: the registered clients in words, a refused registration said
// by its field, the secret shown once (and working at the token endpoint), a new secret, disable asked first (a
// dismissed question changes nothing), enable; at 390 px the page stays within the screen; English too.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import type { Browser } from 'playwright-core';
import { startHub, type RunningHub } from '../../src/server/main.ts';
import { removeDir } from '../../src/use-cases/consent/test-support.ts';
import { ensureDashboardBuilt, launchChromium, newPage, signIn } from './browser-support.ts';

const OPERATOR = { username: 'admin', password: 'mot de passe operateur' };
let hub: RunningHub;
let browser: Browser;
let dir: string;

before(async () => {
  ensureDashboardBuilt();
  dir = mkdtempSync(join(tmpdir(), 'courant-clients-page-'));
  hub = await startHub({ dataDir: dir, port: 0, demo: false, env: {}, logLevel: 'silent' });
  await hub.hub.consent.accounts.createAccount({ kind: 'operator', id: 'test' }, { ...OPERATOR, role: 'operator' });
  await hub.hub.consent.clients.register(
    { kind: 'operator', id: 'test' },
    {
      clientId: 'conseil-energie',
      name: 'Conseil Énergie',
      legalIdentity: 'Conseil Énergie SAS, SIRET 000 000 000 00000',
      contact: 'dpo@conseil.example',
      redirectUris: ['https://conseil.example/callback'],
      purposes: ['personalised-advice', 'anonymised-statistics'],
      finestStep: 'PT30M',
      retentionMonths: 12,
    },
  );
  browser = await launchChromium();
});
after(async () => {
  await browser?.close();
  await hub?.close();
  if (dir) removeDir(dir);
});

const works = async (clientId: string, secret: string) =>
  (
    await fetch(`${hub.url}/oauth2/v3/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ grant_type: 'client_credentials', client_id: clientId, client_secret: secret }),
    })
  ).status === 200;

test('the operator lists, registers, gives a new secret, disables and enables third-party clients', async () => {
  const page = await newPage(browser, { viewport: { width: 390, height: 900 } });
  await page.addInitScript(() => localStorage.setItem('courant.locale', 'fr'));
  await page.goto(`${hub.url}/#/clients`);
  await signIn(page, OPERATOR);
  const card = page.locator('[data-client=conseil-energie]');
  await card.waitFor();
  const text = await card.innerText();
  for (const words of [
    'Conseil Énergie SAS',
    'conseils personnalisés d’économie d’énergie',
    'une valeur toutes les 30 minutes',
    '12 mois',
    'https://conseil.example/callback',
    'actif',
  ])
    assert.ok(text.includes(words), `${words} in ${text}`);
  assert.ok((await page.evaluate(() => document.documentElement.scrollWidth)) <= 390, 'no sideways scrolling');

  // a refused registration is said by its field, in words; nothing is registered
  const form = page.locator('[data-testid=client-form]');
  const inputs = form.locator('input:not([type=checkbox])');
  await inputs.nth(0).fill('demo-app');
  await inputs.nth(1).fill('Démo');
  await inputs.nth(2).fill('Démo SAS');
  await inputs.nth(3).fill('dpo@demo.example');
  await form.locator('textarea').fill('http://demo.example/cb');
  await form.locator('input[type=checkbox]').nth(1).check();
  await page.click('[data-testid=client-submit]');
  const refusal = form.locator('.error-box');
  await refusal.waitFor();
  assert.match(await refusal.innerText(), /Adresse de retour refusée/);
  assert.equal(await refusal.getAttribute('data-error-code'), null, 'the page’s own words, not the hub’s');
  assert.equal(hub.hub.consent.clients.get('demo-app'), undefined);

  await form.locator('textarea').fill('https://demo.example/cb');
  await page.click('[data-testid=client-submit]');
  const shown = page.locator('[data-testid=client-secret]');
  await shown.waitFor();
  assert.match(await shown.innerText(), /il ne sera plus jamais affiché/);
  const secret = await page.locator('[data-testid=client-secret-value]').inputValue();
  assert.ok(await works('demo-app', secret), 'the secret shown works');
  await shown.locator('button.ghost').click();
  assert.equal(await shown.count(), 0, 'gone once copied, and never shown again');
  assert.ok(!(await page.content()).includes(secret));

  // a new secret: asked first, then the old one stops working
  const demo = page.locator('[data-client=demo-app]');
  page.once('dialog', (d) => void d.accept());
  await demo.locator('[data-testid=client-rotate]').click();
  await shown.waitFor();
  const second = await page.locator('[data-testid=client-secret-value]').inputValue();
  assert.notEqual(second, secret);
  assert.equal(await works('demo-app', secret), false);
  assert.ok(await works('demo-app', second));

  // disable is asked first: dismissed, nothing changes; accepted, the client is disabled
  let asked = '';
  page.once('dialog', (d) => void ((asked = d.message()), d.dismiss()));
  await demo.locator('[data-testid=client-toggle]').click();
  assert.match(asked, /Désactiver « Démo » \?.*révoqués/);
  assert.equal(hub.hub.consent.clients.get('demo-app')?.disabled, false);
  page.once('dialog', (d) => void d.accept());
  await demo.locator('[data-testid=client-toggle]').click();
  await page.waitForFunction(
    () => document.querySelector('[data-client=demo-app] [data-testid=client-state]')?.textContent === 'désactivé',
  );
  assert.equal(await works('demo-app', second), false, 'a disabled client cannot authenticate');
  await demo.locator('[data-testid=client-toggle]').click(); // enable: no question
  await page.waitForFunction(
    () => document.querySelector('[data-client=demo-app] [data-testid=client-state]')?.textContent === 'actif',
  );
  assert.ok(await works('demo-app', second));

  // English
  await page.click('[data-testid=lang-switch]');
  await page.waitForFunction(() =>
    document.querySelector('[data-client=conseil-energie]')?.textContent?.includes('personalised energy-saving advice'),
  );
  const en = await card.innerText();
  for (const words of ['enabled', 'one value every 30 minutes', '12 months', 'Legal identity'])
    assert.ok(en.includes(words), `${words} in ${en}`);
  await page.close();
});
