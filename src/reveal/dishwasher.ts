/**
 * @module reveal/dishwasher
 * Dishwasher cycles by their structure: two or more heating plateaus of the same power (wash, then rinse; 1.5–3.2 kW,
 * 7–35 minutes each) a set time apart, with the aggregate steady between them (the circulation pump, no drum).
 * A household's dishwasher repeats its programmes, so pairs are kept only when their spacing is the household's
 * usual one (the modal spacing among candidates, ± a tolerance): two random loads of 2 kW are rarely spaced alike.
 * The cycle is flagged from shortly before the first plateau to shortly after the last.
 * Plausibility: more cycles a day than a household runs (`maxPerDay`) is doubtful, and doubtful is shown to nobody.
 */
import type { Grid } from './grid.ts';
import { checkInput, ok, none, type Outcome } from './outcome.ts';
import { daysSpanned, pairEdges, powerOf, type ApplianceEvent, type ApplianceUse, type EdgeBand } from './edges.ts';
import { medianExcess, roughness, withLevelBefore, type Plateau } from './cycles.ts';
import type { ParamOptions } from './short-loads.ts';
import type { FixedStep } from '../core/step.ts';

export interface DishwasherParams {
  /** Heating phase: power and on-time band. */
  readonly heat: EdgeBand;
  /** Minutes between the starts of consecutive heating plateaus of one cycle. */
  readonly minGapMinutes: number;
  readonly maxGapMinutes: number;
  /** Plateaus of one cycle differ in power by at most this share. */
  readonly powerTolerance: number;
  /** Between the plateaus: median slot-to-slot change at most `maxRoughW` (W), median level above the level before
   * the first at most `maxBetweenW` (W). */
  readonly maxRoughW: number;
  readonly maxBetweenW: number;
  /** Keep pairs whose spacing is within this many minutes of the household's modal spacing (Infinity: keep all). */
  readonly modeToleranceMinutes: number;
  /** Flagged extent before the first plateau and after the last (minutes). */
  readonly preMinutes: number;
  readonly postMinutes: number;
  /** More cycles a day than this, on average, is not a household's dishwasher: doubtful. */
  readonly maxPerDay: number;
}

export const DEFAULT_DISHWASHER_PARAMS: DishwasherParams = {
  heat: { minW: 1500, maxW: 3200, minMinutes: 7, maxMinutes: 35 },
  minGapMinutes: 25,
  maxGapMinutes: 80,
  powerTolerance: 0.3,
  maxRoughW: 40,
  maxBetweenW: 400,
  modeToleranceMinutes: 5,
  preMinutes: 2,
  postMinutes: 5,
  maxPerDay: 1.5,
};
/** Candidates for a fitting step (16, the defaults first): longest spacing × spacing tolerance × flagged extent ×
 * steadiness between the plateaus. */
export const DISHWASHER_CANDIDATES: readonly DishwasherParams[] = [80, 60].flatMap((maxGapMinutes) =>
  [5, 10].flatMap((modeToleranceMinutes) =>
    [
      [2, 5],
      [10, 15],
    ].flatMap(([preMinutes, postMinutes]) =>
      [40, 60].map((maxRoughW) => ({
        ...DEFAULT_DISHWASHER_PARAMS,
        maxGapMinutes,
        modeToleranceMinutes,
        preMinutes: preMinutes!,
        postMinutes: postMinutes!,
        maxRoughW,
      })),
    ),
  ),
);
export const DISHWASHER_COARSEST: FixedStep = 'PT1M';

/** Candidate links between plateau k and a later plateau: same power, spacing in band, steady aggregate between. */
function links(g: Grid, ps: readonly Plateau[], p: DishwasherParams): { a: number; b: number; gap: number }[] {
  const slotMin = g.stepMs / 60_000;
  const out: { a: number; b: number; gap: number }[] = [];
  for (let a = 0; a < ps.length; a++) {
    const x = ps[a]!;
    for (let b = a + 1; b < ps.length; b++) {
      const y = ps[b]!;
      const gap = (y.from - x.from) * slotMin;
      if (gap > p.maxGapMinutes) break;
      if (gap < p.minGapMinutes) continue;
      if (Math.abs(y.powerW - x.powerW) > p.powerTolerance * Math.max(x.powerW, y.powerW)) continue;
      if (!(roughness(g, x.to + 1, y.from - 1) <= p.maxRoughW)) continue;
      if (!(medianExcess(g, x.to + 1, y.from - 1, x.beforeW) <= p.maxBetweenW)) continue;
      out.push({ a, b, gap });
      break;
    }
  }
  return out;
}

