/**
 * @module importers/dataconnect/v5
 * Data Connect v5 answers (`meter_reading` envelope), the same content unwrapped (conso.boris.sh and other
 * proxies), the "Mesures V1" compatibility answers (arrays per phase with `grandeurPhysique=TOUT`, ISO UTC dates),
 * and the `customers_upc` contracts answer (subscribed power, off-peak hours) — enedis-formats.md §1.5–1.6.
 *
 * Clock: daily dates are Paris civil days; load-curve dates are Paris wall time at the interval END (shifted back
 * by `interval_length`); max-power dates are the instant of the peak, booked to its Paris civil day.
 */
import type { Direction } from '../../core/series.ts';
import { Collector, directionFromName, qualityOf, stepCodeMs } from '../collector.ts';
import { decodeHead, parseError, type ImportContext, type ImportItem, type Importer } from '../importer.ts';
import { WallClock, parisDayOf } from '../time.ts';
import type { Prm } from '../../core/prm.ts';
import { JsonReader } from './json-text.ts';
import { JsonStream } from './json-stream.ts';
import { dayStart, instant } from './stamps.ts';
import { contractsNotices } from './contracts.ts';
import { FAST_KEYS_V5, FastReading } from './v5-fast.ts';

export const dcV5Importer: Importer = {
  id: 'dataconnect-v5',
  label: 'Enedis Data Connect v5 JSON (meter_reading, unwrapped proxies, Mesures V1; customers contracts)',
  detect(head) {
    const s = decodeHead(head).trimStart();
    if (!s.startsWith('{')) return false;
    return (
      /"(meter_reading|interval_reading)"/.test(s) ||
      /"customer"\s*:/.test(s) ||
      (/"customer_id"/.test(s) && /"(identity|contact)"/.test(s))
    );
  },
  parse(chunks, ctx) {
    return parseV5(chunks, ctx);
  },
};

const FLOW: Readonly<Record<string, Direction>> = { forward: 'consumption', reverse: 'production' };

interface ReadingState {
  readonly prm: Prm;
  readonly kind: string;
  readonly aggregate: string;
  readonly direction: Direction;
  readonly factor: number;
  readonly clock: WallClock;
}

