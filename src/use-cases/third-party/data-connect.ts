/**
 * @module use-cases/third-party/data-connect
 * A registered client reads a household's measures the way it would read them from Enedis Data Connect. The held
 * series is found, the step to deliver chosen (load curves at 30 minutes, resampled from finer steps; daily values
 * per Paris civil day), and the read goes through the consent `AccessService`, which decides, writes the household's
 * journal, then reads: nothing here reads readings any other way.
 *
 * Under a protected consent (consent/protection.ts) the daily consumption values come back from the access service
 * already noised, and every other measure is refused like an absent consent: never the exact values.
 *
 * Whatever stops a read before the data (no consent, a consent for another step or category, someone else's usage
 * point, an unknown one, a token issued for other usage points) gets one answer, ADAM-DC-0008, so a client learns
 * nothing of usage points it may not read. Only a client whose consent covers the request but not its start (before
 * the household moved in) hears ADAM-ERR0123, as Enedis answers for a period before the last activation.
 */
import { isCourantError } from '../../core/errors.ts';
import type { Prm } from '../../core/prm.ts';
import { QUALITY, type Direction, type Quantity } from '../../core/series.ts';
import { isCoarserOrEqual, stepMs, stepRank, type FixedStep } from '../../core/step.ts';
import { parisDayStart } from '../../core/calendar.ts';
import { decideOne, type DenyReason } from '../../consent/policy.ts';
import type { AccessPurpose } from '../../consent/model.ts';
import type { DcQuery, MeasureKind } from '../../enedis/serve/params.ts';
import { BEFORE_ACTIVATION, NO_CONSENT, NO_DATA, type DcRefusal } from '../../enedis/serve/refusals.ts';
import { enedisStepCode, isCurve, isProduction, type DcPoint, type DcSeries } from '../../enedis/serve/series.ts';
import type { ReadingStore, SeriesInfo } from '../../ports/reading-store.ts';
import { categoryOf, type AccessService } from '../consent/access-service.ts';
import type { LedgerService } from '../consent/ledger-service.ts';
import type { ClientCaller } from '../oauth/types.ts';

export interface DataConnectDeps {
  /** Used to list what is held (which series, which steps); readings themselves come through `access`. */
  readonly store: Pick<ReadingStore, 'list'>;
  readonly access: Pick<AccessService, 'read' | 'refuse'>;
  /** The consent state and its clock, to choose which declared purpose to read under (the read decides again). */
  readonly ledger: Pick<LedgerService, 'state' | 'clock'>;
}

export type DcOutcome =
  { readonly ok: true; readonly series: DcSeries } | { readonly ok: false; readonly refusal: DcRefusal };

/** A stored series and how it becomes the delivered one. */
interface Plan {
  readonly quantity: Quantity;
  readonly stored: SeriesInfo['step'];
  readonly delivered: FixedStep;
}

const TARGET: Readonly<Record<MeasureKind, FixedStep>> = {
  daily_consumption: 'P1D',
  daily_production: 'P1D',
  daily_consumption_max_power: 'P1D',
  consumption_load_curve: 'PT30M',
  production_load_curve: 'PT30M',
};

/** Quantities a measure may be delivered from, first choice first: a load curve from its mean power, else from its
 * energy (W = Wh per hour); daily energy from energy; max power from the maxima held. */
function quantitiesOf(kind: MeasureKind): readonly Quantity[] {
  if (isCurve(kind)) return ['power', 'energy'];
  return kind === 'daily_consumption_max_power' ? ['max_power'] : ['energy'];
}

function directionOf(kind: MeasureKind): Direction {
  return isProduction(kind) ? 'production' : 'consumption';
}

/**
 * The series to read and the step to deliver: the target step when it is held or derivable from a finer fixed step
 * (the exact step first, else the coarsest finer one); a load curve held only hourly is delivered hourly, as Enedis
 * does for meters recording at 60 minutes. Raw samples are never averaged into a load curve.
 */
export function planRead(kind: MeasureKind, held: readonly SeriesInfo[]): Plan | undefined {
  const target = TARGET[kind];
  const direction = directionOf(kind);
  for (const quantity of quantitiesOf(kind)) {
    const mine = held.filter(
      (s) => s.quantity === quantity && s.direction === direction && s.register === '' && s.step !== 'raw',
    );
    const finer = mine
      .filter((s) => isCoarserOrEqual(target, s.step))
      .sort((a, b) => stepRank(b.step) - stepRank(a.step));
    if (finer[0]) return { quantity, stored: finer[0].step, delivered: target };
    if (isCurve(kind)) {
      const hourly = mine.find((s) => s.step === 'PT1H');
      if (hourly) return { quantity, stored: 'PT1H', delivered: 'PT1H' };
    }
  }
  return undefined;
}

/** The refusal a denial becomes (see the module's note). */
function refusalOf(reason: DenyReason | undefined): DcRefusal {
  return reason === 'outside-occupancy' ? BEFORE_ACTIVATION : NO_CONSENT;
}

/**
 * The purpose to read under: the first of the client's declared purposes the policy allows; when none does, the one
 * whose refusal says most (a consent that covers all but the period), so the journal records the refusal that counts.
 */
