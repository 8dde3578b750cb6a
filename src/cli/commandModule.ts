import type { Argv } from 'yargs';
import type { Printer } from '../output/printer.js';

/** Options every command accepts. */
export interface GlobalArgs {
  cwd: string | undefined;
  quiet: boolean;
  verbose: boolean;
  json?: boolean;
}

/**
 * One command, one small file: yargs metadata, a builder for its flags, and `run`, which parses nothing
 * itself, calls core, renders, and returns the exit code. Only main.ts turns that into `process.exitCode`.
 */
export interface BatchCommand<A = object> {
  command: string | string[];
  /** false hides the command from --help (the entry the installed git hooks call). */
  describe: string | false;
  builder: (yargs: Argv<GlobalArgs>) => Argv<A & GlobalArgs>;
  run: (args: A & GlobalArgs, printer: Printer) => Promise<number>;
}

/** Helps TypeScript infer a command's argument type from its builder. */
export function defineCommand<A>(command: BatchCommand<A>): BatchCommand<A> {
  return command;
}
