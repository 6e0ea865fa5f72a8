// "Coûts et offres" with a known contract: a real Data Connect contract answer
// (test/fixtures/enedis/dc2026-situation.json,
// masked PRM attached to the demo usage point) is uploaded to POST /api/imports; the costs route then defaults to its
// subscribed power and the page says where that comes from. Real hub (DuckDB file in a temp dir), built web/dist,
// Debian's headless Chromium through playwright-core. Screenshot: .tmp/costs-contract-fr.png.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { fileURLToPath } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { startHub, type RunningHub } from '../../src/server/main.ts';
import { ensureDashboardBuilt, launchChromium, newPage, signIn } from './browser-support.ts';
import { DEMO_PRM } from '../../src/core/prm.ts';
import { offpeakOfferLabel, TARIF_BLEU_HC } from '../../src/tariffs/offer-label.ts';
import { parseOffpeakText } from '../../src/tariffs/offpeak.ts';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const SHOTS = join(ROOT, '.tmp');
const FIXTURE = join(ROOT, 'test/fixtures/enedis/dc2026-situation.json');
const OWNER = { username: 'foyer', password: 'une phrase facile à retenir' };

let hub: RunningHub;
let browser: Browser;
let page: Page;
let dataDir: string;

/**
 * The costs answer the page asked for (with this `kva`, when given): what the page waits on before the DOM shows it.
 * Start it before the action that makes the page ask.
 */
const costsAnswer = (kva?: string) =>
  page.waitForResponse((r) => {
    const u = new URL(r.url());
    return u.pathname.endsWith('/costs') && (kva === undefined || u.searchParams.get('kva') === kva);
  });

before(async () => {
  ensureDashboardBuilt();
  mkdirSync(SHOTS, { recursive: true });
  dataDir = mkdtempSync(join(tmpdir(), 'courant-costs-contract-'));
  hub = await startHub({ dataDir, port: 0, demo: true, owner: OWNER, onProgress: () => {} });
  browser = await launchChromium();
  page = await newPage(browser, { viewport: { width: 1200, height: 900 } });
  await page.goto(hub.url);
  await signIn(page, OWNER);
  await page.waitForSelector('[data-testid=household-label]');
});