function choosePurpose(
  deps: DataConnectDeps,
  caller: ClientCaller,
  q: DcQuery,
  step: FixedStep,
  category: ReturnType<typeof categoryOf>,
  protectedDelivery: boolean,
): AccessPurpose | undefined {
  const at = deps.ledger.clock.now();
  let fallback: AccessPurpose | undefined;
  for (const purpose of caller.purposes) {
    const d = decideOne(deps.ledger.state, {
      actor: caller.actor,
      prm: q.prm as Prm,
      step,
      purpose,
      category,
      range: q.range,
      at,
      protectedDelivery,
    });
    if (d.allowed) return purpose;
    if (fallback === undefined || d.reason === 'outside-occupancy') fallback = purpose;
  }
  return fallback;
}

const NATURE = (quality: number): string =>
  quality & QUALITY.ESTIMATED ? 'E' : quality & QUALITY.DOUBTFUL ? 'S' : 'B';

export async function readForClient(deps: DataConnectDeps, caller: ClientCaller, q: DcQuery): Promise<DcOutcome> {
  const prm = q.prm as Prm;
  const direction = directionOf(q.kind);
  // a token issued for other usage points: the same answer as no consent, before anything is read; journalled
  if (caller.prms !== null && !caller.prms.has(q.prm)) {
    const quantity = quantitiesOf(q.kind)[0]!;
    await deps.access.refuse(
      {
        actor: caller.actor,
        prm,
        step: TARGET[q.kind],
        purpose: caller.purposes[0] ?? 'service-provision',
        category: categoryOf(quantity, direction),
        range: q.range,
        at: deps.ledger.clock.now(),
      },
      'outside-token',
    );
    return { ok: false, refusal: NO_CONSENT };
  }
  const plan = planRead(q.kind, await deps.store.list(prm));
  // with nothing held, the decision is still asked at the step Enedis would deliver, so an unknown usage point and a
  // refused one are decided, journalled and answered alike
  const quantity = plan?.quantity ?? quantitiesOf(q.kind)[0]!;
  const delivered = plan?.delivered ?? TARGET[q.kind];
  const stored = plan?.stored ?? delivered;
  // daily consumption energy is what the access service can deliver protected (a protected consent allows only that)
  const protectedDelivery = quantity === 'energy' && direction === 'consumption' && delivered === 'P1D';
  const purpose = choosePurpose(deps, caller, q, delivered, categoryOf(quantity, direction), protectedDelivery);
  if (purpose === undefined) return { ok: false, refusal: NO_CONSENT }; // a client that declared no purpose
  let data;
  try {
    ({ data } = await deps.access.read(caller.actor, {
      prm,
      quantity,
      direction,
      step: stored,
      ...(stored !== delivered ? { to: delivered } : {}),
      range: q.range,
      purpose,
    }));
  } catch (e) {
    if (isCourantError(e) && e.code === 'CONSENT_ACCESS_DENIED')
      return { ok: false, refusal: refusalOf((e.details as { reason?: DenyReason } | undefined)?.reason) };
    throw e;
  }
  if (!plan) return { ok: false, refusal: NO_DATA };
  const points = toPoints(plan, data);
  if (points.length === 0) return { ok: false, refusal: NO_DATA };
  return {
    ok: true,
    series: {
      kind: q.kind,
      prm: q.prm,
      start: q.start,
      end: q.end,
      ...(isCurve(q.kind) ? { stepMs: stepMs(plan.delivered) } : {}),
      points,
      ...(!isCurve(q.kind) && plan.quantity === 'energy' && plan.stored !== 'P1D' ? { fromCurve: true } : {}),
    },
  };
}

interface Columns {
  readonly ts: Float64Array;
  readonly values: Float64Array;
  readonly quality?: Uint8Array;
  readonly count?: Uint32Array;
}

/**
 * Read columns → points at the delivered step. A bucket missing some of its finer points is left out, as Enedis
 * leaves out what it did not measure, rather than delivered short; energy becomes mean power for load curves.
 */
function toPoints(plan: Plan, data: Columns): DcPoint[] {
  const out: DcPoint[] = [];
  const storedMs = plan.stored === 'raw' ? 0 : stepMs(plan.stored);
  const deliveredMs = stepMs(plan.delivered);
  const toWatts = plan.quantity === 'energy' && plan.delivered !== 'P1D' ? 3_600_000 / deliveredMs : 1;
  if (isCurveStep(plan.delivered) && !enedisStepCode(deliveredMs)) return out;
  for (let i = 0; i < data.ts.length; i++) {
    const ts = data.ts[i]!;
    const value = data.values[i]!;
    if (!Number.isFinite(value)) continue;
    if (data.count && storedMs > 0 && plan.stored !== plan.delivered) {
      const end = plan.delivered === 'P1D' ? parisDayStart(ts + 26 * 3_600_000) : ts + deliveredMs;
      if (data.count[i]! < Math.round((end - ts) / storedMs)) continue;
    }
    const quality = data.quality?.[i] ?? 0;
    out.push({ ts, value: value * toWatts, ...(quality ? { nature: NATURE(quality) } : {}) });
  }
  return out;
}

function isCurveStep(step: FixedStep): boolean {
  return step !== 'P1D';
}
