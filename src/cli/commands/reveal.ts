/**
 * @module cli/commands/reveal
 * `courant reveal eval --dataset DIR [--json] [--noise]`: evaluate the detectors on one data-set folder (UCI, ECO or
 * REFIT/UK-DALE format) and print the figures per detector and step.
 * `courant reveal --prm PRM [--step PT30M] [--locale fr|en] [--json]`: what the household's own stored curve reveals
 * at that step (reads the store directly; stop the hub first or use its page).
 */
import type { Command } from '../command.ts';
import { COMMON_OPTIONS, parse } from '../args.ts';
import { cliConfig } from '../hub-access.ts';
import { CourantError } from '../../core/errors.ts';
import { parsePrm } from '../../core/prm.ts';
import { parseStep, stepMs, type FixedStep } from '../../core/step.ts';
import { openReadingStore } from '../../store/open.ts';
import type { SeriesInfo } from '../../store/reading-store.ts';
import { revealSummary, type Locale } from '../../reveal/summary.ts';
import { evaluateFolder, type FigureRow } from '../../../eval/harness.ts';

const usage = ['courant reveal eval --dataset DIR [--json] [--noise]', '       courant reveal --prm PRM [--step PT30M] [--locale fr|en] [--json] [--data-dir DIR] [--config FILE]'].join('\n');

const OPTIONS = {
  ...COMMON_OPTIONS,
  dataset: { type: 'string' },
  json: { type: 'boolean' },
  noise: { type: 'boolean' },
  prm: { type: 'string' },
  step: { type: 'string' },
  locale: { type: 'string' },
} as const;

const fmt = (x: number) => (Number.isFinite(x) ? String(x) : '—');

function printFigures(rows: readonly FigureRow[], out: NodeJS.WritableStream): void {
  const byKey = new Map<string, FigureRow[]>();
  for (const r of rows) {
    const k = `${r.household}  ${r.detector.padEnd(16)} ${r.step.padEnd(6)} ${r.protection === 'none' ? '' : r.protection}`;
    byKey.set(k, [...(byKey.get(k) ?? []), r]);
  }
  for (const [k, rs] of byKey) {
    const declined = rs.some((r) => r.declined) ? '  (refusé/declined)' : '';
    const anchors = rs.filter((r) => r.anchor).map((r) => `  [${r.metric} publié/published ${r.anchor!.text}]`).join('');
    out.write(`${k.trimEnd()}  ${rs.map((r) => `${r.metric}=${fmt(r.value)}`).join(' ')}${declined}${anchors}\n`);
  }
}

/** The finest consumption series usable at `step`: power (W) or energy (Wh), stored step ≤ step and dividing it. */
export function pickSeries(list: readonly SeriesInfo[], step: FixedStep): SeriesInfo | undefined {
  return list
    .filter((s) => s.direction === 'consumption' && (s.quantity === 'power' || s.quantity === 'energy') && s.step !== 'raw' && stepMs(s.step) <= stepMs(step) && stepMs(step) % stepMs(s.step) === 0)
    .sort((a, b) => stepMs(a.step as FixedStep) - stepMs(b.step as FixedStep) || b.count - a.count)[0];
}

export const revealCommand: Command = {
  name: 'reveal',
  summary: 'what a load curve reveals (routine, absences, water heater) and how well the detectors work',
  usage,
  async run(argv, io) {
    const { values, positionals } = parse(argv, OPTIONS, usage, true);
    if (positionals[0] === 'eval') {
      if (positionals.length > 1) throw new CourantError('CLI_USAGE', `reveal eval: unexpected argument ${JSON.stringify(positionals[1])}\nusage: ${usage}`);
      if (!values.dataset) throw new CourantError('CLI_USAGE', `reveal eval: --dataset DIR is required\nusage: ${usage}`);
      const { format, rows } = evaluateFolder(values.dataset, { noise: values.noise ?? false });
      if (values.json) io.stdout.write(`${JSON.stringify({ dataset: values.dataset, format, results: rows }, null, 1)}\n`);
      else {
        io.stdout.write(`${values.dataset} (${format})\n`);
        printFigures(rows, io.stdout);
      }
      return 0;
    }
    if (positionals.length > 0) throw new CourantError('CLI_USAGE', `reveal: unknown verb ${JSON.stringify(positionals[0])}\nusage: ${usage}`);
    if (!values.prm) throw new CourantError('CLI_USAGE', `reveal: --prm PRM (or the verb eval) is required\nusage: ${usage}`);
    const prm = parsePrm(values.prm, '--prm');
    const step = parseStep(values.step ?? 'PT30M', '--step');
    if (step === 'raw') throw new CourantError('INPUT_INVALID_STEP', '--step: raw is not a release step; use PT1M … P1D');
    const locale: Locale = values.locale === 'en' ? 'en' : values.locale === undefined || values.locale === 'fr' ? 'fr' : (() => {
      throw new CourantError('CLI_USAGE', `--locale: ${JSON.stringify(values.locale)} is not fr or en`);
    })();
    const config = cliConfig(values, io);
    const store = await openReadingStore({ dataDir: config.dataDir });
    try {
      const s = pickSeries(await store.list(prm), step);
      if (!s) throw new CourantError('REVEAL_NO_SERIES', `reveal: usage point ${prm} has no consumption power or energy series at ${step} or finer`, { details: { prm, step } });
      const cols = await store.read({ prm, quantity: s.quantity, direction: 'consumption', register: s.register, step: s.step, source: s.source, range: { from: s.first, to: s.last + 1 } });
      const summary = revealSummary({ ts: cols.ts, values: cols.values, unit: s.quantity === 'energy' ? 'Wh' : 'W', step: s.step as FixedStep }, step, locale);
      if (values.json) io.stdout.write(`${JSON.stringify({ prm, series: `${s.quantity}.consumption.${s.step}.${s.source}`, ...summary }, null, 1)}\n`);
      else io.stdout.write(`${summary.sentence}\n`);
      return 0;
    } finally {
      await store.close();
    }
  },
};
