import { toBaseline, writeBaselineFile } from '../../core/compare/baselineFile.js';
import { countsLine } from '../../core/format/testLabel.js';
import { BatchError } from '../../core/context/errors.js';
import { messages } from '../../output/messages.js';
import { defineCommand } from '../commandModule.js';
import { projectPaths } from '../projectPaths.js';
import { checkResultsGiven, runForComparison } from '../runForComparison.js';

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
      .example('batch baseline', 'the last run becomes the baseline (the tests run now if there is none)')
      .example(
        'batch baseline --results "reports/*.xml" --baseline-file baseline.json',
        'baseline from CI reports',
      ),
  run: async (args, printer) => {
    checkResultsGiven(args.results);
    const paths = await projectPaths(args.cwd, args['baseline-file'], 'baseline');
    const run = await runForComparison(args, printer, 'baseline', paths);
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
