/**
 * @module eval/statistics-report
 * The utility report's presentation: median relative error per cell-size class, the hand-written log-log SVG plots and
 * the Markdown of docs/statistics-utility.md, from what eval/statistics.ts measured.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DAYS, type UtilityResult } from './statistics.ts';
import { table } from './markdown.ts';

/** Classes of cell size (true homes): [lo, hi], named by a round figure. */
export const SIZE_CLASSES: readonly { readonly lo: number; readonly hi: number; readonly name: string }[] = [
  { lo: 1, hi: 9, name: '< 10' },
  { lo: 10, hi: 19, name: '10–19' },
  { lo: 20, hi: 49, name: '20–49' },
  { lo: 50, hi: 199, name: '50–199 (~100)' },
  { lo: 200, hi: 499, name: '200–499' },
  { lo: 500, hi: 1999, name: '500–1,999 (~1,000)' },
  { lo: 2000, hi: 4999, name: '2,000–4,999' },
  { lo: 5000, hi: Infinity, name: '≥ 5,000 (~10,000)' },
];

export function median(xs: readonly number[]): number {
  if (xs.length === 0) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

export interface ClassSummary {
  readonly name: string;
  readonly lo: number;
  readonly hi: number;
  /** Cells of the class per release (distinct area × bucket), and their median true homes. */
  readonly cells: number;
  readonly medianHomes: number;
  /** The floor-only answer: cells with fewer than 10 true homes are withheld, the rest published exact. */
  readonly floorOnlySuppressed: number;
  /** Per ε: median relative error of the published cells and the share of cells suppressed. */
  readonly byEpsilon: ReadonlyMap<number, { readonly medianRelError: number; readonly suppressed: number }>;
}

export function summarise(r: UtilityResult, statistic: string): ClassSummary[] {
  const mine = r.cells.filter((c) => c.statistic === statistic);
  const out: ClassSummary[] = [];
  for (const k of SIZE_CLASSES) {
    const inClass = mine.filter((c) => c.homes >= k.lo && c.homes <= k.hi);
    if (inClass.length === 0) continue;
    const byEpsilon = new Map<number, { medianRelError: number; suppressed: number }>();
    for (const e of r.epsilons) {
      const at = inClass.filter((c) => c.epsilon === e);
      if (at.length === 0) continue;
      const published = at.filter((c) => c.relError !== null).map((c) => c.relError!);
      byEpsilon.set(e, { medianRelError: median(published), suppressed: 1 - published.length / at.length });
    }
    const perRelease = inClass.filter((c) => c.epsilon === r.epsilons[0] && c.rep === 0);
    out.push({
      name: k.name,
      lo: k.lo,
      hi: k.hi,
      cells: perRelease.length,
      medianHomes: median(inClass.map((c) => c.homes)),
      floorOnlySuppressed: inClass.filter((c) => c.homes < 10).length / inClass.length,
      byEpsilon,
    });
  }
  return out;
}

/** Median relative error at ε over published cells of at least `minHomes` true homes (NaN when none). */
export function medianAtLeast(r: UtilityResult, statistic: string, epsilon: number, minHomes: number): number {
  return median(
    r.cells
      .filter((c) => c.statistic === statistic && c.epsilon === epsilon && c.homes >= minHomes && c.relError !== null)
      .map((c) => c.relError!),
  );
}

// ---------------------------------------------------------------------------------------------------------------
// The plot

const COLOURS = ['#d62728', '#1f77b4', '#2ca02c', '#9467bd', '#ff7f0e'];
const esc = (s: string) => s.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;');
const pct = (x: number) =>
  x >= 0.1 ? `${(x * 100).toFixed(0)} %` : x >= 0.01 ? `${(x * 100).toFixed(1)} %` : `${(x * 100).toFixed(2)} %`;

/** Median relative error vs homes per cell, log-log, one line per ε: a small hand-written SVG. */
export function utilitySvg(r: UtilityResult, statistic: string, title: string): string {
  const classes = summarise(r, statistic).filter((c) => c.lo >= 10);
  const W = 560;
  const H = 340;
  const m = { l: 64, r: 110, t: 34, b: 46 };
  const pts = classes.flatMap((c) => [...c.byEpsilon.values()].map((v) => v.medianRelError));
  const ys = pts.filter((y) => Number.isFinite(y) && y > 0);
  const yLo = Math.pow(10, Math.floor(Math.log10(Math.min(...ys, 0.01))));
  const yHi = Math.pow(10, Math.ceil(Math.log10(Math.max(...ys, 0.1))));
  const xLo = 10;
  const xHi = Math.pow(10, Math.ceil(Math.log10(Math.max(...classes.map((c) => c.medianHomes), 100))));
  const x = (v: number) =>
    m.l + ((Math.log10(v) - Math.log10(xLo)) / (Math.log10(xHi) - Math.log10(xLo))) * (W - m.l - m.r);
  const y = (v: number) =>
    H - m.b - ((Math.log10(v) - Math.log10(yLo)) / (Math.log10(yHi) - Math.log10(yLo))) * (H - m.t - m.b);
  const f = (v: number) => v.toFixed(1);
  const out: string[] = [];
  out.push(
    `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" viewBox="0 0 ${W} ${H}" font-family="sans-serif" font-size="11">`,
  );
  out.push(`<title>${esc(title)}</title>`);
  out.push(`<rect width="${W}" height="${H}" fill="#fff"/>`);
  out.push(`<text x="${m.l}" y="20" font-size="13">${esc(title)}</text>`);
  // grid and ticks: decades on both axes
  for (let v = xLo; v <= xHi; v *= 10) {
    out.push(`<line x1="${f(x(v))}" y1="${m.t}" x2="${f(x(v))}" y2="${H - m.b}" stroke="#ddd"/>`);
    out.push(`<text x="${f(x(v))}" y="${H - m.b + 15}" text-anchor="middle">${v.toLocaleString('en-US')}</text>`);
  }
  for (let v = yLo; v <= yHi * 1.0001; v *= 10) {
    out.push(`<line x1="${m.l}" y1="${f(y(v))}" x2="${W - m.r}" y2="${f(y(v))}" stroke="#ddd"/>`);
    out.push(`<text x="${m.l - 6}" y="${f(y(v) + 4)}" text-anchor="end">${esc(pct(v))}</text>`);
  }
  if (0.05 >= yLo && 0.05 <= yHi)
    out.push(
      `<line x1="${m.l}" y1="${f(y(0.05))}" x2="${W - m.r}" y2="${f(y(0.05))}" stroke="#888" stroke-dasharray="4 3"/>`,
      `<text x="${W - m.r + 4}" y="${f(y(0.05) + 4)}" fill="#666">5 %</text>`,
    );
  out.push(
    `<rect x="${m.l}" y="${m.t}" width="${W - m.l - m.r}" height="${H - m.t - m.b}" fill="none" stroke="#444"/>`,
  );
  out.push(
    `<text x="${f((m.l + W - m.r) / 2)}" y="${H - 10}" text-anchor="middle">homes per cell (median of the size class)</text>`,
  );
  out.push(
    `<text transform="translate(14 ${f((m.t + H - m.b) / 2)}) rotate(-90)" text-anchor="middle">median relative error of the sum</text>`,
  );
  r.epsilons.forEach((e, i) => {
    const colour = COLOURS[i % COLOURS.length]!;
    const line = classes
      .map((c) => [c.medianHomes, c.byEpsilon.get(e)?.medianRelError ?? NaN] as const)
      .filter(([, v]) => Number.isFinite(v) && v > 0);
    if (line.length > 1)
      out.push(
        `<polyline fill="none" stroke="${colour}" stroke-width="2" points="${line.map(([h, v]) => `${f(x(h))},${f(y(v))}`).join(' ')}"/>`,
      );
    for (const [h, v] of line) out.push(`<circle cx="${f(x(h))}" cy="${f(y(v))}" r="3" fill="${colour}"/>`);
    const ly = m.t + 14 + i * 16;
    out.push(
      `<line x1="${W - m.r + 10}" y1="${ly - 4}" x2="${W - m.r + 30}" y2="${ly - 4}" stroke="${colour}" stroke-width="2"/>`,
      `<text x="${W - m.r + 34}" y="${ly}">ε = ${e}</text>`,
    );
  });
  out.push('</svg>');
  return `${out.join('\n')}\n`;
}

// ---------------------------------------------------------------------------------------------------------------
// The report

const num = (x: number) => x.toLocaleString('en-US');
const share = (x: number) => (Number.isFinite(x) ? `${(x * 100).toFixed(x > 0 && x < 0.1 ? 1 : 0)} %` : '—');
const relPct = (x: number) => (Number.isFinite(x) ? `${(x * 100).toFixed(2)} %` : '—');

export const SVG_NAME = (statistic: string) => `statistics-utility-${statistic}.svg`;

/** docs/statistics-utility.md: the figures, the done scenario, how it was measured. */
export function utilityMarkdown(r: UtilityResult): string {
  const out: string[] = [];
  out.push('# Published statistics — utility report');
  out.push('');
  out.push(
    `Generated by \`npm run eval -- statistics\` (eval/statistics.ts) on ${r.generatedAt.slice(0, 16).replace('T', ' ')} UTC,`,
    `on ${r.machine.cpus} CPUs with a load average of ${r.machine.loadBefore.toFixed(2)} at the start and ${r.machine.loadAfter.toFixed(2)} at the end`,
    '(other work shared the machine). The noise is drawn from the cryptographic source, as in any release: another run',
    'gives slightly different figures. Design: [statistics.md](statistics.md).',
  );
  out.push('');
  out.push('## How it was measured');
  out.push('');
  out.push(
    `- **Households**: synthetic populations of ${r.populations.map((p) => num(p.households)).join(', ')} households`,
    `  (src/statistics/synthetic.ts) drawing their days from a pool of ${num(r.pool.days)} real days of half-hour energy:`,
    `  ${r.pool.sources.join(', ')}${r.pool.fallback ? ' — **the evaluation data sets were missing: the test fixture was used instead**' : ''}.`,
    '  Each household draws its days in its own order, rolled by a few half-hours and scaled by its own factor',
    '  (log-uniform in [0.4, 2.5]).',
    '- **Storage**: one month (January 2024, 31 days at 30 min) per household written through the ReadingStore port into',
    '  a real DuckDB file; each household moved in and gave the consent `anonymised-statistics` to the publisher',
    '  `stats-coop` at one hour through the consent services, so every release reads the real consent ledger state and',
    '  writes one journal line per household.',
    '- **Areas**: `commune` areas of several sizes (about a quarter of the households in one, then areas halving down',
    '  to 40 homes, the rest in areas of 5 to 30), and one `group` area holding the whole population (cells of',
    `  ${r.populations.map((p) => num(p.households)).join(', ')} homes).`,
    `- **Releases**: the real ReleaseService at ε = ${r.epsilons.join(', ')}, ${r.reps} repetition${r.reps > 1 ? 's' : ''} each`,
    '  (fresh noise), statistics `count, sum, mean` (shares: homes 1/7, count 3/7, sum 3/7), the floor 10 on the noisy',
    '  count. The data-set and household budgets were set out of reach for the measurement, so that repetitions do not',
    '  interfere: the noise of a release depends on its own ε only.',
    '- **Error**: for every published cell, |published sum − true sum| / true sum, the true sum computed in the eval',
    '  code from the same readings, rounded to whole Wh per home and bucket and clipped at the same `C`. The clip bias',
    '  (energy above `C`) is not in this error; it is stated per statistic below.',
    '- **Floor-only answer**: the same cells published exact when they hold at least 10 homes (the legal floor, no',
    '  noise). Its error is 0 by construction, and it has no formal guarantee: differencing two releases, or a cell',
    '  and the same cell less one home, gives a household its own curve back exactly.',
  );
  out.push('');
  out.push(
    table(
      ['households', 'points', 'load (s)', 'M points/s', 'areas + consents (s)', 'releases', 's per release'],
      r.populations.map((p) => [
        num(p.households),
        num(p.points),
        p.loadSeconds.toFixed(1),
        (p.points / p.loadSeconds / 1e6).toFixed(2),
        p.consentSeconds.toFixed(1),
        String(p.releases),
        (p.releaseSeconds / p.releases).toFixed(2),
      ]),
    ),
  );
  out.push('');
  if (r.done) {
    const d = r.done;
    out.push('## The done scenario');
    out.push('');
    const lines = r.statistics.map((s) => {
      const m = medianAtLeast(r, s.name, 1, 1000);
      return `| ${s.label} | ${num(s.clipWh)} | ${relPct(m)} | ${Number.isFinite(m) ? (m <= 0.05 ? 'yes' : '**no**') : '—'} |`;
    });
    out.push(
      `${num(d.households)} synthetic households loaded; release \`${d.releaseId}\` (daily totals by commune) published at`,
      `ε = ${d.epsilon} with the hub's default budgets: ${d.cellsPublished} cells published, ${d.cellsSuppressed} suppressed.`,
      'Median relative error at ε = 1 over published cells of at least 1,000 homes (every repetition):',
      '',
      '| statistic | clip C (Wh) | median relative error, ≥ 1,000 homes | ≤ 5 %? |',
      '|---|---|---|---|',
      ...lines,
      '',
      `Then a release at ε = ${d.refusedEpsilon} (ρ = ${d.refusedEpsilon ** 2 / 2}) on the same data set, over its budget:`,
      '',
      '```text',
      d.refusal,
      '```',
    );
    out.push('');
  }
  for (const s of r.statistics) {
    out.push(`## ${s.label[0]!.toUpperCase()}${s.label.slice(1)}`);
    out.push('');
    const clipped = r.populations.map(
      (p) => `${share(p.clippedShare[s.name] ?? NaN)} (${num(p.households)} households)`,
    );
    out.push(
      `Clip C = ${num(s.clipWh)} Wh per home and ${s.bucket === 'hour-of-day' ? 'hour of the day over the month' : s.bucket}; the clip removes ${clipped.join(', ')} of the population's energy (a bias the errors below do not count).`,
    );
    const B = s.bucket === 'day' ? DAYS : s.bucket === 'month' ? 1 : 24;
    const sigmas = r.epsilons.map(
      (e) => `${num(Math.round((s.clipWh * Math.sqrt(B / ((2 * ((3 / 7) * e * e)) / 2))) / 1000))} kWh at ε = ${e}`,
    );
    out.push(
      `The noise on each cell's sum has σ = C·√(B / 2ρ_sum) with B = ${B} bucket${B > 1 ? 's' : ''} a home touches and ρ_sum = 3/7 of`,
      `ε²/2: about ${sigmas.join(', ')}, whatever the cell's size, so the relative error falls as 1 / homes.`,
    );
    out.push('');
    const sum = summarise(r, s.name);
    out.push(
      table(
        [
          'homes per cell',
          'cells',
          'floor only: suppressed',
          ...r.epsilons.flatMap((e) => [`ε = ${e}: median error`, `ε = ${e}: suppressed`]),
        ],
        sum.map((c) => [
          c.name,
          String(c.cells),
          share(c.floorOnlySuppressed),
          ...r.epsilons.flatMap((e) => {
            const v = c.byEpsilon.get(e);
            return v ? [relPct(v.medianRelError), share(v.suppressed)] : ['—', '—'];
          }),
        ]),
      ),
    );
    out.push('');
    out.push(`![Median relative error vs homes per cell, ${s.label}](${SVG_NAME(s.name)})`);
    out.push('');
  }
  out.push(
    '"cells" counts the cells of one release (all populations together); errors and suppressed shares are over every',
    'repetition. The floor applies to the noisy count (docs/statistics.md): a cell of fewer than 10 homes is published',
    'when the noise lifts its count to 10 or more (the "< 10" rows: 100 % less the share suppressed), and a cell of 10',
    'to 19 homes is suppressed when the noise takes its count below 10. The zCDP guarantee covers both; the floor-only',
    'answer never publishes the first and always the second.',
  );
  return `${out.join('\n')}\n`;
}

/** Writes docs/statistics-utility.md and one SVG per statistic into `dir`; answers the files written. */
export function writeUtilityReport(r: UtilityResult, dir: string): string[] {
  mkdirSync(dir, { recursive: true });
  const files = [join(dir, 'statistics-utility.md')];
  writeFileSync(files[0]!, utilityMarkdown(r));
  for (const s of r.statistics) {
    const f = join(dir, SVG_NAME(s.name));
    writeFileSync(f, utilitySvg(r, s.name, `Median relative error, ${s.label}`));
    files.push(f);
  }
  return files;
}
