/**
 * @module tariffs/prices
 * The price table shipped with courant: the regulated "Tarif Bleu" options (Base, HP/HC, Tempo, EJP), prices
 * with all taxes included, dated. Users add or edit their own offers (docs/tariffs.md); the table is data, read by
 * `validateOffers`, never hard-coded in the cost code.
 *
 * CAUTION: the figures below were transcribed without access to the published grid during development and are
 * marked `verified: false` (the dashboard shows it). Check them against the CRE deliberation / EDF "Grille de
 * prix de l'offre de fourniture d'électricité Tarif Bleu" valid on the dates, and set `verified: true`.
 */
import type { Offer, PricePeriod } from './model.ts';

const GRID = 'EDF « Grille de prix de l’offre Tarif Bleu » TTC and the CRE deliberation on regulated tariffs of January 2025 (figures not yet checked against them)';
const SUB_BASE = { '3': 11.73, '6': 15.47, '9': 19.39, '12': 23.32, '15': 27.06, '18': 30.76, '24': 38.79, '30': 46.44, '36': 54.29 };
const SUB_HPHC = { '6': 15.74, '9': 20.21, '12': 24.28, '15': 28.15, '18': 32.13, '24': 40.29, '30': 47.94, '36': 55.57 };
const SUB_TEMPO = { '6': 15.5, '9': 19.49, '12': 23.38, '15': 27.01, '18': 30.78, '30': 46.88, '36': 54.41 };

const period = (energy: PricePeriod['energy'], subscription: PricePeriod['subscription']): PricePeriod => ({
  from: '2025-02-01',
  energy,
  subscription,
  taxesIncluded: true,
  source: GRID,
  verified: false,
});

export const DEFAULT_OFFERS: readonly Offer[] = [
  { id: 'edf-bleu-base', label: { fr: 'Tarif Bleu Base', en: 'Tarif Bleu Base' }, option: 'base', periods: [period({ base: 0.2016 }, SUB_BASE)] },
  {
    id: 'edf-bleu-hphc',
    label: { fr: 'Tarif Bleu Heures Creuses (22h–6h)', en: 'Tarif Bleu off-peak (22:00–06:00)' },
    option: 'hphc',
    offpeak: { ranges: [{ from: '22:00', to: '06:00' }] },
    periods: [period({ hp: 0.2146, hc: 0.1696 }, SUB_HPHC)],
  },
  {
    id: 'edf-bleu-tempo',
    label: { fr: 'Tarif Bleu Tempo', en: 'Tarif Bleu Tempo' },
    option: 'tempo',
    periods: [period({ blue_hc: 0.1288, blue_hp: 0.1552, white_hc: 0.1447, white_hp: 0.1792, red_hc: 0.1518, red_hp: 0.6586 }, SUB_TEMPO)],
  },
  {
    id: 'edf-bleu-ejp',
    label: { fr: 'Tarif Bleu EJP (fermé à la souscription)', en: 'Tarif Bleu EJP (closed to new customers)' },
    option: 'ejp',
    periods: [period({ ejp_normal: 0.1721, ejp_peak: 0.6428 }, { '9': 19.73, '12': 23.8, '15': 27.42, '18': 31.1, '36': 54.68 })],
  },
];
