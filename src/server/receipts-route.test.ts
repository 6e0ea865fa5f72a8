// GET /api/usage-points/:prm/receipts: the occupant reads its own signed receipts, newest first, each verified against
// the hub's public key and read back in words (the application by its registered name, the step in words); another
// household and the operator get the answer of an absent usage point; a receipt that does not verify says so.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { compactVerify, importJWK } from 'jose';
import { stepWords } from '../consent/notices.ts';
import type { ReceiptList } from './contract/receipts.ts';
import { ABSENT_PRM, call, openSecurityHub, OWNER_PRM as P, type Identity, type SecurityHub } from './test-hub.ts';

let h: SecurityHub;
before(async () => {
  h = await openSecurityHub();
});
after(async () => {
  await h.close();
});

const get = (who: Identity, url: string) => call(h.app, { method: 'GET', url, headers: h.headers(who) });
const post = (who: Identity, url: string, payload: Record<string, unknown>) =>
  call(h.app, { method: 'POST', url, headers: { ...h.headers(who), 'content-type': 'application/json' }, payload });

test('the occupant reads its receipts in words, verified; others get the answer of an absent usage point', async () => {
  const screen = await get('alice', `/api/usage-points/${P}/consents?lang=fr`);
  assert.equal(screen.status, 200);
  const box = (screen.body as { screens: { boxes: Record<string, unknown>[] }[] }).screens[0]!.boxes.find(
    (b) => b.step === 'P1D',
  )!;
  const given = await post('alice', `/api/usage-points/${P}/consents`, {
    recipient: box.recipient,
    purpose: box.purpose,
    step: box.step,
    categories: box.categories,
    notice: box.notice,
  });
  assert.equal(given.status, 201, JSON.stringify(given.body));
  const stop = await post('alice', `/api/usage-points/${P}/controls/stop-fine-recording`, {});
  assert.equal(stop.status, 200, JSON.stringify(stop.body));

  const fr = await get('alice', `/api/usage-points/${P}/receipts?lang=fr`);
  assert.equal(fr.status, 200, JSON.stringify(fr.body));
  const list = fr.body as unknown as ReceiptList;
  const seqs = list.receipts.map((r) => r.seq);
  assert.deepEqual(
    seqs,
    [...seqs].sort((a, b) => b - a),
    'newest first',
  );
  assert.ok(
    list.receipts.every((r) => r.verified),
    'every receipt verifies with the hub key',
  );
  const [newest] = list.receipts;
  assert.equal(newest!.what, 'Enregistrement détaillé arrêté');
  assert.equal(newest!.consent, null);
  const consent = list.receipts.find((r) => r.type === 'given')!;
  assert.equal(consent.what, 'Accord donné à Conseil Énergie SAS');
  assert.deepEqual(
    { ...consent.consent!, notice: consent.consent!.notice?.version },
    {
      recipientName: 'Conseil Énergie SAS',
      purposes: ['conseils personnalisés d’économie d’énergie'],
      categories: ['consommation d’électricité'],
      stepText: stepWords('P1D', 'fr'),
      givenAt: consent.at,
      expiresAt: consent.consent!.expiresAt,
      notice: (box.notice as { version: string }).version,
      controller: consent.consent!.controller,
    },
  );
  assert.match(consent.consent!.notice!.hash, /^[0-9a-f]{64}$/);
  assert.ok(Date.parse(consent.consent!.expiresAt!) > Date.parse(consent.at));
  assert.ok(
    list.receipts.some((r) => r.type === 'occupancy-started'),
    'the move-in has its receipt too',
  );

  // the download address serves the same receipt, and it verifies offline with the key the answer gives
  const file = await get('alice', `/${consent.url!}`);
  assert.equal(file.status, 200);
  const key = await importJWK(list.publicKey, 'EdDSA');
  const { payload } = await compactVerify(file.raw.body, key);
  assert.equal(JSON.parse(new TextDecoder().decode(payload)).receipt_id, consent.eventId);

  const en = (await get('alice', `/api/usage-points/${P}/receipts?lang=en`)).body as unknown as ReceiptList;
  assert.equal(en.receipts.find((r) => r.type === 'given')!.what, 'Consent given to Conseil Énergie SAS');
  assert.equal(en.receipts.find((r) => r.type === 'given')!.consent!.stepText, stepWords('P1D', 'en'));

  const absent = await get('alice', `/api/usage-points/${ABSENT_PRM}/receipts`);
  assert.equal(absent.status, 404);
  for (const who of ['bob', 'operator'] as const) {
    const r = await get(who, `/api/usage-points/${P}/receipts`);
    assert.equal(r.status, 404, who);
    assert.deepEqual(r.body, {
      error: { ...absent.body.error!, message: absent.body.error!.message.replace(ABSENT_PRM, P) },
    });
  }
});

test('a receipt that does not verify is shown as not verified', async () => {
  const repo = h.hub.consent.ledger.repo;
  const real = repo.receipts.bind(repo);
  const list = (await get('alice', `/api/usage-points/${P}/receipts`)).body as unknown as ReceiptList;
  const [a, b] = list.receipts;
  // one receipt's signature altered, another replaced by a genuine receipt of a different event (a replay)
  repo.receipts = async () => {
    const m = new Map(await real());
    const jws = m.get(a!.eventId)!;
    m.set(a!.eventId, jws.slice(0, -4) + (jws.endsWith('AAAA') ? 'BBBB' : 'AAAA'));
    m.set(b!.eventId, m.get(list.receipts.at(-1)!.eventId)!);
    return m;
  };
  try {
    const after = (await get('alice', `/api/usage-points/${P}/receipts`)).body as unknown as ReceiptList;
    assert.deepEqual(
      after.receipts.map((r) => r.verified),
      list.receipts.map((r) => r.eventId !== a!.eventId && r.eventId !== b!.eventId),
    );
    assert.equal(after.receipts[0]!.what, a!.what, 'the altered receipt still says what it claims');
  } finally {
    repo.receipts = real;
  }
});
