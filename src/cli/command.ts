/**
 * @module cli/command
 * The contract every `courant <verb>` implements. Commands parse their own argv (node:util parseArgs),
 * call services, and print; they hold no business logic. Errors are thrown as CourantError and rendered by main.ts.
 */
export interface CliIo {
  readonly stdout: NodeJS.WritableStream;
  readonly stderr: NodeJS.WritableStream;
  readonly stdin: NodeJS.ReadableStream;
  readonly env: NodeJS.ProcessEnv;
  readonly cwd: string;
}

export interface Command {
  /** Usage text printed by `courant help <name>` and on CLI_USAGE errors. */
  readonly usage: string;
  /** Returns the process exit code. */
  run(argv: string[], io: CliIo): Promise<number>;
}

/**
 * A command as the registry (commands/index.ts) lists it: enough for `courant help` without loading the command's
 * module, which brings DuckDB, Fastify or the importers with it. `load` runs only for the command asked for.
 */
export interface CommandEntry {
  /** First word after `courant`. */
  readonly name: string;
  /** One line for `courant help`. */
  readonly summary: string;
  load(): Promise<Command>;
}
