#!/usr/bin/env node
// Entry point of the `courant` command: registers the TypeScript loader, then runs the CLI.
import { register } from 'tsx/esm/api';
// The reader went away (`courant tic decode … --json | head -1`): stop quietly, like any Unix tool, whatever the
// command was writing. Node ignores SIGPIPE, so the closed pipe arrives as an EPIPE error on the stream.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (e) => {
    if (e.code === 'EPIPE') process.exit(0);
    throw e;
  });
}
register();
const { main } = await import('../src/cli/main.ts');
process.exitCode = await main(process.argv.slice(2));
