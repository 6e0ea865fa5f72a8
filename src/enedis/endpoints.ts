/**
 * @module enedis/endpoints
 * Data Connect endpoints of both generations as data (enedis-formats.md §1.4, §1.6): path, query parameter names,
 * window size and history depth per data kind. Measures are fetched by date windows; the contract (subscribed power,
 * tariff option, off-peak hours) is a snapshot fetched once per run.
 */
export type DcKind =
  | 'daily_consumption'
  | 'consumption_load_curve'
  | 'daily_consumption_max_power'
  | 'daily_production'
  | 'production_load_curve'
  | 'contract';
export type DcGeneration = 'v5' | '2026';

export interface Endpoint {
  /** `{prm}` is replaced by the PRM: the 2026 ITC APIs take it in the path (as a query parameter they answer 500,
   * §1.6).
   */
  readonly path: string;
  /** Query parameter names for the PRM and the [start, end[ dates (absent: not sent). */
  readonly params: { readonly prm?: string; readonly start?: string; readonly end?: string };
  readonly extra?: Readonly<Record<string, string>>;
}

/** A measure: fetched by windows of dates within the history depth. */
export interface WindowedKind {
  readonly once?: false;
  readonly curve: boolean;
  /** Longest span of one call, days. */
  readonly windowDays: number;
  /** History depth: months + 15 days. */
  readonly historyMonths: number;
  readonly endpoints: Readonly<Record<DcGeneration, Endpoint>>;
}

/** A snapshot (the contract as it is today): one call per run, no dates. */
export interface OnceKind {
  readonly once: true;
  readonly endpoints: Readonly<Record<DcGeneration, Endpoint>>;
}

export type KindSpec = WindowedKind | OnceKind;

const V5 = { prm: 'usage_point_id', start: 'start', end: 'end' } as const;
const V2026 = { prm: 'pointId', start: 'dateDebut', end: 'dateFin' } as const;

export const KINDS: Readonly<Record<DcKind, KindSpec>> = {
  daily_consumption: {
    curve: false,
    windowDays: 365,
    historyMonths: 36,
    endpoints: {
      v5: { path: '/metering_data_dc/v5/daily_consumption', params: V5 },
      '2026': { path: '/mesure_synchrone_auto/v2/consommation_quotidienne', params: V2026 },
    },
  },
  consumption_load_curve: {
    curve: true,
    windowDays: 7,
    historyMonths: 24,
    endpoints: {
      v5: { path: '/metering_data_clc/v5/consumption_load_curve', params: V5 },
      '2026': { path: '/mesure_synchrone_auto/v2/courbe_de_charge_consommation', params: V2026 },
    },
  },
  daily_consumption_max_power: {
    curve: false,
    windowDays: 365,
    historyMonths: 36,
    endpoints: {
      v5: { path: '/metering_data_dcmp/v5/daily_consumption_max_power', params: V5 },
      '2026': {
        path: '/mesure_synchrone_auto/v2/puissance_conso_max_quotidienne',
        params: V2026,
        extra: { mesuresPas: 'P1D', grandeurPhysique: 'PMA' },
      },
    },
  },
  daily_production: {
    curve: false,
    windowDays: 365,
    historyMonths: 36,
    endpoints: {
      v5: { path: '/metering_data_dp/v5/daily_production', params: V5 },
      '2026': { path: '/mesure_synchrone_auto/v2/production_quotidienne', params: V2026 },
    },
  },
  production_load_curve: {
    curve: true,
    windowDays: 7,
    historyMonths: 24,
    endpoints: {
      v5: { path: '/metering_data_plc/v5/production_load_curve', params: V5 },
      '2026': { path: '/mesure_synchrone_auto/v2/courbe_de_charge_production', params: V2026 },
    },
  },
  // v5 `customers_upc` (subscribed power, network tariff, off-peak hours); 2026: `situation_contrat_auto` (subscribed
  // power, network tariff; its off-peak hours are in `comptage_auto`, for which no recorded answer exists yet)
  contract: {
    once: true,
    endpoints: {
      v5: { path: '/customers_upc/v5/usage_points/contracts', params: { prm: 'usage_point_id' } },
      '2026': { path: '/situation_contrat_auto/v1/{prm}', params: {} },
    },
  },
};

/** Kinds fetched when none is asked for: the contract first (it tells the tariff facts), then consumption. */
export const DEFAULT_KINDS: readonly DcKind[] = [
  'contract',
  'daily_consumption',
  'consumption_load_curve',
  'daily_consumption_max_power',
];

export const TOKEN_PATH = '/oauth2/v3/token';
