/**
 * @module importers/dataconnect/v2026
 * Data Connect 2026 answers: `mesure_synchrone_auto/v2/*` (`idPrm`, `grandeur[].points[]` with `v` value, `d` date,
 * `p` step, `n` nature, `iv` likelihood index, `ec` complementary state) and the ITC contract answers
 * (`situation_contrat_auto`, `synth_contrat_auto`, `comptage_auto`) — enedis-formats.md §1.6.
 *
 * Clock: as v5. `EA` daily points are civil days; `PA` curve points are Paris wall time at the interval END;
 * `PMA` (and per-phase `PMA1..3`) points are the instant of the day's peak.
 */
import { Collector, qualityOf, stepCodeMs } from '../collector.ts';
import { decodeHead, parseError, type ImportContext, type ImportItem, type Importer } from '../importer.ts';
import { WallClock, parisDayOf } from '../time.ts';
import type { Direction } from '../../core/series.ts';
import { JsonReader } from './json-text.ts';
import { JsonStream } from './json-stream.ts';
import type { Prm } from '../../core/prm.ts';
import { dayStart, instant, instantFast } from './stamps.ts';
import { FAST_KEYS, FastCurve } from './v2026-fast.ts';
import { itcNotices } from './contracts.ts';

const METIER: Readonly<Record<string, Direction>> = { CONS: 'consumption', PROD: 'production' };
const UNIT: Readonly<Record<string, number>> = { W: 1, kW: 1000, Wh: 1, kWh: 1000, VA: 1, kVA: 1000 };

export const dc2026Importer: Importer = {
  id: 'dataconnect-2026',
  label: 'Enedis Data Connect 2026 JSON (mesure_synchrone_auto v2; situation/synthèse contrat)',
  detect(head) {
    const s = decodeHead(head).trimStart();
    // measures, contract summaries, and the answers without readings (services, connection, address) that are
    // recognised so they can be reported as "nothing to import" rather than as an unknown format
    if (s.startsWith('{'))
      return /"(idPrm|grandeur|segments|consumption_last_activation_date|relais|serviceSouscrit|nbTotalServices|connection_state|postal_code_city)"/.test(
        s,
      );
    if (s.startsWith('[')) return /"(contract_type|subscribed_power|contract_start)"/.test(s);
    return false;
  },
  parse(chunks, ctx) {
    return parse2026(chunks, ctx);
  },
};

export interface GrandeurState {
  readonly prm: Prm;
  readonly direction: Direction;
  readonly physique: string;
  readonly factor: number;
  readonly clock: WallClock;
}

