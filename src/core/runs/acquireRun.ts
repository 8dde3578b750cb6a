/** Report files given with `--results`, read into one run (the CLI runs the tests when there are none). */
import type { Clock } from '../context/clock.js';
import type { Logger } from '../context/logger.js';
import { readResults } from './readResults.js';
import { runFromReport } from './runFromReport.js';
import type { Run } from '../model/runModel.js';

export interface RunRequest {
  /** `--results` patterns (paths or globs). */
  results: readonly string[];
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
