/**
 * `npm run eval -- statistics [--sizes 100,1000,10000] [--epsilons 0.5,1,2] [--reps 3] [--dataset DIR …] [--out DIR]`:
 * measures the utility of published statistics (eval/statistics.ts) and writes docs/statistics-utility.md and its SVG
 * plots (or into --out). The done scenario runs on the largest population.
 */
import { readFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { halfHourDays } from '../src/statistics/synthetic.ts';
import { DEFAULT_DATASETS, ROOT } from './figures.ts';
import { measureUtility } from './statistics.ts';
import { writeUtilityReport } from './statistics-report.ts';

const list = (s: string | undefined, d: number[]) => (s ? s.split(',').map(Number) : d);

/** The test fixture's three real days: the pool only when no evaluation data set is present. */
export function fixturePool() {
  return halfHourDays(
    readFileSync(join(ROOT, 'test/fixtures/consent/uci-2007-01-01-3days-1min.csv'), 'utf8')
      .trim()
      .split('\n')
      .slice(1)
      .map((l) => Number(l.split(',')[1])),
  );
}

export async function main(argv: string[]): Promise<void> {
  const { values } = parseArgs({
    args: argv,
    options: {
      sizes: { type: 'string' },
      epsilons: { type: 'string' },
      reps: { type: 'string' },
      dataset: { type: 'string', multiple: true },
      out: { type: 'string' },
    },
  });
  const t0 = performance.now();
  const result = await measureUtility({
    sizes: list(values.sizes, [100, 1000, 10_000]),
    epsilons: list(values.epsilons, [0.5, 1, 2]),
    reps: Number(values.reps ?? 3),
    datasets: (values.dataset ?? DEFAULT_DATASETS).map((d) => resolve(ROOT, d)),
    done: true,
    fallbackPool: fixturePool,
    onProgress: (line) => process.stderr.write(`${line}\n`),
  });
  const files = writeUtilityReport(result, resolve(values.out ?? join(ROOT, 'docs')));
  process.stderr.write(
    `wrote ${files.map((f) => relative(process.cwd(), f)).join(', ')} in ${((performance.now() - t0) / 1000).toFixed(1)} s\n`,
  );
}
