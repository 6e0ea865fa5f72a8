/**
 * @module cli/commands/reveal
 * `courant reveal eval --dataset DIR [--json] [--noise]`: evaluate the detectors on one data-set folder (UCI, ECO or
 * REFIT/UK-DALE format) and print the figures per detector and step; a detector that answered nothing for lack of data
 * prints "not scored", and the command exits 1 when no detector could be scored at all.
 * `courant reveal --prm PRM [--step PT30M] [--locale fr|en] [--json]`: what the household's own stored curve reveals
 * at that step (reads the store directly, or asks the running hub's route when the hub holds the database).
 */
import type { Command } from '../command.ts';
import { COMMON_OPTIONS, parse } from '../args.ts';
import { cliConfig, hubGet, openReadAccess } from '../hub-access.ts';
import { CourantError } from '../../core/errors.ts';
import { parsePrm } from '../../core/prm.ts';
import { parseStep } from '../../core/step.ts';
import type { Locale } from '../../reveal/summary.ts';
import { revealFor, type RevealAnswer } from '../../use-cases/reveal-service.ts';
import { evaluateFolder } from '../../backend/datasets.ts';
import type { FigureRow } from '../../use-cases/reveal-evaluation.ts';

const usage = [
  'courant reveal eval --dataset DIR [--json] [--noise]',
  '       courant reveal --prm PRM [--step PT30M] [--locale fr|en] [--json] [--data-dir DIR] [--config FILE]',
].join('\n');

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
    // a detector that answered nothing (too little data on every segment) has no figure: saying 0 would be false
    if (rs[0]!.notScored) {
      out.write(`${k.trimEnd()}  non évalué/not scored (${rs[0]!.notScored})\n`);
      continue;
    }
    const declined = rs.some((r) => r.declined) ? '  (refusé/declined)' : '';
    const anchors = rs
      .filter((r) => r.anchor)
      .map((r) => `  [${r.metric} publié/published ${r.anchor!.text}]`)
      .join('');
    out.write(`${k.trimEnd()}  ${rs.map((r) => `${r.metric}=${fmt(r.value)}`).join(' ')}${declined}${anchors}\n`);
  }
}

export { pickSeries } from '../../use-cases/reveal-service.ts';

export const revealCommand: Command = {
  usage,
  async run(argv, io) {
    const { values, positionals } = parse(argv, OPTIONS, usage, true);
    if (positionals[0] === 'eval') {
      if (positionals.length > 1)
        throw new CourantError(
          'CLI_USAGE',
          `reveal eval: unexpected argument ${JSON.stringify(positionals[1])}\nusage: ${usage}`,
        );
      if (!values.dataset)
        throw new CourantError('CLI_USAGE', `reveal eval: --dataset DIR is required\nusage: ${usage}`);
      const { format, rows } = evaluateFolder(values.dataset, { noise: values.noise ?? false });
      if (values.json)
        io.stdout.write(`${JSON.stringify({ dataset: values.dataset, format, results: rows }, null, 1)}\n`);
      else {
        io.stdout.write(`${values.dataset} (${format})\n`);
        printFigures(rows, io.stdout);
      }
      // figures were asked for and none could be measured: not a success, even though each line says why
      if (!rows.some((r) => r.detector !== 'bill' && !r.notScored)) {
        io.stderr.write(`${values.dataset}: no detector could be scored on any household (too little data)\n`);
        return 1;
      }
      return 0;
    }
    if (positionals.length > 0)
      throw new CourantError('CLI_USAGE', `reveal: unknown verb ${JSON.stringify(positionals[0])}\nusage: ${usage}`);
    if (!values.prm)
      throw new CourantError('CLI_USAGE', `reveal: --prm PRM (or the verb eval) is required\nusage: ${usage}`);
    const prm = parsePrm(values.prm, '--prm');
    const step = parseStep(values.step ?? 'PT30M', '--step');
    if (step === 'raw')
      throw new CourantError('INPUT_INVALID_STEP', '--step: raw is not a release step; use PT1M … P1D');
    const locale: Locale =
      values.locale === 'en'
        ? 'en'
        : values.locale === undefined || values.locale === 'fr'
          ? 'fr'
          : (() => {
              throw new CourantError('CLI_USAGE', `--locale: ${JSON.stringify(values.locale)} is not fr or en`);
            })();
    const config = cliConfig(values, io);
    const access = await openReadAccess(config);
    let out: RevealAnswer;
    if (access.kind === 'hub') {
      // the hub holds the DuckDB file: ask its own route with the local token (it acts as the owner household)
      out = await hubGet<RevealAnswer>(`${access.url}/api/usage-points/${prm}/reveal?step=${step}&locale=${locale}`);
    } else {
      try {
        const held = await access.store.list(prm);
        // nothing held: the hub's answer for a usage point it does not hold (and `courant export`'s)
        if (held.length === 0) throw new CourantError('HTTP_NOT_FOUND', `usage point ${prm}: not found or no access`);
        out = await revealFor(access.store, prm, step, locale, held);
      } finally {
        await access.store.close();
      }
    }
    if (values.json) {
      const { measured: _table, ...summary } = out; // the accuracy table is for the page; `reveal eval` prints figures
      io.stdout.write(`${JSON.stringify(summary, null, 1)}\n`);
    } else io.stdout.write(`${out.sentence}\n`);
    return 0;
  },
};
