import { resolve } from 'node:path';
import { openContext, type Context } from '../core/context/context.js';
import type { Printer } from '../output/printer.js';
import type { GlobalArgs } from './commandModule.js';

/** The core context for a CLI invocation: cwd from --cwd or the process, the printer as logger. */
export function cliContext(args: GlobalArgs, printer: Printer): Promise<Context> {
  return openContext({ cwd: resolve(args.cwd ?? process.cwd()), env: process.env, logger: printer });
}
