/**
 * @module tariffs/prices
 * The price table shipped with courant: the regulated "Tarif Bleu" options (Base, HP/HC, Tempo, EJP), prices
 * with all taxes included, dated. Users add or edit their own offers (docs/tariffs.md); the table is data, read by
 * `validateOffers`, never hard-coded in the cost code.
 *
 * Where the figures come from, figure by figure, is in docs/tariffs.md § Sources. In short:
 * - the CRE open data file (data.gouv.fr) is preferred: its fixed part is € TTC **per year**, stored here as
 *   `perYear({...})` (÷ 12, unrounded) because the model books € per month (model.ts);
 * - EDF's own grid (€ TTC per month, as printed) fills the powers the CRE copies did not give. The two publications
 *   differ slightly on subscriptions (EDF's grid is 0.2–0.9 % lower, e.g. Tempo 6 kVA from 2025-08-01: 15.50 €/month
 *   in EDF's grid, 186.46 €/year = 15.54 €/month in the CRE file); kWh prices agree.
 * - `verified` stays false for every period: each kWh price of 2025–2026 was found in two independent sources
 *   except where noted, but no period has every subscription figure confirmed by a second source.
 *
 * From 2026 the Base kWh price depends on the subscribed power (3–6 kVA vs 9–36 kVA): Base is one offer whose
 * periods give the 3–6 kVA price in `energy` and the 9–36 kVA price per power in `energyByKva` (model.ts).
 */
import type { Offer, PricePeriod } from './model.ts';
import { offpeakOfferLabel, TARIF_BLEU_HC } from './offer-label.ts';

const CRE =
  'CRE open data « Historique des tarifs réglementés de vente d’électricité » (https://www.data.gouv.fr/fr/datasets/historique-des-tarifs-reglementes-de-vente-delectricite/)';
const EDF =
  'EDF « Grille de prix de l’offre de fourniture d’électricité Tarif Bleu » (https://particulier.edf.fr/content/dam/2-Actifs/Documents/Offres/Grille_prix_Tarif_Bleu.pdf)';

/** CRE fixed parts are € per year; the model wants € per month. Kept unrounded so twelve months add up to the published
 * year.
 */
const perYear = (annual: Readonly<Record<string, number>>): Record<string, number> =>
  Object.fromEntries(Object.entries(annual).map(([kva, eur]) => [kva, eur / 12]));

// The tariff movements: 1 February and 1 August (CRE deliberations of January and June each year).
const FEB_2025 = '2025-02-01';
const AUG_2025 = '2025-08-01';
const FEB_2026 = '2026-02-01';
const AUG_2026 = '2026-08-01';

const period = (
  from: string,
  to: string | undefined,
  energy: PricePeriod['energy'],
  subscription: PricePeriod['subscription'],
  source: string,
): PricePeriod => ({
  from,
  to,
  energy,
  subscription,
  taxesIncluded: true,
  source,
  // see the module comment and docs/tariffs.md § Sources: no period has all its subscriptions confirmed twice
  verified: false,
});

// Base, as found: one list per group of powers (the sources are per group), merged into one offer by `byPower` below.
const BASE_LOW: readonly PricePeriod[] = [
  period(
    FEB_2025,
    AUG_2025,
    { base: 0.2016 },
    perYear({ '3': 125.34, '6': 165.17 }),
    `${CRE}, Option_Base.csv. kWh confirmed by ${EDF} (20,16 c€) and kelwatt.fr; subscriptions from one copy of the CRE file only (EDF grid: 10.41 and 13.72 €/month)`,
  ),
  period(
    AUG_2025,
    FEB_2026,
    { base: 0.1952 },
    perYear({ '3': 141.0, '6': 185.94 }),
    `${CRE}, Option_Base.csv. kWh confirmed by ${EDF} (19,52 c€), jechange.fr, commentaider.fr; subscriptions from one copy of the CRE file only (EDF grid: 11.73 and 15.47 €/month)`,
  ),
  period(
    FEB_2026,
    AUG_2026,
    { base: 0.19398 },
    { ...perYear({ '6': 188.2 }), '3': 12.03 },
    `${CRE} (6 kVA, kWh); ${EDF} (3 kVA, 12.03 €/month; kWh 19,40 c€ for 3–6 kVA agrees). Each subscription from one source only`,
  ),
  period(
    AUG_2026,
    undefined,
    { base: 0.2001 },
    perYear({ '3': 145.76, '6': 190.81 }),
    `${CRE} (as copied by open-energy-tariffs, €/day × 365). kWh confirmed by ${EDF} (20,01 c€ for 3–6 kVA); subscriptions from one source only (EDF grid 6 kVA: 15.86 €/month)`,
  ),
];

