/**
 * @module web/i18n
 * The dashboard's words, French (default) and English, as one typed dictionary: `en` must have every key of `fr`,
 * so a missing translation is a type error. The household's choice is remembered in localStorage and mirrored in
 * `<html lang>`. Placeholders are `{name}`; pages add their own keys here, grouped by page.
 */
import { useEffect, useState } from 'preact/hooks';

const fr = {
  'app.tagline': 'Vos données de compteur, chez vous',
  'app.skip': 'Aller au contenu',
  'nav.label': 'Sections',
  'nav.overview': 'Ma consommation',
  'nav.data': 'Ce que ce hub détient sur moi',
  'lang.other': 'English',
  'lang.switch': 'Switch to English',
  'live.none': 'Aucun compteur en direct connecté',
  'live.now': 'En direct : {va} VA',
  'live.title': 'Puissance apparente lue sur le compteur à l’instant',
  'common.loading': 'Chargement…',
  'common.retry': 'Réessayer',
  'error.unreachable': 'Le hub ne répond pas. Vérifiez qu’il est bien démarré, puis réessayez.',
  'error.api': 'Le hub a refusé la demande : {message}',
  'error.noHousehold': 'Aucun foyer n’est encore enregistré sur ce hub.',
  'home.meter': 'Point de livraison (PRM)',
  'home.period': 'Données du {from} au {to}',
  'chart.title': 'Puissance appelée',
  'chart.hint': 'Glissez sur la courbe pour zoomer, utilisez la molette pour zoomer ou dézoomer, double-cliquez pour tout revoir.',
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
  'daily.title': 'Énergie consommée chaque jour',
  'daily.hint': 'Cliquez sur un jour pour afficher sa courbe détaillée.',
  'daily.avg': 'Moyenne par jour',
  'daily.max': 'Jour le plus élevé',
  'daily.total': 'Total sur la période',
  'daily.day': 'Jour',
  'daily.series': 'Énergie du jour',
  'data.title': 'Ce que ce hub détient sur moi',
  'data.intro':
    'Voici toutes les séries de mesures enregistrées sur ce hub pour ce point de livraison : ce qu’elles mesurent, à quel rythme, d’où elles viennent et sur quelle période. Elles sont stockées sur ce hub, chez vous.',
  'data.what': 'Mesure',
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
  'quantity.power': 'Puissance',
  'quantity.energy': 'Énergie',
  'quantity.apparent_power': 'Puissance apparente',
  'quantity.max_power': 'Puissance maximale atteinte',
  'quantity.index': 'Index du compteur',
  'quantity.voltage': 'Tension',
  'quantity.current': 'Intensité',
  'about.power': 'La puissance moyenne appelée pendant chaque intervalle, en watts (W).',
  'about.energy': 'L’énergie consommée pendant chaque intervalle, en wattheures (Wh) ; 1 000 Wh font 1 kWh, l’unité de votre facture.',
  'about.apparent_power': 'La puissance apparente lue sur le compteur, en voltampères (VA) ; c’est elle que limite votre abonnement.',
  'about.max_power': 'La plus forte puissance apparente atteinte pendant chaque intervalle, en voltampères (VA).',
  'about.index': 'Le total cumulé affiché par le compteur pour un registre (heures pleines, heures creuses…), en wattheures (Wh).',
  'about.voltage': 'La tension du réseau mesurée par le compteur, en volts (V).',
  'about.current': 'L’intensité du courant mesurée par le compteur, en ampères (A).',
  'direction.consumption': 'consommée',
  'direction.production': 'produite',
  'step.PT1M': 'une valeur par minute',
  'step.PT10M': 'une valeur toutes les 10 minutes',
  'step.PT15M': 'une valeur toutes les 15 minutes',
  'step.PT30M': 'une valeur toutes les 30 minutes',
  'step.PT1H': 'une valeur par heure',
  'step.P1D': 'une valeur par jour',
  'step.raw': 'à chaque lecture du compteur (rythme irrégulier)',
  'source.demo': 'Jeu de démonstration : une vraie maison de Sceaux en 2007 (UCI)',
  'source.tic': 'Votre compteur, lu en direct par ce hub (sortie TIC)',
  'source.pulse': 'Capteur d’impulsions relié à ce hub',
  'source.enedis_api': 'Enedis, via l’API Data Connect, avec votre accord',
  'source.enedis_portal': 'Fichier téléchargé depuis votre espace client Enedis',
  'source.enedis_sge': 'Enedis, via le fournisseur (SGE)',
  'source.csv': 'Fichier importé à la main',
  'source.derived': 'Calculée par ce hub à partir des autres séries',
  'duration.minute': '{n} minute',
  'duration.minutes': '{n} minutes',
  'duration.hour': '{n} heure',
  'duration.hours': '{n} heures',
  'duration.day': '{n} jour',
  'duration.days': '{n} jours',
  'footer.data': 'Données de démonstration : « Individual household electric power consumption », G. Hébrail et A. Bérard (2006), UCI Machine Learning Repository, licence CC BY 4.0, doi:10.24432/C58K54.',
  'footer.hub': 'courant {version} · vos données restent sur ce hub',
  'notFound.title': 'Page introuvable',
  'notFound.back': 'Revenir à ma consommation',
};

