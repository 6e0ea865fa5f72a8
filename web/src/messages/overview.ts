// `#/`: the power curve and the daily energy bars.
import { defineMessages } from './define.ts';

export default defineMessages({
  fr: {
    'chart.title': 'Puissance appelée',
    'chart.hint':
      'Glissez sur la courbe pour zoomer, utilisez la molette pour zoomer ou dézoomer, double-cliquez pour tout revoir.',
    'chart.range.all': 'Tout',
    'chart.range.month': '1 mois',
    'chart.range.week': '1 semaine',
    'chart.range.day': '1 jour',
    'chart.range.hour': '1 heure',
    'chart.range.label': 'Période affichée',
    'chart.earlier': 'Plus tôt',
    'chart.later': 'Plus tard',
    'chart.when': 'Moment',
    'chart.mean': 'Puissance moyenne',
    'chart.max': 'Maximum',
    'chart.min': 'Minimum',
    'chart.res.native': 'Chaque point est une mesure d’origine ({step}).',
    'chart.res.bucket': 'Chaque point résume {bucket} : la ligne est la moyenne, la bande va du minimum au maximum.',
    'chart.empty': 'Aucune mesure sur cette période.',
    'chart.summary':
      'Courbe de puissance du {from} au {to} : au plus bas {min}, au plus haut {max}, en moyenne {mean}.',
    'chart.noDetail':
      'Ce hub ne détient pas de courbe détaillée pour ce compteur (elle a été effacée, ou le fichier importé n’en donne pas) : seuls les totaux par jour sont montrés.',
    'daily.title': 'Énergie consommée chaque jour',
    'daily.summary':
      'Énergie consommée par jour du {from} au {to} : au plus bas {min}, au plus haut {max}, en moyenne {mean}.',
    'daily.hint': 'Cliquez sur un jour pour afficher sa courbe détaillée.',
    'daily.avg': 'Moyenne par jour',
    'daily.max': 'Jour le plus élevé',
    'daily.total': 'Total sur la période',
    'daily.day': 'Jour',
    'daily.series': 'Énergie du jour',
  },
  en: {
    'chart.title': 'Power drawn',
    'chart.hint':
      'Drag across the curve to zoom in, use the mouse wheel to zoom in or out, double-click to see everything.',
    'chart.range.all': 'All',
    'chart.range.month': '1 month',
    'chart.range.week': '1 week',
    'chart.range.day': '1 day',
    'chart.range.hour': '1 hour',
    'chart.range.label': 'Period shown',
    'chart.earlier': 'Earlier',
    'chart.later': 'Later',
    'chart.when': 'Time',
    'chart.mean': 'Mean power',
    'chart.max': 'Maximum',
    'chart.min': 'Minimum',
    'chart.res.native': 'Each point is an original measurement ({step}).',
    'chart.res.bucket': 'Each point sums up {bucket}: the line is the mean, the band spans minimum to maximum.',
    'chart.empty': 'No measurement in this period.',
    'chart.summary': 'Power curve from {from} to {to}: lowest {min}, highest {max}, mean {mean}.',
    'chart.noDetail':
      'This hub holds no detailed curve for this meter (it was erased, or the imported file has none): only the daily totals are shown.',
    'daily.title': 'Energy used each day',
    'daily.summary': 'Energy used per day from {from} to {to}: lowest {min}, highest {max}, mean {mean}.',
    'daily.hint': 'Click a day to see its detailed curve.',
    'daily.avg': 'Average per day',
    'daily.max': 'Highest day',
    'daily.total': 'Total for the period',
    'daily.day': 'Day',
    'daily.series': 'Energy that day',
  },
});
