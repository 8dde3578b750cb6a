/** Report files given with `--results`, read into one run (the CLI runs the tests when there are none). */
import type { Clock } from './clock.js';
import type { Logger } from './logger.js';
import { readResults } from './readResults.js';
import { runFromReport } from './runFromReport.js';
import type { Run } from './runModel.js';

export interface RunRequest {
  /** `--results` patterns; empty means "run the tests" (compare) or "the last run, else run" (baseline). */
  results: readonly string[];
  /** `run-now` for compare; `last-run-or-run-now` for baseline (DESIGN.md). */
  mode: 'run-now' | 'last-run-or-run-now';
  command: 'compare' | 'baseline';
  cwd: string;
  /** The git worktree root, or null outside a repository. */
  worktreeRoot: string | null;
  clock: Clock;
  logger: Logger;
}

/** Reads the `--results` files into one run, paths relative to the worktree root (or the cwd). */
export async function runFromResultFiles(request: RunRequest): Promise<Run> {
  const root = request.worktreeRoot ?? request.cwd;
  const { report, files } = await readResults(request.results, {
    cwd: request.cwd,
    root,
    logger: request.logger,
  });
  return runFromReport(report, { root, files, timestamp: request.clock.now().toISOString() });
}