after(async () => {
  await browser?.close();
  await hub?.close();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

test('without a contract the page says so; after the contract answer is imported, its kVA is used and its origin shown', async () => {
  await Promise.all([costsAnswer(), page.click('nav a[href^="#/costs"]')]);
  await page.waitForSelector('[data-testid=contract-facts]');
  assert.match(
    (await page.textContent('[data-testid=contract-none]'))!,
    /Aucun contrat importé : les coûts sont calculés pour 6 kVA/,
  );
  assert.equal(await page.inputValue('[data-testid=kva-select]'), '6');

  // the contract answer, uploaded the way the CLI does when the hub holds the database (local token, x-prm)
  const body = readFileSync(FIXTURE);
  const res = await fetch(`${hub.url}/api/imports`, {
    method: 'POST',
    headers: {
      authorization: `Bearer ${hub.hub.localToken}`,
      'content-type': 'application/octet-stream',
      'x-file-name': 'dc2026-situation.json',
      'x-prm': DEMO_PRM,
    },
    body,
  });
  assert.equal(res.status, 200, await res.clone().text());
  const kva = Number(
    (JSON.parse(body.toString('utf8')) as { subscribed_power: { value: string } }[])[0]!.subscribed_power.value,
  );
  assert.equal((await hub.hub.profiles.profile(DEMO_PRM)).contract.subscribedKva?.value, kva);

  await Promise.all([costsAnswer(), page.reload()]);
  await page.waitForSelector('[data-fact=kva]');
  const fact = (await page.textContent('[data-fact=kva]'))!;
  assert.match(fact, new RegExp(`Puissance souscrite : ${kva} kVA utilisée ci-dessus`));
  assert.match(fact, /Data Connect, dc2026-situation\.json, appris le \d{1,2} \S+ \d{4}/);
  assert.equal(await page.inputValue('[data-testid=kva-select]'), String(kva));
  // the network tariff text ("… heures pleines heures creuses …") hints the HP/HC option, and says it is only a hint
  assert.equal(await page.getAttribute('[data-fact=option]', 'data-option'), 'hphc');
  assert.match((await page.textContent('[data-fact=option]'))!, /option d’acheminement/);
  await page.screenshot({ path: join(SHOTS, 'costs-contract-fr.png'), fullPage: true });

  // the household's own choice wins, and the page says the contract's value is not used
  await Promise.all([costsAnswer('6'), page.selectOption('[data-testid=kva-select]', '6')]);
  await page.waitForFunction(() => document.querySelector('[data-fact=kva]')?.textContent?.includes('non utilisée'));
  assert.equal(await page.inputValue('[data-testid=kva-select]'), '6');
});

test('one Base row, priced at 6 and 9 kVA; the HP/HC row names the contract’s own off-peak hours', async () => {
  // the real v5 contracts answer (9 kVA, "HC (23h00-7h30)"), its usage point set to the demo's
  const v5 = JSON.parse(readFileSync(join(ROOT, 'test/fixtures/enedis/dc-v5-contracts.json'), 'utf8')) as {
    customer: { usage_points: { usage_point: { usage_point_id: string }; contracts: { offpeak_hours: string } }[] };
  };
  v5.customer.usage_points[0]!.usage_point.usage_point_id = DEMO_PRM;
  const res = await fetch(`${hub.url}/api/imports`, {
    method: 'POST',
    headers: {
      authorization: `Bearer ${hub.hub.localToken}`,
      'content-type': 'application/octet-stream',
      'x-file-name': 'dc-v5-contracts.json',
      'x-prm': DEMO_PRM,
    },
    body: JSON.stringify(v5),
  });
  assert.equal(res.status, 200, await res.clone().text());
  const hours = offpeakOfferLabel(
    TARIF_BLEU_HC,
    parseOffpeakText(v5.customer.usage_points[0]!.contracts.offpeak_hours),
  ).fr;
  await Promise.all([costsAnswer(), page.reload()]);
  await page.waitForSelector('[data-fact=offpeak]');
  for (const kva of ['9', '6']) {
    // 9 kVA is the contract's, which the page uses after the reload; picking it again would make it the household's
    // choice ("non utilisée (votre choix)"), so only 6 kVA is picked
    if ((await page.inputValue('[data-testid=kva-select]')) !== kva)
      await Promise.all([costsAnswer(kva), page.selectOption('[data-testid=kva-select]', kva)]);
    await page.waitForFunction(
      (k) =>
        document
          .querySelector('[data-fact=kva]')
          ?.textContent?.includes(k === '9' ? 'utilisée ci-dessus' : 'non utilisée'),
      kva,
    );
    await page.waitForSelector('[data-testid=offer-table] tbody tr[data-offer=edf-bleu-base]');
    const base = await page.$$eval('[data-testid=offer-table] tbody tr', (rows) =>
      rows
        .filter((r) => /Base/.test(r.querySelector('th')?.textContent ?? ''))
        .map((r) => [
          r.getAttribute('data-offer'),
          r.querySelector('input')!.disabled,
          r.querySelector('td.total')?.textContent ?? '',
        ]),
    );
    assert.equal(base.length, 1, `${kva} kVA: one Base row (${JSON.stringify(base)})`);
    assert.deepEqual(base[0]!.slice(0, 2), ['edf-bleu-base', false], `${kva} kVA: Base is priced`);
    assert.match(String(base[0]![2]), /\d,\d\d\s?€/);
    assert.equal(
      (await page.textContent('[data-testid=offer-table] tbody tr[data-offer=edf-bleu-hphc] th'))!.trim(),
      hours,
    );
  }
  await page.screenshot({ path: join(SHOTS, 'costs-contract-offpeak-fr.png'), fullPage: true });
});
