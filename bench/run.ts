/**
 * `npm run bench`: runs every bench/*.bench.ts in its own process (fresh memory, one at a time), prints the figures
 * and writes them to bench/results/latest.json. Record notable results with the date in bench/README.md.
 * `npm run bench -- store tic` runs only the benches whose file name contains one of the words.
 */
import { readdirSync, mkdirSync, writeFileSync, readFileSync, existsSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { cpus, totalmem } from 'node:os';

const dir = fileURLToPath(new URL('.', import.meta.url));
const filters = process.argv.slice(2);
const files = readdirSync(dir)
  .filter((f) => f.endsWith('.bench.ts'))
  .filter((f) => filters.length === 0 || filters.some((w) => f.includes(w)))
  .sort();
type Entry = Record<string, number | string>;
// a partial run (`npm run bench -- store`) updates its own entries and keeps the others, each with its own date
const latest = dirPath('results/latest.json');
const results: Record<string, Entry> = existsSync(latest)
  ? ((JSON.parse(readFileSync(latest, 'utf8')) as { results: Record<string, Entry> }).results ?? {})
  : {};
function dirPath(rel: string): string {
  return fileURLToPath(new URL(rel, import.meta.url));
}
for (const f of files) {
  process.stderr.write(`\n▶ ${f}\n`);
  const code = `const m = await import(${JSON.stringify(dir + f)}); const r = await m.run(); process.stdout.write('\\n@@RESULT@@' + JSON.stringify(r) + '\\n');`;
  const r = spawnSync(process.execPath, ['--import', 'tsx', '--expose-gc', '--input-type=module', '-e', code], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
    maxBuffer: 64 * 1024 * 1024,
  });
  const line = r.stdout.split('\n').find((l) => l.startsWith('@@RESULT@@'));
  if (r.status !== 0 || !line) {
    results[f] = { error: `exit ${r.status}` };
    process.stderr.write(r.stdout.slice(-2000));
    continue;
  }
  results[f] = { ...(JSON.parse(line.slice('@@RESULT@@'.length)) as Entry), measuredAt: new Date().toISOString() };
  for (const [k, v] of Object.entries(results[f]!)) process.stdout.write(`${k.padEnd(48)} ${v}\n`);
}
const meta = {
  date: new Date().toISOString(),
  node: process.version,
  cpus: cpus().length,
  cpu: cpus()[0]?.model ?? '?',
  memGiB: Math.round(totalmem() / 2 ** 30),
};
mkdirSync(dir + 'results', { recursive: true });
writeFileSync(dir + 'results/latest.json', JSON.stringify({ meta, results }, null, 2) + '\n');
process.stdout.write(`\nwritten bench/results/latest.json (${meta.date}, ${meta.cpus} cores, ${meta.cpu})\n`);
