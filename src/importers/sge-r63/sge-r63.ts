/**
 * @module importers/sge-r63
 * Family D of enedis-formats.md §2.5: the SGE R6X "R63" load-curve CSV answering M023 requests. One row per point,
 * request metadata repeated, codes instead of labels (PA/CONS/BRUT/W/B/PT30M), quality flags `Indice de
 * vraisemblance` and `Etat complémentaire` kept as quality bits.
 *
 * Clock: `Horodate` is Paris wall time **without offset** at the interval **end**; the repeated autumn hour is
 * resolved by file order (WallClock) and the step is read from `Pas` on each row.
 */
import { QUALITY, type Direction } from '../../core/series.ts';
import { Collector, qualityOf, stepCodeMs } from '../collector.ts';
import { decodeHead, parseError, type ImportContext, type ImportItem, type Importer } from '../importer.ts';
import { lineBlocks } from '../lines.ts';
import { WallClock, parseIsoStamp, parisDayOf } from '../time.ts';
import { wallUtc } from '../wall-time.ts';

const REQUIRED = ['Identifiant PRM', 'Grandeur physique', 'Grandeur métier', 'Unité', 'Horodate', 'Valeur'] as const;
const DIRECTIONS: Readonly<Record<string, Direction>> = { CONS: 'consumption', PROD: 'production' };
/** Unit factor to the canonical unit of the quantity (W or VA). */
const UNIT_FACTOR: Readonly<Record<string, number>> = { W: 1, kW: 1000, VA: 1, kVA: 1000, Wh: 1, kWh: 1000 };

export const sgeR63Importer: Importer = {
  id: 'sge-r63',
  label: 'SGE R63 load-curve CSV (M023)',
  detect(head) {
    const first = decodeHead(head).split('\n', 1)[0]!;
    return first.startsWith('Identifiant PRM;Date de début;') && first.includes(';Horodate;Valeur');
  },
  parse(chunks, ctx) {
    return parseR63(chunks, ctx);
  },
};

async function* parseR63(chunks: AsyncIterable<Uint8Array>, ctx: ImportContext): AsyncGenerator<ImportItem> {
  const col = new Collector(ctx, 'enedis_sge');
  const clocks = new Map<string, WallClock>();
  let idx: Record<string, number> | undefined;
  for await (const { first, lines } of lineBlocks(chunks, ctx)) {
    for (let i = 0; i < lines.length; i++) {
      const line = lines[i]!;
      const lineNo = first + i;
      if (line.length === 0) continue;
      if (!idx) {
        const names = line.split(';').map((s) => s.trim());
        idx = {};
        for (let k = 0; k < names.length; k++) idx[names[k]!] = k;
        for (const r of REQUIRED)
          if (idx[r] === undefined)
            throw parseError(ctx, { line: lineNo, field: r }, `missing column "${r}" in the header`);
        continue;
      }
      const c = line.split(';');
      const get = (name: string) => (idx![name] === undefined ? undefined : c[idx![name]!]);
      const prm = col.prm(get('Identifiant PRM') ?? '', { line: lineNo, field: 'Identifiant PRM' });
      const metier = get('Grandeur métier') ?? '';
      const direction = DIRECTIONS[metier];
      if (!direction)
        throw parseError(
          ctx,
          { line: lineNo, field: 'Grandeur métier' },
          `${JSON.stringify(metier)} is neither CONS nor PROD`,
        );
      const physique = get('Grandeur physique') ?? '';
      const unit = (get('Unité') ?? '').trim();
      const factor = UNIT_FACTOR[unit];
      if (factor === undefined)
        throw parseError(ctx, { line: lineNo, field: 'Unité' }, `unknown unit ${JSON.stringify(unit)}`);
      // the stamp first: a row at a time that does not exist is refused even without a value
      const stampText = get('Horodate') ?? '';
      const p = parseIsoStamp(stampText.trim());
      if (Number.isNaN(p.naive))
        throw parseError(ctx, { line: lineNo, field: 'Horodate' }, `${JSON.stringify(stampText)} is not a date`);
      const clockKey = metier + physique;
      let clock = clocks.get(clockKey);
      if (!clock) clocks.set(clockKey, (clock = new WallClock()));
      const t =
        p.offsetMin === undefined
          ? wallUtc(p.naive, clock, ctx, { line: lineNo, field: 'Horodate' }, stampText.trim())
          : p.naive - p.offsetMin * 60_000;
      const raw = get('Valeur') ?? '';
      if (raw.trim() === '') continue; // missing, never 0
      const value = Number(raw);
      if (!Number.isFinite(value))
        throw parseError(ctx, { line: lineNo, field: 'Valeur' }, `${JSON.stringify(raw.slice(0, 30))} is not a number`);
      const where = { line: lineNo };
      const quality = qualityOf(get('Nature'), get('Indice de vraisemblance'), get('Etat complémentaire'));
      if (physique === 'PA') {
        const pas = (get('Pas') ?? '').trim();
        const stepMs = stepCodeMs(pas);
        if (stepMs === undefined)
          throw parseError(ctx, { line: lineNo, field: 'Pas' }, `unknown step ${JSON.stringify(pas)}`);
        col.curve(prm, direction, stepMs, t - stepMs, value * factor, quality, where);
      } else if (physique.startsWith('PMA')) {
        col.push(
          col.key(prm, 'max_power', direction, 'P1D', physique === 'PMA' ? '' : physique),
          parisDayOf(t),
          value * factor,
          quality,
          where,
        );
      } else if (physique === 'EA') {
        col.push(
          col.key(prm, 'energy', direction, 'P1D'),
          parisDayOf(t - 1),
          value * factor,
          quality | QUALITY.OK,
          where,
        );
      } else
        throw parseError(
          ctx,
          { line: lineNo, field: 'Grandeur physique' },
          `unsupported quantity ${JSON.stringify(physique)} (PA, PMA, EA)`,
        );
    }
    yield* col.ready();
  }
  if (!idx) throw parseError(ctx, { line: 1, field: 'Identifiant PRM' }, 'empty file');
  yield* col.rest();
  yield* col.notices();
}
