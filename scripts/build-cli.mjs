#!/usr/bin/env node
// Compiles src/ to JavaScript in dist/ so that `courant` starts without compiling TypeScript at each run (tsx took
// 1.5–3.5 s before the first line of output). Run by `npm ci` / `npm install` (the `prepare` script) and by
// bin/courant.mjs when a source is newer than the build.
//
// One output file per source file, at the same depth (src/server/app.ts → dist/server/app.js): the paths the code
// computes from import.meta.url (web/dist, data-demo/, the parse worker's entry.mjs) stay true, and the command
// modules stay separate files that `courant` loads only when they run. Relative `.ts` imports become `.js`; JSON is
// inlined; packages stay imports (DuckDB, serialport and argon2 are native).
//
// The build is written beside dist/ and swapped in with two renames, under a lock directory, so that CLI processes
// started together (the tests spawn many) never see half a build: one builds, the others run from the sources.
import { cpSync, existsSync, mkdirSync, readdirSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, relative } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('../', import.meta.url));
/** Written last into dist/: the time the build started reading the sources (see bin/courant.mjs). */
export const STAMP = '.built-from';
const LOCK_STALE_MS = 120_000;

const isSource = (name) => !name.endsWith('.test.ts') && !name.endsWith('.test.tsx');

function sources(dir, out = []) {
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) sources(p, out);
    else if (isSource(e.name)) out.push(p);
  }
  return out;
}

/** Relative `.ts` imports point at the sibling `.js` output and stay imports; everything else is left to esbuild. */
const relativeTsAsJs = {
  name: 'relative-ts-as-js',
  setup(build) {
    build.onResolve({ filter: /^\.\.?\/.*\.ts$/ }, (args) => ({
      path: args.path.replace(/\.ts$/, '.js'),
      external: true,
    }));
  },
};

/**
 * CommonJS packages that load much faster through require() than through import: Node 20 takes a CommonJS package
 * imported from ESM through its ESM translator, and @duckdb/node-api's 180 files load in about 0.13 s by require
 * against
 * 0.35 s by import, a third of `courant status`. Each import of them becomes a require() of the same package from
 * the output file's place, with the same named exports.
 */
const BY_REQUIRE = ['@duckdb/node-api'];

const requireCommonJs = {
  name: 'require-commonjs',
  setup(build) {
    const names = new Map(
      BY_REQUIRE.map((p) => [
        p,
        Object.keys(createRequire(join(ROOT, 'package.json'))(p)).filter(
          (k) => k !== 'default' && /^[A-Za-z_$][\w$]*$/.test(k),
        ),
      ]),
    );
    const filter = new RegExp(`^(${BY_REQUIRE.map((p) => p.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')).join('|')})$`);
    build.onResolve({ filter }, (args) => ({ path: args.path, namespace: 'require-commonjs' }));
    build.onLoad({ filter: /.*/, namespace: 'require-commonjs' }, (args) => ({
      loader: 'js',
      contents: [
        "import { createRequire } from 'node:module';",
        `const m = createRequire(import.meta.url)(${JSON.stringify(args.path)});`,
        `export const { ${names.get(args.path).join(', ')} } = m;`,
        'export default m;',
      ].join('\n'),
    }));
  },
};

/**
 * Builds dist/. Returns false when another process holds the lock (it is building the same thing); throws when the
 * build fails.
 */
export async function buildCli({ root = ROOT } = {}) {
  const tmpRoot = join(root, '.tmp');
  mkdirSync(tmpRoot, { recursive: true });
  const lock = join(tmpRoot, 'cli-build.lock');
  try {
    mkdirSync(lock);
  } catch (e) {
    if (e.code !== 'EEXIST') throw e;
    // a build that died leaves its lock: past two minutes it is taken over
    if (Date.now() - statSync(lock).mtimeMs < LOCK_STALE_MS) return false;
    rmSync(lock, { recursive: true, force: true });
    mkdirSync(lock);
  }
  const out = join(tmpRoot, `cli-build-${process.pid}`);
  const old = join(tmpRoot, `cli-old-${process.pid}`);
  try {
    const startedAt = Date.now();
    rmSync(out, { recursive: true, force: true });
    const src = join(root, 'src');
    const files = sources(src);
    const { build } = await import('esbuild');
    await build({
      entryPoints: files.filter((f) => f.endsWith('.ts')),
      outdir: out,
      outbase: src,
      bundle: true,
      packages: 'external',
      plugins: [relativeTsAsJs, requireCommonJs],
      platform: 'node',
      format: 'esm',
      target: 'node20',
      logLevel: 'error',
      tsconfig: join(root, 'tsconfig.json'),
    });
    // the parse worker's entry is plain JavaScript: it is copied as it is and picks thread.js beside it
    for (const f of files.filter((f) => f.endsWith('.mjs'))) cpSync(f, join(out, relative(src, f)));
    writeFileSync(join(out, STAMP), `${JSON.stringify({ startedAt, files: files.length })}\n`);
    const dist = join(root, 'dist');
    if (existsSync(dist)) renameSync(dist, old);
    renameSync(out, dist);
    rmSync(old, { recursive: true, force: true });
    return true;
  } finally {
    rmSync(out, { recursive: true, force: true });
    rmSync(lock, { recursive: true, force: true });
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  // `npm run build:cli` and the `prepare` script: when a CLI process is building at the same moment, wait for it and
  // build again, so that dist/ surely holds the sources as they are now
  const t = Date.now();
  while (!(await buildCli())) {
    if (Date.now() - t > LOCK_STALE_MS)
      throw new Error('dist/ is locked by another build (.tmp/cli-build.lock) for two minutes');
    await sleep(200);
  }
  process.stderr.write(`courant: compiled CLI written to dist/ in ${Date.now() - t} ms\n`);
}
