/**
 * @module tic/labels/historic
 * Historic-mode labels (1200 Bd), Enedis-NOI-CPT_54E v3 §6.1.1 (single-phase) and §6.1.2 (three-phase),
 * value sets from Enedis-NOI-CPT_02E as summarised by esciara/pyteleinfo. Order = transmission order.
 */
import { energyIndex, row } from './row.ts';
import type { LabelSpec } from './types.ts';

const H = 'historic';
/** Serial numbers are 12 digits; anonymised captures use letters (e.g. X) instead. */
const ID = /^[0-9A-Z]+$/;
const PTEC = /^(TH\.\.|HC\.\.|HP\.\.|HN\.\.|PM\.\.|HCJB|HCJW|HCJR|HPJB|HPJW|HPJR)$/;
const amps = (label: string, fr: string, en: string, phase?: 1 | 2 | 3, threePhase = false): LabelSpec =>
  row(H, label, 3, fr, en, { unit: 'A', quantity: 'current', max: 200, threePhase, ...(phase ? { phase } : {}) });

export const HISTORIC_LABELS: readonly LabelSpec[] = [
  row(H, 'ADIR1', 3, 'Avertissement de dépassement d’intensité, phase 1', 'Current overrun warning, phase 1', {
    unit: 'A',
    quantity: 'current',
    phase: 1,
    threePhase: true,
    max: 200,
  }),
  row(H, 'ADIR2', 3, 'Avertissement de dépassement d’intensité, phase 2', 'Current overrun warning, phase 2', {
    unit: 'A',
    quantity: 'current',
    phase: 2,
    threePhase: true,
    max: 200,
  }),
  row(H, 'ADIR3', 3, 'Avertissement de dépassement d’intensité, phase 3', 'Current overrun warning, phase 3', {
    unit: 'A',
    quantity: 'current',
    phase: 3,
    threePhase: true,
    max: 200,
  }),
  row(H, 'ADCO', 12, 'Adresse du compteur', 'Meter address', { kind: 'id', pattern: ID, minWidth: 8 }),
  row(H, 'OPTARIF', 4, 'Option tarifaire', 'Tariff option', {
    kind: 'text',
    pattern: /^(BASE|HC\.\.|EJP\.|BBR[\x21-\x7e])$/,
  }),
  row(H, 'ISOUSC', 2, 'Intensité souscrite', 'Subscribed current', { unit: 'A', quantity: 'current', max: 99 }),
  energyIndex(H, 'BASE', 'Index option Base', 'Base option index'),
  energyIndex(H, 'HCHC', 'Index heures creuses', 'Off-peak index'),
  energyIndex(H, 'HCHP', 'Index heures pleines', 'Peak index'),
  energyIndex(H, 'EJPHN', 'Index EJP heures normales', 'EJP normal-hours index'),
  energyIndex(H, 'EJPHPM', 'Index EJP heures de pointe mobile', 'EJP mobile-peak index'),
  energyIndex(H, 'BBRHCJB', 'Index Tempo heures creuses jours bleus', 'Tempo off-peak blue days index'),
  energyIndex(H, 'BBRHPJB', 'Index Tempo heures pleines jours bleus', 'Tempo peak blue days index'),
  energyIndex(H, 'BBRHCJW', 'Index Tempo heures creuses jours blancs', 'Tempo off-peak white days index'),
  energyIndex(H, 'BBRHPJW', 'Index Tempo heures pleines jours blancs', 'Tempo peak white days index'),
  energyIndex(H, 'BBRHCJR', 'Index Tempo heures creuses jours rouges', 'Tempo off-peak red days index'),
  energyIndex(H, 'BBRHPJR', 'Index Tempo heures pleines jours rouges', 'Tempo peak red days index'),
  // Pre-Linky concentrators only (02E): gas and other meters, 7 digits in daL.
  row(H, 'GAZ', 7, 'Index gaz (concentrateur)', 'Gas index (concentrator)', { monotonic: true }),
  row(H, 'AUTRE', 7, 'Index autre (concentrateur)', 'Other index (concentrator)', { monotonic: true }),
  row(H, 'PEJP', 2, 'Préavis début EJP', 'EJP start notice', { unit: 'min', quantity: 'duration', max: 30 }),
  row(H, 'PTEC', 4, 'Période tarifaire en cours', 'Current tariff period', { kind: 'text', pattern: PTEC }),
  row(H, 'DEMAIN', 4, 'Couleur du lendemain', 'Tomorrow’s colour', {
    kind: 'text',
    pattern: /^(----|BLEU|BLAN|ROUG)$/,
  }),
  amps('IINST', 'Intensité instantanée', 'Instantaneous current'),
  amps('IINST1', 'Intensité instantanée phase 1', 'Instantaneous current, phase 1', 1, true),
  amps('IINST2', 'Intensité instantanée phase 2', 'Instantaneous current, phase 2', 2, true),
  amps('IINST3', 'Intensité instantanée phase 3', 'Instantaneous current, phase 3', 3, true),
  amps('ADPS', 'Avertissement de dépassement de puissance souscrite', 'Subscribed power overrun warning'),
  amps('IMAX', 'Intensité maximale appelée', 'Maximum current drawn'),
  amps('IMAX1', 'Intensité maximale phase 1', 'Maximum current, phase 1', 1, true),
  amps('IMAX2', 'Intensité maximale phase 2', 'Maximum current, phase 2', 2, true),
  amps('IMAX3', 'Intensité maximale phase 3', 'Maximum current, phase 3', 3, true),
  // 54E gives W in the header but describes Smax in VA of day n-1; VA is what the meter measures.
  row(H, 'PMAX', 5, 'Puissance maximale triphasée atteinte (jour n-1)', 'Maximum three-phase power reached (day n-1)', {
    unit: 'VA',
    quantity: 'max_power',
    threePhase: true,
    max: 99_999,
  }),
  row(H, 'PAPP', 5, 'Puissance apparente', 'Apparent power', {
    unit: 'VA',
    quantity: 'apparent_power',
    direction: 'consumption',
    max: 99_999,
  }),
  row(H, 'HHPHC', 1, 'Horaire heures pleines / heures creuses', 'Peak/off-peak time group', {
    kind: 'text',
    pattern: /^[A-Z]$/,
  }),
  row(H, 'MOTDETAT', 6, 'Mot d’état du compteur', 'Meter status word', { kind: 'text', pattern: /^[0-9A-F]{6}$/ }),
  row(H, 'PPOT', 2, 'Présence des potentiels', 'Voltage presence', {
    kind: 'text',
    pattern: /^0[0-9A-F]$/,
    threePhase: true,
  }),
];
