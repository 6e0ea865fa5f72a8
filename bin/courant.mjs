#!/usr/bin/env node
// Entry point of the `courant` command. It runs the compiled CLI in dist/ (built by `npm ci` / `npm install`, see
// scripts/build-cli.mjs): compiling the TypeScript at each start cost 1.5–3.5 s. When a source under src/ is newer
// than that build it is rebuilt first (under a second); when it cannot be (another process is building it, or the
// build fails) this one run goes through the TypeScript loader instead.
import { readdirSync, readFileSync, statSync } from 'node:fs';

// The reader went away (`courant tic decode … --json | head -1`): stop quietly, like any Unix tool, whatever the
// command was writing. Node ignores SIGPIPE, so the closed pipe arrives as an EPIPE error on the stream.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (e) => {
    if (e.code === 'EPIPE') process.exit(0);
    throw e;
  });
}

const root = new URL('../', import.meta.url);

/** When the compiled build started reading the sources; 0 without a build. */
function builtFrom() {
  try {
    return JSON.parse(readFileSync(new URL('dist/.built-from', root), 'utf8')).startedAt;
  } catch {
    return 0;
  }
}

/**
 * Whether a source changed since: a file's mtime, or a folder's (a file added, removed or renamed). About 300 stats,
 * a few milliseconds; test files are not part of the build and are skipped.
 */
function newerThan(dir, t) {
  if (statSync(dir).mtimeMs > t) return true;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = new URL(e.name + (e.isDirectory() ? '/' : ''), dir);
    if (e.isDirectory() ? newerThan(p, t) : !e.name.includes('.test.') && statSync(p).mtimeMs > t) return true;
  }
  return false;
}

async function compiledMain() {
  const t = builtFrom();
  if (t && !newerThan(new URL('src/', root), t) && statSync(new URL('scripts/build-cli.mjs', root)).mtimeMs <= t)
    return import('../dist/cli/main.js');
  try {
    const { buildCli } = await import('../scripts/build-cli.mjs');
    if (await buildCli()) return import('../dist/cli/main.js');
  } catch (e) {
    process.stderr.write(
      `courant: could not compile src/ to dist/ (${e.message.split('\n')[0]}); running from the TypeScript sources\n`,
    );
  }
  return undefined;
}

let cli = process.env.COURANT_FROM_SOURCE ? undefined : await compiledMain();
if (!cli) {
  const { register } = await import('tsx/esm/api');
  register();
  cli = await import('../src/cli/main.ts');
}
process.exitCode = await cli.main(process.argv.slice(2));