async function* parse2026(chunks: AsyncIterable<Uint8Array>, ctx: ImportContext): AsyncGenerator<ImportItem> {
  const j = new JsonReader(ctx);
  const col = new Collector(ctx, 'enedis_api');
  const states = new Map<object, GrandeurState>();
  /** The state of one `grandeur[g]`, or undefined while its fields have not been read yet (strict: they must be there).
   */
  const stateOf = (
    root: Record<string, unknown>,
    gr: Record<string, unknown>,
    gp: string,
    strict: boolean,
  ): GrandeurState | undefined => {
    let st = states.get(gr);
    if (st) return st;
    if (
      !strict &&
      (root.idPrm === undefined ||
        gr.grandeurMetier === undefined ||
        gr.grandeurPhysique === undefined ||
        gr.unite === undefined)
    )
      return undefined;
    const prm = col.prm(j.str(root.idPrm, '$.idPrm'), { path: '$.idPrm' });
    const metier = j.str(gr.grandeurMetier, `${gp}.grandeurMetier`);
    const direction = METIER[metier];
    if (!direction)
      throw parseError(ctx, { path: `${gp}.grandeurMetier` }, `${JSON.stringify(metier)} is neither CONS nor PROD`);
    const physique = j.str(gr.grandeurPhysique, `${gp}.grandeurPhysique`);
    const unit = j.str(gr.unite, `${gp}.unite`);
    const factor = UNIT[unit];
    if (factor === undefined) throw parseError(ctx, { path: `${gp}.unite` }, `unknown unit ${JSON.stringify(unit)}`);
    if (!(
      physique === 'EA' ||
      physique === 'PA' ||
      physique.startsWith('PMA') ||
      physique.startsWith('EAS') ||
      physique === 'IDX'
    ))
      throw parseError(
        ctx,
        { path: `${gp}.grandeurPhysique` },
        `unsupported quantity ${JSON.stringify(physique)} (EA, PA, PMA…)`,
      );
    st = { prm, direction, physique, factor, clock: new WallClock() };
    states.set(gr, st);
    return st;
  };
  // hot path: paths are strings built only when an error is reported
  function pp(arrayPath: string, index: number): string {
    return `${arrayPath}[${index}]`;
  }
  function point(st: GrandeurState, raw: unknown, arrayPath: string, index: number): void {
    const pt = (
      raw !== null && typeof raw === 'object' && !Array.isArray(raw) ? raw : j.obj(raw, pp(arrayPath, index))
    ) as Record<string, unknown>;
    const rawV = pt.v;
    let v =
      typeof rawV === 'string' && rawV !== '' && rawV !== 'null' ? +rawV : j.num(rawV, `${pp(arrayPath, index)}.v`);
    if (v !== v) v = j.num(rawV, `${pp(arrayPath, index)}.v`); // throws with the path
    const date = typeof pt.d === 'string' ? pt.d : j.str(pt.d, `${pp(arrayPath, index)}.d`);
    if (v === null) return;
    const { prm, direction, physique, factor, clock } = st;
    const q = qualityOf(pt.n as string | undefined, pt.iv as string | undefined, pt.ec as string | undefined);
    const where = { path: pp(arrayPath, index) };
    if (physique === 'EA')
      col.push(
        col.key(prm, 'energy', direction, 'P1D'),
        dayStart(date, ctx, `${pp(arrayPath, index)}.d`),
        v * factor,
        q,
        where,
      );
    else if (physique.startsWith('PMA'))
      col.push(
        col.key(prm, 'max_power', direction, 'P1D', physique === 'PMA' ? '' : physique),
        parisDayOf(instant(date, clock, ctx, `${pp(arrayPath, index)}.d`)),
        v * factor,
        q,
        where,
      );
    else if (physique === 'PA') {
      const code = typeof pt.p === 'string' ? pt.p : 'PT30M';
      const stepMs = stepCodeMs(code);
      if (stepMs === undefined)
        throw parseError(ctx, { path: `${pp(arrayPath, index)}.p` }, `unknown step ${JSON.stringify(code)}`);
      const end = instantFast(date, clock);
      col.curve(
        prm,
        direction,
        stepMs,
        (end === end ? end : instant(date, clock, ctx, `${pp(arrayPath, index)}.d`)) - stepMs,
        v * factor,
        q,
        where,
      );
    } else
      col.push(
        col.key(prm, 'index', direction, 'P1D', physique),
        dayStart(date, ctx, `${pp(arrayPath, index)}.d`),
        v * factor,
        q,
        where,
      );
  }
  /** Hot path for a curve point read in place (flat-scan.ts); false when anything is unusual (then `point`). */
  const fast = new FastCurve(col);
  let lastGr: object | undefined;
  let lastSt: GrandeurState | undefined;
  const stateFor = (stack: readonly unknown[], arrayPath: string): GrandeurState | undefined => {
    const gr = stack[2] as Record<string, unknown>;
    if (gr === lastGr) return lastSt;
    const st = stateOf(stack[0] as Record<string, unknown>, gr, arrayPath.slice(0, -'.points'.length), false);
    if (st) [lastGr, lastSt] = [gr, st];
    return st;
  };
  const stream = new JsonStream(ctx, {
    streamed: (path) => /^\$\.grandeur\[\d+\]\.points$/.test(path),
    element: (el, arrayPath, index, stack) => {
      const st = stateFor(stack, arrayPath);
      if (!st) return false; // envelope fields after the points: handled at the end
      point(st, el, arrayPath, index);
      return true;
    },
    flatKeys: FAST_KEYS,
    flat: (view, arrayPath, index, stack) => {
      const st = stateFor(stack, arrayPath);
      if (!st) return false;
      if (st.physique !== 'PA' || !fast.point(st, view, arrayPath, index)) point(st, view.object(), arrayPath, index);
      return true;
    },
  });
  const dec = new TextDecoder();
  for await (const c of chunks) {
    stream.write(dec.decode(c, { stream: true }), c);
    yield* col.ready();
  }
  stream.write(dec.decode());
  const doc = stream.end();
  if (Array.isArray(doc) || (doc && typeof doc === 'object' && !('grandeur' in doc))) {
    yield* itcNotices(doc, ctx);
    return;
  }
  const d = j.obj(doc, '$');
  const grandeurs = j.arr(d.grandeur, '$.grandeur');
  for (let g = 0; g < grandeurs.length; g++) {
    const gp = `$.grandeur[${g}]`;
    const gr = j.obj(grandeurs[g], gp);
    const st = stateOf(d, gr, gp, true)!;
    const kept = j.arr(gr.points, `${gp}.points`);
    for (let i = 0; i < kept.length; i++) point(st, kept[i], `${gp}.points`, i);
  }
  yield* col.rest();
  yield* col.notices();
}
