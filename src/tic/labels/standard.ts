/**
 * @module tic/labels/standard
 * Standard-mode labels (9600 Bd), Enedis-NOI-CPT_54E v3 §6.2.2 (table) and §6.2.3 (details). Order = transmission
 * order.
 */
import { energyIndex, row } from './row.ts';
import type { LabelSpec } from './types.ts';

const S = 'standard';
const TEXT16 = /^[\x20-\x7e]{1,16}$/;
/** Serial numbers are digits; anonymised captures use letters (e.g. X) instead. */
const ID = /^[0-9A-Z]+$/;
/** PJOURF+1 / PPOINTE: 11 blocks HHMMSSSS (or NONUTILE) separated by spaces (§6.2.3.22). */
const PROFILE = /^(?:[0-9]{4}[0-9A-F]{4}|NONUTILE)(?: (?:[0-9]{4}[0-9A-F]{4}|NONUTILE)){10}$/;
/** Apparent powers: a 36 kVA three-phase meter stays well under 99,999 VA; per phase under 3 × 12 kVA with margin. */
const VA = { unit: 'VA', max: 99_999 } as const;

const easf = Array.from({ length: 10 }, (_, i) => {
  const n = String(i + 1).padStart(2, '0');
  return energyIndex(
    S,
    `EASF${n}`,
    `Énergie active soutirée fournisseur, index ${n}`,
    `Active energy drawn, supplier index ${n}`,
  );
});
const easd = Array.from({ length: 4 }, (_, i) => {
  const n = String(i + 1).padStart(2, '0');
  return energyIndex(
    S,
    `EASD${n}`,
    `Énergie active soutirée distributeur, index ${n}`,
    `Active energy drawn, distributor index ${n}`,
  );
});
const erq = Array.from({ length: 4 }, (_, i) =>
  row(S, `ERQ${i + 1}`, 9, `Énergie réactive Q${i + 1} totale`, `Total reactive energy, quadrant ${i + 1}`, {
    unit: 'VArh',
    quantity: 'reactive_index',
    producer: true,
    monotonic: true,
  }),
);
const phases = [1, 2, 3] as const;

