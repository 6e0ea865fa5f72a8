/**
 * @module eval/markdown
 * What every generated report writes the same way: a Markdown table and a figure with three decimals (whole above 10,
 * a dash when not a number).
 */
import type { FigureRow } from '../src/use-cases/reveal-evaluation.ts';

export function table(head: readonly string[], body: readonly (readonly string[])[]): string {
  return [
    `| ${head.join(' | ')} |`,
    `|${head.map(() => '---').join('|')}|`,
    ...body.map((r) => `| ${r.join(' | ')} |`),
  ].join('\n');
}

export const fmt = (x: number | undefined): string =>
  x === undefined || !Number.isFinite(x) ? '—' : Math.abs(x) >= 10 ? x.toFixed(0) : x.toFixed(3);

/** A figure, or "not scored" where the detector answered nothing (a zero there would read as a detector that fails). */
export const val = (r: FigureRow): string => (r.notScored ? 'not scored' : fmt(r.value));
