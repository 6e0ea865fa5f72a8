/**
 * The utility report of published statistics (eval/statistics.ts, `npm run eval -- statistics`) end to end on 100
 * households built from the ECO household's real days: through the real store, consents and release service, and
 * written as Markdown and well-formed SVG. With a sampler that draws no noise, every cell of 10 homes or more comes
 * back exact (so the truth the report compares with is what the store computes) and every smaller one is withheld.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROOT } from '../../eval/figures.ts';
import { measureUtility, STATISTICS } from '../../eval/statistics.ts';
import { SVG_NAME, writeUtilityReport } from '../../eval/statistics-report.ts';
import type { NoiseSampler } from '../../src/use-cases/statistics/release-service.ts';

const ECO = join(ROOT, 'eval/data/eco-house2');
const few = STATISTICS.filter((s) => s.name !== 'hour-of-day');

/** Well-formed: one root, every element closed in order, attributes quoted, no stray `<` or `&` in text. */
function assertWellFormedSvg(svg: string): void {
  assert.match(svg, /^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg"[^>]*>/);
  const stack: string[] = [];
  let roots = 0;
  const tag = /<(\/?)([a-zA-Z][\w-]*)((?:\s+[\w:-]+="[^"<]*")*)\s*(\/?)>/g;
  let last = 0;
  for (let m = tag.exec(svg); m; m = tag.exec(svg)) {
    const text = svg.slice(last, m.index);
    assert.doesNotMatch(text, /<|&(?!amp;|lt;|gt;|quot;)/, `stray markup before ${m[0]}`);
    last = tag.lastIndex;
    const [, close, name, , self] = m;
    if (close) assert.equal(stack.pop(), name, `</${name}> closes what was opened`);
    else if (!self) {
      if (stack.length === 0) roots++;
      stack.push(name!);
    }
  }
  assert.deepEqual(stack, [], 'every element closed');
  assert.equal(roots, 1);
  assert.match(svg.slice(last), /^\s*$/);
}

test('no noise: the floor-only answer through the same path (cells of 10 homes or more exact, the others withheld)', async () => {
  const zero: NoiseSampler = () => Object.assign(() => 0, { sigma2: 0 });
  const r = await measureUtility({
    sizes: [100],
    epsilons: [1],
    reps: 1,
    statistics: few,
    datasets: [ECO],
    sampler: () => zero,
  });
  assert.equal(r.pool.fallback, false);
  assert.equal(r.pool.days, 28);
  assert.equal(r.populations[0]!.points, 100 * 31 * 48);
  // both kinds: the commune areas (small ones under the floor) and the group of all 100 homes
  for (const s of few) {
    const mine = r.cells.filter((c) => c.statistic === s.name);
    assert.ok(mine.some((c) => c.homes === 100) && mine.some((c) => c.homes < 10));
    for (const c of mine)
      if (c.homes >= 10) assert.ok(c.relError !== null && c.relError < 1e-9, `${s.name} ${c.homes}: ${c.relError}`);
      else assert.equal(c.relError, null);
  }
});

test('the report is written end to end: Markdown with every section and one well-formed log-log SVG per statistic', async () => {
  const r = await measureUtility({ sizes: [100], epsilons: [1, 2], reps: 1, statistics: few, datasets: [ECO] });
  // real noise: the cell of 100 homes is published (its count is far above the floor) and not exact
  const big = r.cells.filter((c) => c.homes === 100);
  assert.ok(big.length > 0 && big.every((c) => c.relError !== null && c.relError > 0));
  const dir = mkdtempSync(join(tmpdir(), 'courant-utility-'));
  try {
    const files = writeUtilityReport(r, dir);
    assert.deepEqual(
      files.map((f) => f.slice(dir.length + 1)),
      ['statistics-utility.md', ...few.map((s) => SVG_NAME(s.name))],
    );
    const md = readFileSync(files[0]!, 'utf8');
    for (const heading of ['## How it was measured', '## Daily totals', '## Monthly total'])
      assert.ok(md.includes(heading), heading);
    assert.match(md, /on 2\d{3}-\d\d-\d\d \d\d:\d\d UTC/);
    assert.match(md, /load average of \d+\.\d\d/);
    // the group of all 100 homes: 31 daily cells, 1 monthly
    assert.match(md, /## Daily totals[^#]*\| 50–199 \(~100\) \| 31 \| 0 % \|/);
    assert.match(md, /## Monthly total[^#]*\| 50–199 \(~100\) \| 1 \| 0 % \|/);
    for (const s of few) {
      assert.ok(md.includes(`](${SVG_NAME(s.name)})`));
      const svg = readFileSync(join(dir, SVG_NAME(s.name)), 'utf8');
      assertWellFormedSvg(svg);
      // each ε drawn: a line through its size classes, or a point where only one class clears the noisy floor
      assert.ok((svg.match(/<(polyline|circle) /g) ?? []).length >= 2, 'each ε drawn');
      assert.ok((svg.match(/<polyline /g) ?? []).length <= 2, 'at most one line per ε');
      assert.match(svg, /ε = 1\b/);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
