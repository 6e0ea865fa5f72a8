// A receipt's claims in words: every kind of household event says what happened in French and English; a consent
// receipt older than `hub:recipientName` names the application by its registered name; nothing shows a code.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Prm } from '../core/prm.ts';
import type { ChainedEvent, ConsentTerms, EventBody } from './events.ts';
import { receiptPayload } from './receipt.ts';
import { readReceipt, unverifiedPayload } from './receipt-view.ts';

const PRM = '99999999999911' as Prm;
const T = Date.UTC(2026, 2, 1, 9);
const terms: ConsentTerms = {
  consentId: 'c1',
  subject: 'alice',
  prm: PRM,
  controller: 'Opérateur du hub',
  recipient: 'conseil-energie',
  purposes: ['personalised-advice'],
  categories: ['consumption'],
  step: 'PT30M',
  legalBasis: 'eu-gdpr:A6-1-a',
  notice: { version: '2026-11-1', lang: 'fr', hash: 'ab'.repeat(32) },
  channel: 'web',
  givenAt: T,
  expiresAt: T + 365 * 86_400_000,
  duration: 'P1Y',
};
const event = (body: EventBody): ChainedEvent => ({
  seq: 3,
  eventId: 'e3',
  at: T,
  actor: { kind: 'household', id: 'alice' },
  body,
  prevHash: 'p',
  hash: 'h',
});
const ctx = { nameOf: (id: string) => (id === 'conseil-energie' ? 'Conseil Énergie SAS' : undefined) };
const read = (body: EventBody, lang: 'fr' | 'en' = 'fr', t: ConsentTerms = terms, extra = {}) =>
  readReceipt(receiptPayload(event(body), { issuer: 'hub', terms: t, retentionMonths: 12 }), lang, {
    ...ctx,
    ...extra,
  });

test('a consent receipt reads back the application, purpose, data, step, expiry, notice and controller', () => {
  const signed = { ...terms, recipientName: 'Conseil Énergie (nom signé)' };
  const fr = read({ type: 'given', terms: signed }, 'fr', signed);
  assert.equal(fr.what, 'Accord donné à Conseil Énergie (nom signé)');
  assert.deepEqual(fr.consent, {
    recipientName: 'Conseil Énergie (nom signé)',
    purposes: ['conseils personnalisés d’économie d’énergie'],
    categories: ['consommation d’électricité'],
    stepText: 'toutes les 30 minutes',
    expiresAt: new Date(terms.expiresAt).toISOString(),
    notice: { version: '2026-11-1', hash: 'ab'.repeat(32) },
    controller: 'Opérateur du hub',
  });
  // an older receipt carries the application's id only: its registered name is shown
  assert.equal(
    read({ type: 'withdrawn', consentId: 'c1', channel: 'web' }, 'en').what,
    'Consent withdrawn from Conseil Énergie SAS',
  );
  assert.equal(
    read({ type: 'superseded', consentId: 'c1', reason: 'move-out' }, 'fr', terms, { supersededBy: 'move-out' }).what,
    'Accord donné à Conseil Énergie SAS clos à votre départ du logement',
  );
  assert.equal(read({ type: 'expired', consentId: 'c1' }, 'en').consent?.stepText, 'every 30 minutes');
});

test('controls, deletions and occupancy say what was done', () => {
  const control = (action: Extract<EventBody, { type: 'control' }>['action'], lang: 'fr' | 'en' = 'fr') =>
    read({ type: 'control', prm: PRM, subject: 'alice', action }, lang).what;
  assert.equal(control({ kind: 'stop-fine-recording' }), 'Enregistrement détaillé arrêté');
  assert.equal(control({ kind: 'purge-fine-history', deleted: 1 }, 'en'), 'Detailed history erased (1 value deleted)');
  assert.equal(
    control({ kind: 'change-step', step: 'PT1H' }),
    'Fréquence la plus fine enregistrée : toutes les heures',
  );
  assert.equal(
    control({
      kind: 'delete-data',
      range: { from: Date.UTC(2026, 0, 31, 23), to: Date.UTC(2026, 1, 9, 23) },
      deleted: 2,
    }),
    'Vos données du 1er février 2026 au 10 février 2026 supprimées (2 valeurs)',
  );
  assert.equal(
    control({ kind: 'delete-data', range: null, deleted: 0 }, 'en'),
    'All your data since you moved in deleted (0 values)',
  );
  assert.equal(control({ kind: 'extend-fine-retention', months: 18 }), 'Historique détaillé conservé 18 mois');
  assert.equal(
    read({ type: 'erased', prm: PRM, subject: 'alice', reason: 'request', deleted: 3 }).what,
    'Toutes vos données effacées à votre demande (3 valeurs)',
  );
  assert.equal(
    read({ type: 'occupancy-started', prm: PRM, subject: 'alice', since: Date.UTC(2007, 0, 1) }, 'en').what,
    'Move-in recorded, since 1 January 2007',
  );
  assert.equal(read({ type: 'moved-out', prm: PRM, subject: 'alice' }).what, 'Départ du logement enregistré');
});

test('the payload of a receipt that does not verify can still be read; garbage reads as nothing', () => {
  const body = Buffer.from(JSON.stringify({ 'hub:event': { type: 'control' } })).toString('base64url');
  assert.deepEqual(unverifiedPayload(`eyJ.${body}.sig`), { 'hub:event': { type: 'control' } });
  assert.equal(unverifiedPayload('not a jws'), undefined);
  assert.equal(unverifiedPayload('a.%%%.c'), undefined);
  assert.equal(readReceipt({}, 'fr', ctx).what, 'Événement enregistré dans le registre');
});
