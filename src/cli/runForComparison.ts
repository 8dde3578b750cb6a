import { runFromResultFiles } from '../core/runs/acquireRun.js';
import { systemClock } from '../core/context/clock.js';
import type { Comparison } from '../core/model/comparisonModel.js';
import { compareMessages } from '../core/compare/compareMessages.js';
import { BatchError, InterruptedError } from '../core/context/errors.js';
import type { Run } from '../core/model/runModel.js';
import { messages } from '../output/messages.js';
import type { Printer } from '../output/printer.js';
import type { GlobalArgs } from './commandModule.js';

/** `--results` given with nothing after it (or only empty words): a usage error, not "run the tests". */
export function checkResultsGiven(results: readonly string[] | undefined): void {
  if (results === undefined) return;
  if (results.length === 0 || results.some((r) => r.trim() === '')) {
    throw new BatchError('--results needs report files or globs', {
      hint: 'e.g. `--results "reports/*.xml"`; without --results the tests run (or the last run is used)',
    });
  }
}

/**
 * The run `compare` and `baseline` work on: the `--results` files read into one run, or, without
 * them, what runWithoutResults says.
 */
export function runForComparison(
  args: GlobalArgs & { results?: string[] | undefined },
  printer: Printer,
  command: 'compare' | 'baseline',
  paths: { cwd: string; worktreeRoot: string | null },
): Promise<Run> {
  if (args.results === undefined || args.results.length === 0)
    return runWithoutResults(args, printer, command, paths.worktreeRoot);
  return runFromResultFiles({
    results: args.results,
    cwd: paths.cwd,
    worktreeRoot: paths.worktreeRoot,
    clock: systemClock,
    logger: printer,
  });
}

/**
 * The run `compare` and `baseline` use when no `--results` are given: `baseline` takes the last stored
 * run (running the tests when there is none), `compare` runs the tests now. Both need a repository.
 */
async function runWithoutResults(
  args: GlobalArgs,
  printer: Printer,
  command: 'compare' | 'baseline',
  worktreeRoot: string | null,
): Promise<Run> {
  if (worktreeRoot === null) {
    throw new BatchError(compareMessages.needResults(command), { hint: compareMessages.needResultsHint });
  }
  const [{ cliContext }, { peekState }, { lastFullRun }, { executeRunFromCli }] = await Promise.all([
    import('./cliContext.js'),
    import('../core/state/session.js'),
    import('../core/runs/runStore.js'),
    import('./runAndReport.js'),
  ]);
  const ctx = await cliContext(args, printer);
  const state = await peekState(ctx);
  if (command === 'baseline') {
    const last = lastFullRun(ctx);
    if (last) {
      printer.info(messages.baselineFromRun(last.id, last.batchId));
      return last;
    }
  }
  const run = await executeRunFromCli(ctx, printer, {
    batchId: state?.currentBatch.id ?? 1,
    json: args.json === true,
  });
  if (run.interrupted) throw new InterruptedError(messages.comparisonInterrupted);
  return run;
}

/** A glob naming exactly these files (tinyglobby reads `{a,b}` as either). */
function filesPattern(files: string[]): string | undefined {
  if (files.length === 0) return undefined;
  return files.length === 1 ? files[0] : `{${files.join(',')}}`;
}

/**
 * `compare --retries N`: runs the new failures again (only their test files where the report names
 * them, the whole suite otherwise), up to N times, and returns which passed on a retry (flaky).
 */
export async function retryNewFailures(
  args: GlobalArgs,
  printer: Printer,
  comparison: Comparison,
  retries: number,
): Promise<Map<string, boolean>> {
  const passed = new Map<string, boolean>();
  const [{ cliContext }, { peekState }, { executeRunFromCli }] = await Promise.all([
    import('./cliContext.js'),
    import('../core/state/session.js'),
    import('./runAndReport.js'),
  ]);
  const ctx = await cliContext(args, printer);
  let remaining = comparison.newFailures;
  for (let attempt = 1; attempt <= retries && remaining.length > 0; attempt++) {
    const files = remaining.every((t) => t.file)
      ? [...new Set(remaining.map((t) => t.file ?? ''))].sort()
      : [];
    printer.info(messages.retrying(attempt, retries, remaining.length));
    const state = await peekState(ctx);
    const pattern = filesPattern(files);
    const run = await executeRunFromCli(ctx, printer, {
      batchId: state?.currentBatch.id ?? 1,
      json: args.json === true,
      ...(pattern ? { pattern } : {}),
    });
    if (run.interrupted) throw new InterruptedError(messages.comparisonInterrupted);
    const status = new Map(run.tests.map((t) => [t.id, t.status]));
    for (const test of remaining) if (status.get(test.id) === 'passed') passed.set(test.id, true);
    remaining = remaining.filter((t) => !passed.get(t.id));
  }
  return passed;
}
