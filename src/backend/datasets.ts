/**
 * @module backend/datasets
 * Evaluates the detectors on data-set folders (UCI, ECO, REFIT or UK-DALE layout): the folder reader is an adapter,
 * the scoring a use case; `npm run eval` and `courant reveal eval` both come through here.
 */
import { loadFolder } from '../adapters/datasets/index.ts';
import {
  evaluateAll,
  evaluateHouseholds,
  type FigureRow,
  type FullEvaluation,
  type LabelledHouseholds,
} from '../use-cases/reveal-evaluation.ts';

/** In-sample rows of one folder. */
export function evaluateFolder(
  dir: string,
  opts: { seed?: number; noise?: boolean; label?: string } = {},
): { format: string; rows: FigureRow[] } {
  const { format, households } = loadFolder(dir);
  return { format, rows: evaluateHouseholds(opts.label ?? dir, households, opts) };
}

/**
 * Every folder at once, in sample and out of sample (a leave-one-household-out fold trains on the households of
 * the other folders). `onLoad` reports each folder read.
 */
export function evaluateFolders(
  dirs: readonly { dir: string; label: string }[],
  opts: {
    seed?: number;
    noise?: boolean;
    onLoad?: (label: string, format: string, households: number, ms: number) => void;
    onStage?: (stage: string, ms: number) => void;
  } = {},
): FullEvaluation {
  const sets: LabelledHouseholds[] = [];
  for (const { dir, label } of dirs) {
    const t = performance.now();
    const { format, households } = loadFolder(dir);
    sets.push({ label, households });
    opts.onLoad?.(label, format, households.length, performance.now() - t);
  }
  return evaluateAll(sets, opts);
}