/** The most common spacing (minutes) among the links, by a ±tolerance window. */
function modalGap(gaps: readonly number[], tol: number): number {
  if (!Number.isFinite(tol)) tol = 5;
  let best = NaN;
  let bestCount = 0;
  for (const c of gaps) {
    const n = gaps.filter((x) => Math.abs(x - c) <= tol).length;
    if (n > bestCount) {
      bestCount = n;
      best = c;
    }
  }
  return best;
}

/** A household's dishwasher as the detector sees it: its cycles, its heating plateaus, and their usual spacing. */
export interface DishwasherStructure {
  readonly cycles: ApplianceEvent[];
  /** Every heating plateau in the dishwasher's band, cycle or not. */
  readonly plateaus: readonly Plateau[];
  /** Modal spacing (minutes) between the starts of a cycle's plateaus; NaN when no pair was found. */
  readonly spacingMinutes: number;
}

export function dishwasherCycles(g: Grid, p: DishwasherParams): ApplianceEvent[] {
  return dishwasherStructure(g, p).cycles;
}

export function dishwasherStructure(g: Grid, p: DishwasherParams): DishwasherStructure {
  const ps = withLevelBefore(g, pairEdges(g, p.heat));
  let ls = links(g, ps, p);
  const m = modalGap(
    ls.map((l) => l.gap),
    p.modeToleranceMinutes,
  );
  if (Number.isFinite(p.modeToleranceMinutes)) ls = ls.filter((l) => Math.abs(l.gap - m) <= p.modeToleranceMinutes);
  // chain links sharing a plateau into one cycle (three heating phases, as some programmes have)
  const next = new Map(ls.map((l) => [l.a, l.b]));
  const linked = new Set(ls.map((l) => l.b));
  const slotMin = g.stepMs / 60_000;
  const n = g.values.length;
  const cycles: ApplianceEvent[] = [];
  for (const l of ls) {
    if (linked.has(l.a)) continue;
    let last = l.b;
    while (next.has(last)) last = next.get(last)!;
    const from = Math.max(0, ps[l.a]!.from - Math.round(p.preMinutes / slotMin));
    const to = Math.min(n, ps[last]!.to + Math.round(p.postMinutes / slotMin));
    cycles.push({ from, to, powerW: ps[l.a]!.powerW });
  }
  return { cycles, plateaus: ps, spacingMinutes: m };
}

export function detectDishwasher(g: Grid, opts: ParamOptions<DishwasherParams> = {}): Outcome<ApplianceUse> {
  const p = opts.params ?? DEFAULT_DISHWASHER_PARAMS;
  const bad = checkInput(g, { minDays: 1, coarsest: DISHWASHER_COARSEST, force: opts.force });
  if (bad) return bad;
  const cycles = dishwasherCycles(g, p);
  const nDays = daysSpanned(g);
  const perDay = cycles.length / nDays;
  const doubt =
    perDay > p.maxPerDay
      ? `${cycles.length} candidate cycles in ${Math.round(nDays)} days: more than a household's dishwasher runs`
      : null;
  if (!opts.force && doubt !== null) return none('below_confidence', doubt);
  const confidence = cycles.length === 0 ? 0 : Math.min(1, 0.5 + cycles.length / 20);
  return ok(
    {
      events: cycles,
      power: powerOf(g, cycles),
      eventsPerDay: Math.round(perDay * 100) / 100,
      plausibility: doubt === null ? 'plausible' : 'doubtful',
      ...(doubt !== null && { doubt }),
    },
    doubt === null ? confidence : Math.min(confidence, 0.3),
  );
}