export const STANDARD_LABELS: readonly LabelSpec[] = [
  row(S, 'ADSC', 12, 'Adresse secondaire du compteur', 'Secondary meter address', {
    kind: 'id',
    pattern: ID,
    minWidth: 8,
  }),
  row(S, 'VTIC', 2, 'Version de la TIC', 'TIC version', { kind: 'text', pattern: /^[0-9]{2}$/ }),
  row(S, 'DATE', 0, 'Date et heure courante', 'Current date and time', {
    kind: 'instant',
    horodate: 'season',
    pattern: /^$/,
  }),
  row(S, 'NGTF', 16, 'Nom du calendrier tarifaire fournisseur', 'Supplier tariff calendar name', {
    kind: 'text',
    pattern: TEXT16,
    minWidth: 1,
  }),
  row(S, 'LTARF', 16, 'Libellé tarif fournisseur en cours', 'Current supplier tariff label', {
    kind: 'text',
    pattern: TEXT16,
    minWidth: 1,
  }),
  energyIndex(S, 'EAST', 'Énergie active soutirée totale', 'Total active energy drawn'),
  ...easf,
  ...easd,
  energyIndex(S, 'EAIT', 'Énergie active injectée totale', 'Total active energy injected', {
    direction: 'production',
    producer: true,
  }),
  ...erq,
  ...phases.map((n) =>
    row(S, `IRMS${n}`, 3, `Courant efficace, phase ${n}`, `RMS current, phase ${n}`, {
      unit: 'A',
      quantity: 'current',
      max: 200,
      phase: n,
      threePhase: n !== 1,
    }),
  ),
  ...phases.map((n) =>
    row(S, `URMS${n}`, 3, `Tension efficace, phase ${n}`, `RMS voltage, phase ${n}`, {
      unit: 'V',
      quantity: 'voltage',
      max: 500,
      phase: n,
      threePhase: n !== 1,
    }),
  ),
  row(S, 'PREF', 2, 'Puissance apparente de référence', 'Reference apparent power', {
    unit: 'kVA',
    quantity: 'subscribed_power',
  }),
  row(S, 'PCOUP', 2, 'Puissance apparente de coupure', 'Breaking apparent power', {
    unit: 'kVA',
    quantity: 'subscribed_power',
  }),
  row(S, 'SINSTS', 5, 'Puissance apparente instantanée soutirée', 'Instantaneous apparent power drawn', {
    ...VA,
    quantity: 'apparent_power',
    direction: 'consumption',
  }),
  ...phases.map((n) =>
    row(
      S,
      `SINSTS${n}`,
      5,
      `Puissance apparente instantanée soutirée, phase ${n}`,
      `Instantaneous apparent power drawn, phase ${n}`,
      { ...VA, quantity: 'apparent_power', direction: 'consumption', phase: n, threePhase: true },
    ),
  ),
  row(S, 'SMAXSN', 5, 'Puissance apparente maximale soutirée n', 'Maximum apparent power drawn, day n', {
    ...VA,
    quantity: 'max_power',
    direction: 'consumption',
    horodate: 'season',
  }),
  ...phases.map((n) =>
    row(
      S,
      `SMAXSN${n}`,
      5,
      `Puissance apparente maximale soutirée n, phase ${n}`,
      `Maximum apparent power drawn, day n, phase ${n}`,
      { ...VA, quantity: 'max_power', direction: 'consumption', horodate: 'season', phase: n, threePhase: true },
    ),
  ),
  row(S, 'SMAXSN-1', 5, 'Puissance apparente maximale soutirée n-1', 'Maximum apparent power drawn, day n-1', {
    ...VA,
    quantity: 'max_power',
    direction: 'consumption',
    horodate: 'season',
  }),
  ...phases.map((n) =>
    row(
      S,
      `SMAXSN${n}-1`,
      5,
      `Puissance apparente maximale soutirée n-1, phase ${n}`,
      `Maximum apparent power drawn, day n-1, phase ${n}`,
      { ...VA, quantity: 'max_power', direction: 'consumption', horodate: 'season', phase: n, threePhase: true },
    ),
  ),
  row(S, 'SINSTI', 5, 'Puissance apparente instantanée injectée', 'Instantaneous apparent power injected', {
    ...VA,
    quantity: 'apparent_power',
    direction: 'production',
    producer: true,
  }),
  row(S, 'SMAXIN', 5, 'Puissance apparente maximale injectée n', 'Maximum apparent power injected, day n', {
    ...VA,
    quantity: 'max_power',
    direction: 'production',
    horodate: 'season',
    producer: true,
  }),
  row(S, 'SMAXIN-1', 5, 'Puissance apparente maximale injectée n-1', 'Maximum apparent power injected, day n-1', {
    ...VA,
    quantity: 'max_power',
    direction: 'production',
    horodate: 'season',
    producer: true,
  }),
  row(S, 'CCASN', 5, 'Point n de la courbe de charge active soutirée', 'Load curve point n, active power drawn', {
    unit: 'W',
    quantity: 'power',
    direction: 'consumption',
    horodate: 'season',
    max: 99_999,
  }),
  row(S, 'CCASN-1', 5, 'Point n-1 de la courbe de charge active soutirée', 'Load curve point n-1, active power drawn', {
    unit: 'W',
    quantity: 'power',
    direction: 'consumption',
    horodate: 'season',
    max: 99_999,
  }),
  row(S, 'CCAIN', 5, 'Point n de la courbe de charge active injectée', 'Load curve point n, active power injected', {
    unit: 'W',
    quantity: 'power',
    direction: 'production',
    horodate: 'season',
    producer: true,
    max: 99_999,
  }),
  row(
    S,
    'CCAIN-1',
    5,
    'Point n-1 de la courbe de charge active injectée',
    'Load curve point n-1, active power injected',
    { unit: 'W', quantity: 'power', direction: 'production', horodate: 'season', producer: true, max: 99_999 },
  ),
  ...phases.map((n) =>
    row(S, `UMOY${n}`, 3, `Tension moyenne, phase ${n}`, `Mean voltage, phase ${n}`, {
      unit: 'V',
      quantity: 'voltage',
      horodate: 'season',
      max: 500,
      phase: n,
      threePhase: n !== 1,
    }),
  ),
  row(S, 'STGE', 8, 'Registre de statuts', 'Status register', { kind: 'stge', pattern: /^[0-9A-F]{8}$/ }),
  ...[1, 2, 3].flatMap((n) => [
    row(S, `DPM${n}`, 2, `Début de pointe mobile ${n}`, `Mobile peak ${n} start`, {
      kind: 'instant',
      horodate: 'blank-season',
      pattern: /^[0-9]{2}$/,
    }),
    row(S, `FPM${n}`, 2, `Fin de pointe mobile ${n}`, `Mobile peak ${n} end`, {
      kind: 'instant',
      horodate: 'blank-season',
      pattern: /^[0-9]{2}$/,
    }),
  ]),
  row(S, 'MSG1', 32, 'Message court', 'Short message', { kind: 'text', pattern: /^[\x20-\x7e]{1,32}$/, minWidth: 1 }),
  row(S, 'MSG2', 16, 'Message ultra court', 'Ultra-short message', { kind: 'text', pattern: TEXT16, minWidth: 1 }),
  row(S, 'PRM', 14, 'Point de référence mesure', 'Delivery point reference', { kind: 'id', pattern: ID }),
  row(S, 'RELAIS', 3, 'Relais (champ de bits)', 'Relays (bit field)', { max: 255 }),
  row(S, 'NTARF', 2, 'Numéro de l’index tarifaire en cours', 'Current tariff index number', { max: 10 }),
  row(S, 'NJOURF', 2, 'Numéro du jour en cours, calendrier fournisseur', 'Current day number, supplier calendar', {
    max: 99,
  }),
  row(S, 'NJOURF+1', 2, 'Numéro du prochain jour, calendrier fournisseur', 'Next day number, supplier calendar', {
    max: 99,
  }),
  row(S, 'PJOURF+1', 98, 'Profil du prochain jour, calendrier fournisseur', 'Next day profile, supplier calendar', {
    kind: 'text',
    pattern: PROFILE,
  }),
  row(S, 'PPOINTE', 98, 'Profil du prochain jour de pointe', 'Next peak day profile', {
    kind: 'text',
    pattern: PROFILE,
  }),
];
