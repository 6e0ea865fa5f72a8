/**
 * @module enedis/serve/contract
 * The v5 contracts answer (`customers_upc/v5/usage_points/contracts`) from what the hub knows of a usage point's
 * contract, in the shape the hub's own importer reads (importers/dataconnect/contracts.ts): only the fields it holds,
 * never identity or contact data (the hub has none and no purpose for them).
 */
export interface ContractValues {
  readonly subscribedKva?: number | undefined;
  readonly tariffOption?: string | undefined;
  readonly offpeakHours?: string | undefined;
  readonly contractStart?: string | undefined;
  readonly segment?: string | undefined;
}

export interface ContractAnswer {
  readonly customer: {
    /** A pseudonym for this client and usage point: clients cannot link a household across applications. */
    readonly customer_id: string;
    readonly usage_points: readonly {
      readonly usage_point: {
        readonly usage_point_id: string;
        readonly usage_point_status: 'com';
        readonly meter_type: 'AMM';
      };
      readonly contracts: Readonly<Record<string, string>>;
    }[];
  };
}

export function contractAnswer(prm: string, customerId: string, v: ContractValues): ContractAnswer {
  const contracts: Record<string, string> = {};
  if (v.segment !== undefined) contracts.segment = v.segment;
  if (v.subscribedKva !== undefined) contracts.subscribed_power = `${v.subscribedKva} kVA`;
  if (v.contractStart !== undefined) contracts.last_activation_date = v.contractStart;
  if (v.tariffOption !== undefined) contracts.distribution_tariff = v.tariffOption;
  if (v.offpeakHours !== undefined) contracts.offpeak_hours = v.offpeakHours;
  return {
    customer: {
      customer_id: customerId,
      usage_points: [{ usage_point: { usage_point_id: prm, usage_point_status: 'com', meter_type: 'AMM' }, contracts }],
    },
  };
}
