/**
 * @module backend/datasets
 * Evaluates the detectors on a data-set folder (UCI, ECO, REFIT or UK-DALE layout): the folder reader is an adapter,
 * the scoring a use case; `npm run eval` and `courant reveal eval` both come through here.
 */
import { loadFolder } from '../adapters/datasets/index.ts';
import { evaluateHouseholds, type FigureRow } from '../use-cases/reveal-evaluation.ts';

export function evaluateFolder(
  dir: string,
  opts: { seed?: number; noise?: boolean; label?: string } = {},
): { format: string; rows: FigureRow[] } {
  const { format, households } = loadFolder(dir);
  return { format, rows: evaluateHouseholds(opts.label ?? dir, households, opts) };
}
