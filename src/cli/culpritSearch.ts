import type { Context } from '../core/context/context.js';
import type { BisectResult } from '../core/model/culpritModel.js';
import { describeCulprits } from '../output/describeCulprits.js';
import { messages } from '../output/messages.js';
import type { Printer } from '../output/printer.js';

export interface CulpritSearchOptions {
  maxRuns?: number;
  /** Print the culprit lines (false: only the result is returned, for --json). */
  print: boolean;
}

/**
 * Runs the culprit search from the CLI: Ctrl-C and SIGTERM end the probe's test process and the
 * search (the user's tree was never touched); progress goes to stderr under --verbose.
 */
export async function culpritSearchFromCli(
  ctx: Context,
  printer: Printer,
  batchId: number | null,
  options: CulpritSearchOptions,
): Promise<BisectResult> {
  const { findCulprits } = await import('../core/bisect/findCulprits.js');
  const abort = new AbortController();
  const onSignal = () => abort.abort();
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  try {
    const result = await findCulprits(ctx, batchId, {
      ...(options.maxRuns !== undefined ? { maxRuns: options.maxRuns } : {}),
      signal: abort.signal,
      onProbe: ({ run, tree, tests }) => printer.debug(messages.culpritProbe(run, tests, tree)),
    });
    if (options.print) for (const line of describeCulprits(printer, result)) printer.result(line);
    return result;
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  }
}
