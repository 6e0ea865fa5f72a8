// `#/data`: what this hub holds about me.
import { defineMessages } from './define.ts';

export default defineMessages({
  fr: {
    'data.title': 'Ce que ce hub détient sur moi',
    'data.intro':
      'Voici toutes les séries de mesures enregistrées sur ce hub pour ce point de livraison : ce qu’elles mesurent, à quel rythme, d’où elles viennent et sur quelle période. Elles sont stockées sur ce hub, chez vous.',
    'data.step': 'Rythme',
    'data.source': 'Origine',
    'data.range': 'Période',
    'data.count': 'Nombre de valeurs',
    'data.id': 'Identifiant technique',
    'data.rangeValue': 'du {from} au {to}',
    'data.countValue': '{n} valeurs',
    'data.generated': 'Inventaire établi le {at}.',
    'data.export': 'Télécharger toutes mes données (CSV)',
    'data.exportHint': 'Un fichier tableur avec chaque valeur, son horodatage et son unité.',
    'data.empty': 'Ce hub ne détient aucune mesure pour ce point de livraison.',
  },
  en: {
    'data.title': 'What this hub holds about me',
    'data.intro':
      'These are all the measurement series recorded on this hub for this delivery point: what they measure, how often, where they come from and over which period. They are stored on this hub, in your home.',
    'data.step': 'Pace',
    'data.source': 'Origin',
    'data.range': 'Period',
    'data.count': 'Number of values',
    'data.id': 'Technical identifier',
    'data.rangeValue': 'from {from} to {to}',
    'data.countValue': '{n} values',
    'data.generated': 'Inventory made on {at}.',
    'data.export': 'Download all my data (CSV)',
    'data.exportHint': 'A spreadsheet file with every value, its timestamp and its unit.',
    'data.empty': 'This hub holds no measurement for this delivery point.',
  },
});
