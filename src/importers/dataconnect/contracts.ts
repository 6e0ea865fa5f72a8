/**
 * @module importers/dataconnect/contracts
 * Usage-point metadata from contract answers: v5 `customers_upc` (`customer.usage_points[].contracts`) and the 2026
 * ITC answers `situation_contrat_auto` (a list of contracts, one per flow) and `synth_contrat_auto`. Only what
 * tariffs need is kept (subscribed power, network tariff option, off-peak hours, activation date); identity and
 * contact fields present in these answers are ignored on purpose.
 */
import type { Prm } from '../../core/prm.ts';
import { Collector } from '../collector.ts';
import type { ImportContext, ImportNotice } from '../importer.ts';
import { JsonReader } from './json-text.ts';

function kva(v: unknown): number | undefined {
  if (v && typeof v === 'object' && 'value' in v) v = (v as { value: unknown }).value;
  const m = typeof v === 'string' ? /(\d+(?:[.,]\d+)?)/.exec(v) : typeof v === 'number' ? [String(v), String(v)] : null;
  return m ? Number(m[1]!.replace(',', '.')) : undefined;
}
const str = (v: unknown) => (typeof v === 'string' && v !== '' ? v : undefined);

export function* contractsNotices(doc: Record<string, unknown>, ctx: ImportContext): Generator<ImportNotice> {
  const j = new JsonReader(ctx);
  const col = new Collector(ctx, 'enedis_api');
  const customer = j.obj(doc.customer, '$.customer');
  if (customer.usage_points === undefined) {
    // identity / contact answers: personal data the hub has no purpose for, deliberately not imported
    yield {
      kind: 'notice',
      level: 'info',
      message: `${ctx.fileName}: identity and contact answers are not imported (no purpose in courant)`,
    };
    return;
  }
  const ups = j.arr(customer.usage_points, '$.customer.usage_points');
  for (let i = 0; i < ups.length; i++) {
    const path = `$.customer.usage_points[${i}]`;
    const up = j.obj(ups[i], path);
    const point = j.obj(up.usage_point, `${path}.usage_point`);
    const prm = col.prm(j.str(point.usage_point_id, `${path}.usage_point.usage_point_id`), {
      path: `${path}.usage_point.usage_point_id`,
    });
    const c = (up.contracts ?? {}) as Record<string, unknown>;
    yield {
      kind: 'metadata',
      prm,
      subscribedKva: kva(c.subscribed_power),
      tariffOption: str(c.distribution_tariff),
      offpeakHours: str(c.offpeak_hours),
      contractStart: str(c.last_activation_date),
      segment: str(c.segment),
    };
  }
}

/** 2026 `situation_contrat_auto` (array) or `synth_contrat_auto` (object with `segments`). */
export function* itcNotices(doc: unknown, ctx: ImportContext): Generator<ImportNotice> {
  const j = new JsonReader(ctx);
  const col = new Collector(ctx, 'enedis_api');
  if (Array.isArray(doc)) {
    for (let i = 0; i < doc.length; i++) {
      const path = `$[${i}]`;
      const c = j.obj(doc[i], path);
      const segment = str(c.segment);
      if (segment && !/^C[1-5]$/.test(segment)) continue; // the injection contract (P4) carries no withdrawal tariff
      const prm: Prm = col.prm(j.str(c.usage_point_id, `${path}.usage_point_id`), { path: `${path}.usage_point_id` });
      yield {
        kind: 'metadata',
        prm,
        subscribedKva: kva(c.subscribed_power),
        tariffOption: str(c.distribution_tariff),
        contractStart: str(c.contract_start),
        segment,
      };
    }
    return;
  }
  const d = j.obj(doc, '$');
  if (d.segments === undefined && d.relais === undefined && d.consumption_last_activation_date === undefined) {
    yield {
      kind: 'notice',
      level: 'info',
      message: `${ctx.fileName}: an answer without readings or tariff facts (address, connection or services); nothing to import`,
    };
    return;
  }
  const relais = d.relais as Record<string, unknown> | undefined;
  const offpeak = str(relais?.plageHeuresCreuses);
  if (!ctx.prm) {
    yield {
      kind: 'notice',
      level: 'warning',
      message: `${ctx.fileName}: this contract summary names no usage point; give --prm to attach it`,
    };
    return;
  }
  const segments = Array.isArray(d.segments) ? (d.segments as { segment?: unknown }[]) : [];
  yield {
    kind: 'metadata',
    prm: ctx.prm,
    contractStart: str(d.consumption_last_activation_date),
    segment: str(segments[0]?.segment),
    offpeakHours: offpeak,
  };
}
