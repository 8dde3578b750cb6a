/** Where `compare` and `baseline` get the run they work on: report files now, the test runner later. */
import { compareMessages } from './compareMessages.js';
import type { Clock } from './clock.js';
import { BatchError } from './errors.js';
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

/**
 * The single place where the test runner plugs in: with no `--results`, `compare` must run the tests
 * now and `baseline` must take the last stored run (or run the tests when there is none). Until the
 * runner exists this says `--results` is needed.
 */
export async function runWithoutResults(request: RunRequest): Promise<Run> {
  await Promise.resolve();
  throw new BatchError(compareMessages.needResults(request.command), {
    hint: compareMessages.needResultsHint,
  });
}

/** The run a comparison or a baseline is made of. */
export async function acquireRun(request: RunRequest): Promise<Run> {
  return request.results.length > 0 ? runFromResultFiles(request) : runWithoutResults(request);
}
