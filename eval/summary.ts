/**
 * @module eval/summary
 * What `npm run eval` prints: per detector and household, the leave-one-household-out and time-split figures
 * (F1, precision, recall; MCC for occupancy; minutes of wake-up error for the routine) at each step.
 */
import type { FullEvaluation, OutOfSampleFigure } from '../src/use-cases/reveal-evaluation.ts';

const f = (x: number | undefined) =>
  x === undefined || x !== x ? '  —  ' : x >= 10 ? x.toFixed(0).padStart(5) : x.toFixed(3);

function lines(rows: readonly OutOfSampleFigure[], title: string): string[] {
  const by = new Map<string, Map<string, number>>();
  const meta = new Map<string, OutOfSampleFigure>();
  for (const r of rows) {
    const key = `${r.detector}|${r.household}|${r.step}`;
    const m = by.get(key) ?? new Map<string, number>();
    m.set(r.metric, r.notScored ? NaN : r.value);
    by.set(key, m);
    if (!meta.has(key)) meta.set(key, r);
  }
  const out = [title];
  for (const [key, m] of by) {
    const [detector, household, step] = key.split('|') as [string, string, string];
    const r = meta.get(key)!;
    const what =
      detector === 'routine'
        ? `wake error ${f(m.get('wake_mae_min'))} min (chance ${f(m.get('wake_mae_min_chance'))})`
        : detector === 'occupancy'
          ? `MCC ${f(m.get('mcc'))}  balanced accuracy ${f(m.get('balanced_accuracy'))}`
          : m.has('f1')
            ? `F1 ${f(m.get('f1'))}  P ${f(m.get('precision'))}  R ${f(m.get('recall'))}  MCC ${f(m.get('mcc'))}`
            : null;
    if (what === null) continue;
    const fit =
      r.fit === 'fitted' ? `fitted, candidate ${r.candidate}` : r.fit === 'a_priori' ? 'a priori' : 'no constants';
    out.push(`  ${detector.padEnd(16)} ${household.padEnd(14)} ${step.padEnd(6)} ${what}  [${fit}; ${r.scoredOn}]`);
  }
  return out;
}

export function outOfSampleSummary(e: FullEvaluation): string {
  return [
    ...lines(e.leaveOneOut, 'Leave one household out (constants fitted on the other households):'),
    '',
    ...lines(e.timeSplit, 'Time split (constants fitted on the first months, scored on the months after):'),
    '',
  ].join('\n');
}
