import { toBaseline, writeBaselineFile } from '../../core/compare/baselineFile.js';
import { countsLine } from '../../core/format/testLabel.js';
import { BatchError } from '../../core/context/errors.js';
import { messages } from '../../output/messages.js';
import { defineCommand, type GlobalArgs } from '../commandModule.js';
import { cliContext } from '../cliContext.js';
import type { Run } from '../../core/model/runModel.js';
import type { Printer } from '../../output/printer.js';
import { projectPaths } from '../projectPaths.js';
import { checkResultsGiven, runForComparison } from '../runForComparison.js';

/** `--from-history`: the run the history store picks for the branch (the current one by default). */
async function runFromHistory(
  args: GlobalArgs & { branch?: string | undefined },
  printer: Printer,
): Promise<Run> {
  const ctx = await cliContext(args, printer);
  const { withHistory } = await import('../../core/history/historySession.js');
  const { baselineFromHistory } = await import('../../core/history/baselineFromHistory.js');
  const { currentBranch } = await import('../../core/history/runOrigin.js');
  const branch = args.branch ?? (await currentBranch(ctx));
  const run = await withHistory(ctx, 'baseline', (session) => baselineFromHistory(session, branch));
  printer.info(messages.baselineFromHistory(run.id, null, run.timestamp));
  return run;
}

/** `batch baseline`: stores a run (the last one, one run now, or report files) as the portable baseline file. */
export const baselineCommand = defineCommand({
  command: 'baseline',
  describe: 'Set the baseline: from report files (--results), else from the last run',
  builder: (yargs) =>
    yargs
      .option('results', {
        type: 'string',
        array: true,
        describe: 'Report files or globs to read (one per CI shard, merged), e.g. "reports/*.xml"',
      })
      .option('baseline-file', {
        type: 'string',
        describe:
          'Where to write the baseline (default .batch/baseline.json; required outside a git repository)',
      })
      .option('from-history', {
        type: 'boolean',
        default: false,
        describe: 'Take the last complete run without new failures from the history store',
      })
      .option('branch', { type: 'string', describe: 'With --from-history: the branch whose runs count' })
      .example('batch baseline --from-history --branch main', 'CI: the baseline from the team database')
      .example('batch baseline', 'the last run becomes the baseline (the tests run now if there is none)')
      .example(
        'batch baseline --results "reports/*.xml" --baseline-file baseline.json',
        'baseline from CI reports',
      ),
  run: async (args, printer) => {
    checkResultsGiven(args.results);
    const paths = await projectPaths(args.cwd, args['baseline-file'], 'baseline');
    const run = args['from-history']
      ? await runFromHistory(args, printer)
      : await runForComparison(args, printer, 'baseline', paths);
    // A run that failed before any test reported is no reference: every test would read as added.
    const reported = run.tests.some((t) => !t.id.startsWith('batch::')) || run.passed > 0;
    if (!reported && ((run.exitCode !== null && run.exitCode !== 0) || run.timedOut)) {
      throw new BatchError(messages.baselineFromFailedRun(run.exitCode), {
        hint: messages.baselineFromFailedRunHint,
      });
    }
    await writeBaselineFile(paths.baselineFile, toBaseline(run, paths.worktreeRoot ?? paths.cwd));
    if (run.total === 0) printer.warn(messages.baselineEmpty);
    if (run.failed > 0) printer.warn(messages.baselineHoldsFailures(run.failed));
    if (run.source.granularity === 'summary') printer.warn(messages.baselinePartial);
    printer.info(messages.baselineWritten(paths.baselineShownAs, run.total));
    printer.info(countsLine(run));
    return 0;
  },
});