export type MessageKey = keyof typeof fr;
export type Dictionary = Record<MessageKey, string>;

const en: Dictionary = {
  'app.tagline': 'Your meter data, at home',
  'app.skip': 'Skip to content',
  'nav.label': 'Sections',
  'nav.overview': 'My consumption',
  'nav.data': 'What this hub holds about me',
  'lang.other': 'Français',
  'lang.switch': 'Passer en français',
  'live.none': 'No live meter connected',
  'live.now': 'Live: {va} VA',
  'live.title': 'Apparent power read from the meter right now',
  'common.loading': 'Loading…',
  'common.retry': 'Try again',
  'error.unreachable': 'The hub does not answer. Check that it is running, then try again.',
  'error.api': 'The hub refused the request: {message}',
  'error.noHousehold': 'No household is registered on this hub yet.',
  'home.meter': 'Delivery point (PRM)',
  'home.period': 'Data from {from} to {to}',
  'chart.title': 'Power drawn',
  'chart.hint': 'Drag across the curve to zoom in, use the mouse wheel to zoom in or out, double-click to see everything.',
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
  'daily.title': 'Energy used each day',
  'daily.hint': 'Click a day to see its detailed curve.',
  'daily.avg': 'Average per day',
  'daily.max': 'Highest day',
  'daily.total': 'Total for the period',
  'daily.day': 'Day',
  'daily.series': 'Energy that day',
  'data.title': 'What this hub holds about me',
  'data.intro':
    'These are all the measurement series recorded on this hub for this delivery point: what they measure, how often, where they come from and over which period. They are stored on this hub, in your home.',
  'data.what': 'Measures',
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
  'quantity.power': 'Power',
  'quantity.energy': 'Energy',
  'quantity.apparent_power': 'Apparent power',
  'quantity.max_power': 'Peak power reached',
  'quantity.index': 'Meter index',
  'quantity.voltage': 'Voltage',
  'quantity.current': 'Current',
  'about.power': 'The mean power drawn during each interval, in watts (W).',
  'about.energy': 'The energy used during each interval, in watt-hours (Wh); 1,000 Wh make 1 kWh, the unit on your bill.',
  'about.apparent_power': 'The apparent power read from the meter, in volt-amperes (VA); your subscription caps it.',
  'about.max_power': 'The highest apparent power reached during each interval, in volt-amperes (VA).',
  'about.index': 'The running total shown by the meter for one register (peak, off-peak…), in watt-hours (Wh).',
  'about.voltage': 'The grid voltage measured by the meter, in volts (V).',
  'about.current': 'The current measured by the meter, in amperes (A).',
  'direction.consumption': 'consumed',
  'direction.production': 'produced',
  'step.PT1M': 'one value every minute',
  'step.PT10M': 'one value every 10 minutes',
  'step.PT15M': 'one value every 15 minutes',
  'step.PT30M': 'one value every 30 minutes',
  'step.PT1H': 'one value every hour',
  'step.P1D': 'one value per day',
  'step.raw': 'each time the meter is read (irregular pace)',
  'source.demo': 'Demonstration data: a real house in Sceaux, France, in 2007 (UCI)',
  'source.tic': 'Your meter, read live by this hub (TIC output)',
  'source.pulse': 'Pulse sensor connected to this hub',
  'source.enedis_api': 'Enedis, through the Data Connect API, with your consent',
  'source.enedis_portal': 'File downloaded from your Enedis customer account',
  'source.enedis_sge': 'Enedis, through your supplier (SGE)',
  'source.csv': 'File imported by hand',
  'source.derived': 'Computed by this hub from the other series',
  'duration.minute': '{n} minute',
  'duration.minutes': '{n} minutes',
  'duration.hour': '{n} hour',
  'duration.hours': '{n} hours',
  'duration.day': '{n} day',
  'duration.days': '{n} days',
  'footer.data': 'Demonstration data: “Individual household electric power consumption”, G. Hébrail and A. Bérard (2006), UCI Machine Learning Repository, CC BY 4.0 licence, doi:10.24432/C58K54.',
  'footer.hub': 'courant {version} · your data stays on this hub',
  'notFound.title': 'Page not found',
  'notFound.back': 'Back to my consumption',
};

