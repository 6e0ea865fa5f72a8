/**
 * @module reveal/evaluation/fit
 * The fitting step of the out-of-sample evaluation: for one detector at one step, the candidate (./candidates.ts)
 * with the best mean score over the training fold, and nothing else. It is handed the training fold only, and a
 * function that scores one candidate on one training unit (a household, or a household's first months); the
 * held-out unit is scored afterwards with the candidate chosen here, by the caller.
 */

/** What a fit maximises per detector (or minimises, for minutes of error). */
export interface Objective {
  readonly metric: string;
  readonly better: 'higher' | 'lower';
}

/** F1 for the detectors of an on/off state, MCC for occupancy (most slots are occupied: F1 would reward "always"). */
export function objectiveOf(detector: string): Objective {
  if (detector === 'occupancy') return { metric: 'mcc', better: 'higher' };
  if (detector === 'routine') return { metric: 'wake_mae_min', better: 'lower' };
  return { metric: 'f1', better: 'higher' };
}

export interface Fit {
  /** Index of the chosen candidate. */
  readonly index: number;
  /** Its mean objective over the training units that could be scored (NaN when none could). */
  readonly trainScore: number;
  /** Training units that could be scored. */
  readonly trainUnits: number;
}

/**
 * The candidate with the best mean objective over `training` (units a candidate leaves unscored, NaN, are left out of
 * its mean). Ties, and a fold where nothing could be scored, go to the earliest candidate: the grids list the
 * defaults first.
 */
export function fitCandidate<U>(
  candidates: number,
  training: readonly U[],
  score: (unit: U, candidate: number) => number,
  objective: Objective,
): Fit {
  let best: Fit = { index: 0, trainScore: NaN, trainUnits: 0 };
  if (candidates <= 1) return best;
  for (let c = 0; c < candidates; c++) {
    let s = 0;
    let n = 0;
    for (const u of training) {
      const v = score(u, c);
      if (v === v) {
        s += v;
        n++;
      }
    }
    if (n === 0) continue;
    const mean = s / n;
    const better =
      best.trainUnits === 0 ||
      (objective.better === 'higher' ? mean > best.trainScore + 1e-12 : mean < best.trainScore - 1e-12);
    if (better) best = { index: c, trainScore: mean, trainUnits: n };
  }
  return best;
}