const BASE_HIGH: readonly PricePeriod[] = [
  period(
    FEB_2025,
    AUG_2025,
    { base: 0.2016 },
    { ...perYear({ '9': 208.55, '12': 252.53, '15': 292.98 }), '18': 27.39, '24': 34.68, '30': 41.99, '36': 48.39 },
    `${CRE}, Option_Base.csv (kWh, 9–15 kVA); ${EDF} (18–36 kVA, closed to new subscribers and absent from the CRE file). kWh confirmed twice; each subscription from one source only`,
  ),
  period(
    AUG_2025,
    FEB_2026,
    { base: 0.1952 },
    { ...perYear({ '9': 233.7, '12': 281.46, '15': 326.4 }), '18': 30.76, '24': 38.79, '30': 46.44, '36': 54.29 },
    `${CRE}, Option_Base.csv (kWh, 9–15 kVA); ${EDF} (18–36 kVA, the grid EDF also prints for its Zen and Vert Électrique offers). kWh confirmed twice; each subscription from one source only`,
  ),
  period(
    FEB_2026,
    AUG_2026,
    { base: 0.1927 },
    { '9': 19.56, '12': 23.32, '15': 26.84, '18': 30.49, '24': 38.24, '30': 45.37, '36': 52.54 },
    `${EDF} (copy in the EDF_Simulateur_Prix project). Not confirmed: the CRE figures for 9–36 kVA of this period were not found`,
  ),
  period(
    AUG_2026,
    undefined,
    { base: 0.1985 },
    { ...perYear({ '9': 239.84, '12': 286.86, '15': 330.57 }), '18': 31.14, '24': 39.14, '30': 46.47, '36': 53.88 },
    `${CRE} (kWh, 9–15 kVA, €/day × 365); ${EDF} (18–36 kVA). kWh confirmed by both; each subscription from one source only`,
  ),
];

/**
 * One period per date from the 3–6 kVA and 9–36 kVA lists: subscriptions of both, the low group's kWh prices in
 * `energy`, the high group's in `energyByKva` for each of its powers where they differ, both sources kept.
 */
function byPower(low: readonly PricePeriod[], high: readonly PricePeriod[]): PricePeriod[] {
  return low.map((l) => {
    const h = high.find((x) => x.from === l.from && x.to === l.to);
    if (!h) throw new Error(`prices.ts: no 9–36 kVA Base period from ${l.from}`);
    const same = JSON.stringify(h.energy) === JSON.stringify(l.energy);
    return {
      ...l,
      subscription: { ...l.subscription, ...h.subscription },
      energyByKva: same ? undefined : Object.fromEntries(Object.keys(h.subscription).map((kva) => [kva, h.energy])),
      source: `3–6 kVA: ${l.source}. 9–36 kVA: ${h.source}`,
      verified: l.verified && h.verified,
    };
  });
}

const BASE = byPower(BASE_LOW, BASE_HIGH);

const HPHC: readonly PricePeriod[] = [
  period(
    FEB_2025,
    AUG_2025,
    { hp: 0.2146, hc: 0.1696 },
    { '6': 14.04 },
    `${EDF} as quoted by kelwatt.fr (“Tarif Bleu EDF : les nouveaux prix officiels de février 2025”). Not confirmed by a second source; the grid for 9–36 kVA was not found (those powers are not priced)`,
  ),
  period(
    AUG_2025,
    FEB_2026,
    { hp: 0.2081, hc: 0.1635 },
    { '6': 15.74, '9': 20.21, '12': 24.28, '15': 28.15, '18': 32.13, '24': 40.29, '30': 47.94, '36': 55.57 },
    `${EDF}. kWh confirmed by jechange.fr (checked 07/08/2025) and the grid's lines quoted in myelectricaldata (also 6 kVA); 9–18 kVA printed identically by market offers aligned on the Tarif Bleu; 24–36 kVA kept from the earlier table, found in no source`,
  ),
  period(
    FEB_2026,
    AUG_2026,
    { hp: 0.2065, hc: 0.1578 },
    {
      ...perYear({ '6': 188.24, '9': 235.92, '36': 634.54 }),
      '12': 23.32,
      '15': 26.84,
      '18': 30.49,
      '24': 38.24,
      '30': 45.37,
    },
    `${CRE} (kWh; 6, 9, 36 kVA, €/day × 365); ${EDF} (12–30 kVA). HP confirmed by both; HC differs (EDF grid copy: 15,79 c€); subscriptions from one source each`,
  ),
  period(
    AUG_2026,
    undefined,
    { hp: 0.2142, hc: 0.1589 },
    {
      ...perYear({ '12': 286.86 }),
      '6': 15.86,
      '9': 19.88,
      '15': 27.4,
      '18': 31.14,
      '24': 39.14,
      '30': 46.47,
      '36': 53.88,
    },
    `${CRE} (kWh, 12 kVA, €/day × 365); ${EDF} (other powers). kWh confirmed by both; subscriptions from one source each`,
  ),
];

