/**
 * @module enedis/serve/v2026
 * Data Connect 2026 answers of `mesure_synchrone_auto/v2` (enedis-formats.md §1.6), in the shape of the recorded
 * captures: daily values carry `typeValeur GLOBALE`, `modeCalcul DIFF.INDEX`, `pas P1D` and points `{v, d}`; load
 * curves `modeCalcul MESURE` and points `{v, d, p, n, iv, ec}` stamped at the END of each interval; max power
 * `modeCalcul MESURE`, `pas P1D` and the instant of each day's peak.
 */
import { enedisStepCode, isCurve, isProduction, wireValue, type DcSeries } from './series.ts';
import { parisDay, parisWall } from './wall.ts';

export interface Point2026 {
  v: string;
  d: string;
  p?: string;
  n?: string;
  iv?: string;
  ec?: string;
}

export interface Grandeur {
  grandeurMetier: 'CONS' | 'PROD';
  grandeurPhysique: 'EA' | 'PA' | 'PMA';
  unite: 'Wh' | 'W' | 'VA';
  points: Point2026[];
  calendrier: never[];
}

export interface Answer2026 {
  idPrm: string;
  etapeMetier: 'BRUT';
  periode: { dateDebut: string; dateFin: string };
  typeValeur?: 'GLOBALE';
  modeCalcul: 'MESURE' | 'DIFF.INDEX' | 'INTEG.COURBE';
  pas?: 'P1D';
  grandeur: Grandeur[];
  contexte: never[];
}

export function answer2026(s: DcSeries): Answer2026 {
  const head = { idPrm: s.prm, etapeMetier: 'BRUT' as const, periode: { dateDebut: s.start, dateFin: s.end } };
  const metier = isProduction(s.kind) ? ('PROD' as const) : ('CONS' as const);
  if (isCurve(s.kind)) {
    const stepMs = s.stepMs ?? 1_800_000;
    const p = enedisStepCode(stepMs);
    if (!p) throw new RangeError(`a load-curve step of ${stepMs} ms has no Enedis code`);
    const points = s.points.map((x) => ({
      v: wireValue(x.value),
      d: parisWall(x.ts + stepMs),
      p,
      n: x.nature ?? 'B',
      iv: '0',
      ec: '0',
    }));
    return {
      ...head,
      modeCalcul: 'MESURE',
      grandeur: [{ grandeurMetier: metier, grandeurPhysique: 'PA', unite: 'W', points, calendrier: [] }],
      contexte: [],
    };
  }
  if (s.kind === 'daily_consumption_max_power') {
    const points = s.points.map((x) => ({ v: wireValue(x.value), d: parisWall(x.at ?? x.ts) }));
    return {
      ...head,
      modeCalcul: 'MESURE',
      pas: 'P1D',
      grandeur: [{ grandeurMetier: 'CONS', grandeurPhysique: 'PMA', unite: 'VA', points, calendrier: [] }],
      contexte: [],
    };
  }
  const points = s.points.map((x) => ({ v: wireValue(x.value), d: parisDay(x.ts) }));
  return {
    ...head,
    typeValeur: 'GLOBALE',
    modeCalcul: s.fromCurve ? 'INTEG.COURBE' : 'DIFF.INDEX',
    pas: 'P1D',
    grandeur: [{ grandeurMetier: metier, grandeurPhysique: 'EA', unite: 'Wh', points, calendrier: [] }],
    contexte: [],
  };
}
