import { test } from 'node:test';
import assert from 'node:assert/strict';
import { renderRegister } from './register.ts';
import { consentConfigSchema } from './config.ts';
import type { RecipientDeclaration } from './model.ts';
import { DAY, EventLog, P1, P2, T0 } from './test-events.ts';
import { CONTROL_TEXTS } from './control-texts.ts';

test('the processing register lists controller, each declared recipient and purpose with its live consent count, retention and measures', () => {
  const config = consentConfigSchema.parse({
    controller: { name: 'Coop Énergie Locale', contact: 'dpo@coop.invalid' },
    retention: { fineMonths: 6 },
  });
  const log = new EventLog()
    .occupy(T0, P1, 'alice')
    .occupy(T0, P2, 'bob')
    .give(T0 + DAY, {
      id: 'c1',
      prm: P1,
      subject: 'alice',
      recipient: 'conseil',
      purpose: 'personalised-advice',
      step: 'PT30M',
    })
    .give(T0 + DAY, {
      id: 'c2',
      prm: P2,
      subject: 'bob',
      recipient: 'conseil',
      purpose: 'personalised-advice',
      step: 'P1D',
    })
    .withdraw(T0 + 2 * DAY, 'c2', 'bob');
  const recipients = [
    { id: 'conseil', name: 'Conseil SAS', role: 'service', purposes: ['personalised-advice'] },
  ] as const satisfies RecipientDeclaration[];
  const md = renderRegister({
    config,
    recipients,
    state: log.state,
    now: T0 + 3 * DAY,
    ledgerHead: 'abc',
    legalRequests: 2,
  });
  assert.match(md, /Coop Énergie Locale — dpo@coop\.invalid/);
  assert.match(md, /Foyers occupant un point de livraison \(PRM\) enregistré : 2/);
  assert.match(
    md,
    /\| Transmission à Conseil SAS \(conseil, service\) \| dpv:ProvidePersonalisedRecommendations .* 1 actif\(s\), pas : toutes les 30 minutes \|/,
  );
  assert.match(md, /Données fines .* : 6 mois glissants/);
  assert.match(md, /2 demande\(s\) enregistrée\(s\)/);
  const bare = renderRegister({
    config: consentConfigSchema.parse({}),
    recipients: [],
    state: log.state,
    now: T0 + 3 * DAY,
  });
  assert.match(
    bare,
    /\| Transmission à conseil \(client désactivé ou non enregistré\) .* 1 actif\(s\)/,
    'recipients found only in the ledger are listed too',
  );
  assert.match(md, /Tête du registre .*`abc`/);
});

test('every household control has a label, an explanation and an acknowledgement in French and English', () => {
  for (const [id, t] of Object.entries(CONTROL_TEXTS)) {
    for (const lang of ['fr', 'en'] as const) {
      assert.ok(t[lang].label.length > 3 && t[lang].explain.length > 10 && t[lang].done.length > 5, `${id} ${lang}`);
    }
    assert.notEqual(t.fr.label, t.en.label, id);
  }
});