const TEMPO: readonly PricePeriod[] = [
  period(
    FEB_2025,
    AUG_2025,
    { blue_hc: 0.1287, blue_hp: 0.1552, white_hc: 0.1447, white_hp: 0.1792, red_hc: 0.1518, red_hp: 0.6586 },
    perYear({ '6': 168.87, '9': 211.16, '12': 254.09, '15': 293.31, '18': 332.65, '30': 499.98, '36': 587.99 }),
    `${CRE}, Option_Tempo.csv (copy in Gladys Assistant's tests). Red HP/HC and white HC also in a second project's tests; the other kWh prices and the subscriptions from one copy only`,
  ),
  period(
    AUG_2025,
    FEB_2026,
    { blue_hc: 0.1232, blue_hp: 0.1494, white_hc: 0.1391, white_hp: 0.173, red_hc: 0.146, red_hp: 0.6468 },
    perYear({ '6': 186.46, '9': 235.12, '12': 282.34, '15': 325.7, '18': 371.17, '30': 559.41, '36': 658.78 }),
    `${CRE}, Option_Tempo.csv (copy in Gladys Assistant's tests). All six kWh prices confirmed by ${EDF} (line quoted in myelectricaldata); subscriptions from one copy of the CRE file only (EDF grid 6 kVA: 15.50 €/month)`,
  ),
  period(
    FEB_2026,
    AUG_2026,
    { blue_hc: 0.1325, blue_hp: 0.1612, white_hc: 0.1499, white_hp: 0.1871, red_hc: 0.1575, red_hp: 0.706 },
    { '6': 15.59, '9': 19.38, '12': 23.07, '15': 26.47, '18': 30.04, '30': 44.73, '36': 52.42 },
    `${EDF} (copy in the EDF_Simulateur_Prix project). Not confirmed by a second source`,
  ),
  period(
    AUG_2026,
    undefined,
    { blue_hc: 0.1356, blue_hp: 0.1654, white_hc: 0.1536, white_hp: 0.1921, red_hc: 0.1615, red_hp: 0.7295 },
    { '6': 15.8, '9': 19.7, '12': 23.5, '15': 27.01, '18': 30.69, '30': 45.82, '36': 53.76 },
    `${EDF} (copy in the EDF_Simulateur_Prix project). the same six kWh prices in a stubbed data.gouv.fr answer in another project's tests; subscriptions from one source only`,
  ),
];

// EJP (closed since 1998): neither the CRE file nor EDF's « Grille_prix_EJP.pdf » was found. The two copies of the
// grid found disagree with each other and with these figures (2024-11: 17,58 / 151,97 c€; 2026-02: 17,81 / 34,40 c€),
// so the figures typed during development are kept, unverified, until the EDF EJP grid can be read.
const EJP: readonly PricePeriod[] = [
  period(
    FEB_2025,
    undefined,
    { ejp_normal: 0.1721, ejp_peak: 0.6428 },
    { '9': 19.73, '12': 23.8, '15': 27.42, '18': 31.1, '36': 54.68 },
    'Typed during development; NOT found in any source (EDF « Grille de prix EJP » not available): unverified',
  ),
];

const OFFPEAK_22_6 = { ranges: [{ from: '22:00', to: '06:00' }] };

export const DEFAULT_OFFERS: readonly Offer[] = [
  { id: 'edf-bleu-base', label: { fr: 'Tarif Bleu Base', en: 'Tarif Bleu Base' }, option: 'base', periods: BASE },
  {
    id: 'edf-bleu-hphc',
    label: offpeakOfferLabel(TARIF_BLEU_HC, OFFPEAK_22_6),
    option: 'hphc',
    offpeak: OFFPEAK_22_6,
    periods: HPHC,
  },
  { id: 'edf-bleu-tempo', label: { fr: 'Tarif Bleu Tempo', en: 'Tarif Bleu Tempo' }, option: 'tempo', periods: TEMPO },
  {
    id: 'edf-bleu-ejp',
    label: { fr: 'Tarif Bleu EJP (fermé à la souscription)', en: 'Tarif Bleu EJP (closed to new customers)' },
    option: 'ejp',
    periods: EJP,
    closedToNewCustomers: true,
  },
];
