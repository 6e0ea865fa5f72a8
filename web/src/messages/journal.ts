// `#/journal` "Journal d'accès": who read the household's data, and the legal requests it may see.
import { defineMessages } from './define.ts';

export default defineMessages({
  fr: {
    'journal.title': 'Journal d’accès',
    'journal.intro':
      'Toute lecture de vos données par quelqu’un d’autre que vous — destinataire, opérateur du hub ou autorité — est inscrite ici, qu’elle ait été acceptée ou refusée. Il n’existe pas d’autre accès.',
    'journal.empty': 'Personne d’autre que vous n’a demandé à lire vos données.',
    'journal.when': 'Quand',
    'journal.who': 'Qui',
    'journal.what': 'Quelles données',
    'journal.why': 'Pourquoi',
    'journal.result': 'Résultat',
    'journal.allowed': 'accepté',
    'journal.denied': 'refusé',
    'journal.period': '{from} → {to}, {step}',
    'journal.legal': 'Réquisitions des autorités',
    'journal.legalIntro':
      'Les demandes d’autorités concernant votre point de livraison, sauf celles que la loi impose de garder secrètes.',
    'journal.legalEmpty': 'Aucune réquisition visible ne concerne votre point de livraison.',
    'journal.legalLine': '{authority} — réf. {reference} — {outcome}',
  },
  en: {
    'journal.title': 'Access log',
    'journal.intro':
      'Every read of your data by anyone but you — recipient, hub operator or authority — is written here, whether it was allowed or refused. There is no other access.',
    'journal.empty': 'No one but you has asked to read your data.',
    'journal.when': 'When',
    'journal.who': 'Who',
    'journal.what': 'Which data',
    'journal.why': 'Why',
    'journal.result': 'Result',
    'journal.allowed': 'allowed',
    'journal.denied': 'refused',
    'journal.period': '{from} → {to}, {step}',
    'journal.legal': 'Requests from authorities',
    'journal.legalIntro':
      'Requests from authorities about your delivery point, except those the law requires to stay secret.',
    'journal.legalEmpty': 'No visible request concerns your delivery point.',
    'journal.legalLine': '{authority} — ref. {reference} — {outcome}',
  },
});