async function* parseV5(chunks: AsyncIterable<Uint8Array>, ctx: ImportContext): AsyncGenerator<ImportItem> {
  const j = new JsonReader(ctx);
  const col = new Collector(ctx, 'enedis_api');
  let state: ReadingState | undefined;
  /** The reading context from `usage_point_id` and `reading_type`, or undefined while they have not been read (strict:
   * required).
   */
  const stateOf = (mr: Record<string, unknown>, base: string, strict: boolean): ReadingState | undefined => {
    if (state) return state;
    if (!strict && (mr.usage_point_id === undefined || mr.reading_type === undefined)) return undefined;
    const prm = col.prm(j.str(mr.usage_point_id, `${base}.usage_point_id`), { path: `${base}.usage_point_id` });
    const rt = j.obj(mr.reading_type, `${base}.reading_type`);
    const kind = j.str(rt.measurement_kind, `${base}.reading_type.measurement_kind`);
    if (kind !== 'energy' && kind !== 'power')
      throw parseError(
        ctx,
        { path: `${base}.reading_type.measurement_kind` },
        `unsupported measurement kind ${JSON.stringify(kind)}`,
      );
    const first = (v: unknown) => (Array.isArray(v) ? v[0] : v);
    const flow = first(rt.flow_direction);
    const direction = typeof flow === 'string' && FLOW[flow] ? FLOW[flow] : directionFromName(ctx);
    const unit = String(first(rt.unit) ?? '');
    state = {
      prm,
      kind,
      aggregate: typeof rt.aggregate === 'string' ? rt.aggregate : '',
      direction,
      factor: unit.startsWith('k') ? 1000 : 1,
      clock: new WallClock(),
    };
    return state;
  };
  const reading = (st: ReadingState, raw: unknown, path: string) => {
    const it = j.obj(raw, path);
    const values = Array.isArray(it.value) ? it.value : [it.value];
    const dates = Array.isArray(it.date) ? it.date : [it.date];
    const { prm, kind, aggregate, direction, factor, clock } = st;
    for (let k = 0; k < values.length; k++) {
      const vPath = Array.isArray(it.value) ? `${path}.value[${k}]` : `${path}.value`;
      const dPath = Array.isArray(it.date) ? `${path}.date[${k}]` : `${path}.date`;
      const v = j.num(values[k], vPath);
      const date = j.str(dates[k] ?? dates[0], dPath);
      if (v === null) continue;
      if (kind === 'energy')
        col.push(col.key(prm, 'energy', direction, 'P1D'), dayStart(date, ctx, dPath), v * factor, 0, { path });
      else if (aggregate === 'maximum') {
        // with TOUT the first value is the total, the next ones phases 1..3
        col.push(
          col.key(prm, 'max_power', direction, 'P1D', k === 0 ? '' : `PMA${k}`),
          parisDayOf(instant(date, clock, ctx, dPath)),
          v * factor,
          0,
          { path },
        );
      } else {
        const len = typeof it.interval_length === 'string' ? it.interval_length : 'PT30M';
        const stepMs = stepCodeMs(len);
        if (stepMs === undefined)
          throw parseError(ctx, { path: `${path}.interval_length` }, `unknown step ${JSON.stringify(len)}`);
        const q = qualityOf(typeof it.measure_type === 'string' ? it.measure_type : undefined, undefined, undefined);
        col.curve(prm, direction, stepMs, instant(date, clock, ctx, dPath) - stepMs, v * factor, q, { path });
      }
    }
  };
  const fast = new FastReading(col);
  const stateFor = (arrayPath: string, stack: readonly unknown[]): ReadingState | undefined => {
    if (state) return state;
    const wrapped = arrayPath.startsWith('$.meter_reading');
    return stateOf(stack[wrapped ? 1 : 0] as Record<string, unknown>, wrapped ? '$.meter_reading' : '$', false);
  };
  const stream = new JsonStream(ctx, {
    streamed: (path) => path === '$.meter_reading.interval_reading' || path === '$.interval_reading',
    element: (el, arrayPath, index, stack) => {
      const st = stateFor(arrayPath, stack);
      if (!st) return false;
      reading(st, el, `${arrayPath}[${index}]`);
      return true;
    },
    flatKeys: FAST_KEYS_V5,
    flat: (view, arrayPath, index, stack) => {
      const st = stateFor(arrayPath, stack);
      if (!st) return false;
      // load curves only (energy and max-power answers are a few hundred elements)
      if (st.kind === 'energy' || st.aggregate === 'maximum' || !fast.point(st, view, arrayPath, index))
        reading(st, view.object(), `${arrayPath}[${index}]`);
      return true;
    },
  });
  const dec = new TextDecoder();
  for await (const c of chunks) {
    stream.write(dec.decode(c, { stream: true }), c);
    yield* col.ready();
  }
  stream.write(dec.decode());
  const doc = j.obj(stream.end(), '$');
  if (doc.customer === undefined && doc.customer_id !== undefined) {
    // identity / contact answers: personal data the hub has no purpose for, deliberately not imported
    yield {
      kind: 'notice',
      level: 'info',
      message: `${ctx.fileName}: identity and contact answers are not imported (no purpose in courant)`,
    };
    return;
  }
  if (doc.customer !== undefined) {
    yield* contractsNotices(doc, ctx);
    return;
  }
  const wrapped = doc.meter_reading !== undefined;
  const base = wrapped ? '$.meter_reading' : '$';
  const mr = wrapped ? j.obj(doc.meter_reading, base) : doc;
  const st = stateOf(mr, base, true)!;
  const kept = j.arr(mr.interval_reading, `${base}.interval_reading`);
  for (let i = 0; i < kept.length; i++) reading(st, kept[i], `${base}.interval_reading[${i}]`);
  yield* col.rest();
  yield* col.notices();
}
