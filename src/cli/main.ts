/**
 * @module cli/main
 * `courant <command> [options]`: dispatches to src/cli/commands/*, renders CourantError as `error CODE: message`.
 */
import type { CliIo, CommandEntry } from './command.ts';
import { COMMANDS } from './commands/index.ts';
import { isCourantError } from '../core/errors.ts';
import { VERSION } from '../core/version.ts';
import { restrictNewFiles } from '../backend/data-dir.ts';

function help(cmds: readonly CommandEntry[]): string {
  return [
    `courant ${VERSION}: a privacy-first hub for Linky smart-meter data`,
    '',
    'usage: courant <command> [options]     (every command takes --data-dir DIR and --config FILE)',
    '',
    ...cmds.map((c) => `  ${c.name.padEnd(10)} ${c.summary}`),
    '',
    'courant help <command> shows its options. Docs: README.md, docs/.',
  ].join('\n');
}

export async function main(
  argv: string[],
  io: CliIo = {
    stdout: process.stdout,
    stderr: process.stderr,
    stdin: process.stdin,
    env: process.env,
    cwd: process.cwd(),
  },
): Promise<number> {
  restrictNewFiles(); // files courant creates (database, WAL, exports) are the running user's only
  const cmds = COMMANDS;
  const [name, ...rest] = argv;
  if (!name || name === 'help' || name === '--help' || name === '-h') {
    const target = rest[0] ? cmds.find((c) => c.name === rest[0]) : undefined;
    io.stdout.write((target ? `${target.summary}\nusage: ${(await target.load()).usage}` : help(cmds)) + '\n');
    return 0;
  }
  if (name === '--version' || name === 'version') {
    io.stdout.write(`${VERSION}\n`);
    return 0;
  }
  const entry = cmds.find((c) => c.name === name);
  if (!entry) {
    io.stderr.write(`error CLI_USAGE: unknown command ${JSON.stringify(name)}\n\n${help(cmds)}\n`);
    return 2;
  }
  const cmd = await entry.load();
  if (rest.includes('--help') || rest.includes('-h')) {
    io.stdout.write(`${entry.summary}\nusage: ${cmd.usage}\n`);
    return 0;
  }
  try {
    return await cmd.run(rest, io);
  } catch (e) {
    // the reader went away (e.g. `courant export … | head`): not an error of ours
    if ((e as NodeJS.ErrnoException).code === 'EPIPE') return 0;
    if (isCourantError(e)) {
      io.stderr.write(`error ${e.code}: ${e.message}\n`);
      return e.code === 'CLI_USAGE' ? 2 : 1;
    }
    io.stderr.write(`error: ${(e as Error).stack ?? String(e)}\n`);
    return 1;
  }
}