export const DICTIONARIES = { fr, en } as const satisfies Record<string, Dictionary>;
export type Locale = keyof typeof DICTIONARIES;
export const LOCALES = Object.keys(DICTIONARIES) as Locale[];
export const DEFAULT_LOCALE: Locale = 'fr';
const STORAGE_KEY = 'courant.locale';

export const isMessageKey = (k: string): k is MessageKey => Object.hasOwn(fr, k);
const isLocale = (v: unknown): v is Locale => typeof v === 'string' && v in DICTIONARIES;

/** Fills `{name}` placeholders; an unknown placeholder stays visible rather than silently vanishing. */
export function format(template: string, params: Record<string, string | number> = {}): string {
  return template.replace(/\{(\w+)\}/g, (m, name: string) => (name in params ? String(params[name]) : m));
}

export function translate(locale: Locale, key: MessageKey, params?: Record<string, string | number>): string {
  return format(DICTIONARIES[locale][key], params);
}

function readStored(): Locale {
  try {
    const v = globalThis.localStorage?.getItem(STORAGE_KEY);
    return isLocale(v) ? v : DEFAULT_LOCALE;
  } catch {
    return DEFAULT_LOCALE; // storage disabled (private mode, file://): fall back to French every visit
  }
}

let current: Locale = readStored();
const listeners = new Set<(l: Locale) => void>();

export const getLocale = (): Locale => current;

export function setLocale(locale: Locale): void {
  current = locale;
  try {
    globalThis.localStorage?.setItem(STORAGE_KEY, locale);
  } catch {
    /* not remembered, still applied */
  }
  if (typeof document !== 'undefined') document.documentElement.lang = locale;
  for (const fn of listeners) fn(locale);
}

export interface I18n {
  locale: Locale;
  t: (key: MessageKey, params?: Record<string, string | number>) => string;
  setLocale: (l: Locale) => void;
}

/** Re-renders the calling component when the language changes. */
export function useI18n(): I18n {
  const [locale, set] = useState<Locale>(current);
  useEffect(() => {
    listeners.add(set);
    if (current !== locale) set(current);
    return () => void listeners.delete(set);
  }, []);
  return { locale, t: (key, params) => translate(locale, key, params), setLocale };
}

/** Applies the remembered language to `<html lang>` at start-up. */
export function initLocale(): void {
  if (typeof document !== 'undefined') document.documentElement.lang = current;
}
