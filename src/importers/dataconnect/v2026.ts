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
import { JsonReader, readJson } from './json-text.ts';
import { dayStart, instant } from './stamps.ts';
import { itcNotices } from './contracts.ts';

const METIER: Readonly<Record<string, Direction>> = { CONS: 'consumption', PROD: 'production' };
const UNIT: Readonly<Record<string, number>> = { W: 1, kW: 1000, Wh: 1, kWh: 1000, VA: 1, kVA: 1000 };

export const dc2026Importer: Importer = {
  id: 'dataconnect-2026',
  label: 'Enedis Data Connect 2026 JSON (mesure_synchrone_auto v2; situation/synthèse contrat)',
  detect(head) {
    const s = decodeHead(head).trimStart();
    if (s.startsWith('{')) return /"(idPrm|grandeur)"/.test(s) || /"(segments|consumption_last_activation_date|relais)"/.test(s);
    if (s.startsWith('[')) return /"(contract_type|subscribed_power|contract_start)"/.test(s);
    return false;
  },
  parse(chunks, ctx) {
    return parse2026(chunks, ctx);
  },
};

async function* parse2026(chunks: AsyncIterable<Uint8Array>, ctx: ImportContext): AsyncGenerator<ImportItem> {
  const j = new JsonReader(ctx);
  const doc = await readJson(chunks, ctx);
  if (Array.isArray(doc) || (doc && typeof doc === 'object' && !('grandeur' in doc))) {
    yield* itcNotices(doc, ctx);
    return;
  }
  const d = j.obj(doc, '$');
  const col = new Collector(ctx, 'enedis_api');
  const prm = col.prm(j.str(d.idPrm, '$.idPrm'), { path: '$.idPrm' });
  const grandeurs = j.arr(d.grandeur, '$.grandeur');
  for (let g = 0; g < grandeurs.length; g++) {
    const gp = `$.grandeur[${g}]`;
    const gr = j.obj(grandeurs[g], gp);
    const metier = j.str(gr.grandeurMetier, `${gp}.grandeurMetier`);
    const direction = METIER[metier];
    if (!direction) throw parseError(ctx, { path: `${gp}.grandeurMetier` }, `${JSON.stringify(metier)} is neither CONS nor PROD`);
    const physique = j.str(gr.grandeurPhysique, `${gp}.grandeurPhysique`);
    const unit = j.str(gr.unite, `${gp}.unite`);
    const factor = UNIT[unit];
    if (factor === undefined) throw parseError(ctx, { path: `${gp}.unite` }, `unknown unit ${JSON.stringify(unit)}`);
    const points = j.arr(gr.points, `${gp}.points`);
    const clock = new WallClock();
    for (let i = 0; i < points.length; i++) {
      const pp = `${gp}.points[${i}]`;
      const pt = j.obj(points[i], pp);
      const v = j.num(pt.v, `${pp}.v`);
      const date = j.str(pt.d, `${pp}.d`);
      if (v === null) continue;
      const q = qualityOf(pt.n as string | undefined, pt.iv as string | undefined, pt.ec as string | undefined);
      if (physique === 'EA') col.push(col.key(prm, 'energy', direction, 'P1D'), dayStart(date, ctx, `${pp}.d`), v * factor, q);
      else if (physique.startsWith('PMA')) col.push(col.key(prm, 'max_power', direction, 'P1D', physique === 'PMA' ? '' : physique), parisDayOf(instant(date, clock, ctx, `${pp}.d`)), v * factor, q);
      else if (physique === 'PA') {
        const code = typeof pt.p === 'string' ? pt.p : 'PT30M';
        const stepMs = stepCodeMs(code);
        if (stepMs === undefined) throw parseError(ctx, { path: `${pp}.p` }, `unknown step ${JSON.stringify(code)}`);
        col.curve(prm, direction, stepMs, instant(date, clock, ctx, `${pp}.d`) - stepMs, v * factor, q, { path: pp });
      } else if (physique.startsWith('EAS') || physique === 'IDX') {
        col.push(col.key(prm, 'index', direction, 'P1D', physique), dayStart(date, ctx, `${pp}.d`), v * factor, q);
      } else throw parseError(ctx, { path: `${gp}.grandeurPhysique` }, `unsupported quantity ${JSON.stringify(physique)} (EA, PA, PMA…)`);
      if ((i & 1023) === 1023) yield* col.ready();
    }
  }
  yield* col.rest();
}
